// Decode worker: reads an export folder's files off the main thread. Payloads are fetched as a
// stream, inflated as they arrive (never past the size their job implies) and decoded; results
// are transferred back. Where workers cannot run, the page imports this module and calls
// `readFile` itself.
import { transferables, type DecodeResult } from '../core/dataset/decode.js';
import { DatasetError, NotFoundError } from '../core/dataset/errors.js';
import { readFile, type ReadRequest } from '../core/dataset/read.js';
import { serve, transfer } from '../platform/rpc.js';

export { readFile };

export interface DecodeMethods {
  /**
   * Reads a file (a download that stalls for `stallMs` fails), reporting its progress as
   * [loaded, total]. Fails with the DatasetError's fields and `notFound`.
   */
  read(request: ReadRequest, stallMs?: number): Promise<unknown>;
}

if (typeof document === 'undefined')
  serve<DecodeMethods>(self as unknown as Worker, {
    async read(request, stallMs, { signal, progress }) {
      let reported = 0;
      try {
        const value = await readFile({ fetch: fetch.bind(self), signal, stallMs }, request, (loaded, total) => {
          // Progress at most every 50 ms: each message is a task (and a repaint) on the page.
          if (performance.now() - reported < 50) return;
          reported = performance.now();
          progress([loaded, total]);
        });
        if (request.kind !== 'payload') return value;
        const result = value as DecodeResult;
        // The renderer's own copy, made here: the page moves it on instead of copying it.
        if (result.ok && result.kind === 'points') result.spare = result.positions.slice();
        return transfer(result, transferables(result));
      } catch (err) {
        // The page makes the error again from its fields (a class does not cross to the page).
        const e = err instanceof DatasetError ? err : new DatasetError(null, String(err));
        throw Object.assign(e, { notFound: e instanceof NotFoundError });
      }
    },
  });
