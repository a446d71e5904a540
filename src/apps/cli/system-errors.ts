/**
 * The operating system's refusals (a folder ancre may not write, a full
 * disk) as the one line the README promises: what failed, on which path,
 * and what to do about it — never a stack trace.
 */
const ADVICE: Readonly<Record<string, string>> = {
  EACCES: 'permission denied: give the user running ancre access to it, or point ANCRE_INDEX_DIR / ANCRE_CORPUS_DIR elsewhere',
  EPERM: 'operation not permitted: give the user running ancre access to it, or point ANCRE_INDEX_DIR / ANCRE_CORPUS_DIR elsewhere',
  ENOSPC: 'no space left on the device: free some space (an index takes about 7 MB per 1,000 paragraphs) and run the command again',
  EDQUOT: 'disk quota exceeded: free some space and run the command again',
  EROFS: 'the file system is read-only: point ANCRE_INDEX_DIR at a writable folder',
  ENOTDIR: 'a part of the path is a file, not a folder: check ANCRE_INDEX_DIR and ANCRE_CORPUS_DIR',
  EISDIR: 'a folder stands where a file was expected',
  EMFILE: 'too many open files: raise the limit (ulimit -n) and run the command again',
};

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as SystemError).code === 'string' && /^E[A-Z]+$/.test((error as SystemError).code);
}

/** One line for an error the system raised, or null for any other error. */
export function describeSystemError(error: unknown): string | null {
  if (!isSystemError(error)) return null;
  const where = error.path ? ` ${error.path}` : '';
  const what = error.syscall ? `cannot ${error.syscall}${where}` : `failed${where}`;
  return `${what}: ${ADVICE[error.code] ?? error.message}`;
}
