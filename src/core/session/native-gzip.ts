// gzip for session chunks: the runtime's CompressionStream (browsers, workers, Node 18+), and
// stored deflate blocks for tiny chunks (see gzip-member.ts).
import { gzipStored } from './gzip-member.js';

/** Chunks up to this size are written as stored blocks: deflate would save a few bytes at most. */
export const STORED_MAX_BYTES = 64;

/**
 * The gzip as bytes (tiny chunks) or as a Blob, which can join another Blob (a bundle) without
 * being read. (A Blob per tiny chunk would cost more than its compression: twenty thousand of them
 * took a worker half a minute.)
 */
export function gzipChunk(data: Uint8Array): Promise<Uint8Array | Blob> {
  if (data.length <= STORED_MAX_BYTES) return Promise.resolve(gzipStored(data));
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

export async function gzipBytes(data: Uint8Array): Promise<Uint8Array> {
  const stored = await gzipChunk(data);
  return stored instanceof Uint8Array ? stored : new Uint8Array(await stored.arrayBuffer());
}
