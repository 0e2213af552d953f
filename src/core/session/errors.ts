/** A problem with a session file. `chunkId` names the chunk when the problem is inside one. */
export class SessionFormatError extends Error {
  override readonly name = 'SessionFormatError';
  constructor(
    message: string,
    readonly chunkId: string | null = null,
  ) {
    super(chunkId ? `Chunk "${chunkId}": ${message}` : message);
  }
}

export function abortError(): Error {
  return typeof DOMException === 'function'
    ? new DOMException('Aborted', 'AbortError')
    : Object.assign(new Error('Aborted'), { name: 'AbortError' });
}
