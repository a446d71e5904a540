/**
 * What ancre knows of one language, in one place: how its words are
 * stemmed and which carry no topic, how its sentences end, how its
 * questions ask for a kind of answer, how its news pages word their
 * furniture, and what ancre says in it. Adding a language is adding a pack
 * (see fr.ts) and listing it in index.ts.
 *
 * Word lists are general linguistic resources (Snowball's stop words, a
 * language's question words and month names), never fixes for one question.
 * Patterns run on folded text (lower case, no accents; text/fold.ts) unless
 * their name says otherwise.
 */
import type { AnswerType } from '../contracts/query.ts';

export interface LanguagePack {
  /** ISO 639-1 code. */
  code: string;
  /** The Snowball stemmer's algorithm name (snowball-stemmers). */
  snowball: string;
  /** An npm package whose default export is the language's word list (the offline model's vocabulary). */
  wordList: string;
  /** Words that carry no topic: Snowball's list for the language (the `stopword` package). */
  stopWords: readonly string[];
  /** Question words: they carry a question's shape, not its topic. */
  interrogatives: readonly string[];
  /**
   * Phrases that, like question words, carry a question's shape and not its
   * topic, beyond single words: the verb of French "comment s'appelle …"
   * asks for a name and says nothing of what is named. Run on the question
   * as written (case-insensitive); what they match is not looked for.
   */
  questionForms?: readonly RegExp[];
  /**
   * The stem of the same word family across a derivation the stemmer leaves
   * apart (French évader → évasion), or null; absent when the language has none worth pairing.
   */
  derivationalPartner?: (stem: string) => string | null;
  /** Abbreviations whose period ends no sentence (lower case, without the period). */
  abbreviations: readonly string[];
  answerTypes: AnswerTypeCues;
  references: ReferenceCues;
  followUps: FollowUpCues;
  clutter: ClutterWords;
  messages: Messages;
}

export interface AnswerTypeCues {
  /** For each kind of answer, how a (folded) question asks for it; tried in stages/4-query/answer-type.ts's order. */
  questions: Partial<Record<AnswerType, RegExp>>;
  /** The same, on the question as written, for words folding would confuse (French "où" and "ou"). */
  unfoldedQuestions?: Partial<Record<AnswerType, RegExp>>;
  /**
   * Nouns that only name the kind of answer asked for ("le rôle de", "quelle crainte"), folded; for a count, also the
   * people counted ("combien de personnes"), whom a text counts under their own name ("quinze opérateurs").
   */
  typeNouns: Partial<Record<AnswerType, readonly string[]>>;
  /** Nouns for people by role or trade, folded: "quel frère" asks for a person as "qui" does. */
  personNouns: readonly string[];
  /** Whether a (folded) sentence holds a number written in words, a date word, a purpose, a statement. */
  numberWords: RegExp;
  /**
   * The numbers of a date, on the folded sentence (global): a day with its
   * month, a year with its month. They say when, not how many: "le
   * mercredi 14 mai" holds no answer to "combien".
   */
  datedNumbers: RegExp;
  dateWords: RegExp;
  purpose: RegExp;
  statement: RegExp;
  /** A place preposition then a capitalised name, on the sentence as written (not folded). */
  place: RegExp;
}

/**
 * How a sentence points outside itself, so that a quote can bring what it
 * points to: back, by a pronoun or a demonstrative ("Elle…", "cette
 * affaire"), or forward, announcing what the next sentence says ("…révélé
 * plusieurs défaillances.").
 */
export interface ReferenceCues {
  /** Pronouns that, opening a sentence, stand for something named before (folded). */
  pronouns: readonly string[];
  /** Demonstrative determiners: with a noun, near a sentence's start, they take up something named before (folded). */
  demonstratives: readonly string[];
  /** Nouns of time that a demonstrative points at in the present ("ce mercredi"), not back (folded). */
  timeNouns: readonly string[];
  /** Words a demonstrative may stand that far into a sentence and still point back. */
  demonstrativeReach: number;
  /** A sentence that announces the next one, on the folded sentence. */
  forward: RegExp;
}

/**
 * How a question leans on the conversation before it: words that stand for
 * something an earlier turn named, and words that carry an earlier
 * question on. (Demonstratives come from `references`.)
 */
export interface FollowUpCues {
  /** Personal, possessive and adverbial pronouns that, in a question, refer to what was named before (folded). */
  anaphors: readonly string[];
  /** Words that, opening a question, continue the one before it: "Et à Marseille ?" (folded). */
  continuations: readonly string[];
}

/** Regular-expression alternatives (case-insensitive) for the web-page furniture copied with an article. */
export interface ClutterWords {
  /** Phrases only a call to action uses: "abonnez-vous", "sign up". */
  promptPhrases: readonly string[];
  /** Words calls to action use but news may too: a prompt only on a line that speaks to the reader, or a bare label. */
  promptWords: readonly string[];
  /** Words by which a line speaks to its reader. */
  readerAddress: readonly string[];
  /** The lone labels of site menus and widgets. */
  navigationLabels: readonly string[];
  /** Headers under which a page lists other articles. */
  recommendationHeaders: readonly string[];
  /** First words of a breadcrumb trail ("Accueil > …"). */
  breadcrumbRoots: readonly string[];
  /** A whole line that is a reading-time badge ("2 min de lecture"). */
  readingTime: readonly RegExp[];
  /** Words that open a picture's credit line. */
  creditWords: readonly string[];
  /** "Par", "By": what opens a byline. */
  bylineOpeners: readonly string[];
  /** "édité par", "updated on": a verb of editing, then its preposition. */
  bylineVerbs: readonly string[];
  bylinePrepositions: readonly string[];
  /** "Publié le …": what opens a dateline. */
  datelineOpeners: readonly string[];
  /** What a mail client puts before a subject it replies to or forwards ("TR", "Fwd"), lower-case; alternatives of a pattern, as the lists above. */
  mailSubjectMarkers: readonly string[];
  /** The labels of the header block a forwarded mail quotes ("De", "Objet"; "From", "Subject"), lower-case; alternatives of a pattern. */
  mailHeaderLabels: readonly string[];
}

export interface Messages {
  /** The answer when the articles hold none. */
  noAnswer: string;
  /** The server-rendered pages. */
  page: PageMessages;
  /** The chat page's script: plain strings, `{name}` for what it fills in. */
  chat: ChatMessages;
}

export interface PageMessages {
  chatTitle: string;
  welcomeTitle: string;
  welcomeText: string;
  questionLabel: string;
  questionPlaceholder: string;
  composerHint: string;
  send: string;
  newConversation: string;
  backToConversation: string;
  /** "2 articles · 13 paragraphes · modèle ancre-offline" */
  corpusInfo: (documents: number, paragraphs: number, model: string) => string;
  /** Said when the offline model stands in: what happened, then what it means. */
  fallbackTitle: string;
  fallbackText: (requested: string, model: string) => string;
  articleMeta: (doc: string, paragraphs: number) => string;
  /** The link that downloads the article's original file (its name given). */
  originalFile: (name: string) => string;
  paragraphLabel: (n: number) => string;
  notFoundTitle: string;
  unknownArticle: string;
  unknownPage: string;
}

export interface ChatMessages {
  retry: string;
  checkService: string;
  noAnswerLabel: string;
  noAnswerHint: string;
  /** In place of noAnswerHint when the question does not read as the articles' language (the offline model matches words, not meaning). */
  otherLanguageHint: string;
  sources: string;
  /** A marker's tooltip: `{title}` and `{paragraph}`. */
  citationTitle: string;
  send: string;
  sending: string;
  searching: string;
  /** `{message}`: what the service said. */
  refused: string;
  unreachable: string;
  /** Shown over an answer read with an earlier question: `{question}` is that question. */
  readWith: string;
}
