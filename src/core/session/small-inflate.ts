// Inflates small deflate streams (RFC 1951) in JavaScript, after zlib's "puff": a session of twenty
// thousand one-cell highlight groups holds twenty thousand chunks of a few bytes, and one
// DecompressionStream each costs a browser a quarter of a millisecond and Node.js more than a
// millisecond (seconds in all), where this takes microseconds. It decodes a bit at a time: fast
// enough for the few kilobytes it is given, never used for large chunks.

import { gzipCorrupt } from './gzip-member.js';

/** Where the stream ended (the byte after its last block) and how much it wrote. */
export interface SmallInflated {
  end: number;
  size: number;
}

/** The output passed `out`'s length: the caller decides whether that is an error. */
export class OutputFull extends Error {}

interface Huffman {
  count: Uint16Array;
  symbol: Uint16Array;
}

const LENGTH_EXTRA = Array.from({ length: 29 }, (_, i) => (i < 8 || i === 28 ? 0 : (i - 4) >> 2));
const LENGTH_BASE = bases(LENGTH_EXTRA, 3);
LENGTH_BASE[28] = 258;
const DIST_EXTRA = Array.from({ length: 30 }, (_, i) => (i < 4 ? 0 : (i - 2) >> 1));
const DIST_BASE = bases(DIST_EXTRA, 1);
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function bases(extra: number[], first: number): number[] {
  let base = first;
  return extra.map((e) => ((base += 1 << e), base - (1 << e)));
}

/** A canonical Huffman code from code lengths; the number of codes left unused (0: complete). */
function huffman(lengths: ArrayLike<number>): { h: Huffman; left: number } {
  const h = { count: new Uint16Array(16), symbol: new Uint16Array(lengths.length) };
  const offsets = new Uint16Array(16);
  for (let s = 0; s < lengths.length; s++) h.count[lengths[s]]++;
  let left = 1;
  for (let len = 1; len < 16; len++) {
    left = (left << 1) - h.count[len];
    if (left < 0) throw gzipCorrupt('over-subscribed Huffman code');
    if (len < 15) offsets[len + 1] = offsets[len] + h.count[len];
  }
  for (let s = 0; s < lengths.length; s++) if (lengths[s]) h.symbol[offsets[lengths[s]]++] = s;
  return { h, left };
}

let fixed: [Huffman, Huffman] | undefined;

/**
 * Inflates the raw deflate stream starting at `start` into `out`, reading no byte at or past
 * `end`. Throws OutputFull when the output passes `out`'s length, and a clear Error for bad data.
 */
export function inflateSmall(input: Uint8Array, start: number, end: number, out: Uint8Array): SmallInflated {
  let pos = start;
  let bitBuffer = 0;
  let bitCount = 0;
  let size = 0;
  const bits = (need: number): number => {
    while (bitCount < need) {
      if (pos >= end) throw new Error('gzip data is truncated');
      bitBuffer |= input[pos++] << bitCount;
      bitCount += 8;
    }
    const value = bitBuffer & ((1 << need) - 1);
    bitBuffer >>>= need;
    bitCount -= need;
    return value;
  };
  const decode = ({ count, symbol }: Huffman): number => {
    for (let len = 1, code = 0, first = 0, index = 0; len < 16; len++) {
      code |= bits(1);
      if (code - count[len] < first) return symbol[index + (code - first)];
      index += count[len];
      first = (first + count[len]) << 1;
      code <<= 1;
    }
    throw gzipCorrupt('invalid Huffman code');
  };
  const put = (byte: number) => {
    if (size >= out.length) throw new OutputFull();
    out[size++] = byte;
  };
  for (let last = 0; !last;) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      bitBuffer = bitCount = 0;
      if (pos + 4 > end) throw new Error('gzip data is truncated');
      const len = input[pos] | (input[pos + 1] << 8);
      if ((len ^ (input[pos + 2] | (input[pos + 3] << 8))) !== 0xffff)
        throw gzipCorrupt('invalid stored block lengths');
      pos += 4;
      if (pos + len > end) throw new Error('gzip data is truncated');
      if (size + len > out.length) throw new OutputFull();
      out.set(input.subarray(pos, pos + len), size);
      size += len;
      pos += len;
      continue;
    }
    if (type === 3) throw gzipCorrupt('invalid block type');
    const [lengthCode, distCode] = type === 1 ? (fixed ??= fixedCodes()) : dynamicCodes(bits, decode);
    for (;;) {
      let symbol = decode(lengthCode);
      if (symbol < 256) {
        put(symbol);
        continue;
      }
      if (symbol === 256) break;
      symbol -= 257;
      if (symbol >= 29) throw gzipCorrupt('invalid literal/length code');
      const length = LENGTH_BASE[symbol] + bits(LENGTH_EXTRA[symbol]);
      const d = decode(distCode);
      if (d >= 30) throw gzipCorrupt('invalid distance code');
      const distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
      if (distance > size) throw gzipCorrupt('invalid distance too far back');
      for (let i = 0; i < length; i++) put(out[size - distance]);
    }
  }
  return { end: pos, size };
}

function fixedCodes(): [Huffman, Huffman] {
  const lengths = Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8));
  return [huffman(lengths).h, huffman(new Array(30).fill(5)).h];
}

function dynamicCodes(bits: (n: number) => number, decode: (h: Huffman) => number): [Huffman, Huffman] {
  const nLength = bits(5) + 257;
  const nDist = bits(5) + 1;
  const nCode = bits(4) + 4;
  if (nLength > 286 || nDist > 30) throw gzipCorrupt('too many length or distance symbols');
  const lengths = new Uint8Array(nLength + nDist);
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < nCode; i++) codeLengths[CODE_LENGTH_ORDER[i]] = bits(3);
  const codeCode = huffman(codeLengths);
  if (codeCode.left) throw gzipCorrupt('invalid code lengths set');
  for (let i = 0; i < lengths.length;) {
    let symbol = decode(codeCode.h);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let repeat = 0;
    if (symbol === 16) {
      if (i === 0) throw gzipCorrupt('invalid bit length repeat');
      repeat = lengths[i - 1];
      symbol = 3 + bits(2);
    } else symbol = symbol === 17 ? 3 + bits(3) : 11 + bits(7);
    if (i + symbol > lengths.length) throw gzipCorrupt('invalid bit length repeat');
    lengths.fill(repeat, i, (i += symbol));
  }
  if (!lengths[256]) throw gzipCorrupt('invalid code -- missing end-of-block');
  // An incomplete code is allowed only when it has no code longer than one bit (as zlib's puff allows).
  const codes = [lengths.subarray(0, nLength), lengths.subarray(nLength)].map((l) => {
    const { h, left } = huffman(l);
    if (left && l.length !== h.count[0] + h.count[1]) throw gzipCorrupt('invalid literal/lengths or distances set');
    return h;
  });
  return [codes[0], codes[1]];
}
