/** How a question is asked: what the engine and a conversation both read. */
import type { AskResult, ConversationTurn } from '../contracts/api.ts';
import type { DocumentFilter, RetrievalMode } from '../contracts/retrieval.ts';

export interface AskOptions {
  topK: number;
  mode?: RetrievalMode;
  /** Answer only from some articles, or from all but some. */
  filter?: DocumentFilter;
  /** The conversation's earlier turns, oldest first: a follow-up is read with what it leans on (conversation.ts). */
  history?: readonly ConversationTurn[];
}

/** The response's `filter` field: the caller's filter, as given; absent without one. */
export function filterEcho(filter: DocumentFilter | undefined): Pick<AskResult, 'filter'> {
  return filter ? { filter: { include: filter.include && [...filter.include], exclude: filter.exclude && [...filter.exclude] } } : {};
}
