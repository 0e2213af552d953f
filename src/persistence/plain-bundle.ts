// A bundle written at once, on the page, with its chunks stored as they are (codec "none"): what
// autosave stores while the page is going away, when there is no time for the worker's gzip. The
// viewer never changes a state array in place, so each array's encoding is kept while the array
// lives and the bundle of a later change encodes only what is new.
import { captureJobs, type WritableFingerprint } from '../core/session/bundle-writer.js';
import { encodeChunkBytes, type ChunkEncoding } from '../core/session/chunk-encoding.js';
import { bundleManifest, chunkEntry, frameBundle } from '../core/session/bundle-frame.js';
import type { SessionDocument } from '../core/session/document.js';

const encodedArrays = new WeakMap<Uint32Array | Uint8Array | Uint16Array, Uint8Array>();

function chunkBytes(encoding: ChunkEncoding): Uint8Array {
  if (encoding.kind === 'raw') return encoding.bytes;
  const live = encoding.kind === 'index-set' ? encoding.cells : encoding.codes;
  let bytes = encodedArrays.get(live);
  if (!bytes) encodedArrays.set(live, (bytes = encodeChunkBytes(encoding)));
  return bytes;
}

/** The bundle of `doc`, synchronously, every chunk uncompressed. */
export function plainBundle(doc: SessionDocument, fingerprint: WritableFingerprint): Uint8Array {
  const jobs = captureJobs(doc, fingerprint.cellCount);
  const stored = jobs.map((job) => chunkBytes(job.encoding));
  const entries = jobs.map(({ head }, i) => ({
    ...chunkEntry({ head, rawLength: stored[i].length, storedBytes: stored[i].length }),
    codec: 'none',
  }));
  return frameBundle(bundleManifest({ fingerprint }, entries), stored);
}
