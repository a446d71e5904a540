/** `ancre serve`: the chat page and the HTTP API (apps/serve). */
import { runService } from '../../serve/main.ts';
import type { AncreConfig } from '../../config.ts';

export function serveCommand(config: AncreConfig): Promise<void> {
  return runService(config);
}
