// The newest bundle shape, from chunks already stored: exact three-key manifest, nine-key chunk
// entries and the five-key fingerprint with the cell-order digest, framed after the magic. No
// contributors here: a worker that composes bundles imports only this.
import type { ChunkDescriptor } from './contributor.js';
import type { DatasetFingerprint } from './fingerprint.js';
import { MAGIC, MAX_STORED_CHUNK_BYTES, MAX_UNCOMPRESSED_CHUNK_BYTES } from './format.js';

export interface WriteOptions {
  fingerprint: WritableFingerprint;
  createdAt?: Date;
}

/** A complete fingerprint (counts and cell order), as the writer requires. */
export type WritableFingerprint = DatasetFingerprint & {
  cellCount: number;
  varCount: number;
  cellOrder: NonNullable<DatasetFingerprint['cellOrder']>;
};

/** What the manifest says of a chunk besides its sizes. */
export type ChunkHead = Pick<
  ChunkDescriptor,
  'id' | 'contributorId' | 'priority' | 'kind' | 'label' | 'datasetDependent'
>;

/** A chunk's stored (gzip) bytes: an array, or a Blob (joins a bundle without being read). */
export type StoredChunk = Uint8Array | Blob;

/** What the manifest entry of a stored chunk is made from. */
export interface StoredChunkSizes {
  head: ChunkHead;
  rawLength: number;
  storedBytes: number;
}

const storedSize = (s: StoredChunk) => (s instanceof Uint8Array ? s.length : s.size);

/** Exact JSON: finite numbers only, no undefined, no empty or padded keys. */
export function exactJson(value: unknown): string {
  return JSON.stringify(value, function (key, v) {
    if (key !== '' && Array.isArray(this) === false && (key.trim() !== key || key === ''))
      throw new Error(`JSON key "${key}" must be non-empty and trimmed`);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`JSON value of "${key}" is not a finite number`);
    if (v === undefined) throw new Error(`JSON value of "${key}" is undefined`);
    return v;
  });
}

/** The nine-key manifest entry of a chunk stored gzip. */
export function chunkEntry({ head: c, rawLength, storedBytes }: StoredChunkSizes): Record<string, unknown> {
  if (rawLength > MAX_UNCOMPRESSED_CHUNK_BYTES)
    throw new Error(`Session chunk "${c.id}" exceeds the uncompressed byte limit.`);
  if (storedBytes > MAX_STORED_CHUNK_BYTES) throw new Error(`Session chunk "${c.id}" exceeds the stored byte limit.`);
  return {
    id: c.id,
    contributorId: c.contributorId,
    priority: c.priority,
    kind: c.kind,
    codec: 'gzip',
    label: c.label.trim() || c.id,
    datasetDependent: c.datasetDependent,
    storedBytes,
    uncompressedBytes: rawLength,
  };
}

/** The three-key manifest around the chunk entries. */
export function bundleManifest(
  options: WriteOptions,
  entries: Array<Record<string, unknown>>,
): Record<string, unknown> {
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

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

/** The stored chunks as they follow the manifest: each after its u32 length. */
function chunkSection<T extends StoredChunk>(stored: T[]): Array<Uint8Array | T> {
  return stored.flatMap((c) => [u32(storedSize(c)), c]);
}

/** Magic, manifest length and manifest: everything before the chunks. */
function bundleHead(manifest: Record<string, unknown>): Uint8Array {
  const manifestBytes = new TextEncoder().encode(exactJson(manifest));
  return concat([MAGIC, u32(manifestBytes.length), manifestBytes]);
}

/** Frames a manifest and stored chunks (used by the writers and by `pack`). */
export function frameBundle(manifest: Record<string, unknown>, stored: Uint8Array[]): Uint8Array {
  return concat([bundleHead(manifest), ...chunkSection(stored)]);
}

/**
 * The whole bundle as a Blob: the manifest of these chunks, then the stored chunks framed (Blobs among them are not
 * read).
 */
export function bundleBlob(options: WriteOptions, chunks: StoredChunkSizes[], stored: StoredChunk[]): Blob {
  return new Blob(
    joinRuns([bundleHead(bundleManifest(options, chunks.map(chunkEntry))), ...chunkSection(stored)]) as BlobPart[],
    { type: 'application/octet-stream' },
  );
}

/** Each run of byte parts as one: a Blob of 40,000 small parts took Chromium most of a second. */
function joinRuns(parts: StoredChunk[]): StoredChunk[] {
  const out: StoredChunk[] = [];
  let run: Uint8Array[] = [];
  for (const part of [...parts, null]) {
    if (part instanceof Uint8Array) {
      run.push(part);
      continue;
    }
    if (run.length) out.push(run.length === 1 ? run[0] : concat(run));
    run = [];
    if (part) out.push(part);
  }
  return out;
}
