/**
 * Structured logs for the service: one JSON line per event (pino). A
 * request's question is logged only at debug level: questions can be
 * personal, and operators choose to see them.
 */
import { pino, type LevelWithSilent, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: LevelWithSilent, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino({ level, base: { service: 'ancre' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
