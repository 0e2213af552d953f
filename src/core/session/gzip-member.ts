// The parts of a gzip member (RFC 1952) the session code reads and writes itself: the header's
// length, the CRC-32, and members whose deflate data is stored blocks (RFC 1951, BTYPE 00).
// Tiny chunks are written that way: one CompressionStream costs a browser milliseconds, which
// twenty thousand one-cell highlight groups would multiply into a minute, and deflate saves a
// chunk of a few dozen bytes next to nothing. Any gzip reader reads them.

/** Largest stored block: its length is a 16-bit field. */
const MAX_STORED_BLOCK = 0xffff;
const HEADER_BYTES = 10;
const TRAILER_BYTES = 8;

let crcTable: Int32Array | undefined;

/** CRC-32 (IEEE, as gzip's trailer has it). */
export function crc32(data: Uint8Array): number {
  crcTable ??= Int32Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n;
  });
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 255] ^ (crc >>> 8);
  return ~crc >>> 0;
}

export function gzipCorrupt(problem: string): Error {
  return new Error(`gzip data is corrupt (${problem})`);
}

/** Where the deflate data of the member at the start of `input` begins: after its header and its optional fields. */
export function gzipHeaderLength(input: Uint8Array): number {
  if (input.length < HEADER_BYTES + TRAILER_BYTES)
    throw new Error('gzip data is truncated before its header and trailer');
  if (input[0] !== 0x1f || input[1] !== 0x8b) throw gzipCorrupt('not a gzip header');
  if (input[2] !== 8) throw gzipCorrupt('unknown compression method');
  const flags = input[3];
  if (flags & 0xe0) throw gzipCorrupt('reserved header flags set');
  let at = HEADER_BYTES;
  if (flags & 4) at += 2 + (input[at] | (input[at + 1] << 8)); // FEXTRA
  for (const field of [8, 16])
    // FNAME, FCOMMENT: zero-terminated
    if (flags & field) {
      while (at < input.length && input[at] !== 0) at++;
      at++;
    }
  if (flags & 2) at += 2; // FHCRC
  if (at + TRAILER_BYTES > input.length) throw new Error('gzip data is truncated');
  return at;
}

/** `data` as one gzip member of stored deflate blocks: 23 bytes of framing, plus 5 per 64 KiB. */
export function gzipStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / MAX_STORED_BLOCK));
  const out = new Uint8Array(HEADER_BYTES + 5 * blocks + data.length + TRAILER_BYTES);
  // Magic, deflate, no flags, no time, no extra flags, OS unknown.
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  let at = HEADER_BYTES;
  for (let b = 0; b < blocks; b++) {
    const piece = data.subarray(b * MAX_STORED_BLOCK, (b + 1) * MAX_STORED_BLOCK);
    const len = piece.length;
    // BFINAL on the last block, BTYPE 00; LEN and its ones' complement NLEN, little-endian.
    out.set([b === blocks - 1 ? 1 : 0, len & 255, len >>> 8, ~len & 255, (~len >>> 8) & 255], at);
    out.set(piece, at + 5);
    at += 5 + len;
  }
  const view = new DataView(out.buffer);
  view.setUint32(at, crc32(data), true);
  view.setUint32(at + 4, data.length, true);
  return out;
}
