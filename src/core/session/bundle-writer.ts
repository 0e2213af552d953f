// Writes bundles in the newest shape (see bundle-frame.ts): eager chunks before lazy ones in
// canonical contributor order, every chunk gzip with its exact uncompressed size. The gzip is
// asynchronous (the runtime's CompressionStream by default, stored blocks for tiny chunks), and
// the whole write can be handed to a worker: the page then only captures the state.
import { CONTRIBUTORS } from './contributors/index.js';
import type { ChunkDescriptor, ContributorContext } from './contributor.js';
import type { SessionDocument } from './document.js';
import { MAX_UNCOMPRESSED_CHUNK_BYTES } from './format.js';
import { encodeChunkBytes, type ChunkEncoding } from './chunk-encoding.js';
import { gzipBytes } from './native-gzip.js';
import { bundleBlob, exactJson, type ChunkHead, type WriteOptions } from './bundle-frame.js';

export type { WriteOptions, WritableFingerprint } from './bundle-frame.js';

/** One chunk of a write handed elsewhere: what the manifest says of it, and its bytes as data. */
export interface ChunkJob {
  head: ChunkHead;
  encoding: ChunkEncoding;
}

/**
 * Writes the whole bundle elsewhere (a worker): encodes, gzips and frames the chunks behind their manifest; null: write
 * it here after all.
 */
export type WriteElsewhere = (jobs: ChunkJob[], options: WriteOptions) => Promise<Blob | null>;

export function captureChunks(doc: SessionDocument, ctx: ContributorContext): ChunkDescriptor[] {
  const all = CONTRIBUTORS.flatMap((c) => c.capture(doc, ctx));
  const ids = new Set<string>();
  for (const c of all) {
    if (ids.has(c.id)) throw new Error(`Two chunks share the id "${c.id}".`);
    ids.add(c.id);
  }
  // Stable partition: every eager chunk (in contributor order), then every lazy one.
  return [...all.filter((c) => c.priority === 'eager'), ...all.filter((c) => c.priority === 'lazy')];
}

/** A chunk's uncompressed bytes (exact JSON or its binary payload, encoded here), within the size limit. */
export function rawChunkBytes(c: ChunkDescriptor): Uint8Array {
  return c.encoding ? withinLimit(c, encodeChunkBytes(c.encoding)) : payloadBytes(c);
}

/** The bytes of a chunk given as JSON or bytes (not by an encoding: the page need not carry the encoders). */
function payloadBytes(c: ChunkDescriptor): Uint8Array {
  const payload = typeof c.payload === 'function' ? c.payload() : (c.payload ?? null);
  return withinLimit(c, c.kind === 'json' ? new TextEncoder().encode(exactJson(payload)) : (payload as Uint8Array));
}

function withinLimit(c: ChunkDescriptor, raw: Uint8Array): Uint8Array {
  if (raw.length > MAX_UNCOMPRESSED_CHUNK_BYTES)
    throw new Error(`Session chunk "${c.id}" exceeds the uncompressed byte limit.`);
  return raw;
}

const headOf = ({ id, contributorId, priority, kind, label, datasetDependent }: ChunkDescriptor): ChunkHead => ({
  id,
  contributorId,
  priority,
  kind,
  label,
  datasetDependent,
});

/**
 * The chunks of `doc` as jobs for a writer (a worker, or this thread): binary chunks by their
 * encoding where they have one, the others as their final bytes.
 */
export function captureJobs(doc: SessionDocument, cellCount: number): ChunkJob[] {
  return captureChunks(doc, { cellCount, generation: 'strict' }).map((c) => ({
    head: headOf(c),
    encoding: c.encoding ?? { kind: 'raw', bytes: payloadBytes(c) },
  }));
}

/** Main-thread work a save does before it lets the page run again (with `pause`). */
const SAVE_SLICE_MS = 4;

/**
 * Writes a bundle as a Blob. With `writeElsewhere`, the chunks go there as data (binary ones by
 * their encoding, JSON ones as their final bytes) and the bundle comes back as a Blob the page
 * never reads: it neither compresses nor frames the chunks. Otherwise, or when it declines, the
 * chunks are encoded here with the asynchronous `gzip`; with `pause`, that work is cut into
 * slices of a few milliseconds so a page stays responsive while a large session is saved.
 */
export async function writeSessionBlob(
  doc: SessionDocument,
  options: WriteOptions & { pause?: () => Promise<void>; writeElsewhere?: WriteElsewhere },
  gzip: (raw: Uint8Array) => Promise<Uint8Array> = gzipBytes,
): Promise<{ blob: Blob; chunkCount: number }> {
  const { pause, writeElsewhere, ...writeOptions } = options;
  const jobs = captureJobs(doc, options.fingerprint.cellCount);
  const chunkCount = jobs.length;
  const blob = await writeElsewhere?.(jobs, writeOptions);
  if (blob) return { blob, chunkCount };
  const sizes = [];
  const stored: Uint8Array[] = [];
  let sliceStart = performance.now();
  // Jobs handed elsewhere may have lost their bytes to it (transferred): they are captured again.
  for (const { head, encoding } of blob === null ? captureJobs(doc, options.fingerprint.cellCount) : jobs) {
    if (pause && performance.now() - sliceStart >= SAVE_SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
    const raw = encodeChunkBytes(encoding);
    stored.push(await gzip(raw));
    sizes.push({ head, rawLength: raw.length, storedBytes: stored[stored.length - 1].length });
  }
  return { blob: bundleBlob(writeOptions, sizes, stored), chunkCount };
}

/** `writeSessionBlob`'s bundle as bytes. */
export async function writeSessionBundleAsync(...args: Parameters<typeof writeSessionBlob>): Promise<Uint8Array> {
  return new Uint8Array(await (await writeSessionBlob(...args)).blob.arrayBuffer());
}
