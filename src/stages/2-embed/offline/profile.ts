/**
 * The offline model's card: its id, and what it tells the stages (its
 * fitted ranker, sentence weights, veto and extra sentence). Apart from its builder
 * (build.ts), which brings the stemmers and word lists: a process that
 * only loads a model, as the service's model worker does, never reads them.
 */
import type { ModelProfile } from '../../../contracts/model.ts';
import type { SentenceWeights } from '../../../contracts/tuning.ts';
import { FITTED_VETO } from './fitted-veto.ts';
import { OFFLINE_EXTRA_SENTENCE } from './fitted-extra-sentence.ts';
import { OFFLINE_RANKER, OFFLINE_SENTENCE_WEIGHTS } from './fitted-weights.ts';

export const OFFLINE_MODEL_ID = 'ancre-offline';

/**
 * What the offline model tells the stages (model-profile.ts reads it by its id).
 * Its vectors are a noisy TF-IDF: BM25 over stems ranks better, so BM25
 * leads the fusion and word overlap leads the sentence scores; its cosines
 * run low and noisy, hence no cosine floor. Hybrid retrieval ranks with the
 * learned ranker fitted for it (fitted-weights.ts, npm run fit).
 */
export const OFFLINE_PROFILE: ModelProfile = {
  queryPrefix: '',
  passagePrefix: '',
  quantized: false,
  tuning: {
    fusion: { dense: 0.5, lexical: 1 },
    // Climbed from the hand-set ones below (npm run fit); those fitted by softmax (FITTED_SENTENCE_WEIGHTS) are not in use, see there.
    sentenceWeights: OFFLINE_SENTENCE_WEIGHTS,
    // No cosine floor (−1: every cosine reaches it). This model's cosines are a noisy TF-IDF in 256 dimensions: for a long
    // paragraph holding the question's words they can fall near 0 (its other words outweigh them), so the floor of 0.05
    // declined answers the articles held, above all where a filter leaves few paragraphs: PIAF dev asked within its own
    // article, 36 of 1,339 questions; a conversation's follow-up asked within the article cited before. Over the whole
    // corpus it declined one PIAF question and three asked without their article; our news sets, none (README,
    // "Abstention"). The coverage floor and the veto decide.
    minParagraphScore: -1,
    ranker: OFFLINE_RANKER,
    // The fitted calibration (FITTED_ABSTENTION) is not in use, see there: the floors decide, and the veto may still decline.
    veto: FITTED_VETO,
    // Fitted last, on the answers all the above gives (npm run fit).
    extraSentence: OFFLINE_EXTRA_SENTENCE,
  },
};

/**
 * Where `npm run fit` starts the offline model's sentence weights from, and
 * what our news questions are guarded against: word overlap leads (the
 * model's cosines are a noisy TF-IDF), the kind of answer asked for next.
 */
export const HAND_SET_SENTENCE_WEIGHTS: SentenceWeights = { sentence: 0.2, passage: 0.1, coverage: 0.5, answerType: 0.15, passageAnswerType: 0.05, introduction: 0.1, passageRank: 0, wordPairs: 0 };
