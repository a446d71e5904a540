/**
 * Question files (JSON lines). Each row: `id`, `question`, `expect`
 * ("answer" or "abstain"), and for an answerable one its `key`, the answer
 * span; optionally `doc` and `paragraph_text`, its gold paragraph (as PIAF's
 * rows have them), which the passage metrics and leave-gold-out need; and
 * `history`, the questions asked before it in the same conversation.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MAX_HISTORY_TURNS } from '../../contracts/api.ts';
import { QuestionFileError } from '../../contracts/errors.ts';

const EvalQuestionSchema = z.object({
  id: z.string(),
  question: z.string().min(1),
  expect: z.enum(['answer', 'abstain']),
  key: z.string().optional(),
  doc: z.string().optional(),
  paragraph_text: z.string().optional(),
  history: z.array(z.string().min(1)).max(MAX_HISTORY_TURNS).optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

export async function readQuestions(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new QuestionFileError(`cannot read the question file ${file} (${error.code ?? error.message})`);
  });
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, i) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new QuestionFileError(`${file}:${i + 1}: not a JSON object`);
    }
    const parsed = EvalQuestionSchema.safeParse(json);
    if (!parsed.success) throw new QuestionFileError(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    if (parsed.data.expect === 'answer' && !parsed.data.key) throw new QuestionFileError(`${file}:${i + 1}: an answerable question needs a key`);
    return parsed.data;
  });
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Whether a paragraph (by its document and text) is the question's gold one; without a gold paragraph, whether it holds the key. */
export function isGold(question: EvalQuestion, doc: string, text: string, keyIn: (text: string, key: string) => boolean): boolean {
  if (question.doc !== undefined && question.paragraph_text !== undefined) return doc === question.doc && squash(text) === squash(question.paragraph_text);
  return question.key !== undefined && keyIn(text, question.key);
}

/** What a question is resampled with for the intervals (bootstrap.ts): its gold article, whose questions succeed or fail together, or itself when it names none. */
export function clusterOf(question: EvalQuestion): string {
  return question.doc ?? question.id;
}
