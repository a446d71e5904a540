/**
 * What kind of answer a question asks for — a person, a number, a date, a
 * place, a purpose, a definition, what someone said or fears — and whether
 * a sentence holds one. A classic question-answering signal: among
 * sentences on the right topic, prefer the one that holds the kind of thing
 * asked for. The words that say so are in the language packs (src/lang);
 * questions and sentences are read in every language ancre knows.
 */
import type { AnswerType } from '../../contracts/query.ts';
import { acrossLanguages, LANGUAGES, type AnswerTypeCues } from '../../lang/index.ts';
import { LruCache } from '../../shared/lru-cache.ts';
import { fold } from '../../text/fold.ts';

/** The kinds tried on a question, most specific first: "que signifie" before a bare "quel". */
const QUESTION_ORDER: readonly Exclude<AnswerType, 'other'>[] = ['definition', 'number', 'date', 'place', 'person', 'statement', 'purpose'];

const cues = (pick: (cues: AnswerTypeCues) => RegExp | undefined): RegExp[] =>
  LANGUAGES.flatMap((pack) => pick(pack.answerTypes) ?? []);

const TYPE_NOUNS = new Map<AnswerType, ReadonlySet<string>>(
  QUESTION_ORDER.map((type) => [
    type,
    new Set(type === 'person' ? acrossLanguages((p) => p.answerTypes.personNouns) : acrossLanguages((p) => p.answerTypes.typeNouns[type])),
  ]),
);

/** Each kind's question patterns from every pack, gathered once: matched against the folded question, or as written. */
const QUESTION_CUES = QUESTION_ORDER.map((type) => ({
  type,
  folded: cues((c) => c.questions[type]),
  unfolded: cues((c) => c.unfoldedQuestions?.[type]),
}));

export function answerTypeOf(question: string): AnswerType {
  // Through the same cache as the cues read it with, sentence after sentence: the question is folded once.
  const folded = foldedQuestion(question);
  const asks = (kind: (typeof QUESTION_CUES)[number]) =>
    kind.folded.some((pattern) => pattern.test(folded)) || kind.unfolded.some((pattern) => pattern.test(question));
  return QUESTION_CUES.find(asks)?.type ?? 'other';
}

/** Whether a (folded) question word only names the kind of answer its question asks for, as "rôle" in "le rôle de l'EMCO". */
export function namesAnswerType(type: AnswerType, foldedWord: string): boolean {
  const nouns = TYPE_NOUNS.get(type);
  if (!nouns) return false;
  return nouns.has(foldedWord) || (foldedWord.endsWith('s') && nouns.has(foldedWord.slice(0, -1)));
}

/** Two capitalised words or more: a person's name, in any language written in Latin script. */
const PERSON_NAME = /\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)+/gu;
/** Years of the last three centuries and day/month dates: written alike in every language. */
const NUMERIC_DATE = /\b(1[89]|20)\d\d\b|\b\d{1,2}\/\d{1,2}\b/;
const QUOTATION_MARK = /["«»“”]/;

const NUMBER_WORDS = cues((c) => c.numberWords);
const DATED_NUMBERS = cues((c) => c.datedNumbers);
const DATE_WORDS = cues((c) => c.dateWords);
const PLACE_CUES = cues((c) => c.place);
const STATEMENT_CUES = cues((c) => c.statement);
const PURPOSE_CUES = cues((c) => c.purpose);

/**
 * What a text holds of each kind of answer, read once and remembered:
 * retrieval and answering ask it of the same paragraphs and sentences for
 * question after question, and the cues are the same whatever the question.
 * Each kind is read the first time it is asked for.
 */
export class AnswerCues {
  private readonly kinds = new Map<AnswerType, boolean>();
  private names: readonly string[] | undefined;
  private foldedText: string | undefined;

  constructor(readonly text: string) {}

  /** The text folded (text/fold.ts), as most cues read it: folded once, when first needed. */
  private get folded(): string {
    return (this.foldedText ??= fold(this.text));
  }

  holds(type: AnswerType, question: string, longForms: readonly string[]): boolean {
    switch (type) {
      case 'person': {
        // A name the question itself gives is not the person it asks for.
        const asked = foldedQuestion(question);
        this.names ??= [...this.text.matchAll(PERSON_NAME)].map((m) => fold(m[0]));
        return this.names.some((name) => !asked.includes(name));
      }
      case 'definition':
        return longForms.some((longForm) => this.folded.includes(foldedQuestion(longForm)));
      case 'other':
        return false;
      default: {
        let holds = this.kinds.get(type);
        if (holds === undefined) this.kinds.set(type, (holds = this.read(type)));
        return holds;
      }
    }
  }

  /** The kinds whose cues are in the text alone. */
  private read(type: 'number' | 'date' | 'place' | 'statement' | 'purpose'): boolean {
    const any = (patterns: readonly RegExp[], text: string) => patterns.some((pattern) => pattern.test(text));
    switch (type) {
      case 'number':
        return /\d/.test(DATED_NUMBERS.reduce((text, dated) => text.replace(dated, ' '), this.folded)) || any(NUMBER_WORDS, this.folded);
      case 'date':
        return any(DATE_WORDS, this.folded) || NUMERIC_DATE.test(this.folded);
      case 'place':
        return any(PLACE_CUES, this.text);
      case 'statement':
        return QUOTATION_MARK.test(this.folded) || any(STATEMENT_CUES, this.folded);
      case 'purpose':
        return any(PURPOSE_CUES, this.folded);
    }
  }
}

/** Questions and long forms folded, for the few questions being answered at a time (each is read against dozens of sentences). */
const recentFolds = new LruCache<string, string>(64);
const foldedQuestion = (text: string) => recentFolds.getOrCompute(text, fold);

/** Whether `text` holds an answer of `type` to `question` (AnswerCues remembers what it read, for a text asked again). */
export function holdsAnswerType(type: AnswerType, text: string, question: string, longForms: readonly string[]): boolean {
  return new AnswerCues(text).holds(type, question, longForms);
}
