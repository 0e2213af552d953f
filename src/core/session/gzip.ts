// gzip for session chunks: exactly one member, inflated under a hard output bound. The header
// is parsed here and the deflate body is inflated raw through pako's zlib stream, so the end of
// the deflate data is known exactly: concatenated members are detected (an auto-continuing
// inflater would silently join them) and the trailer is checked.
import { gzip, ZStream, zlibInflate, zlibInflateInit2 } from 'pako';
import { finishSteps } from '../steps.js';

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
// zlib return codes.
const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_BUF_ERROR = -5;
/** Output produced per step: about a millisecond of inflating. */
const STEP_BYTES = 64 * 1024;

export function gunzipBounded(input: Uint8Array, options: InflateOptions): Uint8Array {
  return finishSteps(gunzipBoundedInSteps(input, options));
}

/** `gunzipBounded`, yielding after each 64 KiB of output (a page can spread a large chunk over several tasks). */
export function* gunzipBoundedInSteps(
  input: Uint8Array,
  { bound, exact }: InflateOptions,
): Generator<void, Uint8Array> {
  const strm = new ZStream();
  zlibInflateInit2(strm, -15);
  strm.input = input;
  strm.next_in = gzipHeaderLength(input);
  strm.avail_in = input.length - strm.next_in;
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    // Never room for more than one byte past the bound: that byte is the overflow.
    const room = Math.min(STEP_BYTES, bound - total + 1);
    strm.output = new Uint8Array(room);
    strm.next_out = 0;
    strm.avail_out = room;
    const status = zlibInflate(strm, 0);
    if (status !== Z_OK && status !== Z_STREAM_END && status !== Z_BUF_ERROR)
      throw new Error(`gzip data is corrupt (${strm.msg || 'inflate error'})`);
    total += strm.next_out;
    if (total > bound) throw new Error(`decompressed data exceeds the limit of ${bound} bytes`);
    parts.push(strm.output.subarray(0, strm.next_out));
    if (status === Z_STREAM_END) break;
    if (strm.avail_out > 0) throw new Error('gzip data is truncated'); // all input read, and the stream goes on
    yield;
  }
  const trailerStart = strm.next_in;
  if (input.length - trailerStart < 8) throw new Error('gzip data is truncated before its trailer');
  if (input.length - trailerStart > 8)
    throw new Error('gzip input must contain exactly one member with no trailing bytes');
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
  if (exact !== null && total !== exact)
    throw new Error(`inflates to ${total} bytes but the manifest declares ${exact}`);
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

function crc32(data: Uint8Array): number {
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
