/**
 * The result envelope every API call returns. Nothing is thrown across the boundary between the
 * renderer and the backend: a handler either succeeds with a value or fails with a coded error.
 */

/**
 * The closed set of error codes the UI can switch on. Add a code only together with the UI's
 * handling of it.
 */
export const ERROR_CODES = [
  /** The input did not match the operation's schema. */
  'INVALID_INPUT',
  /** The caller is not allowed to call the API (wrong window, missing or wrong token). */
  'FORBIDDEN',
  /** The operation does not exist. */
  'UNKNOWN_OPERATION',
  /** The operation needs an open notebook and none is open. */
  'NO_NOTEBOOK',
  /** The thing asked for (source, notebook folder) does not exist. */
  'NOT_FOUND',
  /** The folder is not a Dossier notebook. */
  'NOT_A_NOTEBOOK',
  /** The target already exists and would be overwritten. */
  'ALREADY_EXISTS',
  /** Another process holds the notebook open. */
  'NOTEBOOK_LOCKED',
  /** A notebook file could not be read as a notebook file; the message names it. */
  'NOTEBOOK_CORRUPT',
  /** The notebook is open read-only (its folder cannot be written): it can be read, searched and exported, not changed. */
  'READ_ONLY',
  /** The notebook was written by a newer Dossier than this one. */
  'SCHEMA_TOO_NEW',
  /** Reading or writing the disk failed (permissions, disk full, ...). */
  'IO_ERROR',
  /** The user cancelled the work before it finished; the message says what was left as it was. */
  'CANCELLED',
  /** This host cannot do that (for example a folder picker in browser mode). */
  'UNSUPPORTED',
  /**
   * The record changed since the edit being undone (a colleague's, through sync): undo applies
   * only to what the reporter's own edit left, so nothing was changed; the message says who.
   */
  'CHANGED_SINCE',
  /** A bug: the message says what failed. */
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure that can cross the API boundary. */
export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** What every API call resolves to. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed result. */
export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/**
 * An error the backend raises on purpose, with a code for the UI. Backend code throws it; the
 * dispatcher turns it into a failed {@link Result} so it never crosses the boundary as an exception.
 */
export class DossierError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DossierError';
    this.code = code;
  }
}
