// The worker thread's entry point: a worker starts without the TypeScript
// loader of its parent, so it registers tsx before loading the worker code.
import { register } from 'tsx/esm/api';

register();
await import('./embed-worker.ts');
