/**
 * A drain run once for a burst of requests: `schedule()` called many times
 * before the event loop turns starts `drain` once, after all of them have
 * arrived (so that it can take them together), and never a second `drain`
 * beside a running one: a request made while it runs starts one more drain
 * after it. `drain` takes whatever is queued when it runs.
 */
export function coalesced(drain: () => Promise<void>): () => void {
  let scheduled = false;
  let running = false;
  let again = false;
  const run = async () => {
    scheduled = false;
    running = true;
    try {
      await drain();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (running) again = true;
    else if (!scheduled) {
      scheduled = true;
      setImmediate(() => void run());
    }
  };
  return schedule;
}
