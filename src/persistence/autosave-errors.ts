// Why autosave cannot be used: every storage failure (no IndexedDB, private mode, a full quota, a
// database blocked by another tab…) reaches callers as one error type with a reason.

export type AutosaveUnavailableReason = 'missing' | 'quota' | 'blocked' | 'failed';

/** Storage cannot be used (no IndexedDB, private mode, full quota, blocked database…). */
export class AutosaveUnavailableError extends Error {
  override name = 'AutosaveUnavailableError';
  readonly reason: AutosaveUnavailableReason;
  constructor(reason: AutosaveUnavailableReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** `error` (whatever the storage threw) as an AutosaveUnavailableError saying why. */
export function toUnavailable(error: unknown): AutosaveUnavailableError {
  if (error instanceof AutosaveUnavailableError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') {
    return new AutosaveUnavailableError(
      'quota',
      'Autosave is unavailable: the browser storage for this site is full.',
      { cause: error },
    );
  }
  if (error instanceof ReferenceError) {
    return new AutosaveUnavailableError('missing', 'Autosave is unavailable: this browser has no IndexedDB.', {
      cause: error,
    });
  }
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return new AutosaveUnavailableError('failed', `Autosave is unavailable: the browser database failed${detail}.`, {
    cause: error,
  });
}
