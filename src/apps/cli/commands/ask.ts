/** `ancre ask "question"`: answer one question in the terminal, or print the /ask JSON body. */
import type { AncreConfig } from '../../config.ts';
import type { RetrievalMode } from '../../../stages/5-retrieve/retriever.ts';
import { startRuntime } from '../../../pipeline/pipeline.ts';
import { EXIT } from '../exit-codes.ts';

export async function askCommand(
  config: AncreConfig,
  question: string,
  options: { json: boolean; topK?: number; mode?: RetrievalMode },
): Promise<number> {
  const { engine } = await startRuntime(config, (line) => console.error(line), { buildIfMissing: true });
  const result = await engine.ask(question.trim(), { topK: options.topK ?? config.defaultTopK, mode: options.mode });
  if (options.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const lines = [result.answer];
    if (result.citations.length) {
      lines.push('', 'Sources :');
      for (const c of result.citations) lines.push(`  [${c.n}] ${c.title} — § ${c.paragraph} (${c.doc})`, `      « ${c.quote} »`);
    }
    console.log(lines.join('\n'));
  }
  return result.answerable ? EXIT.ok : EXIT.noAnswer;
}
