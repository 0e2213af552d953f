// Decode worker: gunzip + dequantise off the main thread; results are transferred back. Where
// workers cannot run, the page imports this module and calls `decodePayload` itself.
import { decodePayload, transferables, type DecodeRequest } from '../core/dataset/decode.js';

export { decodePayload };

if (typeof document === 'undefined') self.onmessage = async (e: MessageEvent<{ id: number; request: DecodeRequest }>) => {
  const { id, request } = e.data;
  let result;
  try {
    result = await decodePayload(request);
  } catch (err) {
    result = { ok: false as const, problem: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage({ id, result }, transferables(result));
};
