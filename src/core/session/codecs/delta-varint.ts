// Highlight memberships: count, then ascending indices as varint deltas.
import { ByteWriter, VarintReader } from './varint.js';

export interface IndexSetLimits {
  /** Indices must be < cellCount (and count ≤ cellCount). */
  cellCount: number;
  /** Strict files: canonical varints, strictly increasing, no trailing bytes. */
  strict: boolean;
}

export function decodeIndexSet(bytes: Uint8Array, { cellCount, strict }: IndexSetLimits): Uint32Array {
  const r = new VarintReader(bytes, strict);
  const count = r.read();
  if (count > cellCount) throw new Error(`declares ${count} cells but the dataset has ${cellCount}`);
  // Every delta needs at least one byte: a count larger than the bytes left is a lie.
  if (count > r.remaining) throw new Error(`declares ${count} indices but only ${r.remaining} bytes follow`);
  const out = new Uint32Array(count);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const delta = r.read();
    if (strict && i > 0 && delta === 0) throw new Error('indices must be strictly increasing');
    const index = i === 0 ? delta : previous + delta;
    if (index >= cellCount) throw new Error(`cell index ${index} is out of range (the dataset has ${cellCount} cells)`);
    out[i] = index;
    previous = index;
  }
  if (strict && r.remaining > 0) throw new Error('trailing bytes after the index set');
  return out;
}

export function encodeIndexSet(indices: ArrayLike<number>): Uint8Array {
  const sorted = Uint32Array.from(indices as ArrayLike<number>).sort();
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i] === sorted[i - 1]) throw new Error(`index ${sorted[i]} is listed twice`);
  const w = new ByteWriter();
  w.uvarint(sorted.length);
  let previous = 0;
  for (let i = 0; i < sorted.length; i++) {
    w.uvarint(i === 0 ? sorted[i] : sorted[i] - previous);
    previous = sorted[i];
  }
  return w.finish();
}
