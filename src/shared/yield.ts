/** Lets the event loop run what waits (requests, timers) before a long computation goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
