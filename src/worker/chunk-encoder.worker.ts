// Encodes and gzips session chunks off the main thread: a batch of requests in, one message of
// replies out, the encoded bytes transferred back. A failed chunk answers only its id, and the
// page encodes that one itself.
import { encodeChunkBytes, type ChunkEncoding } from '../core/session/chunk-encoding.js';
import { gzipNative } from '../core/session/native-gzip.js';

self.onmessage = async (e: MessageEvent<Array<{ id: number; encoding: ChunkEncoding }>>) => {
  const replies = await Promise.all(
    e.data.map(async ({ id, encoding }) => {
      try {
        const raw = encodeChunkBytes(encoding);
        return { id, rawLength: raw.length, stored: await gzipNative(raw) };
      } catch {
        return { id };
      }
    }),
  );
  (self as unknown as Worker).postMessage(replies, replies.flatMap((r) => (r.stored ? [r.stored.buffer as ArrayBuffer] : [])));
};
