/**
 * The public shapes of ancre, in zod: the same schemas validate requests,
 * type what the pipeline returns (AskResult and IngestReport are inferred
 * from them, never written twice) and describe the API in the OpenAPI
 * document.
 */
import { z } from '@hono/zod-openapi';
import { ANSWER_TYPES } from './query.ts';
import { RETRIEVAL_MODES } from './retrieval.ts';
import { TOP_K } from './top-k.ts';

export const MAX_QUESTION_LENGTH = 1000;
/** Control characters other than tab, line feed and carriage return have no place in a question. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Documents one filter may name: enough for any real selection, small enough to check at once. */
const MAX_FILTER_DOCUMENTS = 1000;

const documentIds = (what: string) =>
  z
    .array(z.string({ error: `filter.${what} must hold document ids (strings)` }).min(1).max(200), { error: `filter.${what} must be an array of document ids` })
    .max(MAX_FILTER_DOCUMENTS, `filter.${what} may name at most ${MAX_FILTER_DOCUMENTS} documents`);

/** Which articles to answer from: the ids of /docs/{doc} and of citations' `doc`. */
export const DocumentFilterSchema = z
  .object({
    include: documentIds('include').optional().openapi({ description: 'Answer only from these articles.', example: ['002_9a0fa612789b1bfe'] }),
    exclude: documentIds('exclude').optional().openapi({ description: 'Never answer from these articles.', example: ['000_204cd760b12bbebc'] }),
  })
  .strict()
  .openapi('DocumentFilter');

const questionText = (field: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(MAX_QUESTION_LENGTH, `${field} must be at most ${MAX_QUESTION_LENGTH} characters`)
    .refine((question) => !CONTROL_CHARACTERS.test(question), `${field} must not contain control characters`);

/** Earlier turns a question may lean on: a conversation's recent past, which is what follow-ups refer to. */
export const MAX_HISTORY_TURNS = 10;
/** Paragraphs one earlier turn may name: more than an answer ever cites. */
const MAX_TURN_CITATIONS = 20;

export const ConversationTurnSchema = z
  .object({
    question: questionText('history[].question').openapi({ description: 'What was asked in that turn.', example: "Qu'est-ce que l'EMCO ?" }),
    citations: z
      .array(
        z
          .object({
            doc: z.string({ error: 'history[].citations[].doc must be a document id' }).min(1).max(200),
            paragraph: z.number({ error: 'history[].citations[].paragraph must be an integer' }).int('history[].citations[].paragraph must be an integer').min(1, 'history[].citations[].paragraph must be at least 1'),
          })
          .strip(),
        { error: 'history[].citations must be an array of {doc, paragraph}' },
      )
      .max(MAX_TURN_CITATIONS, `history[].citations may name at most ${MAX_TURN_CITATIONS} paragraphs`)
      .optional()
      .openapi({ description: 'What ancre cited in that turn (its citations’ doc and paragraph).' }),
  })
  .strip()
  .openapi('ConversationTurn');

export type ConversationTurn = z.infer<typeof ConversationTurnSchema>;

export const AskRequestSchema = z
  .object({
    question: questionText('question').openapi({
      description: 'The question, in any language; trimmed, 1–1000 characters.',
      example: "Combien de services l'EMCO regroupe-t-il ?",
    }),
    topK: z
      .number({ error: 'topK must be an integer' })
      .int('topK must be an integer')
      .min(TOP_K.min, `topK must be between ${TOP_K.min} and ${TOP_K.max}`)
      .max(TOP_K.max, `topK must be between ${TOP_K.min} and ${TOP_K.max}`)
      .optional()
      .openapi({ description: 'How many paragraphs to retrieve (default 5, or ANCRE_TOP_K).', example: 5 }),
    mode: z
      .enum(RETRIEVAL_MODES, { error: `mode must be one of ${RETRIEVAL_MODES.join(', ')}` })
      .optional()
      .openapi({ description: 'Retrieval: dense, lexical (BM25) or both fused (default).', example: 'hybrid' }),
    filter: DocumentFilterSchema.optional(),
    history: z
      .array(ConversationTurnSchema, { error: 'history must be an array of earlier turns' })
      .max(MAX_HISTORY_TURNS, `history may hold at most ${MAX_HISTORY_TURNS} turns`)
      .optional()
      .openapi({
        description:
          'The earlier turns of the conversation, oldest first (at most 10). A follow-up that leans on them ("Où est-il basé ?") is read with what it refers to; a question that stands on its own is answered as if alone. The server keeps no state: the client sends the conversation.',
      }),
  })
  .openapi('AskRequest');

export type AskRequest = z.infer<typeof AskRequestSchema>;

export const CitationSchema = z
  .object({
    n: z.number().int().min(1).openapi({ description: 'The marker [n] that follows the quote in the answer.' }),
    doc: z.string().openapi({ description: 'Document id (the file name without extension).' }),
    title: z.string(),
    paragraph: z.number().int().min(1).openapi({ description: '1-based paragraph number in the cleaned document.' }),
    text: z.string().openapi({ description: 'The whole paragraph.' }),
    quote: z.string().openapi({ description: 'The quoted sentence(s), verbatim: a substring of text.' }),
    start: z.number().int().min(0).openapi({ description: 'Offset of the quote in text.' }),
    end: z.number().int().min(0),
    score: z.number(),
    url: z.string().openapi({ description: 'The page that shows the paragraph in its article.' }),
  })
  .openapi('Citation');

export const PassageSchema = z
  .object({
    doc: z.string(),
    title: z.string(),
    paragraph: z.number().int().min(1),
    text: z.string(),
    score: z.number().openapi({ description: 'Cosine similarity between question and paragraph.' }),
    lexical: z.number().openapi({ description: 'BM25 score of the paragraph for the question’s terms.' }),
  })
  .openapi('Passage');

export const AskResponseSchema = z
  .object({
    question: z.string(),
    answer: z.string().openapi({ description: 'Sentences quoted verbatim, each followed by its marker [n]; or a plain message when answerable is false.' }),
    answerable: z.boolean(),
    citations: z.array(CitationSchema),
    passages: z.array(PassageSchema),
    answerType: z.enum(ANSWER_TYPES),
    evidence: z.object({
      coverage: z.number(),
      closestScore: z.number(),
      inCorpusLanguage: z.boolean(),
      answerability: z.number().optional().openapi({ description: 'The probability that the articles hold an answer, when the model has a fitted calibration or answerability veto (the offline model has a veto: README, "Abstention").' }),
    }),
    mode: z.enum(RETRIEVAL_MODES),
    filter: DocumentFilterSchema.optional(),
    warnings: z
      .array(z.string())
      .optional()
      .openapi({ description: 'What in the request looks mistaken but did not stop the answer, such as filter ids no indexed article has, an empty filter.include, or a field /ask does not know, which it ignored (absent when nothing does).' }),
    resolvedWith: z
      .object({
        turn: z.number().int().min(1).openapi({ description: 'The earlier turn read with the question: 1 is the first of history.' }),
        terms: z.array(z.string()).openapi({ description: 'The words taken from that turn.' }),
        scope: z.enum(['nearby', 'cited', 'corpus']).openapi({
          description: 'Where it was answered from: the paragraphs around those the conversation cited, the articles it cited, or the whole corpus.',
        }),
      })
      .nullable()
      .optional()
      .openapi({ description: 'With history: the earlier turn the question was read with, or null when it was read alone (it stands on its own, or the conversation did not help).' }),
    model: z.string(),
    timings: z.object({ embedMs: z.number(), searchMs: z.number(), selectMs: z.number(), totalMs: z.number() }),
  })
  .openapi('AskResponse', {
    example: {
      question: "Combien de services l'EMCO regroupe-t-il ?",
      answer:
        'Basé à Nanterre, cet état-major regroupe douze services différents, avec pour objectif une meilleure coordination de l’action des forces de l’ordre. [1]',
      answerable: true,
      citations: [
        {
          n: 1,
          doc: '002_9a0fa612789b1bfe',
          title: "Narcotrafic : qu'est-ce que l'état-major de lutte contre la criminalité organisée inauguré par Emmanuel Macron",
          paragraph: 3,
          text: 'Basé à Nanterre, cet état-major regroupe douze services différents, avec pour objectif une meilleure coordination de l’action des forces de l’ordre. Installé au neuvième et dernier étage du siège de la Direction nationale de la police judiciaire, l’EMCO n’est pas un service d’enquête à proprement parler. Il a vocation à se mettre au service des enquêteurs.',
          quote: 'Basé à Nanterre, cet état-major regroupe douze services différents, avec pour objectif une meilleure coordination de l’action des forces de l’ordre.',
          start: 0,
          end: 148,
          score: 0.74,
          url: '/docs/002_9a0fa612789b1bfe?p=3#p-3',
        },
      ],
      passages: [],
      answerType: 'number',
      evidence: { coverage: 1, closestScore: 0.44, inCorpusLanguage: true },
      mode: 'hybrid',
      model: 'ancre-offline',
      timings: { embedMs: 0.4, searchMs: 0.1, selectMs: 0.2, totalMs: 0.7 },
    },
  });

export const ERROR_CODES = [
  'invalid_json',
  'invalid_request',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'method_not_allowed',
  'unauthorized',
  'reindex_in_progress',
  'original_changed',
  'rate_limited',
  'overloaded',
  'timeout',
  'store_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().openapi({ description: 'What was wrong, in words a developer can act on.' }),
    }),
  })
  .openapi('Error', { example: { error: { code: 'invalid_request', message: 'question must not be empty' } } });

export type ErrorBody = z.infer<typeof ErrorSchema>;
export type AskResult = z.infer<typeof AskResponseSchema>;
export type Citation = z.infer<typeof CitationSchema>;
export type Passage = z.infer<typeof PassageSchema>;
export type Health = z.infer<typeof HealthSchema>;

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    model: z.object({
      id: z.string(),
      offline: z.boolean(),
      fallback: z.boolean().openapi({ description: 'True when the offline model stands in for the requested one.' }),
      requested: z.string(),
      fallbackReason: z.string().nullable(),
    }),
    index: z.object({
      documents: z.number().int(),
      paragraphs: z.number().int(),
      sentences: z.number().int(),
      builtAt: z.string(),
      model: z.string(),
      denseSearch: z.enum(['exact', 'lists', 'database']).openapi({
        description:
          'How paragraph vectors are searched: an exact scan, (from 20,000 paragraphs) the closest vector lists only, or, for an index in PostgreSQL, the database\'s own vector index (HNSW), asked per question.',
      }),
      simdScan: z.boolean().openapi({
        description: 'Whether vectors are compared in WebAssembly SIMD (false: a plain JavaScript loop, several times slower).',
      }),
    }),
    store: z.object({
      kind: z.enum(['folder', 'postgres']).openapi({ description: 'The embedded vectra folder, or a PostgreSQL database (ANCRE_DATABASE_URL).' }),
      build: z.string().openapi({ description: 'The build answered from; it changes when any process makes a new one current.' }),
      reachable: z.boolean().nullable().openapi({
        description: 'Whether the store answered its last check for a new build (null: not checked yet). Questions are answered from the build in hand either way.',
      }),
    }),
  })
  .openapi('Health');

export const IngestReportSchema = z
  .object({
    documents: z.number().int(),
    paragraphs: z.number().int(),
    sentences: z.number().int(),
    added: z.array(z.string()),
    changed: z.array(z.string()).openapi({ description: 'Articles whose headline, text or paragraphs read differently than in the previous build: embedded again.' }),
    removed: z.array(z.string()),
    unchanged: z
      .array(z.string())
      .openapi({ description: 'Articles that read as in the previous build, their vectors kept: a file re-saved around the same article (other markup, scripts or menus) is one.' }),
    paragraphsEmbedded: z.number().int(),
    sentencesEmbedded: z.number().int(),
    fullRebuild: z.string().nullable(),
    rewritten: z
      .string()
      .nullable()
      .openapi({ description: 'Why the build was written again though no article asked for it (it lacked what this ancre keeps beside it, such as its stems), embedding nothing; null otherwise.' }),
    failures: z.array(z.object({ file: z.string(), reason: z.string() })),
    notices: z
      .array(z.object({ file: z.string(), kind: z.enum(['encoding', 'unsupported']), message: z.string() }))
      .openapi({ description: 'Files read in an older encoding than UTF-8, and files of formats ancre does not read.' }),
    model: z.string(),
    fallback: z.object({ requested: z.string(), reason: z.string() }).nullable(),
    seconds: z.number(),
  })
  .openapi('IngestReport');

/** What an ingest did: counts, which documents it added, changed, removed or kept, and what it could not read. */
export type IngestReport = z.infer<typeof IngestReportSchema>;

export const ReindexResponseSchema = z.object({ status: z.literal('ok'), report: IngestReportSchema }).openapi('ReindexResponse');

