// Builds bundles in the newest shape: exact three-key manifest, nine-key chunk entries, eager
// before lazy in canonical contributor order, every chunk gzip with its exact uncompressed size,
// and the five-key fingerprint with the cell-order digest. The gzip step is passed in, so the
// browser can use its native CompressionStream and Node scripts a synchronous deflate.
import { CONTRIBUTORS } from './contributors/index.js';
import { chunkPayload, type ChunkDescriptor, type ContributorContext } from './contributor.js';
import type { SessionDocument } from './document.js';
import type { DatasetFingerprint } from './fingerprint.js';
import { MAGIC, MAX_STORED_CHUNK_BYTES, MAX_UNCOMPRESSED_CHUNK_BYTES } from './format.js';
import type { ChunkEncoding } from './chunk-encoding.js';
import { gzipNative } from './native-gzip.js';

export { gzipNative };

/** Encodes and gzips a chunk elsewhere (a worker); null: do it here after all. */
export type EncodeElsewhere = (encoding: ChunkEncoding) => Promise<{ rawLength: number; stored: Uint8Array } | null>;

export interface WriteOptions {
  fingerprint: WritableFingerprint;
  createdAt?: Date;
}

/** A complete fingerprint (counts and cell order), as the writer requires. */
export type WritableFingerprint = DatasetFingerprint & { cellCount: number; varCount: number; cellOrder: NonNullable<DatasetFingerprint['cellOrder']> };

/** Exact JSON: finite numbers only, no undefined, no empty or padded keys. */
export function exactJson(value: unknown): string {
  return JSON.stringify(value, function (key, v) {
    if (key !== '' && Array.isArray(this) === false && (key.trim() !== key || key === '')) throw new Error(`JSON key "${key}" must be non-empty and trimmed`);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`JSON value of "${key}" is not a finite number`);
    if (v === undefined) throw new Error(`JSON value of "${key}" is undefined`);
    return v;
  });
}

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

/** A chunk's uncompressed bytes (exact JSON or its binary payload), within the size limit. */
export function rawChunkBytes(c: ChunkDescriptor): Uint8Array {
  const payload = chunkPayload(c);
  const raw = c.kind === 'json' ? new TextEncoder().encode(exactJson(payload)) : (payload as Uint8Array);
  if (raw.length > MAX_UNCOMPRESSED_CHUNK_BYTES) throw new Error(`Session chunk "${c.id}" exceeds the uncompressed byte limit.`);
  return raw;
}

/** The nine-key manifest entry of a chunk stored gzip. */
export function chunkEntry(c: ChunkDescriptor, rawLength: number, stored: Uint8Array): Record<string, unknown> {
  if (rawLength > MAX_UNCOMPRESSED_CHUNK_BYTES) throw new Error(`Session chunk "${c.id}" exceeds the uncompressed byte limit.`);
  if (stored.length > MAX_STORED_CHUNK_BYTES) throw new Error(`Session chunk "${c.id}" exceeds the stored byte limit.`);
  return {
    id: c.id,
    contributorId: c.contributorId,
    priority: c.priority,
    kind: c.kind,
    codec: 'gzip',
    label: c.label.trim() || c.id,
    datasetDependent: c.datasetDependent,
    storedBytes: stored.length,
    uncompressedBytes: rawLength,
  };
}

/** Frames a manifest and stored chunks (used by the writers and by `pack`). */
export function frameBundle(manifest: Record<string, unknown>, stored: Uint8Array[]): Uint8Array {
  const manifestBytes = new TextEncoder().encode(exactJson(manifest));
  const total = MAGIC.length + 4 + manifestBytes.length + stored.reduce((s, c) => s + 4 + c.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  let p = MAGIC.length;
  view.setUint32(p, manifestBytes.length, true);
  out.set(manifestBytes, p + 4);
  p += 4 + manifestBytes.length;
  for (const c of stored) {
    view.setUint32(p, c.length, true);
    out.set(c, p + 4);
    p += 4 + c.length;
  }
  return out;
}

/** The three-key manifest around the chunk entries. */
export function bundleManifest(options: WriteOptions, entries: Array<Record<string, unknown>>): Record<string, unknown> {
  const fp = options.fingerprint;
  return {
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    datasetFingerprint: {
      sourceType: fp.sourceType,
      datasetId: fp.datasetId,
      cellCount: fp.cellCount,
      varCount: fp.varCount,
      cellOrder: { dimension: fp.cellOrder.dimension, digest: fp.cellOrder.digest },
    },
    chunks: entries,
  };
}

/** Main-thread work a save does before it lets the page run again (with `pause`). */
const SAVE_SLICE_MS = 4;

/**
 * Writes a bundle with an asynchronous gzip (default: the native one). With `encodeElsewhere`,
 * every chunk is encoded and compressed there (a worker) and only what it declines is done
 * here; with `pause`, the work here is cut into slices of a few milliseconds with a pause
 * between them, so a page stays responsive while a large session is saved.
 */
export async function writeSessionBundleAsync(
  doc: SessionDocument,
  options: WriteOptions & { pause?: () => Promise<void>; encodeElsewhere?: EncodeElsewhere },
  gzip: (raw: Uint8Array) => Promise<Uint8Array> = gzipNative,
): Promise<Uint8Array> {
  const chunks = captureChunks(doc, { cellCount: options.fingerprint.cellCount, generation: 'strict' });
  const { pause, encodeElsewhere } = options;
  const encodeHere = async (c: ChunkDescriptor) => {
    if (pause) await pause();
    const raw = rawChunkBytes(c);
    return { rawLength: raw.length, stored: await gzip(raw) };
  };
  const encoded: Array<Promise<{ rawLength: number; stored: Uint8Array }>> = [];
  let sliceStart = performance.now();
  for (const c of chunks) {
    // Only a slice that ran long waits: an `await` between chunks would also let queued work (a
    // batch for the worker) leave one chunk at a time.
    if (pause && performance.now() - sliceStart >= SAVE_SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
    // JSON chunks go too, as their final bytes (new, so the worker may take them): even a small
    // gzip costs the page a stream setup.
    const work: ChunkEncoding | null = c.encoding ?? (c.kind === 'json' ? { kind: 'raw', bytes: rawChunkBytes(c) } : null);
    const elsewhere = work && encodeElsewhere?.(work);
    encoded.push(elsewhere ? elsewhere.then((r) => r ?? encodeHere(c)) : encodeHere(c));
  }
  const results = await Promise.all(encoded);
  return frameBundle(bundleManifest(options, chunks.map((c, i) => chunkEntry(c, results[i].rawLength, results[i].stored))), results.map((r) => r.stored));
}
