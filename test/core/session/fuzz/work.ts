// The work budget of one read: what the reader does, counted in bytes (so the count is the same on
// any machine), against what its design allows for the file it is given. Counted: stored bytes it
// copies out of the file (its meter's 'read'), bytes its inflaters allocate or hand out (the
// meter's 'inflate', in the reader and in the inflate hook), and characters of JSON it parses (the
// manifest and each JSON chunk). Allowed, frame by frame as the reader walks them: the file once
// and each frame header twice; each gzip chunk inflated once along its path: a small member (≤ 4 KiB)
// into one buffer of its capacity and, when shorter, a copy of what it held; a larger one (or a
// small one that outgrew a scratch buffer) into one buffer of its declared size, or measured first
// when it declares none; the manifest and each JSON chunk parsed once. A chunk's output is what
// Node's zlib makes of its stored bytes (stopped just past the bound, where the reader stops);
// where zlib refuses the data, the most it could inflate to.
import { constants, gunzipSync } from 'node:zlib';
import { chunkBounds } from '../../../../src/core/session/chunk-bounds.js';
import {
  MAGIC,
  MAX_MANIFEST_BYTES,
  MAX_STORED_CHUNK_BYTES,
  type ChunkMeta,
} from '../../../../src/core/session/index.js';

/** Work done by one read, in bytes (characters for JSON). */
export interface Work {
  read: number;
  inflated: number;
  parsed: number;
}

export const noWork = (): Work => ({ read: 0, inflated: 0, parsed: 0 });
export const totalWork = (w: Work) => w.read + w.inflated + w.parsed;

/** Members up to this size are inflated in JavaScript (gzip.ts), undeclared ones into a scratch buffer. */
const SMALL_MEMBER_BYTES = 4096;
const SMALL_SCRATCH_BYTES = 64 * 1024;
/** How far past its limit the runtime's inflater may get before it stops (check.ts says why). */
export const INFLATE_SLACK = 1032 * 1024 + 64 * 1024;
const maxInflated = (stored: number) => stored * 1032 + 1024;

/** What Node's zlib inflates `stored` to, up to `cap`; null when it refuses the data. */
function inflatedSize(stored: Uint8Array, cap: number): number | null {
  try {
    return gunzipSync(stored, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: cap }).length;
  } catch (err) {
    return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? cap : null;
  }
}

/** Bytes a gzip chunk's inflation may take along the reader's path (see the top of this file), and its output. */
function inflateAllowance(
  stored: Uint8Array,
  meta: ChunkMeta,
  strict: boolean,
  maxUndeclared: number,
): { work: number; out: number } {
  const { bound, exact, declared } = chunkBounds(meta, strict, maxUndeclared);
  const most = Math.min(bound + INFLATE_SLACK, maxInflated(stored.length));
  const known = inflatedSize(stored, most);
  const out = known ?? most;
  const large = exact !== null || declared ? (exact ?? Math.min(bound, maxInflated(stored.length))) + out : 3 * out;
  if (stored.length > SMALL_MEMBER_BYTES) return { work: large, out };
  const capacity = exact ?? Math.min(bound, maxInflated(stored.length), declared ? Infinity : SMALL_SCRATCH_BYTES);
  const fallsThrough = exact === null && capacity < bound && out > capacity;
  // A copy of what it held when that is less than its capacity (which data zlib refuses may be).
  const copy = known === null ? capacity : out < capacity ? out : 0;
  return { work: capacity + (fallsThrough ? large : copy), out };
}

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);

/** The work a read of `bytes` may take, chunk by chunk as the reader walks its frames. */
export function workBudget(
  bytes: Uint8Array,
  declared: { chunks: ChunkMeta[]; strict: boolean } | null,
  maxUndeclared: number,
): Work {
  const budget: Work = { read: bytes.length, inflated: 0, parsed: 0 };
  // The manifest is parsed once, when the file has all of it (even one that does not validate).
  const header = MAGIC.length + 4;
  const manifest = bytes.length >= header ? u32(bytes, MAGIC.length) : 0;
  if (manifest <= Math.min(MAX_MANIFEST_BYTES, bytes.length - header)) budget.parsed += manifest;
  if (!declared) return budget;
  let at = header + manifest;
  for (const meta of declared.chunks) {
    // The frame header (or what is left of it), read again by the prescan.
    budget.read += Math.min(4, bytes.length - at);
    if (at + 4 > bytes.length) break;
    const length = u32(bytes, at);
    at += 4;
    const { stored: most, bound } = chunkBounds(meta, declared.strict, maxUndeclared);
    const framed = length <= MAX_STORED_CHUNK_BYTES && (meta.storedBytes ?? length) === length;
    if (!framed || length > bytes.length - at) break;
    if (length <= most) {
      const stored = bytes.subarray(at, at + length);
      let decoded = length;
      if (meta.codec === 'gzip') {
        const inflating = inflateAllowance(stored, meta, declared.strict, maxUndeclared);
        budget.inflated += inflating.work;
        decoded = Math.min(inflating.out, bound);
      }
      if (meta.kind === 'json') budget.parsed += decoded;
    }
    at += length;
  }
  return budget;
}

/** Runs `read` with every JSON.parse counted into `work.parsed` (the fuzz worker runs one case at a time). */
export async function countingJsonParse<T>(work: Work, read: () => Promise<T>): Promise<T> {
  const parse = JSON.parse;
  JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]) => {
    work.parsed += String(text).length;
    return parse(text, reviver);
  };
  try {
    return await read();
  } finally {
    JSON.parse = parse;
  }
}
