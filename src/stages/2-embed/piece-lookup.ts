/**
 * A faster start for SentencePiece (Unigram) tokenizers, the multilingual e5
 * models' included. Transformers.js 2 puts a Unigram vocabulary into a
 * character trie of one `Map` per node (`CharTrie`), only ever asked which
 * pieces begin a text (`commonPrefixSearch`). For XLM-R's 250,002 pieces that
 * is about a million Maps: 2.6-2.9 s at every model load on the 2-core
 * machine, most of it garbage collection (the twin's 32,000 pieces: 0.25 s).
 * A Set of the pieces answers the same question with a lookup per prefix
 * length, and is built in a few milliseconds.
 *
 * Transformers.js does not export the trie: it is reached through a Unigram
 * model built from a one-piece vocabulary, and its two methods are replaced
 * on its prototype, once. When the shape found is not the one known, nothing
 * is replaced and the tokenizer works as it ships.
 */
import type * as Transformers from '@xenova/transformers';

interface CharTrie {
  extend(texts: Iterable<string>): void;
  commonPrefixSearch(text: string): Iterable<string>;
}

/** The trie's state once replaced: the pieces, and by first UTF-16 unit the longest piece's length (a prefix longer is none). */
interface PieceSet {
  pieces?: Set<string>;
  longest?: Map<string, number>;
}

const replaced = new WeakSet<object>();

/** Replaces the Unigram trie's building and search in this copy of Transformers.js; false when its shape is not the known one. */
export function usePieceSets(transformers: typeof Transformers): boolean {
  const prototype = charTriePrototype(transformers);
  if (!prototype) return false;
  if (replaced.has(prototype)) return true;
  prototype.extend = function (this: CharTrie & PieceSet, texts: Iterable<string>) {
    const pieces = (this.pieces ??= new Set());
    const longest = (this.longest ??= new Map());
    for (const text of texts) {
      // The trie walks a text unit by unit, but keys its nodes by code point: a piece with a surrogate pair is never found.
      if (text === '' || hasSurrogate(text)) continue;
      pieces.add(text);
      if (text.length > (longest.get(text[0]!) ?? 0)) longest.set(text[0]!, text.length);
    }
  };
  prototype.commonPrefixSearch = function* (this: CharTrie & PieceSet, text: string) {
    const pieces = this.pieces;
    if (!pieces || text === '') return;
    const end = Math.min(text.length, this.longest?.get(text[0]!) ?? 0);
    for (let length = 1; length <= end; length++) {
      if (isSurrogate(text.charCodeAt(length - 1))) return;
      const prefix = text.slice(0, length);
      if (pieces.has(prefix)) yield prefix;
    }
  };
  replaced.add(prototype);
  return true;
}

function charTriePrototype(transformers: typeof Transformers): CharTrie | null {
  try {
    const model = (transformers.TokenizerModel as unknown as { fromConfig(config: object, more: object): { trie?: unknown } }).fromConfig(
      { type: 'Unigram', vocab: [['a', 0]], unk_id: 0 },
      {},
    );
    const prototype = model.trie ? (Object.getPrototypeOf(model.trie) as Partial<CharTrie>) : null;
    const known = prototype && typeof prototype.extend === 'function' && typeof prototype.commonPrefixSearch === 'function';
    return known ? (prototype as CharTrie) : null;
  } catch {
    return null;
  }
}

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isSurrogate(text.charCodeAt(i))) return true;
  return false;
}
