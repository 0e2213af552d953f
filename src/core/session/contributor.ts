// A contributor owns one family of chunks: it captures its part of a SessionDocument into
// chunk descriptors and restores a decoded payload back into the document.
import type { Generation, ChunkMeta } from './manifest.js';
import type { Json, SessionDocument } from './document.js';
import { encodeChunkBytes, type ChunkEncoding } from './chunk-encoding.js';

export interface ChunkDescriptor {
  id: string;
  contributorId: string;
  priority: 'eager' | 'lazy';
  kind: 'json' | 'binary';
  codec: 'gzip';
  label: string;
  datasetDependent: boolean;
  /**
   * JSON, bytes, or a function that makes the bytes when the writer gets to this chunk; absent when
   * `encoding` says how to make them.
   */
  payload?: Json | Uint8Array | (() => Uint8Array);
  /**
   * A binary payload to encode, as data, so a writer can encode it in a worker (and a page that
   * writes in one never carries the encoders).
   */
  encoding?: ChunkEncoding;
}

/** The chunk's payload, encoded now if it was deferred. */
export function chunkPayload(c: ChunkDescriptor): Json | Uint8Array {
  if (c.encoding) return encodeChunkBytes(c.encoding);
  return typeof c.payload === 'function' ? c.payload() : (c.payload ?? null);
}

export interface ContributorContext {
  /** Cells of the dataset the document belongs to (bounds indices and code lengths). */
  cellCount: number;
  generation: Generation;
  /** Reports a part of a payload that was skipped (unknown key, malformed entry) without failing the chunk. */
  warn?: (message: string) => void;
}

export interface Contributor {
  id: string;
  /** Whether this contributor reads the chunk with this id. */
  owns(chunkId: string): boolean;
  capture(doc: SessionDocument, ctx: ContributorContext): ChunkDescriptor[];
  /** Validates `payload` (parsed JSON or bytes) and stores it in `doc`; throws a clear Error when invalid. */
  restore(doc: SessionDocument, meta: ChunkMeta, payload: unknown, ctx: ContributorContext): void;
}

export function jsonChunk(
  id: string,
  contributorId: string,
  label: string,
  payload: Json,
  datasetDependent = true,
): ChunkDescriptor {
  return { id, contributorId, priority: 'eager', kind: 'json', codec: 'gzip', label, datasetDependent, payload };
}

/** The item of `items()` with this id, from an index made once per `owner` (a lookup per chunk, not a search). */
export function byId<T extends { id: string }>(
  index: WeakMap<object, Map<string, T>>,
  owner: object,
  items: () => Iterable<T>,
  id: string,
): T | undefined {
  let map = index.get(owner);
  if (!map) {
    map = new Map();
    for (const item of items()) if (!map.has(item.id)) map.set(item.id, item);
    index.set(owner, map);
  }
  return map.get(id);
}
