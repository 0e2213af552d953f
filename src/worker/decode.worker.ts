// Decode worker: gunzip + dequantise off the main thread; results are transferred back.
import { decodePayload, transferables, type DecodeRequest } from '../core/dataset/decode.js';

self.onmessage = async (e: MessageEvent<{ id: number; request: DecodeRequest }>) => {
  const { id, request } = e.data;
  let result;
  try {
    result = await decodePayload(request);
  } catch (err) {
    result = { ok: false as const, problem: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage({ id, result }, transferables(result));
};
