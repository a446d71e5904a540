/** English: questions asked in English, and English pages' furniture. */
import { eng } from 'stopword';
import type { LanguagePack } from './pack.ts';

const PERSON_NOUNS = [
  'person', 'man', 'woman', 'brother', 'sister', 'minister', 'mayor', 'judge', 'prosecutor', 'lawyer', 'officer', 'trafficker',
  'drug lord', 'victim', 'leader',
];

/** With "may": before a day or a year it is the month, not the verb. */
const MONTHS = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

export const english: LanguagePack = {
  code: 'en',
  snowball: 'english',
  wordList: 'an-array-of-english-words',
  stopWords: eng,
  interrogatives: ['what', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'which'],
  // "Where is … located / situated?": the locative verb asks where, as "where" does (looked behind once the verb is
  // found: a look-behind over any words, tried at every position, cost 6 µs a question).
  questionForms: [/\b(?:located|situated)\b(?<=\bwhere\s.*)/giu],
  abbreviations: ['mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'e.g', 'i.e', 'no', 'vol', 'fig', 'etc'],
  answerTypes: {
    questions: {
      definition: /\b(what does .+ (stand for|mean)|stands? for|definition)\b/,
      number: /\b(how (many|much)|what (number|amount))\b/,
      date: /\b(when|what (date|year|time))\b/,
      place: /\b(where|which (city|country|place))\b/,
      person: new RegExp(`^(who|whom)\\b|\\bby whom\\b|\\b(which|what) (${PERSON_NOUNS.join('|')})s?\\b`),
      statement: /\b(what (does|do|did) .+ (say|think|fear|claim)|what (concern|fear|criticism)|according to)\b/,
      purpose: /\b(why|purpose|aim|goal|meant to|intended|designed to|mission)\b|^what (is|are) .+ for\W*$/,
    },
    typeNouns: {
      definition: ['meaning', 'definition'],
      number: ['number', 'amount', 'people', 'person', 'individual'],
      date: ['date', 'year', 'day'],
      place: ['city', 'country', 'place'],
      statement: ['concern', 'fear', 'criticism', 'position', 'opinion'],
      purpose: ['purpose', 'aim', 'goal', 'mission'],
    },
    personNouns: PERSON_NOUNS,
    numberWords: /\b(two|three|four|five|ten|twelve|fifteen|hundred|thousand|million|billion|first|second|third)\b/,
    datedNumbers: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTHS}(?:\\s+\\d{4})?\\b|\\b${MONTHS}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4}\\b)?|\\b${MONTHS}\\s+\\d{4}\\b`, 'g'),
    dateWords: /\b(january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/,
    statement: /\b(said|says|fears|warned)\b/,
    purpose: /\b(aim|goal|purpose|in order to|mission)\b/,
    place: /(?:^|\s)(?:in|at)\s+(?:the )?(?:\p{Ll}+ ){0,2}(?:of )?(?:the )?\p{Lu}/u,
  },
  references: {
    pronouns: ['he', 'she', 'they', 'it', 'this', 'these', 'the latter'],
    demonstratives: ['this', 'that', 'these', 'those'],
    timeNouns: ['day', 'morning', 'evening', 'week', 'month', 'year', 'weekend', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'time'],
    demonstrativeReach: 6,
    forward: /(\b(several|various|following|many)\s+[\p{L}-]+|:)\s*[.…]?\s*$/u,
  },
  followUps: {
    anaphors: ['he', 'she', 'they', 'him', 'her', 'them', 'his', 'its', 'their', 'there', 'it'],
    continuations: ['and', 'but', 'then', 'also'],
  },
  clutter: {
    promptPhrases: ['sign up|subscribe|log in|sign in|download our app|follow us'],
    promptWords: ['newsletters?', 'cookies?', 'notifications?'],
    readerAddress: ['you', 'your'],
    navigationLabels: ['live', 'menu', 'home', 'search', 'share', 'close', 'podcasts?'],
    recommendationHeaders: ['related( articles| stories)?', 'read more', 'recommended( for you)?', 'more on this( story)?'],
    breadcrumbRoots: ['home', 'news'],
    readingTime: [/^\d+\s*(min|minutes?)\.?\s+read$/i],
    creditWords: ['credits?', 'photos?', 'illustration', 'image', 'source'],
    bylineOpeners: ['[Bb]y'],
    bylineVerbs: ['updated', 'edited', 'written'],
    bylinePrepositions: ['by', 'on'],
    datelineOpeners: ['updated', 'published'],
    mailSubjectMarkers: ['re', 'fw', 'fwd'],
    mailHeaderLabels: ['from', 'sent', 'to', 'cc', 'subject', 'date', 'reply-to'],
  },
  messages: {
    noAnswer: 'I find no answer to this question in the indexed articles.',
    page: {
      chatTitle: 'ancre — questions on the articles',
      welcomeTitle: 'Ask a question about the articles',
      welcomeText: 'Every answer is made of sentences quoted word for word, each linked to the paragraph it comes from.',
      questionLabel: 'Your question',
      questionPlaceholder: 'Your question…',
      composerHint: 'Enter to send · Shift+Enter for a new line',
      send: 'Send',
      newConversation: 'New conversation',
      backToConversation: 'Conversation',
      corpusInfo: (documents, paragraphs, model) => `${plural(documents, 'article')} · ${plural(paragraphs, 'paragraph')} · model ${model}`,
      fallbackTitle: 'Offline fallback model.',
      fallbackText: (requested, model) => `The model ${requested} could not be loaded; ancre answers with its lexical model ${model}, less able to match rephrasings.`,
      articleMeta: (doc, paragraphs) => `Document ${doc} · ${plural(paragraphs, 'paragraph')} after cleaning`,
      originalFile: (name) => `Original file: ${name}`,
      paragraphLabel: (n) => `Paragraph ${n}`,
      notFoundTitle: 'Not found',
      unknownArticle: 'No article has this id.',
      unknownPage: 'This page does not exist.',
    },
    chat: {
      retry: 'Try again',
      checkService: 'Check that the service is running, then try again.',
      noAnswerLabel: 'No answer in these articles',
      noAnswerHint: 'Rephrase the question, or add articles about it.',
      otherLanguageHint: 'The question seems written in another language than the articles: ask it in English.',
      sources: 'Sources',
      citationTitle: '{title}, paragraph {paragraph}',
      send: 'Send',
      sending: 'Searching…',
      searching: 'Searching the articles…',
      refused: 'Question refused: {message}',
      unreachable: 'The service does not answer.',
      readWith: 'Read with your question “{question}”',
    },
  },
};
