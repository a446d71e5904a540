/** A question once analysed (stages/4-query): what it asks about and for, in the form retrieval and answering read. */

export const ANSWER_TYPES = ['person', 'number', 'date', 'place', 'purpose', 'definition', 'statement', 'other'] as const;
/** The kind of answer a question asks for. */
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** One term of a query: any of its stems counts; `weight` is its importance. */
export interface LexicalTerm {
  stems: readonly string[];
  weight: number;
}

/**
 * What question analysis needs to know of the indexed vocabulary; the
 * lexical index (stages/5-retrieve) provides it, and analysis does not
 * depend on how it ranks.
 */
export interface Lexicon {
  /** Smoothed inverse document frequency: a stem no paragraph has weighs most, never infinitely. */
  idf(stem: string): number;
  knows(stem: string): boolean;
  /** The stem itself and the indexed stems of its word family. */
  expand(stem: string): string[];
}

export interface QuestionTerm extends LexicalTerm {
  /** The question's word, as written. */
  word: string;
  /** Whether any indexed paragraph uses the term. */
  known: boolean;
  /** A noun that names the kind of answer asked for ("rôle", "crainte"): a sentence holding that kind of answer covers it. */
  namesAnswerType: boolean;
  /** A number or a capitalised name: written alike in most languages, so the corpus not using it counts against an answer even across languages. */
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
  /** Whether the question is written in the corpus language. */
  inCorpusLanguage: boolean;
  /**
   * The name the question asks to identify or characterise ("Qui est Amine
   * Kessaci ?", "Quel est le rôle de l'EMCO ?"): its terms, when its other
   * words only name the kind of answer; null otherwise.
   */
  subject: QuestionTerm[] | null;
  /** Hashes of its consecutive words as written, folded (text/words.ts `wordPairHashes`): its phrasing, which the ranker and the sentence scores look for. */
  wordPairs: Uint32Array;
  /** Hashes of its words as written, folded, stop words too, each once (text/words.ts `wordHashes`): what the whole words' BM25 looks for. */
  wordHashes: Uint32Array;
}
