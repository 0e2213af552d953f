// gzip for session chunks: exactly one member, inflated under a hard output bound. The header
// is parsed here and the deflate body is inflated raw, so concatenated members are detected
// (an auto-continuing inflater would silently join them) and the trailer is checked.
import { Inflate, gzip } from 'pako';

export interface InflateOptions {
  /** Hard limit on output bytes: inflation stops as soon as it is passed. */
  bound: number;
  /** Exact size the output must have (strict files), or null. */
  exact: number | null;
}

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
// Small input slices: after the bound is passed, at most one slice more is inflated.
const SLICE = 1024;

export function gunzipBounded(input: Uint8Array, { bound, exact }: InflateOptions): Uint8Array {
  const bodyStart = gzipHeaderLength(input);
  const parts: Uint8Array[] = [];
  let total = 0;
  let overflow = false;
  const inflater = new Inflate({ raw: true });
  inflater.onData = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > bound) overflow = true;
    else parts.push(chunk.slice());
  };
  let offset = bodyStart;
  while (offset < input.length && !overflow && !inflater.ended) {
    const end = Math.min(input.length, offset + SLICE);
    inflater.push(input.subarray(offset, end), false);
    offset = end;
  }
  if (overflow) throw new Error(`decompressed data exceeds the limit of ${bound} bytes`);
  if (inflater.err) throw new Error(`gzip data is corrupt (${inflater.msg || 'inflate error'})`);
  if (!inflater.ended) throw new Error('gzip data is truncated');
  // Where the deflate stream ended inside the last slice pushed.
  const strm = (inflater as unknown as { strm: { next_in: number; input: Uint8Array } }).strm;
  const consumedInLastSlice = strm.next_in;
  const lastSliceStart = offset - strm.input.length;
  const trailerStart = lastSliceStart + consumedInLastSlice;
  if (input.length - trailerStart < 8) throw new Error('gzip data is truncated before its trailer');
  if (input.length - trailerStart > 8) throw new Error('gzip input must contain exactly one member with no trailing bytes');
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  const crc = readU32(input, trailerStart);
  const isize = readU32(input, trailerStart + 4);
  if (crc32(out) !== crc) throw new Error('gzip CRC-32 does not match the data');
  if (isize !== total % 2 ** 32) throw new Error(`gzip ISIZE ${isize} does not match the ${total} bytes inflated`);
  if (exact !== null && total !== exact) throw new Error(`inflates to ${total} bytes but the manifest declares ${exact}`);
  return out;
}

function gzipHeaderLength(b: Uint8Array): number {
  if (b.length < 18) throw new Error('gzip data is truncated before its header and trailer');
  if (b[0] !== 0x1f || b[1] !== 0x8b) throw new Error('gzip data has an invalid magic number');
  if (b[2] !== 8) throw new Error(`gzip member uses unsupported compression method ${b[2]}`);
  const flags = b[3];
  if (flags & 0xe0) throw new Error('gzip member sets reserved header flag bits');
  let p = 10;
  if (flags & FEXTRA) {
    if (p + 2 > b.length) throw new Error('gzip header is truncated');
    p += 2 + (b[p] | (b[p + 1] << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    while (p < b.length && b[p] !== 0) p++;
    p++;
  }
  if (flags & FHCRC) p += 2;
  if (p >= b.length) throw new Error('gzip header is truncated');
  return p;
}

function readU32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}

let crcTable: Uint32Array | null = null;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function gzipBytes(data: Uint8Array): Uint8Array {
  return gzip(data);
}
