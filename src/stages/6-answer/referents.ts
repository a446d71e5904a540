/**
 * A quote must make sense on its own. A chosen sentence that points back
 * ("Elle abordera…", "Pour rappel, cette affaire…") brings the sentence
 * before it; one that announces the next ("…avait révélé plusieurs
 * défaillances.") brings the sentence after it. Only within its paragraph,
 * one step each way, and always verbatim: the sentences are whole ones
 * of the paragraph, joined into one quote by assembly.
 */
import { acrossLanguages } from '../../lang/index.ts';
import { LruCache } from '../../shared/lru-cache.ts';
import { fold } from '../../text/fold.ts';
import { sentenceKey, type ScoredSentence } from './score.ts';

const PRONOUNS = acrossLanguages((pack) => pack.references.pronouns);
const DEMONSTRATIVES = new Set(acrossLanguages((pack) => pack.references.demonstratives));
const TIME_NOUNS = new Set(acrossLanguages((pack) => pack.references.timeNouns));
const REACH = Math.max(...acrossLanguages((pack) => [pack.references.demonstrativeReach]));
const FORWARD = acrossLanguages((pack) => [pack.references.forward]);

/**
 * What was read of the sentences quoted last: the same sentences come up
 * question after question, and reading one folds it whole.
 */
const SENTENCES_REMEMBERED = 4096;
const backward = new LruCache<string, boolean>(SENTENCES_REMEMBERED);
const forward = new LruCache<string, boolean>(SENTENCES_REMEMBERED);

/** Whether a sentence takes up something its paragraph named before it. */
export function refersBack(sentence: string): boolean {
  return backward.getOrCompute(sentence, readsBack);
}

/** Whether a sentence announces what the next one says. */
export function refersForward(sentence: string): boolean {
  return forward.getOrCompute(sentence, readsForward);
}

function readsBack(sentence: string): boolean {
  const folded = fold(sentence).replace(/[’']/g, "'");
  if (PRONOUNS.some((pronoun) => folded.startsWith(`${pronoun} `) || folded.startsWith(`${pronoun},`))) return true;
  const words = folded.split(/[\s,;:«»"()]+/).filter(Boolean).slice(0, REACH + 1);
  return words.some((word, i) => DEMONSTRATIVES.has(word) && words[i + 1] !== undefined && !TIME_NOUNS.has(words[i + 1]!));
}

function readsForward(sentence: string): boolean {
  const folded = fold(sentence);
  return FORWARD.some((pattern) => pattern.test(folded));
}

/** The chosen sentences with the neighbours they point to, each added once. */
export function withReferents(chosen: readonly ScoredSentence[]): ScoredSentence[] {
  const taken = new Set(chosen.map((s) => sentenceKey(s.chunk, s.index)));
  const out = [...chosen];
  const add = (anchor: ScoredSentence, index: number) => {
    const sentence = anchor.chunk.sentences[index];
    const key = sentenceKey(anchor.chunk, index);
    if (!sentence || taken.has(key)) return;
    taken.add(key);
    out.push({ ...anchor, index, sentence, coverage: 0, holdsAnswerType: false, introducesSubject: false });
  };
  for (const s of chosen) {
    if (refersBack(s.sentence.text)) add(s, s.index - 1);
    if (refersForward(s.sentence.text)) add(s, s.index + 1);
  }
  return out;
}
