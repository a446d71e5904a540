/**
 * Whether the offline model still fits its corpus. Its vocabulary and IDF
 * come from the corpus it was built on: words of articles added since, with
 * stems it has no row for, are matched only by their spelling (character
 * pieces), and IDF drifts as the corpus grows (started on the two seed
 * articles, then given PIAF's, ancre answered 4 points worse than when built
 * on PIAF's). Past the limit
 * below the model is built again from the corpus as it is, and the index
 * re-embedded.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CORPUS_STEMS_FILE } from './build.ts';
import { builtVersion, OFFLINE_MODEL_VERSION } from './version.ts';
import { OFFLINE_MODEL_ID } from './profile.ts';
import { contentStems } from '../../../text/words.ts';
import { yieldToEventLoop } from '../../../shared/yield.ts';

/**
 * The share of the corpus's stems the model may have no row for before it
 * is rebuilt: past a fifth of the vocabulary matched only by spelling.
 * (Growth alone, with words the model knows, leaves it fit: a corpus of
 * recombined seed sentences 10,000 times larger keeps its IDF order.)
 */
export const MAX_UNKNOWN_STEM_SHARE = 0.2;

export interface ModelDrift {
  unknownStemShare: number;
  /** Why the model should be rebuilt, or null while it fits. */
  staleBecause: string | null;
}

export async function offlineModelDrift(offlineModelDir: string, paragraphs: readonly string[]): Promise<ModelDrift> {
  const modelDir = path.join(offlineModelDir, OFFLINE_MODEL_ID);
  let known: Set<string>;
  try {
    known = new Set(JSON.parse(await readFile(path.join(modelDir, CORPUS_STEMS_FILE), 'utf8')) as string[]);
  } catch {
    return { unknownStemShare: 1, staleBecause: 'it does not record the corpus it was built on' };
  }
  const version = await builtVersion(offlineModelDir);
  if (version < OFFLINE_MODEL_VERSION) return { unknownStemShare: 0, staleBecause: `an older ancre built it (version ${version}, now ${OFFLINE_MODEL_VERSION})` };
  // Numbers are not vocabulary: a corpus of figures says nothing of the model's words.
  const stems = [...(await distinctStems(paragraphs))].filter((stem) => /\p{L}/u.test(stem));
  const unknownStemShare = stems.length ? stems.filter((stem) => !known.has(stem)).length / stems.length : 0;
  const staleBecause = unknownStemShare > MAX_UNKNOWN_STEM_SHARE ? `${Math.round(unknownStemShare * 100)} % of the corpus's stems are unknown to it` : null;
  return { unknownStemShare, staleBecause };
}

/** Paragraphs between yields: a service checking a large corpus keeps answering meanwhile. */
const PARAGRAPHS_PER_SLICE = 2000;

async function distinctStems(paragraphs: readonly string[]): Promise<Set<string>> {
  const stems = new Set<string>();
  for (const [i, paragraph] of paragraphs.entries()) {
    if (i > 0 && i % PARAGRAPHS_PER_SLICE === 0) await yieldToEventLoop();
    for (const stem of contentStems(paragraph)) stems.add(stem);
  }
  return stems;
}
