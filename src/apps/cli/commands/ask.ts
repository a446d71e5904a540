/** `ancre ask "question"`: answer one question in the terminal, or print the /ask JSON body. */
import { AskRequestSchema, type AskResult } from '../../../contracts/api.ts';
import type { DocumentFilter, RetrievalMode } from '../../../contracts/retrieval.ts';
import { messages, startRuntime } from '../../../pipeline/pipeline.ts';
import type { AncreConfig } from '../../config.ts';
import { EXIT } from '../exit-codes.ts';

export async function askCommand(
  config: AncreConfig,
  question: string,
  options: { json: boolean; topK?: number; mode?: RetrievalMode; filter?: DocumentFilter },
): Promise<number> {
  // The same rule as POST /ask's, checked before the index and the model are loaded: an empty or overlong question is a
  // mistake on the command line, not a question the articles cannot answer (exit 3 would say that).
  const checked = AskRequestSchema.shape.question.safeParse(question);
  if (!checked.success) {
    console.error(`ancre: ${checked.error.issues.map((issue) => issue.message).join('; ')}`);
    return EXIT.usage;
  }
  const { engine } = await startRuntime(config, (line) => console.error(line), { buildIfMissing: true });
  const asked = await engine.ask(checked.data, { topK: options.topK ?? config.defaultTopK, mode: options.mode, filter: options.filter });
  const result = await engine.withFilterWarnings(asked, options.filter);
  for (const warning of result.warnings ?? []) console.error(`ancre: ${warning}`);
  console.log(options.json ? JSON.stringify(result, null, 2) : formatAnswer(result));
  return result.answerable ? EXIT.ok : EXIT.noAnswer;
}

/** The answer, then its sources with their quotes: readable in a terminal. */
export function formatAnswer(result: AskResult): string {
  const lines = [result.answer];
  if (!result.answerable && result.evidence.inCorpusLanguage === false) lines.push(messages.chat.otherLanguageHint);
  if (result.citations.length) {
    lines.push('', 'Sources :');
    for (const c of result.citations) lines.push(`  [${c.n}] ${c.title} — § ${c.paragraph} (${c.doc})`, `      « ${c.quote} »`);
  }
  return lines.join('\n');
}
