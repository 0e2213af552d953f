// Decode worker: reads an export folder's files off the main thread. Payloads are fetched as a
// stream, inflated as they arrive (never past the size their job implies) and decoded; results
// are transferred back. Where workers cannot run, the page imports this module and calls
// `readFile` itself.
import { transferables, type DecodeResult } from '../core/dataset/decode.js';
import { DatasetError, NotFoundError } from '../core/dataset/errors.js';
import { readFile, type ReadRequest } from '../core/dataset/read.js';

export { readFile };

/** A read (a download that stalls for `stallMs` fails). A message with only an id cancels its read. */
export interface DecodeMessage {
  id: number;
  request?: ReadRequest;
  stallMs?: number;
}

/** Progress of a download, then the answer or the error. */
export type WorkerAnswer =
  | { id: number; loaded: number; total: number | null }
  | { id: number; value: unknown }
  | { id: number; error: { file: string | null; problem: string; notFound: boolean } };

const reads = new Map<number, AbortController>();
const post = (message: WorkerAnswer, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

if (typeof document === 'undefined')
  self.onmessage = async ({ data: { id, request, stallMs } }: MessageEvent<DecodeMessage>) => {
    if (!request) return reads.get(id)?.abort();
    const abort = new AbortController();
    reads.set(id, abort);
    let reported = 0;
    try {
      const value = await readFile(
        { fetch: fetch.bind(self), signal: abort.signal, stallMs },
        request,
        (loaded, total) => {
          // Progress at most every 50 ms: each message is a task (and a repaint) on the page.
          if (performance.now() - reported < 50) return;
          reported = performance.now();
          post({ id, loaded, total });
        },
      );
      const result = value as DecodeResult;
      // The renderer's own copy, made here: the page moves it on instead of copying it.
      if (result.ok && result.kind === 'points') result.spare = result.positions.slice();
      post({ id, value }, request.kind === 'payload' ? transferables(result) : []);
    } catch (err) {
      const e = err instanceof DatasetError ? err : new DatasetError(null, String(err));
      post({ id, error: { file: e.file, problem: e.problem, notFound: e instanceof NotFoundError } });
    } finally {
      reads.delete(id);
    }
  };
