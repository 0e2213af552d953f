// Writes the chunks of session bundles off the main thread: they come in as data, each is
// encoded and gzipped, and they go back framed in one Blob (the page adds only the manifest), so
// the page neither compresses nor copies them, and IndexedDB stores the bundle as a Blob
// without serialising a megabyte on the main thread.
//
// The chunks of live state arrays (highlight groups, user-field codes) carry a key, and their
// gzipped Blobs are kept under it: a later save sends the key alone while the array is
// unchanged. The page says when a key is dead (its array was collected).
import { encodeChunkBytes } from '../core/session/chunk-encoding.js';
import { chunkSection } from '../core/session/bundle-frame.js';
import { gzipNativeBlob } from '../core/session/native-gzip.js';
import type { WrittenChunks } from '../core/session/bundle-writer.js';
import type { WriterMessage, WriterReply } from '../persistence/session-writer-protocol.js';

type Encoded = Promise<{ rawLength: number; stored: Blob }>;
const byKey = new Map<number, Encoded>();

async function gzipBlob(raw: Uint8Array): Encoded {
  return { rawLength: raw.length, stored: await gzipNativeBlob(raw) };
}

async function written(chunks: Encoded[]): Promise<WrittenChunks> {
  const done = await Promise.all(chunks);
  return {
    sizes: done.map(({ rawLength, stored }) => ({ rawLength, storedBytes: stored.size })),
    section: new Blob(chunkSection(done.map((c) => c.stored)) as BlobPart[]),
  };
}

self.onmessage = ({ data: message }: MessageEvent<WriterMessage>) => {
  if ('drop' in message) return void byKey.delete(message.drop);
  const { id, jobs } = message;
  const reply = (r: WriterReply) => (self as unknown as Worker).postMessage(r);
  try {
    // Synchronously, before any await: a save posted right after this one finds its keys.
    const chunks = jobs.map(({ key, encoding }) => {
      let encoded = key === undefined ? undefined : byKey.get(key);
      if (!encoded) {
        if (!encoding) throw new Error(`nothing is kept under key ${key}`);
        encoded = gzipBlob(encodeChunkBytes(encoding));
        if (key !== undefined) byKey.set(key, encoded);
      }
      return encoded;
    });
    written(chunks).then(
      (w) => reply({ id, written: w }),
      (error) => reply({ id, error: String(error) }),
    );
  } catch (error) {
    reply({ id, error: String(error) });
  }
};
