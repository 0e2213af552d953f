// How much memory reading one chunk may take: the size its manifest entry declares (legacy chunks
// that declare none get a smaller default), and for its stored gzip bytes that size plus gzip's
// overhead. Past these the reader stops: it never inflates, or even reads, more.
import { MAX_UNCOMPRESSED_CHUNK_BYTES } from './format.js';
import type { ChunkMeta } from './manifest.js';

/** How one gzip member is inflated. */
export interface InflateOptions {
  /** Hard limit on output bytes: inflation stops as soon as it is passed. */
  bound: number;
  /** Exact size the output must have (strict files), or null. */
  exact: number | null;
  /** The bound is the size the data declares: the output buffer is allocated once, at that size. */
  declared?: boolean;
  /** The bound in words for the error (default "the limit of N bytes"). */
  boundName?: string;
  /** Told of each output buffer allocated or received from the inflater, with its size. */
  meter?: (bytes: number) => void;
  /** Lets the page run: awaited after every few milliseconds of inflating. */
  pause?: () => Promise<void>;
}

/** Legacy chunks that declare no `uncompressedBytes` inflate to at most this, unless the reader is told otherwise. */
export const DEFAULT_MAX_UNDECLARED_CHUNK_BYTES = 64 * 1024 * 1024;

/**
 * Most stored bytes a gzip member of `n` inflated bytes needs: deflate's worst case (stored
 * blocks, a few bytes each, even from encoders with small blocks) plus header, trailer and room
 * for a file name or comment in the header.
 */
export function maxGzipBytes(n: number): number {
  return n + Math.ceil(n / 16) + 1024;
}

/** Most bytes `stored` bytes of deflate data can inflate to (deflate expands at most 1032:1). */
export function maxInflatedBytes(stored: number): number {
  return stored * 1032 + 1024;
}

/** How a chunk is inflated (see `InflateOptions`), and the most stored bytes its payload can take. */
export interface ChunkBounds extends InflateOptions {
  /** Most stored bytes such a payload can take: a bigger frame is skipped unread. */
  stored: number;
  boundName: string;
}

export function chunkBounds(meta: ChunkMeta, strict: boolean, maxUndeclared: number): ChunkBounds {
  const declared = meta.uncompressedBytes;
  const bound = declared ?? Math.min(maxUndeclared, MAX_UNCOMPRESSED_CHUNK_BYTES);
  return {
    bound,
    exact: strict ? declared : null,
    declared: declared !== null,
    stored: meta.codec === 'none' ? bound : maxGzipBytes(bound),
    boundName:
      declared === null
        ? `the ${bound / 2 ** 20} MiB limit for chunks that declare no size`
        : `its declared size of ${declared} bytes`,
  };
}
