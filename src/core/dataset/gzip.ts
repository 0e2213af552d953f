// Gunzip of export payloads. The file name decides (".gz"), the container is checked before
// inflating (magic, method, flags, ISIZE == the size the manifest implies), and a ".gz" body
// that a server already inflated is accepted when its length is exactly the expected one.

/** Synchronous inflate for runtimes without DecompressionStream (the in-thread decoder passes pako's). */
export type InflateFallback = (gzipBytes: Uint8Array) => Uint8Array;

export const MAX_PAYLOAD_BYTES = 512 * 1024 * 1024;

export type GunzipResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

export async function gunzipExact(
  input: Uint8Array,
  expectedBytes: number,
  fallback?: InflateFallback,
): Promise<GunzipResult> {
  if (expectedBytes > MAX_PAYLOAD_BYTES)
    return { ok: false, problem: `expected size ${expectedBytes} bytes exceeds the 512 MiB limit` };
  if (input.length >= 2 && !(input[0] === 0x1f && input[1] === 0x8b)) {
    // Served with Content-Encoding: gzip and inflated on the way.
    if (input.length === expectedBytes) return { ok: true, bytes: input };
    return {
      ok: false,
      problem: `not a gzip file (first bytes ${hex(input[0])} ${hex(input[1])}) and not ${expectedBytes} bytes either`,
    };
  }
  if (input.length < 18) return { ok: false, problem: 'gzip data is truncated' };
  if (input[2] !== 8) return { ok: false, problem: `gzip compression method ${input[2]} is not deflate` };
  if ((input[3] & 0xe0) !== 0) return { ok: false, problem: 'gzip header sets reserved flag bits' };
  const n = input.length;
  const isize = (input[n - 4] | (input[n - 3] << 8) | (input[n - 2] << 16) | (input[n - 1] << 24)) >>> 0;
  if (isize !== expectedBytes % 2 ** 32) {
    return { ok: false, problem: `gzip data inflates to ${isize} bytes but ${expectedBytes} were expected` };
  }
  let out: Uint8Array;
  try {
    out = await inflateGzip(input, fallback);
  } catch (err) {
    return { ok: false, problem: `gzip data is corrupt (${err instanceof Error ? err.message : String(err)})` };
  }
  if (out.length !== expectedBytes)
    return { ok: false, problem: `inflated to ${out.length} bytes but ${expectedBytes} were expected` };
  return { ok: true, bytes: out };
}

// pako is not imported here: decode workers (which run only where DecompressionStream exists)
// stay small, and the main-thread decoder brings pako for older runtimes.
async function inflateGzip(input: Uint8Array, fallback?: InflateFallback): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'function') {
    const stream = new Blob([input as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  if (!fallback) throw new Error('this runtime cannot inflate gzip data');
  return fallback(input);
}

function hex(b: number | undefined): string {
  return b === undefined ? '--' : b.toString(16).padStart(2, '0');
}
