/**
 * A faster start for SentencePiece (Unigram) tokenizers, the multilingual e5
 * models' included. Transformers.js 2 puts a Unigram vocabulary into a
 * character trie of one `Map` per node (`CharTrie`), only ever asked which
 * pieces begin a text (`commonPrefixSearch`). For XLM-R's 250,002 pieces that
 * is about a million Maps: 2.6-2.9 s at every model load on the 2-core
 * machine, most of it garbage collection (the twin's 32,000 pieces: 0.25 s).
 * The Unigram model already holds its pieces in a Map (`tokens_to_ids`): the
 * trie answers from it, a lookup per prefix length, and building it costs a
 * copy of the vocabulary array. (A Set of its own, which this did first, cost
 * 0.14 s of hashing and growing at 250,037 pieces.)
 *
 * Transformers.js does not export the trie nor the Unigram model: both are
 * reached through a Unigram model built from a one-piece vocabulary, and
 * their methods are replaced on their prototypes, once. When the shape found
 * is not the one known, nothing is replaced and the tokenizer works as it
 * ships.
 */
import type * as Transformers from '@xenova/transformers';

interface CharTrie {
  extend(texts: Iterable<string>): void;
  commonPrefixSearch(text: string): Iterable<string>;
}

interface UnigramModel {
  trie: CharTrie;
  tokens_to_ids: Map<string, number>;
  populateNodes(lattice: unknown): void;
}

/**
 * The trie's state once replaced. `known`: the pieces it was given, by id (its model's vocabulary as built: the
 * tokenizer later adds its added tokens to the model's map, which the trie never held). `longestFrom`: the longest
 * piece by its first two units (longestByStart). `ids`: the model's map, handed over by the model before its first search.
 */
interface PieceLookup {
  known?: string[];
  longestFrom?: Map<number, number>;
  ids?: Map<string, number>;
}

/** Key of a text's first two code units. */
const startKey = (text: string) => text.charCodeAt(0) * 0x10000 + text.charCodeAt(1);

/**
 * The longest piece beginning with each first two units: a search stops
 * there, as a trie stops where no piece goes on, rather than trying every
 * length up to the vocabulary's longest piece (which made tokenizing 1.6
 * times slower than the trie; measured on PIAF's paragraphs with the twin).
 * 20 ms for XLM-R's 250,002 pieces.
 */
function longestByStart(pieces: readonly string[]): Map<number, number> {
  const longest = new Map<number, number>();
  for (const piece of pieces) {
    if (piece.length < 2) continue;
    const key = startKey(piece);
    const known = longest.get(key);
    if (known === undefined || known < piece.length) longest.set(key, piece.length);
  }
  return longest;
}

const replaced = new WeakSet<object>();

/** Replaces the Unigram trie's building and search in this copy of Transformers.js; false when its shape is not the known one. */
export function usePieceLookup(transformers: typeof Transformers): boolean {
  const prototypes = unigramPrototypes(transformers);
  if (!prototypes) return false;
  const { trie, unigram } = prototypes;
  if (replaced.has(trie)) return true;
  trie.extend = function (this: CharTrie & PieceLookup, texts: Iterable<string>) {
    // Called once per model, with its vocabulary in id order.
    this.known = Array.from(texts);
    this.longestFrom = longestByStart(this.known);
  };
  const trieSearch = trie.commonPrefixSearch;
  trie.commonPrefixSearch = function* (this: CharTrie & PieceLookup, text: string) {
    const known = this.known;
    // A trie built before the replacement (a tokenizer loaded earlier) is searched as it was built.
    if (!known) return yield* trieSearch.call(this, text);
    // Outside a Unigram model's search, no map was handed over: one is made from the pieces.
    const ids = (this.ids ??= new Map(known.map((piece, id) => [piece, id])));
    // A piece of one unit, or one of those beginning with the text's first two (a text of one unit has no such key).
    const end = Math.min(text.length, Math.max(1, this.longestFrom?.get(startKey(text)) ?? 0));
    for (let length = 1; length <= end; length++) {
      // The trie walks a text unit by unit, but keys its nodes by code point: a piece with a surrogate pair is never found.
      if (isSurrogate(text.charCodeAt(length - 1))) return;
      const prefix = text.slice(0, length);
      const id = ids.get(prefix);
      if (id !== undefined && known[id] === prefix) yield prefix;
    }
  };
  const populateNodes = unigram.populateNodes;
  unigram.populateNodes = function (this: UnigramModel, lattice: unknown) {
    (this.trie as CharTrie & PieceLookup).ids ??= this.tokens_to_ids;
    populateNodes.call(this, lattice);
  };
  replaced.add(trie);
  return true;
}

function unigramPrototypes(transformers: typeof Transformers): { trie: CharTrie; unigram: UnigramModel } | null {
  try {
    const model = (transformers.TokenizerModel as unknown as { fromConfig(config: object, more: object): Partial<UnigramModel> }).fromConfig(
      { type: 'Unigram', vocab: [['a', 0]], unk_id: 0 },
      {},
    );
    const trie = model.trie ? (Object.getPrototypeOf(model.trie) as Partial<CharTrie>) : null;
    const unigram = Object.getPrototypeOf(model) as Partial<UnigramModel>;
    const known =
      trie &&
      typeof trie.extend === 'function' &&
      typeof trie.commonPrefixSearch === 'function' &&
      typeof unigram.populateNodes === 'function' &&
      model.tokens_to_ids instanceof Map;
    return known ? { trie: trie as CharTrie, unigram: unigram as UnigramModel } : null;
  } catch {
    return null;
  }
}

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;
