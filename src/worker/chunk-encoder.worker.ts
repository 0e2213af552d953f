// Encodes and gzips the big binary session chunks (highlight cells, user-field codes) off the
// main thread; the encoded bytes are transferred back.
import { encodeChunkBytes, type ChunkEncoding } from '../core/session/chunk-encoding.js';
import { gzipNative } from '../core/session/native-gzip.js';

self.onmessage = async (e: MessageEvent<{ id: number; encoding: ChunkEncoding }>) => {
  const { id, encoding } = e.data;
  try {
    const raw = encodeChunkBytes(encoding);
    const stored = await gzipNative(raw);
    (self as unknown as Worker).postMessage({ id, rawLength: raw.length, stored }, [stored.buffer]);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
