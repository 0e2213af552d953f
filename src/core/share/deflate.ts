// Raw deflate by the runtime's Compression Streams, and an inflate that stops at a byte cap: a
// link is untrusted and a few kilobytes of deflate can stand for gigabytes.
import { requireCompressionStreams } from '../compression-streams.js';

async function collect(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      throw new Error(`the link inflates to more than ${cap} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([bytes as BlobPart]).stream().pipeThrough(transform) as ReadableStream<Uint8Array>;
}

export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  requireCompressionStreams();
  return collect(through(bytes, new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER);
}

export async function inflateRawBounded(bytes: Uint8Array, cap: number): Promise<Uint8Array> {
  requireCompressionStreams();
  try {
    return await collect(through(bytes, new DecompressionStream('deflate-raw')), cap);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(message.startsWith('the link') ? message : `the link's data is damaged (${message})`, {
      cause: err,
    });
  }
}
