/**
 * `ancre chat`: an interactive session in the terminal. Each question is
 * sent with the conversation before it, as the page and API clients do, so
 * a follow-up ("Où est-il basé ?") is read with what it refers to. Rendering
 * is `ancre ask`'s. "/nouvelle" (or "/new") starts a new conversation; an
 * empty line is ignored; Ctrl-D leaves.
 */
import { createInterface } from 'node:readline/promises';
import { AskRequestSchema, MAX_HISTORY_TURNS, type AskResult, type ConversationTurn } from '../../../contracts/api.ts';
import type { DocumentFilter, RetrievalMode } from '../../../contracts/retrieval.ts';
import { messages, startRuntime, type Engine } from '../../../pipeline/pipeline.ts';
import type { AncreConfig } from '../../config.ts';
import { EXIT } from '../exit-codes.ts';
import { formatAnswer } from './ask.ts';

const NEW_CONVERSATION = new Set(['/nouvelle', '/new']);

export interface ChatOptions {
  topK?: number;
  mode?: RetrievalMode;
  filter?: DocumentFilter;
}

export async function chatCommand(config: AncreConfig, options: ChatOptions): Promise<number> {
  const { engine, pipeline } = await startRuntime(config, (line) => console.error(line), { buildIfMissing: true });
  const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const conversation = new Conversation(engine, { ...options, topK: options.topK ?? config.defaultTopK });
  if (process.stdin.isTTY) console.log(`${messages.page.chatTitle} — /nouvelle : ${messages.page.newConversation.toLowerCase()}, Ctrl-D`);
  try {
    // Piped input gets answers only, no prompts.
    const prompt = () => process.stdin.isTTY && terminal.prompt();
    terminal.setPrompt('> ');
    prompt();
    for await (const line of terminal) {
      const reply = await conversation.say(line);
      if (reply !== null) console.log(`${reply}\n`);
      prompt();
    }
  } finally {
    terminal.close();
    await pipeline.close();
  }
  return EXIT.ok;
}

/** One conversation: what the user typed in, what to print out. */
export class Conversation {
  private history: ConversationTurn[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly options: ChatOptions & { topK: number },
  ) {}

  /** The reply to one line, or null when there is nothing to say. */
  async say(line: string): Promise<string | null> {
    const text = line.trim();
    if (text === '') return null;
    if (NEW_CONVERSATION.has(text)) {
      this.history = [];
      return `— ${messages.page.newConversation} —`;
    }
    const request = AskRequestSchema.safeParse({ question: text, history: this.history });
    if (!request.success) return `ancre: ${request.error.issues.map((issue) => issue.message).join('; ')}`;
    const result = await this.engine.ask(request.data.question, { ...this.options, history: this.history });
    const earlier = result.resolvedWith ? this.history[result.resolvedWith.turn - 1] : undefined;
    this.remember(result);
    return (earlier ? `(${messages.chat.readWith.replace('{question}', earlier.question)})\n` : '') + formatAnswer(result);
  }

  private remember(result: AskResult): void {
    const turn = { question: result.question, citations: result.citations.map(({ doc, paragraph }) => ({ doc, paragraph })) };
    this.history = [...this.history, turn].slice(-MAX_HISTORY_TURNS);
  }
}
