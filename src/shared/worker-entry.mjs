// The entry of every worker thread: a worker starts without the TypeScript
// loader of its parent, so it registers tsx, then loads the worker module
// whose URL `startWorker` put in its argv.
import { register } from 'tsx/esm/api';

register();
await import(process.argv.at(-1));
