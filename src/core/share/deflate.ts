// Raw deflate by the runtime's Compression Streams, and an inflate that stops at a byte cap: a
// link is untrusted and a few kilobytes of deflate can stand for gigabytes.
import { requireCompressionStreams } from '../compression-streams.js';
import { readBounded } from '../read-bounded.js';

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([bytes as BlobPart]).stream().pipeThrough(transform) as ReadableStream<Uint8Array>;
}

export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  requireCompressionStreams();
  return readBounded(
    through(bytes, new CompressionStream('deflate-raw')),
    Infinity,
    () => new RangeError('deflate output too large'),
  );
}

export async function inflateRawBounded(bytes: Uint8Array, cap: number): Promise<Uint8Array> {
  requireCompressionStreams();
  try {
    return await readBounded(
      through(bytes, new DecompressionStream('deflate-raw')),
      cap,
      () => new Error(`the link inflates to more than ${cap} bytes`),
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(message.startsWith('the link') ? message : `the link's data is damaged (${message})`, {
      cause: err,
    });
  }
}
