/**
 * Rules that recognise the web-page furniture copied along with a news
 * article: navigation, reading-time badges, photo captions and credits,
 * bylines, and the calls to action (newsletter, notifications, account,
 * cookies) that sites wrap around their text. Each rule looks at the shape
 * and vocabulary of a line, never at one site's exact strings, so it holds
 * for other French (and English) news pages too.
 */

/** A line that ends like prose: a sentence or a quotation, not a label. */
export function endsLikeSentence(line: string): boolean {
  return /[.!?…:;»"”)]$/u.test(line.trim());
}

export function wordCount(line: string): number {
  return line.trim().split(/\s+/).filter(Boolean).length;
}

/** `1. Accueil`, `2) Actu`: an item of a numbered list, as breadcrumbs are rendered in plain text. */
export function numberedItem(line: string): number | null {
  const match = /^\s*(\d{1,2})[.)]\s+\S/.exec(line);
  return match ? Number(match[1]) : null;
}

/** `Accueil > Actu > Justice`, `Home / News`: a breadcrumb written on one line. */
export function isInlineBreadcrumb(line: string): boolean {
  return /^(accueil|home|actualités?|news)(?![\p{L}])/iu.test(line) && /\s[>›»/|]\s/.test(line) && !endsLikeSentence(line);
}

export function hasNoWords(line: string): boolean {
  return !/[\p{L}\p{N}]/u.test(line);
}

/** `2 min de lecture`, `Temps de lecture : 3 minutes`, `4 min read`. */
export function isReadingTime(line: string): boolean {
  return (
    /^\d+\s*(min|mn|minutes?)\.?\s+(de\s+)?(lecture|read)$/i.test(line.trim()) ||
    /^(temps\s+de\s+)?lecture\s*:?\s*\d+\s*(min|mn|minutes?)\.?$/i.test(line.trim())
  );
}

/** `Crédit : AFP`, `Photo : …`, `© Reuters`: the credit line under a picture. */
export function isCredit(line: string): boolean {
  return line.length <= 160 && /^(crédits?|credits?|photos?|illustration|image|source|©)\s*(:|©|\p{Lu})/iu.test(line.trim());
}

/**
 * `Par Jeanne Martin`, `Sophie N. - édité par L. Dion`, `Publié le 14/05/2025 à 10h`:
 * who wrote or edited the piece and when, on a short line of its own.
 */
export function isByline(line: string): boolean {
  const text = line.trim();
  if (text.length > 140 || /[.!?…]$/.test(text)) return false;
  return (
    /^([Pp]ar|[Bb]y)\s+\p{Lu}/u.test(text) ||
    /(^|\s)(édité|édite|rédigé|écrit|modifié|mis à jour|publié|updated|edited|written)\s+(par|le|by|on)(\s|$)/iu.test(text) ||
    /^(publié|mis à jour|modifié|updated|published)(\s|$)/iu.test(text)
  );
}

/**
 * Calls to action, phrased as prompts phrase them: imperatives and first
 * person ("abonnez-vous", "je crée mon compte"). These alone mark a prompt.
 */
const PROMPT_PHRASES: readonly RegExp[] = [
  "je m['’]abonne|abonnez-vous|s['’]abonner|se désabonner|désabonnez-vous",
  '(je crée|créez|créer)\\s+(mon|votre|un)\\s+compte',
  "connectez-vous|se connecter|je me connecte|identifiez-vous|s['’]identifier",
  'bienvenue (sur|à|chez)',
  'rejoignez|inscrivez-vous|téléchargez|suivez-nous|partagez|cliquez',
  'ne manquez rien',
  'sign up|subscribe|log in|sign in|download our app|follow us',
].map(wholeWords);

/**
 * Words that prompts use but news can too ("un abonnement", "des
 * notifications"): they mark a prompt only on a line that speaks to the
 * reader, or on a bare label.
 */
const PROMPT_WORDS: readonly RegExp[] = [
  'newsletters?',
  'abonnements?|abonné(e)?s?',
  'notif[\\p{L}]*',
  'cookies?',
  '(votre|mon)\\s+compte',
  'bo[iî]te (mail|e-mail|aux lettres)',
].map(wholeWords);

const ADDRESSES_READER = wholeWords("vous|votre|vos|je|j['’]|mon|ma|mes|you|your");

/** `\b` does not know that `é` is a letter; these boundaries do. */
function wholeWords(alternatives: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives})(?![\\p{L}\\p{N}])`, 'iu');
}

const NAVIGATION_LABEL =
  /^(en direct|direct|live|menu|accueil|rechercher|recherche|partager|podcasts?|vidéos?|replay|connexion|publicité|fermer|retour|sommaire|home|search|share|close)$/i;

/** The lone label of a site menu or widget: `En Direct`, `Menu`, `Partager`. */
export function isNavigationLabel(line: string): boolean {
  return NAVIGATION_LABEL.test(line.trim());
}

/** A line that asks the reader to subscribe, allow, sign in or join rather than reporting anything. */
export function isCallToAction(line: string): boolean {
  const speaksToReader = ADDRESSES_READER.test(line);
  if (PROMPT_PHRASES.some((rule) => rule.test(line))) return line.length <= 200 || speaksToReader;
  return PROMPT_WORDS.some((rule) => rule.test(line)) && (speaksToReader || isShortLabel(line, 8));
}

/** `La rédaction vous recommande`, `À lire aussi`: from here on the page lists other articles. */
export function isRecommendationHeader(line: string): boolean {
  return /^(la rédaction vous recommande|nos journalistes vous recommandent|à lire (aussi|également)|lire aussi|voir aussi|sur le même sujet|dans la même rubrique|les plus lus|les plus populaires|nos articles|articles? (similaires|liés|recommandés)|related( articles| stories)?|read more|recommended( for you)?|more on this( story)?)\s*:?$/i.test(
    line.trim(),
  );
}

/**
 * A short label with no sentence punctuation, such as a section heading, a
 * picture caption or the title of a linked article.
 */
export function isShortLabel(line: string, maxWords = 16): boolean {
  const text = line.trim();
  return text.length <= 160 && wordCount(text) <= maxWords && !endsLikeSentence(text);
}
