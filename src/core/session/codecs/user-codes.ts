// Per-cell codes of user-defined categorical fields: raw u8/u16 or run-length encoded.
import { ByteWriter, VarintReader } from './varint.js';

const RAW_U8 = 0;
const RAW_U16 = 1;
const RLE_U8 = 2;
const RLE_U16 = 3;

export interface DecodedCodes {
  encoding: number;
  codes: Uint8Array | Uint16Array;
}

export interface CodesLimits {
  /** Codes must number exactly this many (the cell count). */
  length: number;
  strict: boolean;
  /** Field's declared width, when known: strict files must match it. */
  codesType?: 'Uint8Array' | 'Uint16Array';
}

export function decodeUserCodes(bytes: Uint8Array, { length, strict, codesType }: CodesLimits): DecodedCodes {
  if (bytes.length < 2) throw new Error('codes payload is too short');
  const encoding = bytes[0];
  const r = new VarintReader(bytes, strict);
  r.offset = 1;
  const count = r.read();
  if (count !== length) throw new Error(`holds ${count} codes but the dataset has ${length} cells`);
  if (encoding > 3) throw new Error(`unknown codes encoding ${encoding}`);
  if (strict && codesType) {
    const wide = encoding === RAW_U16 || encoding === RLE_U16;
    if (wide !== (codesType === 'Uint16Array'))
      throw new Error(`encoding type ${encoding} does not match the field's ${codesType}`);
  }
  if (encoding === RAW_U8 || encoding === RAW_U16) {
    const width = encoding === RAW_U8 ? 1 : 2;
    const needed = count * width;
    if (r.remaining < needed) throw new Error('raw codes are truncated');
    if (strict && r.remaining > needed) throw new Error('trailing bytes after the raw codes');
    const start = r.offset;
    if (width === 1) return { encoding, codes: bytes.slice(start, start + count) };
    const out = new Uint16Array(count);
    for (let i = 0; i < count; i++) out[i] = bytes[start + 2 * i] | (bytes[start + 2 * i + 1] << 8);
    return { encoding, codes: out };
  }
  const pairs = r.read();
  if (pairs > count || (count > 0 && pairs === 0) || pairs * 2 > r.remaining)
    throw new Error(`invalid run count ${pairs}`);
  const values = new Uint16Array(count);
  let filled = 0;
  let previous = -1;
  let wide = encoding === RLE_U16;
  for (let p = 0; p < pairs; p++) {
    const value = r.read();
    const run = r.read();
    if (value > 65535) throw new Error(`code ${value} does not fit 16 bits`);
    if (encoding === RLE_U8 && value > 255) {
      if (strict) throw new Error(`code ${value} does not fit 8 bits`);
      wide = true; // older writers used type 2 for both widths
    }
    if (strict && (run < 1 || value === previous))
      throw new Error('runs must be non-empty and adjacent runs must differ');
    if (run > count - filled) {
      if (strict) throw new Error('runs add up to more codes than declared');
      values.fill(value, filled, count);
      filled = count;
      break;
    }
    values.fill(value, filled, filled + run);
    filled += run;
    previous = value;
  }
  if (filled !== count) throw new Error(`runs cover ${filled} of ${count} codes`);
  if (strict && r.remaining > 0) throw new Error('trailing bytes after the runs');
  return { encoding, codes: wide ? values : Uint8Array.from(values) };
}

/** Raw or run-length, whichever is strictly smaller (raw on a tie), in the newest type numbers. */
export function encodeUserCodes(codes: Uint8Array | Uint16Array): Uint8Array {
  const wide = codes instanceof Uint16Array;
  const raw = new ByteWriter();
  raw.byte(wide ? RAW_U16 : RAW_U8);
  raw.uvarint(codes.length);
  if (wide)
    for (const c of codes) {
      raw.byte(c & 0xff);
      raw.byte(c >>> 8);
    }
  else raw.bytes(codes as Uint8Array);
  const rle = new ByteWriter();
  rle.byte(wide ? RLE_U16 : RLE_U8);
  rle.uvarint(codes.length);
  const runs: number[] = [];
  for (let i = 0; i < codes.length;) {
    let j = i + 1;
    while (j < codes.length && codes[j] === codes[i]) j++;
    runs.push(codes[i], j - i);
    i = j;
  }
  rle.uvarint(runs.length / 2);
  for (const v of runs) rle.uvarint(v);
  return rle.length < raw.length ? rle.finish() : raw.finish();
}
