// Messages between the page and the session-writer worker.
import type { ChunkEncoding } from '../core/session/chunk-encoding.js';
import type { ChunkHead, WriteOptions } from '../core/session/bundle-frame.js';

/** One chunk: its encoding, its key (live arrays), or both; the key alone means "unchanged". */
export interface KeyedJob {
  head: ChunkHead;
  key?: number;
  encoding?: ChunkEncoding;
}

export type WriterMessage = { id: number; options: WriteOptions; jobs: KeyedJob[] } | { drop: number };

/** `spare`: the buffers of the copies the worker encoded, handed back for the page's next copies. */
export type WriterReply = { id: number; bundle: Blob; spare: ArrayBuffer[] } | { id: number; error: string };
