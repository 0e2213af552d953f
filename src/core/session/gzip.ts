// gzip for session chunks: exactly one member, inflated under a hard output bound. Large members
// are inflated by the runtime (gzip-stream.ts); small ones, such as a one-cell highlight group's,
// in JavaScript (small-inflate.ts): one DecompressionStream costs a browser a quarter of a
// millisecond and Node.js more than one, seconds for twenty thousand groups.
import { maxInflatedBytes, type InflateOptions } from './chunk-bounds.js';
import { crc32 } from './gzip-member.js';
import { checkExact, checkMember, expandsPast, gunzipStreamed, oneMember } from './gzip-stream.js';
import { readU32 } from './little-endian.js';
import { inflateSmall, OutputFull } from './small-inflate.js';

export type { InflateOptions };

/** Members up to this size are inflated in JavaScript, larger ones by the runtime. */
const SMALL_MEMBER_BYTES = 4096;
/** ... into a buffer of this size when their size is not declared (the runtime inflates those that need more). */
const SMALL_SCRATCH_BYTES = 64 * 1024;

/** Inflates a member too large for the JavaScript inflater; its deflate data starts at `start`. */
export type LargeGunzip = (input: Uint8Array, options: InflateOptions, start: number) => Promise<Uint8Array>;

export function gunzipBounded(input: Uint8Array, options: InflateOptions): Promise<Uint8Array> {
  return gunzipMember(input, options, gunzipStreamed);
}

/** As `gunzipBounded`, with large members inflated by `large` (the page's go to the session worker). */
export async function gunzipMember(
  input: Uint8Array,
  options: InflateOptions,
  large: LargeGunzip,
): Promise<Uint8Array> {
  const start = checkMember(input, options);
  const small = input.length <= SMALL_MEMBER_BYTES ? inflateSmallMember(input, start, options) : null;
  return small ?? large(input, options, start);
}

/** A small member inflated here; null when it declares no size and needs more than the scratch buffer. */
function inflateSmallMember(input: Uint8Array, start: number, options: InflateOptions): Uint8Array | null {
  const { bound, exact, meter } = options;
  const most = maxInflatedBytes(input.length);
  const capacity = exact ?? Math.min(bound, most, options.declared ? Infinity : SMALL_SCRATCH_BYTES);
  const out = new Uint8Array(capacity);
  meter?.(capacity);
  const trailer = input.length - 8;
  let inflated;
  try {
    inflated = inflateSmall(input, start, trailer, out);
  } catch (err) {
    if (!(err instanceof OutputFull)) throw err;
    if (capacity < bound && exact === null) return null;
    throw expandsPast(options);
  }
  if (inflated.end !== trailer) throw oneMember();
  checkExact(inflated.size, exact);
  const data = inflated.size === capacity ? out : out.slice(0, inflated.size);
  if (data !== out) meter?.(data.length);
  if (readU32(input, trailer) !== crc32(data)) throw new Error('gzip CRC-32 does not match the data');
  if (readU32(input, trailer + 4) !== data.length) throw new Error('gzip ISIZE does not match the inflated size');
  return data;
}
