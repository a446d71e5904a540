/**
 * The model's worker thread, started ahead of the rest of a runtime: a
 * service starts it first and loads the stages, the store and its HTTP side
 * while the model loads (startRuntime's `modelWorker` takes it over). This
 * module imports only what starting a worker takes.
 */
export { startEmbedWorker as startModelWorker, type StartedEmbedWorker as ModelWorker } from '../stages/2-embed/threaded/threaded-embedder.ts';
