/**
 * The Unigram tokenizer's pieces looked up in its model's map (piece-lookup.ts) rather
 * than Transformers.js's trie: the same tokens, for the twin's SentencePiece
 * vocabulary, over real French text and over what a trie walked unit by unit
 * treats apart (accents, ligatures, emoji, CJK, long words).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as transformers from '@xenova/transformers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, PROJECT_ROOT } from '../src/apps/config.ts';
import { corpusParagraphs } from '../src/pipeline/indexing.ts';
import { usePieceLookup } from '../src/stages/2-embed/piece-lookup.ts';

const TWIN = path.join(PROJECT_ROOT, '..', 'shared', 'models', 'e5-twin');
const PIAF = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'piaf', 'corpus');

const ODD_TEXTS = [
  'Cœur d’Œdipe, naïveté, ÉTÉ, Ça, garçon, ﬁn (ﬁ ligature), ½, ², №',
  'Emoji 😀👍🏽 et drapeaux 🇫🇷 au milieu: a😀b, 😀😀😀',
  '中文字符 日本語のテキスト 한국어 텍스트 العربية עברית русский текст Ελληνικά',
  'anticonstitutionnellement intergouvernementalisations hexakosioihexekontahexaphobie',
  '   espaces   multiples\tet\ttabulations\n\nlignes  ',
  '',
];

describe.runIf(existsSync(path.join(TWIN, DEFAULT_MODEL)))('SentencePiece pieces looked up in the model’s map', () => {
  it('gives exactly the tokens of Transformers.js’s own trie, and builds no trie', { timeout: 120_000 }, async () => {
    transformers.env.allowLocalModels = true;
    transformers.env.allowRemoteModels = false;
    transformers.env.localModelPath = TWIN + path.sep;
    const texts = [...ODD_TEXTS, ...(existsSync(PIAF) ? await corpusParagraphs(PIAF) : await corpusParagraphs(path.join(PROJECT_ROOT, 'corpus')))];
    const encodeAll = (tokenizer: transformers.PreTrainedTokenizer) => texts.map((text) => tokenizer.encode(text) as number[]);

    const shipped = await transformers.AutoTokenizer.from_pretrained(DEFAULT_MODEL);
    const expected = encodeAll(shipped);
    expect(usePieceLookup(transformers)).toBe(true);
    // Once is enough: a second call finds the methods already replaced.
    expect(usePieceLookup(transformers)).toBe(true);
    const lookedUp = await transformers.AutoTokenizer.from_pretrained(DEFAULT_MODEL);
    expect(encodeAll(lookedUp)).toEqual(expected);
    // A tokenizer loaded before the replacement still searches the trie it built.
    expect(encodeAll(shipped)).toEqual(expected);
    expect(texts.length).toBeGreaterThan(100);

    const trie = (lookedUp as unknown as { model: { trie: { root: { children: Map<string, unknown> }; known: string[] } } }).model.trie;
    expect(trie.root.children.size).toBe(0);
    expect(trie.known.length).toBeGreaterThan(30_000);
  });
});
