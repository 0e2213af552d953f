// gzip through the runtime's CompressionStream (browsers, workers, Node 18+).

/** The gzip as a Blob: it can join another Blob (a bundle) without being read. */
export function gzipNativeBlob(data: Uint8Array): Promise<Blob> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

export async function gzipNative(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await (await gzipNativeBlob(data)).arrayBuffer());
}
