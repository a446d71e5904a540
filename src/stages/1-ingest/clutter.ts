/**
 * Rules that recognise the web-page furniture copied along with a news
 * article: navigation, reading-time badges, photo captions and credits,
 * bylines, and the calls to action (newsletter, notifications, account,
 * cookies) that sites wrap around their text. Each rule looks at the shape
 * and vocabulary of a line, never at one site's exact strings, so it holds
 * for other news pages too. The words come from the language packs
 * (src/lang): a page is read in every language ancre knows.
 */
import { acrossLanguages } from '../../lang/index.ts';
import { wordCount } from '../../text/words.ts';

/** One case-insensitive, whole-line pattern from the packs' alternatives. */
const wholeLine = (alternatives: readonly string[], flags = 'i') => new RegExp(`^(${alternatives.join('|')})$`, flags);
const alternatives = (list: readonly string[]) => list.join('|');

/** A line that ends like prose: a sentence or a quotation, not a label. */
export function endsLikeSentence(line: string): boolean {
  return /[.!?…:;»"”)]$/u.test(line.trim());
}

/** `1. Accueil`, `2) Actu`: an item of a numbered list, as breadcrumbs are rendered in plain text. */
export function numberedItem(line: string): number | null {
  const match = /^\s*(\d{1,2})[.)]\s+\S/.exec(line);
  return match ? Number(match[1]) : null;
}

const BREADCRUMB_ROOT = new RegExp(`^(${alternatives(acrossLanguages((p) => p.clutter.breadcrumbRoots))})(?![\\p{L}])`, 'iu');

/** `Accueil > Actu > Justice`, `Home / News`: a breadcrumb written on one line. */
export function isInlineBreadcrumb(line: string): boolean {
  return BREADCRUMB_ROOT.test(line) && /\s[>›»/|]\s/.test(line) && !endsLikeSentence(line);
}

export function hasNoWords(line: string): boolean {
  return !/[\p{L}\p{N}]/u.test(line);
}

/** `2 min de lecture`, `Temps de lecture : 3 minutes`, `4 min read`. */
const READING_TIME = acrossLanguages((p) => p.clutter.readingTime);
export function isReadingTime(line: string): boolean {
  return READING_TIME.some((pattern) => pattern.test(line.trim()));
}

/** `Crédit : AFP`, `Photo : …`, `© Reuters`: the credit line under a picture. */
const CREDIT = new RegExp(`^(${alternatives([...acrossLanguages((p) => p.clutter.creditWords), '©'])})\\s*(:|©|\\p{Lu})`, 'iu');
export function isCredit(line: string): boolean {
  return line.length <= 160 && CREDIT.test(line.trim());
}

/**
 * `Par Jeanne Martin`, `Sophie N. - édité par L. Dion`, `Publié le 14/05/2025 à 10h`:
 * who wrote or edited the piece and when, on a short line of its own.
 */
export function isByline(line: string): boolean {
  const text = line.trim();
  if (text.length > 140 || /[.!?…]$/.test(text)) return false;
  return BYLINE_OPENER.test(text) || BYLINE_VERB.test(text) || DATELINE.test(text);
}

const BYLINE_OPENER = new RegExp(`^(${alternatives(acrossLanguages((p) => p.clutter.bylineOpeners))})\\s+\\p{Lu}`, 'u');
const BYLINE_VERB = new RegExp(
  `(^|\\s)(${alternatives(acrossLanguages((p) => p.clutter.bylineVerbs))})\\s+(${alternatives(acrossLanguages((p) => p.clutter.bylinePrepositions))})(\\s|$)`,
  'iu',
);
const DATELINE = new RegExp(`^(${alternatives(acrossLanguages((p) => p.clutter.datelineOpeners))})(\\s|$)`, 'iu');

/**
 * Calls to action, phrased as prompts phrase them: imperatives and first
 * person ("abonnez-vous", "je crée mon compte"). These alone mark a prompt.
 */
const PROMPT_PHRASE = wholeWords(alternatives(acrossLanguages((p) => p.clutter.promptPhrases)));

/**
 * Words that prompts use but news can too ("un abonnement", "des
 * notifications"): they mark a prompt only on a line that speaks to the
 * reader, or on a bare label.
 */
const PROMPT_WORD = wholeWords(alternatives(acrossLanguages((p) => p.clutter.promptWords)));

const ADDRESSES_READER = wholeWords(alternatives(acrossLanguages((p) => p.clutter.readerAddress)));

/** `\b` does not know that `é` is a letter; these boundaries do. */
function wholeWords(alternatives: string): RegExp {
  // The boundary before is matched, not looked behind: V8 scans far faster for a pattern that does not start with a lookbehind.
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'iu');
}

const NAVIGATION_LABEL = wholeLine(acrossLanguages((p) => p.clutter.navigationLabels));

/** The lone label of a site menu or widget: `En Direct`, `Menu`, `Partager`. */
export function isNavigationLabel(line: string): boolean {
  return NAVIGATION_LABEL.test(line.trim());
}

/** A line that asks the reader to subscribe, allow, sign in or join rather than reporting anything. */
export function isCallToAction(line: string): boolean {
  // One alternation per list rather than one pattern per entry: a line is scanned twice, not once per entry.
  if (PROMPT_PHRASE.test(line)) return line.length <= 200 || ADDRESSES_READER.test(line);
  return PROMPT_WORD.test(line) && (isShortLabel(line, 8) || ADDRESSES_READER.test(line));
}

/** `La rédaction vous recommande`, `À lire aussi`: from here on the page lists other articles. */
export function isRecommendationHeader(line: string): boolean {
  return RECOMMENDATION_HEADER.test(line.trim());
}

const RECOMMENDATION_HEADER = new RegExp(`^(${alternatives(acrossLanguages((p) => p.clutter.recommendationHeaders))})\\s*:?$`, 'i');

/**
 * A short label with no sentence punctuation, such as a section heading, a
 * picture caption or the title of a linked article.
 */
export function isShortLabel(line: string, maxWords = 16): boolean {
  const text = line.trim();
  return text.length <= 160 && wordCount(text) <= maxWords && !endsLikeSentence(text);
}
