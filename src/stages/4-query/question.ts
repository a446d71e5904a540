/**
 * A question as the answer stage reads it: the content terms to look for
 * with their weights (an acronym the articles define also matching its long
 * form), the kind of answer it asks for, and the language it is in.
 */
import type { AnalyzedQuestion, Lexicon, QuestionTerm } from '../../contracts/query.ts';
import { CORPUS_LANGUAGE } from '../../lang/index.ts';
import { contentStems, contentStemsAndWords, foldWord, isStopWord, languageOf, withoutQuestionForms, words } from '../../text/words.ts';
import { answerTypeOf, namesAnswerType } from './answer-type.ts';
import type { Glossary } from './glossary.ts';

export function analyzeQuestion(text: string, glossary: Glossary, lexicon: Lexicon): AnalyzedQuestion {
  const longForms: string[] = [];
  const answerType = answerTypeOf(text);
  const terms = new Map<string, QuestionTerm>();
  const questionWords = words(withoutQuestionForms(text));
  for (const [position, word] of questionWords.entries()) {
    const folded = foldWord(word);
    if (isStopWord(folded)) continue;
    const stem = contentStems(word)[0];
    if (!stem || terms.has(stem)) continue;
    const longForm = glossary.get(folded) ?? null;
    if (longForm) longForms.push(longForm);
    const stems = lexicon.expand(stem);
    terms.set(stem, {
      word,
      stems,
      known: stems.some((s) => lexicon.knows(s)),
      weight: lexicon.idf(stem),
      namesAnswerType: namesAnswerType(answerType, folded),
      // The first word is capitalised by the sentence, not by being a name.
      languageIndependent: /\d/.test(word) || (position > 0 && /^\p{Lu}/u.test(word)),
      longForm: longForm ? contentStems(longForm).map((s) => lexicon.expand(s)) : null,
    });
  }
  // Its words as written, read once for both their pairs and their hashes.
  const written = contentStemsAndWords(text);
  return {
    text,
    terms: [...terms.values()],
    answerType,
    longForms,
    inCorpusLanguage: languageOf(questionWords) === CORPUS_LANGUAGE,
    subject: subjectOf([...terms.values()]),
    wordPairs: Uint32Array.from(written.pairs),
    wordHashes: Uint32Array.from(new Set(written.hashes)),
  };
}

function subjectOf(terms: readonly QuestionTerm[]): QuestionTerm[] | null {
  const isName = (term: QuestionTerm) => term.longForm !== null || (term.known && term.languageIndependent && !/\d/.test(term.stems[0] ?? ''));
  const names = terms.filter(isName);
  const rest = terms.filter((term) => !isName(term) && !term.namesAnswerType);
  return names.length > 0 && rest.length === 0 ? names : null;
}

/** Share of an acronym's long-form words that must be present for the long form to count. */
const LONG_FORM_SHARE = 0.8;

/**
 * The share of the question's term weight that a text covers: 1 when every
 * content word of the question (or most of an acronym's long form) is there.
 * `holdsAnswerType`: the text holds the kind of answer asked for, which
 * covers the nouns that name it.
 */
export function termCoverage(question: AnalyzedQuestion, textStems: ReadonlySet<string>, holdsAnswerType = false): number {
  let total = 0;
  let covered = 0;
  // Plain loops: this runs for every sentence of every retrieved paragraph, question after question.
  for (let i = 0; i < question.terms.length; i++) {
    const term = question.terms[i]!;
    if (!countsInCoverage(question, term)) continue;
    total += term.weight;
    if (mentionsTerm(term, textStems) || (term.namesAnswerType && holdsAnswerType)) covered += term.weight;
  }
  return total === 0 ? 0 : covered / total;
}

/**
 * Whether a term counts in the share of the question a text holds. A question
 * in another language than the corpus shares only names, numbers and cognates
 * with it: its other words the corpus never uses are no evidence either way
 * (the engine asks for other corroboration instead).
 */
export function countsInCoverage(question: AnalyzedQuestion, term: QuestionTerm): boolean {
  return question.inCorpusLanguage || term.known || term.languageIndependent;
}

/** Whether a text uses the term, or most of the long form of the acronym it is. */
export function mentionsTerm(term: QuestionTerm, textStems: ReadonlySet<string>): boolean {
  if (anyOf(term.stems, textStems)) return true;
  if (term.longForm === null) return false;
  let found = 0;
  for (const stems of term.longForm) if (anyOf(stems, textStems)) found++;
  return found >= LONG_FORM_SHARE * term.longForm.length;
}

function anyOf(stems: readonly string[], textStems: ReadonlySet<string>): boolean {
  for (let i = 0; i < stems.length; i++) if (textStems.has(stems[i]!)) return true;
  return false;
}
