// Messages between the page and the session worker: bundles to write, chunks to inflate.
import type { InflateOptions } from '../core/session/chunk-bounds.js';
import type { ChunkEncoding } from '../core/session/chunk-encoding.js';
import type { ChunkHead, WriteOptions } from '../core/session/bundle-frame.js';

/** One chunk: its encoding, its key (live arrays), or both; the key alone means "unchanged". */
export interface KeyedJob {
  head: ChunkHead;
  key?: number;
  encoding?: ChunkEncoding;
}

/** A gzip chunk to inflate under the reader's bounds. */
export interface InflateMessage {
  id: number;
  inflate: Uint8Array;
  options: Omit<InflateOptions, 'meter' | 'pause'>;
}

export type WriterMessage = { id: number; options: WriteOptions; jobs: KeyedJob[] } | { drop: number } | InflateMessage;

/**
 * `spare`: the buffers of the copies the worker encoded, handed back for the page's next copies.
 * `inflated` or `inflateError`: the answer to an InflateMessage (the chunk's problem, not the worker's).
 */
export type WriterReply =
  | { id: number; bundle: Blob; spare: ArrayBuffer[] }
  | { id: number; error: string }
  | { id: number; inflated: Uint8Array }
  | { id: number; inflateError: string };
