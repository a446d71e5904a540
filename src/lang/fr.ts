/** French: the language of the corpus ancre serves today. */
import { fra } from 'stopword';
import type { LanguagePack } from './pack.ts';

/** Nouns for people by role or trade (QA systems read this off WordNet's "person" hypernym; these are news's usual cast). */
const PERSON_NOUNS = [
  'personne', 'homme', 'femme', 'frere', 'soeur', 'fils', 'fille', 'pere', 'mere', 'president', 'presidente', 'ministre',
  'premier ministre', 'depute', 'senateur', 'maire', 'elu', 'prefet', 'juge', 'magistrat', 'procureur', 'avocat',
  'policier', 'gendarme', 'enqueteur', 'agent', 'operateur', 'syndicaliste', 'militant', 'militante', 'responsable',
  'dirigeant', 'chef', 'directeur', 'directrice', 'secretaire', 'journaliste', 'trafiquant', 'narcotrafiquant',
  'criminel', 'suspect', 'detenu', 'prisonnier', 'victime', 'temoin',
];

/**
 * Conjunctions and a preposition ending in "que", which French elides before
 * a vowel ("jusqu'à", "lorsqu'il"): function words that the stopword
 * package's list (Snowball's) leaves out, in both their forms.
 */
const QUE_FUNCTION_WORDS = ['jusque', 'jusqu', 'lorsque', 'lorsqu', 'puisque', 'puisqu', 'quoique', 'quoiqu'];

const MONTHS = '(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)';
const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

export const french: LanguagePack = {
  code: 'fr',
  snowball: 'french',
  wordList: 'an-array-of-french-words',
  stopWords: [...fra, ...QUE_FUNCTION_WORDS],
  interrogatives: ['combien', 'comment', 'pourquoi', 'quand', 'quoi', 'lequel', 'laquelle', 'lesquels', 'lesquelles', 'est-ce', 'ce', 'quels', 'quelles'],
  questionForms: [
    // "Comment s'appelle / se nomme / appelle-t-on / l'appelle-t-on …": the naming verb, any tense.
    /(?<=\bcomment\s+(?:[sl]['’]\s*|(?:se|les)\s+)?)(?:appel|nomm)\p{L}*/giu,
    // "Où se trouve / se situe / est situé …": the locative verb asks where, as "où" does; the text says "basé à", "installé au", "à".
    /(?<=(?:^|[\s'’])o[uù]\s+(?:se\s+|s['’]\s*)?)(?:trouv|situ)\p{L}*/giu,
    /(?<=(?:^|[\s'’])o[uù]\s+(?:est|sont|[ée]tait|[ée]taient|sera|seront)\s+)(?:situ|localis)\p{L}*/giu,
    // "À quoi sert …", "Que fait …", "Que signifie / veut dire …": the verb asks for a purpose, an action, a meaning, which the text says in its own words.
    /(?<=(?:^|\s)[àa]\s+quoi\s+)ser[tv]\p{L}*/giu,
    /(?<=(?:^|\s)(?:que\s+|qu['’]\s*(?:a|ont|avait|avaient)\s+))(?:fait|font|faisait|faisaient|fera|feront|ferait)(?=\s|$)/giu,
    /(?<=(?:^|\s)(?:que|qu['’]est-ce\s+que)\s+)(?:signifi\p{L}*|veu\p{L}*\s+dire)/giu,
    // "De quoi vont-ils parler / discuter ?": the verb asks for a topic ("évoqueront", "aborderont"); looked behind once found.
    /\b(?:parl|discut)\p{L}*(?<=\bde\s+quoi\b.*)/giu,
  ],
  /**
   * Verbs in -der/-dre make nouns in -sion/-se (évader → évasion, décider →
   * décision, répondre → réponse): their stems differ in the last letter only.
   */
  derivationalPartner: (stem) => {
    // Shorter stems ("aid", "vend") would pair unrelated words.
    if (stem.length < 4) return null;
    if (stem.endsWith('d')) return `${stem.slice(0, -1)}s`;
    if (stem.endsWith('s')) return `${stem.slice(0, -1)}d`;
    return null;
  },
  abbreviations: [
    'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'dr', 'pr', 'me', 'mgr', 'st', 'ste', 'cf', 'etc', 'p', 'pp',
    'av', 'apr', 'j.-c', 'env', 'vol', 'no', 'n°', 'art', 'al', 'fig', 'éd', 'coll', 'dir', 'ibid', 'gén', 'col', 'cdt', 'lt', 'sgt',
  ],
  answerTypes: {
    questions: {
      definition: /\b(que (signifie|veut dire)|qu'est-ce que (signifie|veut dire)|signification|definition)\b/,
      number: /\b(combien|quel(le)?s? (nombre|quantite|montant))\b/,
      date: /\b(quand|quelle (date|annee|heure)|en quelle annee|depuis quand)\b/,
      place: /\b(quelle (ville|region)|quel (pays|lieu|endroit))\b/,
      person: new RegExp(`^(qui|par qui)\\b|\\bpar qui\\b|\\bquel(le)?s? (${PERSON_NOUNS.join('|')})s?\\b`),
      statement: /\b(que (dit|disent|pense|pensent|craint|craignent|declare|estime|affirme|redoute)|quelle(s)? (crainte|inquietude|critique|position|opinion|reaction)|qu'en pense)\b/,
      purpose: /\b(role|but|objectif|pourquoi|sert a|servir|mission|vise|visent)\b/,
    },
    /** "où" folds to "ou" ("or"): it is read on the question as written; unaccented, only where "or" cannot stand, first. */
    unfoldedQuestions: { place: /(^|[\s'’])où(?=\s|$)|^\s*ou\s+(?!bien\b)/iu },
    typeNouns: {
      definition: ['signification', 'definition', 'sens'],
      number: ['nombre', 'quantite', 'montant', 'personne', 'gens', 'individu'],
      date: ['date', 'annee', 'heure', 'jour'],
      place: ['ville', 'region', 'pays', 'lieu', 'endroit'],
      statement: ['crainte', 'craintes', 'inquietude', 'inquietudes', 'critique', 'critiques', 'position', 'opinion', 'reaction'],
      purpose: ['role', 'but', 'objectif', 'objectifs', 'mission', 'missions', 'vocation', 'finalite'],
    },
    personNouns: PERSON_NOUNS,
    numberWords:
      /\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|millions?|milliards?|dizaines?|centaines?|milliers?|premiere?|deuxieme|troisieme|quatrieme|cinquieme|dixieme)\b/,
    datedNumbers: new RegExp(`\\b\\d{1,2}(?:er)?\\s+${MONTHS}(?:\\s+\\d{4})?\\b|\\b${MONTHS}\\s+\\d{4}\\b`, 'g'),
    dateWords: new RegExp(`\\b(${MONTHS}|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|demain|aujourd'hui)\\b`),
    statement:
      /\b(a-t-il|a-t-elle|ont-ils) (explique|declare|affirme|estime|ajoute|precise|souligne)|\b(selon|d'apres|explique|declare|affirme|estime|craint|redoute|espere|denonce|regrette|s'inquiete)\b/,
    purpose: /\b(objectif|vise|visant|viser|afin de|destine|mission|vocation|role|but est|permettre de|permet de|charge de)\b/,
    /** "à Nanterre", "au centre pénitentiaire de Caen": a preposition, maybe a few words saying what sort of place, then a name. */
    place: /(?:^|\s)(?:à|au|aux|en|dans|près de|depuis)\s+(?:la |le |l['’])?(?:\p{Ll}+ ){0,2}(?:(?:de|du|des) |d['’])?(?:la |le |l['’])?\p{Lu}/u,
  },
  references: {
    pronouns: ['il', 'elle', 'ils', 'elles', 'celui-ci', 'celle-ci', 'ceux-ci', 'celles-ci', 'cela', 'ceci', 'ce dernier', 'cette derniere'],
    demonstratives: ['ce', 'cet', 'cette', 'ces'],
    timeNouns: [
      'jour', 'matin', 'soir', 'midi', 'week-end', 'weekend', 'semaine', 'mois', 'an', 'annee', 'printemps', 'ete', 'automne', 'hiver', 'moment',
      'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'siecle', 'apres-midi', 'nuit', 'soir-la', 'jour-la',
    ],
    demonstrativeReach: 6,
    forward: /(\b(plusieurs|diverses|divers|nombreux|nombreuses|suivants?|suivantes?)\s+[\p{L}-]+|:)\s*[.…]?\s*$/u,
  },
  followUps: {
    // "il" and "y" also serve impersonal turns ("y a-t-il", "que s'est-il passé"): a question with its own subject is still read alone when the conversation does not answer it.
    anaphors: ['il', 'elle', 'ils', 'elles', 'lui', 'leur', 'leurs', 'son', 'sa', 'ses', 'y', 'celui-ci', 'celle-ci', 'ceux-ci', 'celles-ci', 'la-bas'],
    continuations: ['et', 'mais', 'puis', 'ensuite', 'alors'],
  },
  clutter: {
    promptPhrases: [
      "je m['’]abonne|abonnez-vous|s['’]abonner|se désabonner|désabonnez-vous",
      '(je crée|créez|créer)\\s+(mon|votre|un)\\s+compte',
      "connectez-vous|se connecter|je me connecte|identifiez-vous|s['’]identifier",
      'bienvenue (sur|à|chez)',
      'rejoignez|inscrivez-vous|téléchargez|suivez-nous|partagez|cliquez',
      'ne manquez rien',
    ],
    promptWords: ['newsletters?', 'abonnements?|abonné(e)?s?', 'notif[\\p{L}]*', 'cookies?', '(votre|mon)\\s+compte', 'bo[iî]te (mail|e-mail|aux lettres)'],
    readerAddress: ['vous', 'votre', 'vos', 'je', "j['’]", 'mon', 'ma', 'mes'],
    navigationLabels: [
      'en direct', 'direct', 'live', 'menu', 'accueil', 'rechercher', 'recherche', 'partager', 'podcasts?', 'vidéos?', 'replay',
      'connexion', 'publicité', 'fermer', 'retour', 'sommaire',
    ],
    recommendationHeaders: [
      'la rédaction vous recommande', 'nos journalistes vous recommandent', 'à lire (aussi|également)', 'lire aussi', 'voir aussi',
      'sur le même sujet', 'dans la même rubrique', 'les plus lus', 'les plus populaires', 'nos articles', 'articles? (similaires|liés|recommandés)',
    ],
    breadcrumbRoots: ['accueil', 'actualités?'],
    readingTime: [/^\d+\s*(min|mn|minutes?)\.?\s+(de\s+)?lecture$/i, /^(temps\s+de\s+)?lecture\s*:?\s*\d+\s*(min|mn|minutes?)\.?$/i],
    creditWords: ['crédits?', 'photos?', 'illustration', 'image', 'source'],
    bylineOpeners: ['[Pp]ar'],
    bylineVerbs: ['édité', 'édite', 'rédigé', 'écrit', 'modifié', 'mis à jour', 'publié'],
    bylinePrepositions: ['par', 'le'],
    datelineOpeners: ['publié', 'mis à jour', 'modifié'],
    mailSubjectMarkers: ['tr', 'réf', 'rép', 'trans'],
    mailHeaderLabels: ['de', 'envoyé', 'envoyé le', 'à', 'cc', 'objet', 'date', 'répondre à'],
  },
  messages: {
    noAnswer: 'Je ne trouve pas de réponse à cette question dans les articles indexés.',
    page: {
      chatTitle: 'ancre — questions sur les articles',
      welcomeTitle: 'Posez une question sur les articles',
      welcomeText: 'Chaque réponse est faite de phrases citées mot pour mot, chacune reliée au paragraphe d’où elle vient.',
      questionLabel: 'Votre question',
      questionPlaceholder: 'Votre question…',
      composerHint: 'Entrée pour envoyer · Maj+Entrée pour aller à la ligne',
      send: 'Envoyer',
      newConversation: 'Nouvelle conversation',
      backToConversation: 'Conversation',
      corpusInfo: (documents, paragraphs, model) => `${plural(documents, 'article')} · ${plural(paragraphs, 'paragraphe')} · modèle ${model}`,
      fallbackTitle: 'Modèle de secours hors ligne.',
      fallbackText: (requested, model) => `Le modèle ${requested} n’a pas pu être chargé ; ancre répond avec son modèle lexical ${model}, moins fin sur les reformulations.`,
      articleMeta: (doc, paragraphs) => `Document ${doc} · ${plural(paragraphs, 'paragraphe')} après nettoyage`,
      originalFile: (name) => `Fichier d’origine : ${name}`,
      paragraphLabel: (n) => `Paragraphe ${n}`,
      notFoundTitle: 'Introuvable',
      unknownArticle: 'Aucun article ne porte cet identifiant.',
      unknownPage: 'Cette page n’existe pas.',
    },
    chat: {
      retry: 'Réessayer',
      checkService: 'Vérifiez que le service tourne, puis réessayez.',
      noAnswerLabel: 'Pas de réponse dans ces articles',
      noAnswerHint: 'Reformulez la question, ou ajoutez des articles qui en parlent.',
      otherLanguageHint: 'La question semble écrite dans une autre langue que les articles : posez-la en français.',
      sources: 'Sources',
      citationTitle: '{title}, paragraphe {paragraph}',
      send: 'Envoyer',
      sending: 'Recherche…',
      searching: 'Recherche dans les articles…',
      refused: 'Question refusée : {message}',
      unreachable: 'Le service ne répond pas.',
      readWith: 'Compris avec votre question « {question} »',
    },
  },
};
