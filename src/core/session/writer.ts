// The synchronous writer (pako's deflate), for Node scripts, the command line and workers.
// The shape rules live in bundle-frame.ts.
import type { ChunkDescriptor } from './contributor.js';
import type { SessionDocument } from './document.js';
import { captureChunks, rawChunkBytes } from './bundle-writer.js';
import { bundleManifest, chunkEntry, frameBundle, type WriteOptions } from './bundle-frame.js';
import { gzipBytes } from './gzip.js';

export { captureChunks, writeSessionBlob, writeSessionBundleAsync } from './bundle-writer.js';
export { exactJson, frameBundle, type WriteOptions, type WritableFingerprint } from './bundle-frame.js';

export function encodeChunks(chunks: ChunkDescriptor[]): Array<{ meta: Record<string, unknown>; stored: Uint8Array }> {
  return chunks.map((c) => {
    const raw = rawChunkBytes(c);
    const stored = gzipBytes(raw);
    return { meta: chunkEntry({ head: c, rawLength: raw.length, storedBytes: stored.length }), stored };
  });
}

export function writeSessionBundle(doc: SessionDocument, options: WriteOptions): Uint8Array {
  const chunks = encodeChunks(captureChunks(doc, { cellCount: options.fingerprint.cellCount, generation: 'strict' }));
  return frameBundle(
    bundleManifest(
      options,
      chunks.map((c) => c.meta),
    ),
    chunks.map((c) => c.stored),
  );
}

/** `cellucid-session-YYYY-MM-DDTHH-MM-SS.cellucid-session` (UTC), as the Cellucid app names saves. */
export function sessionFileName(date: Date = new Date()): string {
  return `cellucid-session-${date.toISOString().replace(/[:.]/g, '-').slice(0, 19)}.cellucid-session`;
}
