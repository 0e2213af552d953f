// The two binary chunk encodings that grow with the dataset (highlight cell sets and user-field
// codes), described as plain data so a worker can do the encoding and the gzip; and 'raw', a
// chunk already in its final bytes (JSON) that only needs the gzip.
import { encodeIndexSet } from './codecs/delta-varint.js';
import { encodeUserCodes } from './codecs/user-codes.js';

export type ChunkEncoding =
  | { kind: 'index-set'; cells: Uint32Array }
  | { kind: 'user-codes'; codes: Uint8Array | Uint16Array }
  /** Bytes the encoder may take over (transfer): nobody else holds them. */
  | { kind: 'raw'; bytes: Uint8Array };

export function encodeChunkBytes(encoding: ChunkEncoding): Uint8Array {
  if (encoding.kind === 'index-set') return encodeIndexSet(encoding.cells);
  if (encoding.kind === 'user-codes') return encodeUserCodes(encoding.codes);
  if (encoding.kind === 'raw') return encoding.bytes;
  throw new Error(`unknown chunk encoding ${JSON.stringify((encoding as { kind?: unknown }).kind)}`);
}
