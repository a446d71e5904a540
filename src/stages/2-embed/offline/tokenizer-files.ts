/**
 * The Hugging Face tokenizer files for the offline model: a BERT-style
 * WordPiece tokenizer whose normaliser lower-cases and strips accents, whose
 * pre-tokenizer ends each word with WORD_END (Transformers.js's `Replace`
 * pre-tokenizer), and whose post-processor adds [CLS]/[SEP] (Transformers.js
 * derives type ids from it, and batching needs them).
 */
import { SPECIAL_TOKENS, WORD_END, type Vocabulary } from './vocabulary.ts';

export function tokenizerJson(vocabulary: Vocabulary): object {
  const id = (token: string) => vocabulary.tokens.get(token)!;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: true, lowercase: true },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [{ type: 'BertPreTokenizer' }, { type: 'Replace', pattern: { Regex: '$' }, content: WORD_END }],
    },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        (['[CLS]', '[SEP]'] as const).map((token) => [token, { id: token, ids: [id(token)], tokens: [token] }]),
      ),
    },
    decoder: {
      type: 'Sequence',
      decoders: [
        { type: 'Replace', pattern: { String: WORD_END }, content: '' },
        { type: 'WordPiece', prefix: '##', cleanup: true },
      ],
    },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary.tokens),
    },
  };
}

export function tokenizerConfigJson(maxLength: number): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: true,
    model_max_length: maxLength,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  };
}
