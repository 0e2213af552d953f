// The writer for Node scripts, the command line and workers: the whole bundle as bytes.
// The shape rules live in bundle-frame.ts.
import type { ChunkDescriptor } from './contributor.js';
import type { SessionDocument } from './document.js';
import { captureChunks, rawChunkBytes } from './bundle-writer.js';
import { bundleManifest, chunkEntry, frameBundle, type WriteOptions } from './bundle-frame.js';
import { gzipBytes } from './native-gzip.js';

export { captureChunks, writeSessionBlob, writeSessionBundleAsync } from './bundle-writer.js';
export { exactJson, frameBundle, type WriteOptions, type WritableFingerprint } from './bundle-frame.js';

export async function encodeChunks(
  chunks: ChunkDescriptor[],
): Promise<Array<{ meta: Record<string, unknown>; stored: Uint8Array }>> {
  const encoded = [];
  // One at a time: twenty thousand compressions at once are slower than in turn.
  for (const c of chunks) {
    const raw = rawChunkBytes(c);
    const stored = await gzipBytes(raw);
    encoded.push({ meta: chunkEntry({ head: c, rawLength: raw.length, storedBytes: stored.length }), stored });
  }
  return encoded;
}

export async function writeSessionBundle(doc: SessionDocument, options: WriteOptions): Promise<Uint8Array> {
  const chunks = await encodeChunks(
    captureChunks(doc, { cellCount: options.fingerprint.cellCount, generation: 'strict' }),
  );
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
