// Messages between the page and the session-writer worker.
import type { ChunkEncoding } from '../core/session/chunk-encoding.js';
import type { WrittenChunks } from '../core/session/bundle-writer.js';

/** One chunk: its encoding, its key (live arrays), or both; the key alone means "unchanged". */
export interface KeyedJob {
  key?: number;
  encoding?: ChunkEncoding;
}

export type WriterMessage = { id: number; jobs: KeyedJob[] } | { drop: number };

export type WriterReply = { id: number; written: WrittenChunks } | { id: number; error: string };
