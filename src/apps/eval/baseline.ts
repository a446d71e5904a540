/**
 * The baseline every figure is set beside: plain BM25 (shared/plain-bm25.ts)
 * over the same paragraphs. ancre must beat it to be worth its machinery.
 */
import type { ArticleDocument } from '../../contracts/document.ts';
import { foldedIncludes } from '../../pipeline/pipeline.ts';
import { plainBm25 } from '../../shared/plain-bm25.ts';
import { clusterBootstrap, pairedDifference, type Interval } from './bootstrap.ts';
import type { EvalSummary } from './evaluate.ts';
import { clusterOf, isGold, type EvalQuestion } from './questions.ts';
import { share } from './share.ts';

export interface BaselineSummary {
  passageHitAt1: number;
  passageHitAt5: number;
  passageMrr: number;
  /** 95 % interval of passage hit@1, resampled by gold article as ancre's figures are (bootstrap.ts). */
  intervals: { passageHitAt1?: Interval };
  /** Each answerable question's gold paragraph rank (1-based, 0 when not in the first 5). */
  outcomes: { id: string; cluster: string; passageRank: number }[];
}

/** A mode's passage hit@1 minus the baseline's on the same questions, with the interval of the difference (paired by question, resampled by article). */
export interface GainOverBaseline {
  difference: number;
  interval: Interval | null;
}

/** The paragraphs of the articles (headings aside), as the baseline reads them. */
const baselineParagraphs = (documents: readonly ArticleDocument[]) =>
  documents.flatMap((doc) => doc.paragraphs.filter((p) => p.kind === 'paragraph').map((p) => ({ doc: doc.id, text: p.text })));

export function evaluateBaseline(questions: readonly EvalQuestion[], documents: readonly ArticleDocument[]): BaselineSummary {
  const search = plainBm25(baselineParagraphs(documents));
  const answerable = questions.filter((q) => q.expect === 'answer');
  const ranks = answerable.map((q) => search(q.question, 5).findIndex((p) => isGold(q, p.doc, p.text, foldedIncludes)) + 1);
  const clusters = answerable.map(clusterOf);
  const firstInterval = clusterBootstrap(
    ranks.map((r) => Number(r === 1)),
    clusters,
  );
  return {
    passageHitAt1: share(ranks, (r) => r === 1),
    passageHitAt5: share(ranks, (r) => r >= 1),
    passageMrr: ranks.reduce((sum, r) => sum + (r ? 1 / r : 0), 0) / Math.max(1, ranks.length),
    intervals: firstInterval ? { passageHitAt1: firstInterval } : {},
    outcomes: answerable.map((q, i) => ({ id: q.id, cluster: clusters[i]!, passageRank: ranks[i]! })),
  };
}

export function gainOverBaseline(summary: EvalSummary, baseline: BaselineSummary): GainOverBaseline {
  // Both read the answerable questions in the file's order.
  const ours = summary.outcomes.filter((o) => o.expect === 'answer');
  return {
    difference: summary.passageHitAt1 - baseline.passageHitAt1,
    interval: pairedDifference(
      ours.map((o) => o.passageRank === 1),
      baseline.outcomes.map((o) => o.passageRank === 1),
      baseline.outcomes.map((o) => o.cluster),
    ),
  };
}
