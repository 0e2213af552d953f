// A contributor owns one family of chunks: it captures its part of a SessionDocument into
// chunk descriptors and restores a decoded payload back into the document.
import type { Generation, ChunkMeta } from './manifest.js';
import type { Json, SessionDocument } from './document.js';
import type { ChunkEncoding } from './chunk-encoding.js';

export interface ChunkDescriptor {
  id: string;
  contributorId: string;
  priority: 'eager' | 'lazy';
  kind: 'json' | 'binary';
  codec: 'gzip';
  label: string;
  datasetDependent: boolean;
  /**
   * JSON, bytes, or a function that encodes the bytes when the writer gets to this chunk (so big encodings can be
   * spread over several tasks).
   */
  payload: Json | Uint8Array | (() => Uint8Array);
  /** For a deferred binary payload: the same encoding as data, so a writer can run it in a worker. */
  encoding?: ChunkEncoding;
}

/** The chunk's payload, encoded now if it was deferred. */
export function chunkPayload(c: ChunkDescriptor): Json | Uint8Array {
  return typeof c.payload === 'function' ? c.payload() : c.payload;
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
