/**
 * Paragraphs a question may retrieve: the API, the command line and the
 * configuration share this range. Apart from the API's schemas (api.ts),
 * which bring zod's OpenAPI layer and hono: the command line reads it before
 * it knows which command runs.
 */
export const TOP_K = { min: 1, max: 20, default: 5 } as const;
