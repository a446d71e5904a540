/** Exit codes of the `ancre` command line, for scripts to rely on. */
export const EXIT = {
  ok: 0,
  /** Something failed: configuration, index, model, or some files could not be read. */
  failure: 1,
  /** The command line itself was wrong (unknown option, missing argument). */
  usage: 2,
  /** `ancre ask`: the articles hold no answer to the question. */
  noAnswer: 3,
} as const;
