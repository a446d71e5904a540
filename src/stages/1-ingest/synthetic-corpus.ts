/**
 * A deterministic generator of news-like articles that recombines the real
 * sentences of a corpus: for load, scale and fault tests that need more
 * text than the seed articles hold, with the same vocabulary and style.
 */
import { mulberry32 } from '../../shared/random.ts';
import { splitSentences } from '../../text/sentences.ts';

export interface SyntheticArticle {
  fileName: string;
  text: string;
}

export function syntheticArticles(
  sourceParagraphs: readonly string[],
  options: { articles: number; paragraphsPerArticle: number; sentencesPerParagraph?: number; seed?: number },
): SyntheticArticle[] {
  const sentences = sourceParagraphs.flatMap((p) => splitSentences(p).map((s) => s.text)).filter((s) => s.length > 30);
  if (sentences.length === 0) throw new Error('no sentence to recombine');
  // Seeded: the same seed gives the same corpus everywhere.
  const next = mulberry32(options.seed ?? 1);
  const pick = () => sentences[Math.floor(next() * sentences.length)]!;
  const perParagraph = options.sentencesPerParagraph ?? 3;
  return Array.from({ length: options.articles }, (_, a) => {
    const title = `Article de synthèse ${a + 1}`;
    const paragraphs = Array.from({ length: options.paragraphsPerArticle }, () =>
      Array.from({ length: perParagraph }, pick).join(' '),
    );
    return { fileName: `synthetic-${String(a + 1).padStart(6, '0')}.txt`, text: [title, ...paragraphs].join('\n\n') };
  });
}
