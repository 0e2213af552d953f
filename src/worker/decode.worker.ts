// Decode worker: fetches a payload (when asked to), gunzips and dequantises it off the main
// thread; results are transferred back. Where workers cannot run, the page imports this module
// and calls `decodePayload` itself.
import { decodePayload, transferables, type DecodeRequest, type DecodeResult } from '../core/dataset/decode.js';
import { DatasetError } from '../core/dataset/errors.js';
import { fetchPayload } from '../core/dataset/fetching.js';

export { decodePayload };

/** A job: `url` set, the payload is fetched here first. A message with only an id cancels its fetch. */
export interface DecodeMessage {
  id: number;
  request?: DecodeRequest;
  url?: string;
}

const fetches = new Map<number, AbortController>();
const post = (message: unknown, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

if (typeof document === 'undefined')
  self.onmessage = async ({ data: { id, request, url } }: MessageEvent<DecodeMessage>) => {
    if (!request) return fetches.get(id)?.abort();
    let result: DecodeResult;
    try {
      if (url) {
        const abort = new AbortController();
        fetches.set(id, abort);
        let reported = 0;
        request.bytes = await fetchPayload(
          { fetch: fetch.bind(self), signal: abort.signal },
          url,
          request,
          (loaded, total) => {
            // Progress at most every 50 ms: each message is a task (and a repaint) on the page.
            if (performance.now() - reported < 50) return;
            reported = performance.now();
            post({ id, loaded, total });
          },
        );
      }
      result = await decodePayload(request);
      // The renderer's own copy, made here: the page moves it on instead of copying it.
      if (result.ok && result.kind === 'points') result.spare = result.positions.slice();
    } catch (err) {
      result = {
        ok: false,
        problem: err instanceof DatasetError ? err.problem : err instanceof Error ? err.message : String(err),
      };
    } finally {
      fetches.delete(id);
    }
    post({ id, result }, transferables(result));
  };
