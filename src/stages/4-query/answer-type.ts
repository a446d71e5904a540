/**
 * What kind of answer a question asks for — a person, a number, a date, a
 * place, a purpose, a definition, what someone said or fears — and
 * whether a sentence holds one. A
 * classic question-answering signal: among sentences on the right topic,
 * prefer the one that holds the kind of thing asked for.
 */
import { fold } from '../../text/fold.ts';

export type AnswerType = 'person' | 'number' | 'date' | 'place' | 'purpose' | 'definition' | 'statement' | 'other';

/**
 * Nouns for people by role or trade: "quel narcotrafiquant", "quel frère",
 * "which minister" ask for a person as "qui" does (QA systems read this off
 * WordNet's "person" hypernym; this corpus needs news's usual cast).
 */
const PERSON_NOUNS = [
  'personne', 'homme', 'femme', 'frere', 'soeur', 'fils', 'fille', 'pere', 'mere', 'president', 'presidente', 'ministre',
  'premier ministre', 'depute', 'senateur', 'maire', 'elu', 'prefet', 'juge', 'magistrat', 'procureur', 'avocat',
  'policier', 'gendarme', 'enqueteur', 'agent', 'operateur', 'syndicaliste', 'militant', 'militante', 'responsable',
  'dirigeant', 'chef', 'directeur', 'directrice', 'secretaire', 'journaliste', 'trafiquant', 'narcotrafiquant',
  'criminel', 'suspect', 'detenu', 'prisonnier', 'victime', 'temoin', 'person', 'man', 'woman', 'brother', 'sister',
  'minister', 'mayor', 'judge', 'prosecutor', 'lawyer', 'officer', 'trafficker', 'drug lord', 'victim', 'leader',
];
const PERSON_NOUN = `(${PERSON_NOUNS.join('|')})s?`;

const QUESTION_PATTERNS: readonly [AnswerType, RegExp][] = [
  ['definition', /\b(que (signifie|veut dire)|qu'est-ce que (signifie|veut dire)|signification|definition|what does .+ (stand for|mean)|stands? for)\b/],
  ['number', /\b(combien|how (many|much)|quel(le)?s? (nombre|quantite|montant)|what (number|amount))\b/],
  ['date', /\b(quand|when|quelle (date|annee|heure)|en quelle annee|what (date|year|time)|depuis quand)\b/],
  ['place', /\b(where|quelle (ville|region)|quel (pays|lieu|endroit)|which (city|country|place))\b/],
  ['person', new RegExp(`^(qui|who|whom|par qui)\\b|\\b(par qui|by whom)\\b|\\b(quel(le)?s?|which|what) ${PERSON_NOUN}\\b`)],
  ['statement', /\b(que (dit|disent|pense|pensent|craint|craignent|declare|estime|affirme|redoute)|quelle(s)? (crainte|inquietude|critique|position|opinion|reaction)|qu'en pense|what (does|do|did) .+ (say|think|fear|claim)|what (concern|fear|criticism)|according to)\b/],
  ['purpose', /\b(role|but|objectif|pourquoi|why|purpose|aim|goal|meant to|intended|designed to|sert a|servir|mission|vise|visent)\b|^what (is|are) .+ for\W*$/],
];

/**
 * Nouns that only name the kind of answer asked for — "le rôle de l'EMCO",
 * "quelle crainte" — as wh-words do: a sentence holding that kind of answer
 * covers them, whether or not it uses the word.
 */
const TYPE_NOUNS: Readonly<Record<AnswerType, readonly string[]>> = {
  definition: ['signification', 'definition', 'sens', 'meaning'],
  number: ['nombre', 'quantite', 'montant', 'number', 'amount'],
  date: ['date', 'annee', 'heure', 'jour', 'year', 'day'],
  place: ['ville', 'region', 'pays', 'lieu', 'endroit', 'city', 'country', 'place'],
  person: PERSON_NOUNS,
  statement: ['crainte', 'craintes', 'inquietude', 'inquietudes', 'critique', 'critiques', 'position', 'opinion', 'reaction', 'concern', 'fear', 'criticism'],
  purpose: ['role', 'but', 'objectif', 'objectifs', 'mission', 'missions', 'vocation', 'finalite', 'purpose', 'aim', 'goal'],
  other: [],
};

/** Whether a (folded) question word only names the kind of answer its question asks for. */
export function namesAnswerType(type: AnswerType, foldedWord: string): boolean {
  const nouns = TYPE_NOUNS[type];
  return nouns.includes(foldedWord) || (foldedWord.endsWith('s') && nouns.includes(foldedWord.slice(0, -1)));
}

export function answerTypeOf(question: string): AnswerType {
  // "où" folds to "ou" ("or"), so it is read as "where" before folding.
  const folded = fold(question.replace(/(^|[\s'’])où(?=\s|$)/giu, '$1where'));
  return QUESTION_PATTERNS.find(([, pattern]) => pattern.test(folded))?.[0] ?? 'other';
}

const PERSON_NAME = /\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)+/gu;
const NUMBER_WORDS =
  /\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|millions?|milliards?|dizaines?|centaines?|milliers?|premiere?|deuxieme|troisieme|quatrieme|cinquieme|dixieme|two|three|four|five|ten|twelve|fifteen|hundred|thousand|million|billion|first|second|third)\b/;
const DATE_WORDS =
  /\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|demain|aujourd'hui|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(1[89]|20)\d\d\b|\b\d{1,2}\/\d{1,2}\b/;
/** A place preposition, then a name, maybe after a few words saying what sort of place: "à Nanterre", "au centre pénitentiaire de Caen". */
const PLACE_CUES = /(?:^|\s)(?:à|au|aux|en|dans|près de|depuis|in|at)\s+(?:la |le |l['’])?(?:\p{Ll}+ ){0,2}(?:(?:de|du|des) |d['’])?(?:la |le |l['’])?\p{Lu}/u;
/** Reported speech: quotation marks, or a verb of saying, fearing, hoping. */
const STATEMENT_CUES =
  /["«»“”]|\b(a-t-il|a-t-elle|ont-ils) (explique|declare|affirme|estime|ajoute|precise|souligne)|\b(selon|d'apres|explique|declare|affirme|estime|craint|redoute|espere|denonce|regrette|s'inquiete|said|says|fears|warned)\b/;
const PURPOSE_CUES = /\b(objectif|vise|visant|viser|afin de|destine|mission|vocation|role|but est|permettre de|permet de|charge de|aim|goal|purpose|in order to)\b/;

/** Whether `sentence` holds an answer of `type` to `question`. */
export function holdsAnswerType(type: AnswerType, sentence: string, question: string, longForms: readonly string[]): boolean {
  const folded = fold(sentence);
  switch (type) {
    case 'person': {
      const asked = fold(question);
      return [...sentence.matchAll(PERSON_NAME)].some((m) => !asked.includes(fold(m[0])));
    }
    case 'number':
      return /\d/.test(sentence) || NUMBER_WORDS.test(folded);
    case 'date':
      return DATE_WORDS.test(folded);
    case 'place':
      return PLACE_CUES.test(sentence);
    case 'statement':
      return STATEMENT_CUES.test(folded);
    case 'purpose':
      return PURPOSE_CUES.test(folded);
    case 'definition':
      return longForms.some((longForm) => folded.includes(fold(longForm)));
    case 'other':
      return false;
  }
}
