import { KeyholeError } from '../errors.js';

/** What a file-system error code means, in the words a message uses. */
const REASONS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  ENOENT: 'the folder is gone',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'a file is in the way',
  ELOOP: 'it is a symbolic link',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

/** A path that names a file where keyhole needs a folder (or the reverse): a setup problem. */
const SETUP_CODES = new Set(['ENOTDIR', 'EISDIR', 'EEXIST', 'ELOOP']);

/** The errno code of a Node file-system error, if it is one. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** The reason words for an error: "disk full", "read-only file system", … */
function reasonOf(error: unknown): string {
  const code = errnoOf(error);
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns a file-system error into a StorageError: "could not write PATH: disk full (ENOSPC)".
 * `action` is the verb ("write", "read", "create the folder", "lock"); `kept` adds that the
 * previous contents are intact, for writes that go through a temporary file. Errors that are
 * already KeyholeErrors pass through.
 */
export function storageError(
  error: unknown,
  path: string,
  action: string,
  options: { kept?: boolean } = {},
): KeyholeError {
  if (error instanceof KeyholeError) return error;
  const code = errnoOf(error);
  const kept = options.kept ? '; the previous file was left as it was' : '';
  const setup = code !== undefined && SETUP_CODES.has(code);
  return new KeyholeError(`could not ${action} ${path}: ${reasonOf(error)}${kept}`, {
    exitCode: setup ? 2 : 1,
    hint: hintFor(code),
    cause: error,
  });
}

function hintFor(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space and run the command again.';
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return 'Make the config folder writable (or point KEYHOLE_CONFIG_DIR at one that is) and run the command again.';
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
      return 'Move the file that is in the way, or point KEYHOLE_CONFIG_DIR at a folder.';
    default:
      return 'Check the config folder (`keyhole config path`) and run the command again.';
  }
}
