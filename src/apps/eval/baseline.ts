/**
 * The baseline every figure is set beside: plain BM25 (k1 1.2, b 0.75) over
 * the same paragraphs, words lower-cased and nothing else — no stemming, no
 * stop words, no cleaning of the question, no titles. About the forty lines
 * anyone would write; ancre must beat it to be worth its machinery.
 */
import type { ArticleDocument } from '../../contracts/document.ts';
import { foldedIncludes } from '../../pipeline/pipeline.ts';
import { isGold, type EvalQuestion } from './questions.ts';

const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export interface BaselineSummary {
  passageHitAt1: number;
  passageHitAt5: number;
  passageMrr: number;
}

export function plainBm25(documents: readonly ArticleDocument[], k1 = 1.2, b = 0.75) {
  const paragraphs = documents.flatMap((doc) => doc.paragraphs.filter((p) => p.kind === 'paragraph').map((p) => ({ doc: doc.id, text: p.text })));
  const counts = paragraphs.map((p) => {
    const tf = new Map<string, number>();
    for (const token of tokens(p.text)) tf.set(token, (tf.get(token) ?? 0) + 1);
    return tf;
  });
  const lengths = paragraphs.map((p) => tokens(p.text).length);
  const average = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, lengths.length);
  const df = new Map<string, number>();
  for (const tf of counts) for (const token of tf.keys()) df.set(token, (df.get(token) ?? 0) + 1);
  const n = paragraphs.length;
  return (question: string, k: number) => {
    const terms = tokens(question);
    const scored = counts.map((tf, i) => {
      let score = 0;
      for (const term of terms) {
        const f = tf.get(term) ?? 0;
        if (f === 0) continue;
        const idf = Math.log(1 + (n - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
        score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[i]!) / average));
      }
      return { paragraph: paragraphs[i]!, score };
    });
    return scored.sort((x, y) => y.score - x.score).slice(0, k).map((s) => s.paragraph);
  };
}

export function evaluateBaseline(questions: readonly EvalQuestion[], documents: readonly ArticleDocument[]): BaselineSummary {
  const search = plainBm25(documents);
  const answerable = questions.filter((q) => q.expect === 'answer');
  const ranks = answerable.map((q) => search(q.question, 5).findIndex((p) => isGold(q, p.doc, p.text, foldedIncludes)) + 1);
  const share = (ok: (rank: number) => boolean) => ranks.filter(ok).length / Math.max(1, ranks.length);
  return {
    passageHitAt1: share((r) => r === 1),
    passageHitAt5: share((r) => r >= 1),
    passageMrr: ranks.reduce((sum, r) => sum + (r ? 1 / r : 0), 0) / Math.max(1, ranks.length),
  };
}
