/**
 * Follow-up questions. In a conversation, "Où sont-ils déployés ?" or "Et à
 * Marseille ?" mean nothing alone: they lean on an earlier turn, whose
 * subject they leave out. This module tells whether a question leans on the
 * conversation, and writes the question it stands for: its own terms plus
 * those of the turns it leans on, as if the user had typed them. Cues are
 * linguistic (the language packs' pronouns, demonstratives and
 * continuations) or structural (a question with no subject of its own).
 */
import type { AnalyzedQuestion, QuestionTerm } from '../../contracts/query.ts';
import { acrossLanguages } from '../../lang/index.ts';
import { fold } from '../../text/fold.ts';
import { isStopWord, words } from '../../text/words.ts';

/** Why a question leans on the conversation: a pronoun or demonstrative, an opening "Et…", or no subject of its own. */
export type FollowUpCue = 'anaphor' | 'continuation' | 'no-subject';

const folded = (list: readonly string[]) => new Set(list.map(fold));
const ANAPHORS = folded(acrossLanguages((pack) => pack.followUps.anaphors));
const CONTINUATIONS = folded(acrossLanguages((pack) => pack.followUps.continuations));
const DEMONSTRATIVES = folded(acrossLanguages((pack) => pack.references.demonstratives));
const TIME_NOUNS = folded(acrossLanguages((pack) => pack.references.timeNouns));

export function followUpCue(question: AnalyzedQuestion): FollowUpCue | null {
  const tokens = words(fold(question.text));
  if (tokens.length > 0 && CONTINUATIONS.has(tokens[0]!)) return 'continuation';
  const names = new Set(question.terms.filter(namesSomething).map((term) => fold(term.word)));
  let named = false;
  for (const [i, token] of tokens.entries()) {
    named ||= names.has(token);
    // Compound pronouns ("celui-ci", "là-bas") fall apart into two tokens. A pronoun after a
    // name repeats it ("Combien de services l'EMCO regroupe-t-il ?"); before one, it refers back.
    if (!named && (ANAPHORS.has(token) || (i > 0 && ANAPHORS.has(`${tokens[i - 1]}-${token}`)))) return 'anaphor';
    // "cette affaire", "ce volet": a demonstrative before a noun takes up something named before; "ce que", "ce mois-ci" do not.
    const next = tokens[i + 1];
    if (DEMONSTRATIVES.has(token) && next !== undefined && !isStopWord(next) && !TIME_NOUNS.has(next)) return 'anaphor';
  }
  // "À quel étage ?", "Pourquoi ?": no name and at most one topic word is an ellipsis, whose subject was named before.
  const topic = question.terms.filter((term) => term.known && !term.namesAnswerType);
  return topic.some(namesSomething) || topic.length >= 2 ? null : 'no-subject';
}

/** A name the corpus knows: capitalised inside the question, not a number. */
const namesSomething = (term: QuestionTerm) => term.known && term.languageIndependent && !/\d/.test(term.word);

/** An earlier turn, analysed, with the paragraphs ancre cited for it. */
export interface EarlierTurn {
  question: AnalyzedQuestion;
  citations: readonly { doc: string; paragraph: number }[];
}

export interface Resolution {
  /** The follow-up with the terms of the turns it leans on: its own text, answer type and language. */
  question: AnalyzedQuestion;
  /** What the embedding model reads: the earlier questions, then the follow-up. */
  context: string;
  /** The latest turn read with it (1 is the first of the history). */
  turn: number;
  /** The words taken from the earlier turns. */
  terms: string[];
  /** The articles those turns cited, latest first. */
  citedDocs: string[];
  /** The paragraphs they cited. */
  cited: { doc: string; paragraph: number }[];
}

/**
 * The question a follow-up stands for, or null when the history gives it
 * nothing. It is read with the latest turn, and with the turns before for
 * as long as each of those leaned on its own predecessor: "À quel étage ?"
 * after "Où est-il basé ?" after "Qu'est-ce que l'EMCO ?" borrows from both.
 */
export function resolveFollowUp(question: AnalyzedQuestion, history: readonly EarlierTurn[]): Resolution | null {
  const chain: number[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    chain.push(i);
    if (followUpCue(history[i]!.question) === null) break;
  }
  const own = new Set(question.terms.flatMap((term) => term.stems));
  const borrowed: QuestionTerm[] = [];
  for (const i of chain) {
    for (const term of history[i]!.question.terms) {
      if (term.stems.some((stem) => own.has(stem))) continue;
      borrowed.push(term);
      for (const stem of term.stems) own.add(stem);
    }
  }
  const citedDocs = [...new Set(chain.flatMap((i) => history[i]!.citations.map((citation) => citation.doc)))];
  if (borrowed.length === 0 && citedDocs.length === 0) return null;
  const earlierTexts = chain.map((i) => history[i]!.question.text).reverse();
  return {
    question: { ...question, terms: [...question.terms, ...borrowed] },
    context: [...earlierTexts, question.text].join(' '),
    turn: chain[0]! + 1,
    terms: borrowed.map((term) => term.word),
    citedDocs,
    cited: chain.flatMap((i) => history[i]!.citations.map(({ doc, paragraph }) => ({ doc, paragraph }))),
  };
}
