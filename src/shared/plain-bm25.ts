/**
 * Plain BM25 (k1 1.2, b 0.75) over paragraphs, words lower-cased and
 * nothing else: no stemming, no stop words, no cleaning of the question, no
 * titles. About the forty lines anyone would write: the baseline ancre's
 * quality (eval) and speed (bench) are set beside.
 */
const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export function plainBm25<P extends { text: string }>(paragraphs: readonly P[], k1 = 1.2, b = 0.75): (question: string, k: number) => P[] {
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
  return (question, k) => {
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
