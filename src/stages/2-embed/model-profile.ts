/**
 * What a model expects around the text it embeds (sentence-transformers'
 * prompts) and the tuning it suggests to the stages that use its vectors,
 * kept apart from the loading code as sentence-transformers keeps its
 * prompts apart from the network.
 *
 * Read, in order, from: the card of a model ancre knows, matched on its
 * exact id (the offline model's is in code, beside its fitted ranker); the
 * `ancre.profile` entry of the model's own `config.json`, where a model's
 * publisher or an operator states one; a generic profile otherwise.
 */
import type { ModelProfile } from '../../contracts/model.ts';
import { OFFLINE_MODEL_ID, OFFLINE_PROFILE } from './offline/profile.ts';
import { ancreEntry } from './model-config.ts';

/**
 * E5 was trained with "query: " and "passage: " prefixes (its model card);
 * without them its cosines are unreliable. Its cosines crowd high (0.7–0.9),
 * hence the high floor; fusion and sentence weights are the stages' defaults,
 * set for a semantic model.
 */
const E5: ModelProfile = {
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
  quantized: true,
  tuning: { minParagraphScore: 0.8 },
};

/** Cards of the models ancre knows by id: the E5 family as Transformers.js publishes it, and the offline model. */
const MODEL_CARDS: Readonly<Record<string, ModelProfile>> = {
  ...Object.fromEntries(
    ['multilingual-e5-small', 'multilingual-e5-base', 'multilingual-e5-large', 'e5-small-v2', 'e5-base-v2', 'e5-large-v2'].map((name) => [`Xenova/${name}`, E5]),
  ),
  [OFFLINE_MODEL_ID]: OFFLINE_PROFILE,
};

/** Any other hub model: no prefixes, the quantized file hubs ship, the stages' own defaults. */
const GENERIC: ModelProfile = { queryPrefix: '', passagePrefix: '', quantized: true, tuning: {} };

/** The profile of `modelId`; `modelDir` is its local folder when it has one. */
export async function profileFor(modelId: string, modelDir: string | null): Promise<ModelProfile> {
  return MODEL_CARDS[modelId] ?? (modelDir ? (await ancreEntry(modelDir))?.profile : undefined) ?? GENERIC;
}
