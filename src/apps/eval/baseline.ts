/**
 * The baseline every figure is set beside: plain BM25 (shared/plain-bm25.ts)
 * over the same paragraphs. ancre must beat it to be worth its machinery.
 */
import type { ArticleDocument } from '../../contracts/document.ts';
import { foldedIncludes } from '../../pipeline/pipeline.ts';
import { plainBm25 } from '../../shared/plain-bm25.ts';
import { isGold, type EvalQuestion } from './questions.ts';

export interface BaselineSummary {
  passageHitAt1: number;
  passageHitAt5: number;
  passageMrr: number;
}

/** The paragraphs of the articles (headings aside), as the baseline reads them. */
const baselineParagraphs = (documents: readonly ArticleDocument[]) =>
  documents.flatMap((doc) => doc.paragraphs.filter((p) => p.kind === 'paragraph').map((p) => ({ doc: doc.id, text: p.text })));

export function evaluateBaseline(questions: readonly EvalQuestion[], documents: readonly ArticleDocument[]): BaselineSummary {
  const search = plainBm25(baselineParagraphs(documents));
  const answerable = questions.filter((q) => q.expect === 'answer');
  const ranks = answerable.map((q) => search(q.question, 5).findIndex((p) => isGold(q, p.doc, p.text, foldedIncludes)) + 1);
  const share = (ok: (rank: number) => boolean) => ranks.filter(ok).length / Math.max(1, ranks.length);
  return {
    passageHitAt1: share((r) => r === 1),
    passageHitAt5: share((r) => r >= 1),
    passageMrr: ranks.reduce((sum, r) => sum + (r ? 1 / r : 0), 0) / Math.max(1, ranks.length),
  };
}
