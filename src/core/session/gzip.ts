// gzip for session chunks: exactly one member, inflated under a hard output bound. pako's zlib
// stream checks the header, CRC-32 and size trailer; it stops at the end of the first member, so
// a concatenated member (which an auto-continuing inflater would silently join) is detected.
// Output goes into one buffer of the expected size; without one, the member is inflated twice:
// once to measure it (through a small scratch buffer, stopping at the bound) and once into a
// buffer of exactly that size, so memory never holds more than the bound, not even for a bomb.
import { gzip, ZStream, zlibInflate, zlibInflateInit2 } from 'pako';
import { finishSteps } from '../steps.js';
import { maxInflatedBytes, type InflateOptions } from './chunk-bounds.js';

export type { InflateOptions };

// zlib return codes.
const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_BUF_ERROR = -5;
/** Output produced per step: about a millisecond of inflating. */
const STEP_BYTES = 64 * 1024;
/** gzip wrapper only (15-bit window + 16). */
const GZIP_WINDOW_BITS = 31;

export function gunzipBounded(input: Uint8Array, options: InflateOptions): Uint8Array {
  return finishSteps(gunzipBoundedInSteps(input, options));
}

/** `gunzipBounded`, yielding after each 64 KiB of output (a page can spread a large chunk over several tasks). */
export function* gunzipBoundedInSteps(input: Uint8Array, options: InflateOptions): Generator<void, Uint8Array> {
  const { bound, exact, meter } = options;
  if (input.length < 18) throw new Error('gzip data is truncated before its header and trailer');
  if (exact !== null && exact > bound) throw new Error(`declares ${exact} bytes, more than ${describe(options)}`);
  const most = maxInflatedBytes(input.length);
  if (exact !== null && exact > most)
    throw new Error(`declares ${exact} bytes, more than its ${input.length} stored bytes can inflate to`);
  let out: Uint8Array<ArrayBuffer>;
  if (exact === null && !options.declared) {
    // Measure first, through a scratch buffer; then allocate exactly what it inflates to.
    const scratch = new Uint8Array(Math.max(1, Math.min(STEP_BYTES, bound)));
    meter?.(scratch.length);
    const measured = yield* inflateMember(input, options, bound, (done) => [
      scratch,
      0,
      Math.min(scratch.length, bound + 1 - done),
    ]);
    out = new Uint8Array(measured);
  } else {
    out = new Uint8Array(exact ?? Math.min(bound, most));
  }
  meter?.(out.length);
  // Output past the buffer lands in a one-byte probe: it is more than the bound allows.
  const probe = new Uint8Array(1);
  const total = yield* inflateMember(input, options, out.length, (done) =>
    done < out.length ? [out, done, Math.min(STEP_BYTES, out.length - done)] : [probe, 0, 1],
  );
  if (exact !== null && total !== exact)
    throw new Error(`inflates to ${total} bytes but the manifest declares ${exact}`);
  return total === out.length ? out : out.subarray(0, total);
}

/** Where the next output goes: a buffer, the offset in it and how many bytes may be written. */
type OutputRegion = (done: number) => [Uint8Array<ArrayBuffer>, number, number];

/** Inflates the one member of `input` into the regions given; returns its size. */
function* inflateMember(
  input: Uint8Array,
  options: InflateOptions,
  limit: number,
  region: OutputRegion,
): Generator<void, number> {
  const strm = new ZStream();
  zlibInflateInit2(strm, GZIP_WINDOW_BITS);
  strm.input = input;
  strm.next_in = 0;
  strm.avail_in = input.length;
  let total = 0;
  for (;;) {
    const [buffer, offset, room] = region(total);
    strm.output = buffer;
    strm.next_out = offset;
    strm.avail_out = room;
    const status = zlibInflate(strm, 0);
    if (status !== Z_OK && status !== Z_STREAM_END && status !== Z_BUF_ERROR) throw corrupt(strm.msg);
    total += strm.next_out - offset;
    if (total > limit) throw new Error(`expands past ${describe(options)}: inflation stopped there`);
    if (status === Z_STREAM_END) break;
    if (strm.avail_out > 0) throw new Error('gzip data is truncated'); // all input read, and the stream goes on
    yield;
  }
  if (strm.avail_in > 0) throw new Error('gzip input must contain exactly one member with no trailing bytes');
  return total;
}

function describe({ bound, boundName }: InflateOptions): string {
  return boundName ?? `the limit of ${bound} bytes`;
}

function corrupt(message: string | undefined): Error {
  if (message === 'incorrect data check') return new Error('gzip CRC-32 does not match the data');
  if (message === 'incorrect length check') return new Error('gzip ISIZE does not match the inflated size');
  return new Error(`gzip data is corrupt (${message || 'inflate error'})`);
}

export function gzipBytes(data: Uint8Array): Uint8Array {
  return gzip(data);
}
