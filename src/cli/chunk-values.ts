// The decoded value of a chunk as the CLI shows and unpacks it: parsed JSON, {indices} for
// highlight memberships, {encoding, codes} for user-defined codes, and back again for pack.
import { decodeIndexSet, encodeIndexSet } from '../core/session/codecs/delta-varint.js';
import { decodeUserCodes, encodeUserCodes } from '../core/session/codecs/user-codes.js';
import { exactJson } from '../core/session/writer.js';
import type { ChunkMeta, Generation } from '../core/session/manifest.js';

const MAX_INDEX = 2 ** 32;

export function chunkValue(
  meta: ChunkMeta,
  payload: unknown,
  generation: Generation,
  cellCount: number | undefined,
): unknown {
  if (meta.kind === 'json') return payload;
  const bytes = payload as Uint8Array;
  const strict = generation === 'strict';
  if (meta.id.startsWith('highlights/cells/'))
    return { indices: Array.from(decodeIndexSet(bytes, { cellCount: cellCount ?? MAX_INDEX, strict })) };
  if (meta.id.startsWith('user-defined/codes/')) {
    const length = cellCount ?? declaredLength(bytes);
    const d = decodeUserCodes(bytes, { length, strict });
    return { encoding: d.encoding, codes: Array.from(d.codes) };
  }
  return { bytesBase64: Buffer.from(bytes).toString('base64') };
}

function declaredLength(bytes: Uint8Array): number {
  let value = 0;
  let scale = 1;
  for (let i = 1; i < Math.min(bytes.length, 11); i++) {
    value += (bytes[i] & 0x7f) * scale;
    if ((bytes[i] & 0x80) === 0) return value;
    scale *= 128;
  }
  return 0;
}

/** Payload bytes (before the codec) for a value read back from an unpacked folder. */
export function valueToBytes(meta: { id: string; kind: string }, value: unknown): Uint8Array {
  if (meta.kind === 'json') return new TextEncoder().encode(exactJson(value));
  const v = value as Record<string, unknown>;
  if (meta.id.startsWith('highlights/cells/')) {
    if (!Array.isArray(v?.indices)) throw new Error(`${meta.id}: expected {"indices": [...]}`);
    return encodeIndexSet(v.indices as number[]);
  }
  if (meta.id.startsWith('user-defined/codes/')) {
    if (!Array.isArray(v?.codes)) throw new Error(`${meta.id}: expected {"encoding": n, "codes": [...]}`);
    const codes = v.codes as number[];
    const wide = v.encoding === 1 || v.encoding === 3 || codes.some((c) => c > 255);
    return encodeUserCodes(wide ? Uint16Array.from(codes) : Uint8Array.from(codes));
  }
  if (typeof v?.bytesBase64 !== 'string') throw new Error(`${meta.id}: expected {"bytesBase64": "..."}`);
  return new Uint8Array(Buffer.from(v.bytesBase64, 'base64'));
}
