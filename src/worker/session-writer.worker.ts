// Writes session bundles off the main thread: the chunks come in as data, each is encoded and
// gzipped, and the bundle (manifest and framed chunks) goes back as one Blob, so the page
// neither compresses nor frames them, and IndexedDB stores the bundle as a Blob without
// serialising a megabyte on the main thread.
//
// The chunks of live state arrays (highlight groups, user-field codes) carry a key, and their
// gzipped Blobs are kept under it: a later save sends the key alone while the array is
// unchanged. The page says when a key is dead (its array was collected).
//
// It also inflates the session chunks a restore finds large (or of undeclared size), so a bomb
// never costs the page's main thread: the reader gets the bytes, or the chunk's error.
//
// Where the worker cannot start, the page imports this module and calls `writeJobs` itself.
import { encodeChunkBytes } from '../core/session/chunk-encoding.js';
import { bundleBlob, type ChunkHead, type WriteOptions } from '../core/session/bundle-frame.js';
import { gzipChunk } from '../core/session/native-gzip.js';
import { gunzipStreamed } from '../core/session/gzip-stream.js';
// The page inflates with it where this worker cannot run (see session-writer-client.ts).
export { gunzipStreamed };
import type { WriterMethods } from '../persistence/session-writer-protocol.js';
import { serve, transfer } from '../platform/rpc.js';
import type { ChunkJob } from '../core/session/bundle-writer.js';

type Encoded = Promise<{ rawLength: number; stored: Uint8Array | Blob }>;
const byKey = new Map<number, Encoded>();

/** The compression running last: they run one after another (twenty thousand at once failed a save). */
let queue: Promise<unknown> = Promise.resolve();

function gzipInTurn(raw: Uint8Array): Encoded {
  const done = queue.then(async () => ({ rawLength: raw.length, stored: await gzipChunk(raw) }));
  queue = done.catch(() => {});
  return done;
}

/** The bundle: manifest, then the chunks framed (building even this Blob on the page cost it milliseconds). */
async function bundle(options: WriteOptions, heads: ChunkHead[], chunks: Encoded[]): Promise<Blob> {
  const done = await Promise.all(chunks);
  return bundleBlob(
    options,
    done.map(({ rawLength, stored }, i) => ({
      head: heads[i],
      rawLength,
      storedBytes: stored instanceof Uint8Array ? stored.length : stored.size,
    })),
    done.map((c) => c.stored),
  );
}

/** The bundle of `jobs`, written on the calling thread (a page without this worker). */
export function writeJobs(jobs: ChunkJob[], options: WriteOptions): Promise<Blob> {
  return bundle(
    options,
    jobs.map((j) => j.head),
    jobs.map((j) => gzipInTurn(encodeChunkBytes(j.encoding))),
  );
}

if (typeof document === 'undefined')
  serve<WriterMethods>(self as unknown as Worker, {
    write(options, jobs) {
      // Synchronously, before any await: a save posted right after this one finds its keys.
      const spare: ArrayBuffer[] = [];
      const chunks = jobs.map(({ key, encoding }) => {
        let encoded = key === undefined ? undefined : byKey.get(key);
        if (!encoded) {
          if (!encoding) throw new Error(`nothing is kept under key ${key}`);
          encoded = gzipInTurn(encodeChunkBytes(encoding));
          if (key !== undefined) byKey.set(key, encoded);
          // A live array's copy is encoded now and no longer needed: its buffer goes back for reuse.
          const copy = encoding.kind === 'raw' ? null : encoding.kind === 'index-set' ? encoding.cells : encoding.codes;
          // Only transferred buffers (a kilobyte or more, see the client) come back.
          if (copy && copy.buffer.byteLength >= 1024) spare.push(copy.buffer as ArrayBuffer);
        }
        return encoded;
      });
      return bundle(
        options,
        jobs.map((j) => j.head),
        chunks,
      ).then((b) => transfer({ bundle: b, spare }, spare));
    },
    drop: (key) => void byKey.delete(key),
    inflate: async (stored, options) => {
      const inflated = await gunzipStreamed(stored, options);
      return transfer(inflated, [inflated.buffer]);
    },
  });
