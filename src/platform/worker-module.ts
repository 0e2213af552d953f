// Where a worker cannot run, the page runs the worker's own module instead (in the built bundle,
// the Blob URL the worker would have started from).

/**
 * A worker's URL, made on first use: the built bundle turns each `new URL('…worker.ts',
 * import.meta.url)` into a Blob URL of the worker's code, and an unused one need not be made.
 */
export function workerUrlOnce(make: () => URL | string): () => URL | string {
  let url: URL | string | undefined;
  return () => (url ??= make());
}

/** Why a worker's module could not be loaded: nearly always a page policy refusing blob: URLs. */
const WORKER_CODE_REFUSED =
  "the viewer's worker code could not be loaded (a Content-Security-Policy must allow blob: for scripts and workers)";

/** Imports a worker's module on this thread, with a plain-words error when the page refuses it. */
export async function importWorkerModule<T>(url: URL | string): Promise<T> {
  try {
    return (await import(String(url))) as T;
  } catch {
    throw new Error(WORKER_CODE_REFUSED);
  }
}
