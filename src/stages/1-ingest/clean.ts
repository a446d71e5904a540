/**
 * Turns the raw text of an article, as copied from a news page, into its
 * headline and its ordered list of paragraphs and section headings, with the
 * page furniture around it removed. Pure: text in, structure out.
 */
import type { ParagraphKind } from '../../contracts/document.ts';
import { fold } from '../../text/fold.ts';
import { splitSentences } from '../../text/sentences.ts';
import {
  endsLikeSentence,
  hasNoWords,
  isByline,
  isCallToAction,
  isCredit,
  isInlineBreadcrumb,
  isNavigationLabel,
  isReadingTime,
  isRecommendationHeader,
  isShortLabel,
  numberedItem,
} from './clutter.ts';
import { wordCount } from '../../text/words.ts';

export interface CleanParagraph {
  kind: ParagraphKind;
  text: string;
}

export interface CleanArticle {
  title: string;
  /** Whether the title is the article's own headline or was taken from its first sentence. */
  titleSource: 'headline' | 'first-sentence';
  paragraphs: CleanParagraph[];
}

interface Line {
  text: string;
  /** Lines of one block were separated by single newlines only. */
  block: number;
  markdownHeading: boolean;
}

/**
 * The version of the cleaning: this file, clutter.ts and the language packs'
 * words. Raise it with any change that cleans some text differently: the
 * next ingest reads every file again (corpus.ts, `readingVersion`).
 */
export const CLEANER_VERSION = 1;

export function cleanArticle(raw: string): CleanArticle {
  let lines = readLines(raw);
  lines = dropLeadingBreadcrumb(lines);
  lines = dropClutter(lines);
  const { title, titleSource, rest } = takeHeadline(lines);
  const paragraphs = dropTrailingHeadings(
    rest.map((line): CleanParagraph => ({
      kind: line.markdownHeading || (isShortLabel(line.text) && !isTableRow(line.text)) ? 'heading' : 'paragraph',
      text: line.text,
    })),
  );
  if (!paragraphs.some((p) => p.kind === 'paragraph')) {
    throw new Error('no article text left after cleaning');
  }
  return { title: title ?? titleFromFirstSentence(paragraphs), titleSource, paragraphs };
}

/** One line per paragraph: blank lines and single newlines both separate paragraphs, hard-wrapped prose is re-joined. */
function readLines(raw: string): Line[] {
  const lines: Line[] = [];
  let block = 0;
  for (const rawLine of raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n')) {
    let text = rawLine.trim();
    if (text === '') {
      block++;
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(text);
    if (heading) text = heading[1]!.trim();
    const previous = lines.at(-1);
    const continuesPrevious =
      !heading &&
      previous !== undefined &&
      previous.block === block &&
      !previous.markdownHeading &&
      !endsLikeSentence(previous.text) &&
      /^\p{Ll}/u.test(text);
    if (continuesPrevious) previous.text = `${previous.text} ${text}`;
    else lines.push({ text, block, markdownHeading: heading !== null });
  }
  return lines;
}

/** A numbered list 1, 2, 3… of labels at the very top of the page is its breadcrumb trail. */
function dropLeadingBreadcrumb(lines: Line[]): Line[] {
  let count = 0;
  while (count < lines.length && numberedItem(lines[count]!.text) === count + 1 && !endsLikeSentence(lines[count]!.text)) {
    count++;
  }
  const start = count >= 2 ? count : 0;
  let end = start;
  while (end < lines.length && isInlineBreadcrumb(lines[end]!.text)) end++;
  return lines.slice(end);
}

function isFurniture(text: string): boolean {
  return (
    hasNoWords(text) ||
    isReadingTime(text) ||
    isCredit(text) ||
    isByline(text) ||
    isCallToAction(text) ||
    isNavigationLabel(text) ||
    isInlineBreadcrumb(text)
  );
}

function dropClutter(lines: Line[]): Line[] {
  const kept: Line[] = [];
  let inRecommendations = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text;
    if (isRecommendationHeader(text)) {
      inRecommendations = true;
      continue;
    }
    if (isFurniture(text)) continue;
    // A caption is the short label right above its credit line.
    const next = lines[i + 1];
    if (next && next.block === line.block && isCredit(next.text) && isShortLabel(text, 12)) continue;
    if (inRecommendations) {
      // Under "recommended" sits a list of other articles' titles; prose ends it.
      if (!endsLikeSentence(text) || wordCount(text) < 12) continue;
      inRecommendations = false;
    }
    kept.push(line);
  }
  return kept;
}

/**
 * A table's row, as the readers write one (cells apart by ` | `) and as
 * Markdown does: short, but a heading it is not, and the paragraphs after it
 * are not its section.
 */
const isTableRow = (text: string) => /\S\s\|\s\S/.test(text) || /^\|.*\|$/.test(text);

/**
 * A title qualified by a short parenthesis, as encyclopaedias and archives
 * name their entries ("Transnistrie (État)", "Symphonie nº 9 (Mahler)"): a
 * closing parenthesis ends sentences too ("… (AFP)."), so the line reads as
 * a title only when what stands before the parenthesis does.
 */
function isQualifiedTitle(text: string): boolean {
  const match = /^(.+?)\s*\(([^()]+)\)$/u.exec(text.trim());
  return match !== null && wordCount(match[2]!) <= 3 && isShortLabel(match[1]!, 30);
}

/** The headline is the first line when it reads as a title: short, no sentence punctuation. */
function takeHeadline(lines: Line[]): { title: string | null; titleSource: CleanArticle['titleSource']; rest: Line[] } {
  const first = lines[0];
  if (!first || !(first.markdownHeading || isShortLabel(first.text, 30) || isQualifiedTitle(first.text))) {
    return { title: null, titleSource: 'first-sentence', rest: lines };
  }
  const folded = fold(first.text);
  // Pages often repeat the headline (breadcrumb, share box); the article keeps it once, as its title.
  // Folding changes no word count, so only lines of the headline's length in words are folded to compare.
  const words = wordCount(first.text);
  const rest = lines.slice(1).filter((line) => wordCount(line.text) !== words || fold(line.text) !== folded);
  return { title: first.text, titleSource: 'headline', rest };
}

function dropTrailingHeadings(paragraphs: CleanParagraph[]): CleanParagraph[] {
  let end = paragraphs.length;
  while (end > 0 && paragraphs[end - 1]!.kind === 'heading') end--;
  return paragraphs.slice(0, end);
}

const TITLE_SOFT_LIMIT = 90;
const TITLE_HARD_LIMIT = 120;

/** Articles without a headline are named by their first sentence, cut at a clause boundary. */
function titleFromFirstSentence(paragraphs: CleanParagraph[]): string {
  const first = paragraphs.find((p) => p.kind === 'paragraph')!;
  let title = splitSentences(first.text)[0]?.text ?? first.text;
  title = title.replace(/[.!?…]+$/u, '');
  if (title.length > TITLE_SOFT_LIMIT) {
    const comma = title.indexOf(',', 30);
    if (comma > 0) title = title.slice(0, comma);
  }
  if (title.length > TITLE_HARD_LIMIT) {
    const cut = title.lastIndexOf(' ', TITLE_HARD_LIMIT);
    title = `${title.slice(0, cut > 0 ? cut : TITLE_HARD_LIMIT)}…`;
  }
  return title;
}
