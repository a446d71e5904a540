/**
 * A paragraph's lines of a PDF joined into its text. A line may end in a
 * hyphen that cut a word, which the text does not hold, or in one the word
 * has; the document's own words, then the language's, tell them apart.
 */
const LINE_END_HYPHEN = /[\p{L}\p{N}][-‐\u00ad]$/u;

/**
 * The document's words as written, hyphenated ones whole (lower case): what
 * tells a line-end hyphen that belongs to its word from one that cut it.
 * The halves around a line-end hyphen are not counted: they are the question.
 */
export function documentWords(lines: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const [i, line] of lines.entries()) {
    const found = line.toLowerCase().match(/\p{L}[\p{L}-]*\p{L}|\p{L}/gu) ?? [];
    const first = i > 0 && LINE_END_HYPHEN.test(lines[i - 1]!) ? 1 : 0;
    const last = LINE_END_HYPHEN.test(line) ? found.length - 1 : found.length;
    for (const word of found.slice(first, last)) words.add(word);
  }
  return words;
}

/**
 * A block's lines as one paragraph. A line may end in a hyphen that a
 * typesetter put there to cut a word, or in one the word has. Kept: before
 * a capital ("Gometz-le-Châtel"), next to a figure ("1962-1963"), or when
 * the document writes the hyphenated word elsewhere ("état-major"), or when
 * the word list has it, or has both halves but not the joined word
 * ("sous-estimée"). Taken out otherwise: a soft hyphen, a word the document
 * or the list has joined ("coordination"), halves that are no words.
 */
export function joinLines(lines: readonly string[], inDocument: ReadonlySet<string>, known: (word: string) => boolean): string {
  let text = '';
  for (const line of lines) {
    const next = line.replace(/[ \t\r\n]+/g, ' ').trim();
    if (!text) text = next;
    else if (LINE_END_HYPHEN.test(text) && /^[\p{L}\p{N}]/u.test(next)) text = text.endsWith('\u00ad') || cutWord(text, next, inDocument, known) ? text.slice(0, -1) + next : text + next;
    else text += ` ${next}`;
  }
  return text;
}

function cutWord(text: string, next: string, inDocument: ReadonlySet<string>, known: (word: string) => boolean): boolean {
  // A capital or a figure after it, a figure before it: a name or a range ("1962-1963", "7-déshydrocholestérol").
  if (/^[\p{Lu}\p{N}]/u.test(next) || /\p{N}.$/u.test(text)) return false;
  const head = /\p{L}[\p{L}-]*$/u.exec(text.slice(0, -1))?.[0].toLowerCase() ?? '';
  const tail = /^\p{L}[\p{L}-]*/u.exec(next)?.[0].toLowerCase() ?? '';
  if (inDocument.has(`${head}-${tail}`)) return false;
  if (inDocument.has(head + tail)) return true;
  if (known(`${head}-${tail}`)) return false;
  if (known(head + tail)) return true;
  return !(known(head.split('-').at(-1)!) && known(tail.split('-')[0]!));
}
