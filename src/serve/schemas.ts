/** The shapes of the HTTP API, validated at the edge. */
import { z } from 'zod';
import { RETRIEVAL_MODES } from '../retrieve/retriever.ts';

export const MAX_QUESTION_LENGTH = 1000;
export const MAX_TOP_K = 20;

export const AskRequestSchema = z.object({
  question: z
    .string({ error: (issue) => (issue.input === undefined ? 'question is required' : 'question must be a string') })
    .trim()
    .min(1, 'question must not be empty')
    .max(MAX_QUESTION_LENGTH, `question must be at most ${MAX_QUESTION_LENGTH} characters`),
  topK: z
    .number({ error: 'topK must be an integer' })
    .int('topK must be an integer')
    .min(1, `topK must be between 1 and ${MAX_TOP_K}`)
    .max(MAX_TOP_K, `topK must be between 1 and ${MAX_TOP_K}`)
    .optional(),
  mode: z.enum(RETRIEVAL_MODES, { error: `mode must be one of ${RETRIEVAL_MODES.join(', ')}` }).optional(),
});

export type AskRequest = z.infer<typeof AskRequestSchema>;

export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'unauthorized'
  | 'reindex_in_progress'
  | 'internal_error';

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}
