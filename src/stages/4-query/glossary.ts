/**
 * Acronyms the articles define themselves — "Parquet national
 * anticriminalité organisée (Pnaco)" — so that a question naming either
 * form finds paragraphs written with the other.
 */
import { fold } from '../../text/fold.ts';
import { words } from '../../text/words.ts';

/** folded acronym -> its long form as written in the article */
export type Glossary = ReadonlyMap<string, string>;

const DEFINITION = /\(([\p{Lu}][\p{L}]{1,9})\)/gu;
const MAX_LONG_FORM_WORDS = 12;

export function extractGlossary(texts: Iterable<string>): Glossary {
  const glossary = new Map<string, string>();
  for (const text of texts) {
    for (const match of text.matchAll(DEFINITION)) {
      const acronym = match[1]!;
      if ((acronym.match(/\p{Lu}/gu) ?? []).length < 1 || acronym.length < 2) continue;
      const longForm = longFormBefore(text.slice(0, match.index), acronym);
      if (longForm && !glossary.has(fold(acronym))) glossary.set(fold(acronym), longForm);
    }
  }
  return glossary;
}

/**
 * Walks back from the parenthesis to the nearest capitalised word that
 * starts with the acronym's first letter; the words in between are the long
 * form when the last of them starts with the acronym's last letter.
 */
function longFormBefore(before: string, acronym: string): string | null {
  const tokens = before.trimEnd().split(/\s+/).slice(-MAX_LONG_FORM_WORDS);
  const first = fold(acronym[0]!);
  const last = fold(acronym.at(-1)!);
  const lastWord = words(tokens.at(-1) ?? '').at(-1);
  if (!lastWord || fold(lastWord)[0] !== last) return null;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const word = words(tokens[i]!).at(-1) ?? '';
    // `l’État-major`: the word proper starts after the elision.
    const head = words(tokens[i]!).find((w) => w.length > 1) ?? word;
    if (/^\p{Lu}/u.test(head) && fold(head)[0] === first) {
      const start = tokens[i]!.indexOf(head);
      return [tokens[i]!.slice(start), ...tokens.slice(i + 1)].join(' ').replace(/[,;:]$/, '');
    }
  }
  return null;
}

/**
 * The text as the lexical index should read it: followed by the acronyms
 * whose long form it writes out, so that a question naming the acronym finds
 * the paragraphs that only spell it out (document expansion, done once when
 * the index loads rather than for every question).
 */
export function withAcronyms(text: string, glossary: Glossary, foldedLongForms = foldLongForms(glossary)): string {
  if (glossary.size === 0) return text;
  const folded = fold(text);
  const named = [...foldedLongForms].filter(([, longForm]) => folded.includes(longForm)).map(([acronym]) => acronym);
  return named.length ? `${text}\n${named.join(' ')}` : text;
}

export function foldLongForms(glossary: Glossary): Map<string, string> {
  return new Map([...glossary].map(([acronym, longForm]) => [acronym, fold(longForm)]));
}
