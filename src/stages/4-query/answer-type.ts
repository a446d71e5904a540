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

export function answerTypeOf(question: string): AnswerType {
  const folded = fold(question);
  const asks = (type: AnswerType) =>
    cues((c) => c.questions[type]).some((pattern) => pattern.test(folded)) ||
    cues((c) => c.unfoldedQuestions?.[type]).some((pattern) => pattern.test(question));
  return QUESTION_ORDER.find(asks) ?? 'other';
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
const DATE_WORDS = cues((c) => c.dateWords);
const PLACE_CUES = cues((c) => c.place);
const STATEMENT_CUES = cues((c) => c.statement);
const PURPOSE_CUES = cues((c) => c.purpose);

/** Whether `sentence` holds an answer of `type` to `question`; `folded`: the sentence folded, when the caller has it already. */
export function holdsAnswerType(type: AnswerType, sentence: string, question: string, longForms: readonly string[], folded = fold(sentence)): boolean {
  const any = (patterns: readonly RegExp[], text: string) => patterns.some((pattern) => pattern.test(text));
  switch (type) {
    case 'person': {
      const asked = fold(question);
      return [...sentence.matchAll(PERSON_NAME)].some((m) => !asked.includes(fold(m[0])));
    }
    case 'number':
      return /\d/.test(sentence) || any(NUMBER_WORDS, folded);
    case 'date':
      return any(DATE_WORDS, folded) || NUMERIC_DATE.test(folded);
    case 'place':
      return any(PLACE_CUES, sentence);
    case 'statement':
      return QUOTATION_MARK.test(folded) || any(STATEMENT_CUES, folded);
    case 'purpose':
      return any(PURPOSE_CUES, folded);
    case 'definition':
      return longForms.some((longForm) => folded.includes(fold(longForm)));
    case 'other':
      return false;
  }
}
