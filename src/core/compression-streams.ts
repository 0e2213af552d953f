// gzip is inflated and deflated by the runtime's Compression Streams (Chrome 80, Firefox 113,
// Safari 16.4, Node.js 18 and later). An older browser is told so in plain words, once, instead
// of failing somewhere later.

const TOO_OLD =
  'This browser is too old for the viewer: it cannot decompress gzip (it has no DecompressionStream). ' +
  'Chrome or Edge 80, Firefox 113, Safari 16.4 and later can.';

export function requireCompressionStreams(): void {
  if (typeof DecompressionStream !== 'function' || typeof CompressionStream !== 'function') throw new Error(TOO_OLD);
}
