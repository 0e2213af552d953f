// A share link's bytes: one version byte, then the raw-deflated body. The body is the view's JSON
// (length-prefixed) followed by each highlight group's cells as a length-prefixed delta-varint
// index set, in page and group order.
import { decodeIndexSet, encodeIndexSet } from '../session/codecs/delta-varint.js';
import { ByteWriter, VarintReader } from '../session/codecs/varint.js';
import { parseJsonBytes } from '../session/safe-json.js';

export const SHARE_FORMAT_VERSION = 1;

export interface ShareBody {
  json: unknown;
  cellSets: Uint32Array[];
}

export function encodeBody(json: unknown, cellSets: readonly Uint32Array[]): Uint8Array {
  const w = new ByteWriter();
  const text = new TextEncoder().encode(JSON.stringify(json));
  w.uvarint(text.length);
  w.bytes(text);
  for (const cells of cellSets) {
    const set = encodeIndexSet(cells);
    w.uvarint(set.length);
    w.bytes(set);
  }
  return w.finish();
}

/** The JSON, then exactly `groupCount(json)` index sets of cells < cellCount, and nothing after. */
export function decodeBody(bytes: Uint8Array, cellCount: number, groupCount: (json: unknown) => number): ShareBody {
  const r = new VarintReader(bytes, true);
  const take = (what: string): Uint8Array => {
    const length = r.read();
    if (length > r.remaining) throw new Error(`${what} declares ${length} bytes but ${r.remaining} follow`);
    const out = bytes.subarray(r.offset, r.offset + length);
    r.offset += length;
    return out;
  };
  let json: unknown;
  try {
    json = parseJsonBytes(take('the view'), "the link's view");
  } catch (err) {
    throw new Error(err instanceof Error ? err.message : String(err), { cause: err });
  }
  const count = groupCount(json);
  const cellSets: Uint32Array[] = [];
  for (let i = 0; i < count; i++) {
    if (r.remaining === 0) throw new Error(`the link holds the cells of ${i} highlight groups, not ${count}`);
    try {
      cellSets.push(decodeIndexSet(take(`highlight group ${i + 1}`), { cellCount, strict: true }));
    } catch (err) {
      throw new Error(`highlight group ${i + 1}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  }
  if (r.remaining > 0) throw new Error(`${r.remaining} unexpected bytes follow the view`);
  return { json, cellSets };
}
