/**
 * BM25's k1 and b measured on the development questions: lexical retrieval
 * alone (no ranker, whose features would fold the change in), the gold
 * paragraph first, over a grid; and the choice cross-validated by article
 * (chosen on four folds, scored on the fifth). `npm run fit` reports it
 * beside the parameters in use.
 */
import { DEFAULT_BM25, foldedIncludes, type PipelineSettings } from '../../pipeline/pipeline.ts';
import { articleFolds } from './folds.ts';
import { isGold, type EvalQuestion } from './questions.ts';
import { withEngine } from './runs.ts';
import { roundedShare } from './share.ts';

const K1 = [0.6, 0.9, 1.2, 1.5, 1.8, 2.4];
const B = [0.3, 0.5, 0.75, 0.9];

export async function bm25Grid(settings: PipelineSettings, questions: readonly EvalQuestion[], folds: number) {
  const hits = new Map<string, boolean[]>();
  for (const k1 of K1) {
    for (const b of B) {
      const found = await withEngine({ ...settings, options: { ...settings.options, bm25: { k1, b } } }, async (engine) => {
        const found: boolean[] = [];
        for (const q of questions) {
          const top = (await engine.ask(q.question, { topK: 1, mode: 'lexical' })).passages[0];
          found.push(top !== undefined && isGold(q, top.doc, top.text, foldedIncludes));
        }
        return found;
      });
      hits.set(`${k1}/${b}`, found);
    }
  }
  const foldOf = articleFolds(questions.map((q) => q.doc ?? ''), folds);
  const held: boolean[] = [];
  const choices: string[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const inFold = questions.map((q) => foldOf.get(q.doc ?? '') === fold);
    const score = (key: string, side: boolean) => hits.get(key)!.filter((hit, i) => inFold[i] === side && hit).length;
    // Ties go to the earlier grid point, whatever the map's order.
    const best = [...hits.keys()].reduce((a, b) => (score(b, false) > score(a, false) ? b : a));
    choices.push(best);
    held.push(...hits.get(best)!.filter((_, i) => inFold[i]));
  }
  return {
    inUse: { k1: DEFAULT_BM25.k1, b: DEFAULT_BM25.b, lexicalHitAt1: roundedShare(hits.get(`${DEFAULT_BM25.k1}/${DEFAULT_BM25.b}`) ?? []) },
    crossValidated: { choices, lexicalHitAt1: roundedShare(held) },
    grid: Object.fromEntries([...hits].map(([key, found]) => [key, roundedShare(found)])),
  };
}
