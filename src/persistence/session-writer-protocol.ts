// What the page asks of the session worker (see platform/rpc.ts): bundles to write, chunks to inflate.
import type { InflateOptions } from '../core/session/chunk-bounds.js';
import type { ChunkEncoding } from '../core/session/chunk-encoding.js';
import type { ChunkHead, WriteOptions } from '../core/session/bundle-frame.js';

/** One chunk: its encoding, its key (live arrays), or both; the key alone means "unchanged". */
export interface KeyedJob {
  head: ChunkHead;
  key?: number;
  encoding?: ChunkEncoding;
}

export interface WriterMethods {
  /**
   * The bundle of `jobs`, and `spare`: the buffers of the copies the worker encoded, handed back
   * for the page's next copies.
   */
  write(options: WriteOptions, jobs: KeyedJob[]): Promise<{ bundle: Blob; spare: ArrayBuffer[] }>;
  /** Forgets the chunk kept under `key` (its array was collected). */
  drop(key: number): void;
  /** A gzip chunk inflated under the reader's bounds; fails with the chunk's problem. */
  inflate(stored: Uint8Array, options: Omit<InflateOptions, 'meter' | 'pause'>): Promise<Uint8Array>;
}
