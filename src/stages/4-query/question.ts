/**
 * A question as the answer stage reads it: the content terms to look for
 * with their weights (an acronym the articles define also matching its long
 * form), the kind of answer it asks for, and the language it is in.
 */
import { fold } from '../../text/fold.ts';
import { contentStems, isStopWord, words } from '../../text/words.ts';
import { eng as englishStopWords, fra as frenchStopWords } from 'stopword';
import { answerTypeOf, namesAnswerType, type AnswerType } from './answer-type.ts';
import type { Glossary } from './glossary.ts';
import type { LexicalIndex, LexicalTerm } from '../5-retrieve/lexical-index.ts';

export interface QuestionTerm extends LexicalTerm {
  /** Whether any indexed paragraph uses the term. */
  known: boolean;
  /** A noun that names the kind of answer asked for ("rôle", "crainte"): a sentence holding that kind of answer covers it. */
  namesAnswerType: boolean;
  /**
   * A number or a capitalised name: written alike in most languages, so the
   * corpus not using it counts against an answer even across languages.
   */
  languageIndependent: boolean;
  /** The long form of an acronym, one list of acceptable stems per word; most of them present also counts. */
  longForm: (readonly string[])[] | null;
}

export interface AnalyzedQuestion {
  text: string;
  terms: QuestionTerm[];
  answerType: AnswerType;
  /** Long forms of the acronyms the question names. */
  longForms: string[];
  /** Whether the question is written in the corpus language (French). */
  inCorpusLanguage: boolean;
  /**
   * The name the question asks to identify or characterise ("Qui est Amine
   * Kessaci ?", "Quel est le rôle de l'EMCO ?"): its terms, when its other
   * words only name the kind of answer; null otherwise.
   */
  subject: QuestionTerm[] | null;
}

const ENGLISH_STOP_WORDS = new Set(englishStopWords.map(fold));
const FRENCH_STOP_WORDS = new Set(frenchStopWords.map(fold));

export function analyzeQuestion(text: string, glossary: Glossary, lexicon: LexicalIndex): AnalyzedQuestion {
  const longForms: string[] = [];
  const answerType = answerTypeOf(text);
  const terms = new Map<string, QuestionTerm>();
  const questionWords = words(text);
  for (const [position, word] of questionWords.entries()) {
    const folded = fold(word);
    if (isStopWord(folded)) continue;
    const stem = contentStems(word)[0];
    if (!stem || terms.has(stem)) continue;
    const longForm = glossary.get(folded) ?? null;
    if (longForm) longForms.push(longForm);
    const stems = lexicon.expand(stem);
    terms.set(stem, {
      stems,
      known: stems.some((s) => lexicon.knows(s)),
      weight: lexicon.idf(stem),
      namesAnswerType: namesAnswerType(answerType, folded),
      // The first word is capitalised by the sentence, not by being a name.
      languageIndependent: /\d/.test(word) || (position > 0 && /^\p{Lu}/u.test(word)),
      longForm: longForm ? contentStems(longForm).map((s) => lexicon.expand(s)) : null,
    });
  }
  const folded = questionWords.map(fold);
  const english = folded.filter((w) => ENGLISH_STOP_WORDS.has(w) && !FRENCH_STOP_WORDS.has(w)).length;
  const french = folded.filter((w) => FRENCH_STOP_WORDS.has(w) && !ENGLISH_STOP_WORDS.has(w)).length;
  return {
    text,
    terms: [...terms.values()],
    answerType,
    longForms,
    inCorpusLanguage: french >= english,
    subject: subjectOf([...terms.values()]),
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
  for (const term of question.terms) {
    // A question in another language than the corpus shares only names, numbers
    // and cognates with it: its other words the corpus never uses are no evidence
    // either way (the engine asks for other corroboration instead).
    if (!question.inCorpusLanguage && !term.known && !term.languageIndependent) continue;
    total += term.weight;
    if (mentionsTerm(term, textStems) || (term.namesAnswerType && holdsAnswerType)) covered += term.weight;
  }
  return total === 0 ? 0 : covered / total;
}

/** Whether a text uses the term, or most of the long form of the acronym it is. */
export function mentionsTerm(term: QuestionTerm, textStems: ReadonlySet<string>): boolean {
  const has = (stems: readonly string[]) => stems.some((s) => textStems.has(s));
  return has(term.stems) || (term.longForm !== null && term.longForm.filter(has).length >= LONG_FORM_SHARE * term.longForm.length);
}
