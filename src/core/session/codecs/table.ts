// Columnar tables of analysis artifacts (decode only): a JSON header, then column blocks.
import { parseJsonBytes, isPlainObject } from '../safe-json.js';
import { VarintReader } from './varint.js';

export type TableColumn =
  | { name: string; dtype: 'uint8' | 'uint16' | 'uint32' | 'int32' | 'float32' | 'float64'; values: ArrayLike<number> }
  | { name: string; dtype: 'bool'; values: boolean[] }
  | { name: string; dtype: 'string'; values: string[] };

export interface DecodedTable {
  rowCount: number;
  columns: TableColumn[];
}

const WIDTH = { uint8: 1, uint16: 2, uint32: 4, int32: 4, float32: 4, float64: 8 } as const;
const MAX_ROWS = 100_000_000;

export function decodeTable(bytes: Uint8Array, strict: boolean): DecodedTable {
  if (bytes.length < 4) throw new Error('table is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metaLen = view.getUint32(0, true);
  if (metaLen === 0 || 4 + metaLen > bytes.length) throw new Error(`table header length ${metaLen} does not fit`);
  const meta = parseJsonBytes(bytes.subarray(4, 4 + metaLen), 'table header');
  if (!isPlainObject(meta) || !Array.isArray(meta.columns)) throw new Error('table header must be {rowCount, columns}');
  const rowCount = meta.rowCount;
  if (typeof rowCount !== 'number' || !Number.isSafeInteger(rowCount) || rowCount < 0 || rowCount > MAX_ROWS)
    throw new Error('table rowCount is invalid');
  let offset = 4 + metaLen;
  const names = new Set<string>();
  const columns = meta.columns.map((c: unknown, i: number): TableColumn => {
    if (!isPlainObject(c) || typeof c.name !== 'string' || c.name === '' || typeof c.byteLength !== 'number')
      throw new Error(`table column ${i} is malformed`);
    if (names.has(c.name)) throw new Error(`table column "${c.name}" is duplicated`);
    names.add(c.name);
    const byteLength = c.byteLength;
    if (!Number.isSafeInteger(byteLength) || byteLength < 0 || offset + byteLength > bytes.length)
      throw new Error(`table column "${c.name}" overruns the payload`);
    const block = bytes.subarray(offset, offset + byteLength);
    offset += byteLength;
    const name = c.name;
    if (c.dtype === 'bool') {
      if (byteLength !== Math.ceil(rowCount / 8)) throw new Error(`bool column "${name}" has the wrong size`);
      return {
        name,
        dtype: 'bool',
        values: Array.from({ length: rowCount }, (_, r) => ((block[r >> 3] >> (r & 7)) & 1) === 1),
      };
    }
    if (c.dtype === 'string') {
      const r = new VarintReader(block, strict);
      const dictCount = r.read();
      if (dictCount > block.length) throw new Error(`string column "${name}" declares too many entries`);
      const dict: string[] = [];
      const decoder = new TextDecoder('utf-8', { fatal: true });
      for (let k = 0; k < dictCount; k++) {
        const len = r.read();
        if (len > r.remaining) throw new Error(`string column "${name}" is truncated`);
        dict.push(decoder.decode(block.subarray(r.offset, r.offset + len)));
        r.offset += len;
      }
      if (r.remaining !== rowCount * 4) throw new Error(`string column "${name}" has the wrong number of codes`);
      const codes = new DataView(block.buffer, block.byteOffset + r.offset, rowCount * 4);
      return {
        name,
        dtype: 'string',
        values: Array.from({ length: rowCount }, (_, row) => {
          const code = codes.getUint32(row * 4, true);
          if (code >= dict.length) throw new Error(`string column "${name}" has code ${code} past its dictionary`);
          return dict[code];
        }),
      };
    }
    const dtype = c.dtype as keyof typeof WIDTH;
    if (!(dtype in WIDTH)) throw new Error(`table column "${name}" has unknown dtype ${String(c.dtype)}`);
    if (byteLength !== rowCount * WIDTH[dtype])
      throw new Error(`column "${name}" has ${byteLength} bytes for ${rowCount} rows`);
    const copy = block.slice();
    const arrays = {
      uint8: Uint8Array,
      uint16: Uint16Array,
      uint32: Uint32Array,
      int32: Int32Array,
      float32: Float32Array,
      float64: Float64Array,
    };
    return { name, dtype, values: new arrays[dtype](copy.buffer, 0, rowCount) };
  });
  if (strict && offset !== bytes.length) throw new Error('trailing bytes after the table');
  return { rowCount, columns };
}
