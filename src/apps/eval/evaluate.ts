/**
 * Scores the answer engine on a question file (JSON lines of
 * `{id, question, expect: "answer"|"abstain", key?}`).
 *
 * - hit@k: the key (accent-, case- and apostrophe-insensitive) is in one of
 *   the first k paragraphs the answer offers — its citations in order, then
 *   the other retrieved passages. An abstention on an answerable question is
 *   a miss.
 * - MRR: mean of 1/rank of the first paragraph holding the key (0 when none
 *   of the offered paragraphs holds it, or on an abstention).
 * - key-in-answer: the key is in the answer text itself.
 * - abstention accuracy: share of `expect: "abstain"` questions answered
 *   with `answerable: false`.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AskResult } from '../../contracts/api.ts';
import { QuestionFileError } from '../../contracts/errors.ts';
import { foldedIncludes } from '../../pipeline/pipeline.ts';

const EvalQuestionSchema = z.object({
  id: z.string(),
  question: z.string().min(1),
  expect: z.enum(['answer', 'abstain']),
  key: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

export interface QuestionOutcome {
  id: string;
  question: string;
  expect: EvalQuestion['expect'];
  answerable: boolean;
  hitAt1: boolean;
  hitAt3: boolean;
  reciprocalRank: number;
  keyInAnswer: boolean;
  answer: string;
  evidence: AskResult['evidence'];
  ms: number;
}

export interface EvalSummary {
  questions: number;
  answerableQuestions: number;
  abstainQuestions: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  keyInAnswer: number;
  abstentionAccuracy: number;
  /** Answerable questions on which the engine wrongly abstained. */
  falseAbstentions: number;
  meanMs: number;
  outcomes: QuestionOutcome[];
}

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

export async function evaluate(questions: readonly EvalQuestion[], ask: (question: string) => Promise<AskResult>): Promise<EvalSummary> {
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) {
    const started = performance.now();
    const result = await ask(q.question);
    const ms = performance.now() - started;
    const ranked = rankedParagraphs(result);
    const has = (text: string) => q.key !== undefined && foldedIncludes(text, q.key);
    const answered = q.expect === 'answer' && result.answerable;
    outcomes.push({
      id: q.id,
      question: q.question,
      expect: q.expect,
      answerable: result.answerable,
      hitAt1: answered && ranked.slice(0, 1).some(has),
      hitAt3: answered && ranked.slice(0, 3).some(has),
      reciprocalRank: answered ? 1 / (ranked.findIndex(has) + 1 || Infinity) : 0,
      keyInAnswer: answered && has(result.answer),
      answer: result.answer,
      evidence: result.evidence,
      ms,
    });
  }
  const answerable = outcomes.filter((o) => o.expect === 'answer');
  const abstain = outcomes.filter((o) => o.expect === 'abstain');
  const share = (list: QuestionOutcome[], ok: (o: QuestionOutcome) => boolean) => (list.length ? list.filter(ok).length / list.length : 0);
  return {
    questions: outcomes.length,
    answerableQuestions: answerable.length,
    abstainQuestions: abstain.length,
    hitAt1: share(answerable, (o) => o.hitAt1),
    hitAt3: share(answerable, (o) => o.hitAt3),
    mrr: answerable.reduce((sum, o) => sum + o.reciprocalRank, 0) / Math.max(1, answerable.length),
    keyInAnswer: share(answerable, (o) => o.keyInAnswer),
    abstentionAccuracy: share(abstain, (o) => !o.answerable),
    falseAbstentions: answerable.filter((o) => !o.answerable).length,
    meanMs: outcomes.reduce((sum, o) => sum + o.ms, 0) / Math.max(1, outcomes.length),
    outcomes,
  };
}

function rankedParagraphs(result: AskResult): string[] {
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const item of [...result.citations, ...result.passages]) {
    const key = `${item.doc}#${item.paragraph}`;
    if (seen.has(key)) continue;
    seen.add(key);
    texts.push(item.text);
  }
  return texts;
}
