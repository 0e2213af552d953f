// gzip for session chunks: the runtime's CompressionStream (browsers, workers, Node 18+), and
// stored deflate blocks for tiny chunks (see gzip-member.ts).
import { gzipStored } from './gzip-member.js';

/** Chunks up to this size are written as stored blocks: deflate would save a few bytes at most. */
export const STORED_MAX_BYTES = 64;

/** The gzip as a Blob: it can join another Blob (a bundle) without being read. */
export function gzipBlob(data: Uint8Array): Promise<Blob> {
  if (data.length <= STORED_MAX_BYTES) return Promise.resolve(new Blob([gzipStored(data) as BlobPart]));
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

export async function gzipBytes(data: Uint8Array): Promise<Uint8Array> {
  return data.length <= STORED_MAX_BYTES
    ? gzipStored(data)
    : new Uint8Array(await (await gzipBlob(data)).arrayBuffer());
}
