/**
 * The failures a user can act on, named once so that any layer can throw
 * them and the apps can answer each with one line (or its HTTP status)
 * rather than a stack trace. No behaviour here: names and messages only.
 */

/** A setting has a value ancre cannot use. */
export class ConfigError extends Error {}

/** The corpus as a whole cannot be used: the folder is missing or unreadable, or holds no article. */
export class CorpusError extends Error {}

export class IndexNotFoundError extends Error {}
export class IndexCorruptError extends Error {}
/** A build an older ancre wrote, in a format this one no longer reads: rebuilt from the corpus, never a fault. */
export class IndexOutdatedError extends IndexCorruptError {}

/** Another writer holds the index. */
export class IndexBusyError extends Error {}

/** The database holding the index cannot be reached now (down, restarting, network): worth retrying, not a fault of the request. */
export class StoreUnavailableError extends Error {
  /** How long a client should wait before asking again. */
  readonly retryAfterSeconds = 5;
}

/** The index was built with another model than the one loaded. */
export class ModelMismatchError extends Error {}

/** A question file for the evaluation cannot be read. */
export class QuestionFileError extends Error {}

/** The kinds above: failures whose message is the whole story. */
export const USER_FACING_ERRORS = [ConfigError, CorpusError, IndexNotFoundError, IndexCorruptError, IndexBusyError, StoreUnavailableError, ModelMismatchError, QuestionFileError] as const;

