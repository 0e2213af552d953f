// gzip for session chunks: exactly one member, inflated by the runtime's DecompressionStream under a
// hard output bound. The input is fed in pieces no larger than the room left allows even at
// deflate's largest ratio, and reading stops as soon as the output passes the bound, so a bomb
// costs the bound's worth of work and no more. Output goes into one buffer of the expected size;
// without one, the member is inflated twice: once to measure it (keeping nothing) and once into a
// buffer of exactly that size, so memory never holds more than the bound, not even for a bomb.
//
// Browsers check the member's CRC-32 and ISIZE and refuse any byte after it. Node.js joins
// concatenated members and drops zero padding after one; there the deflate data is first inflated
// without its last byte, which must leave it unfinished: then it ends exactly at the trailer.
// (The session worker inflates large chunks with this module alone; gzip.ts adds small ones.)
import { requireCompressionStreams } from '../compression-streams.js';
import { maxInflatedBytes, type InflateOptions } from './chunk-bounds.js';
import { gzipCorrupt, gzipHeaderLength, gzipStored } from './gzip-member.js';

/** Deflate's largest expansion: 258 bytes from 2 bits. */
const MAX_RATIO = 1032;
/** Input goes in pieces whose worst-case output fits the room left (at least 1 KiB: ~1 MiB past the bound). */
const MIN_PIECE = 1024;
const MAX_PIECE = 64 * 1024;
/** Inflating between two pauses. */
const SLICE_MS = 8;

/** Where the member's deflate data starts, once its header and its declared size are found possible. */
export function checkMember(input: Uint8Array, options: InflateOptions): number {
  const start = gzipHeaderLength(input);
  const { bound, exact } = options;
  if (exact !== null && exact > bound) throw new Error(`declares ${exact} bytes, more than ${describe(options)}`);
  if (exact !== null && exact > maxInflatedBytes(input.length))
    throw new Error(`declares ${exact} bytes, more than its ${input.length} stored bytes can inflate to`);
  return start;
}

/** `input` inflated by the runtime under `options` (see the top of this file). */
export async function gunzipStreamed(
  input: Uint8Array,
  options: InflateOptions,
  start = checkMember(input, options),
): Promise<Uint8Array> {
  const { bound, exact, meter } = options;
  requireCompressionStreams();
  if (await readsPastMember()) await requireOneMember(input, start, options);
  let out: Uint8Array<ArrayBuffer>;
  if (exact === null && !options.declared) {
    // Measure first, keeping nothing; then allocate exactly what it inflates to.
    out = new Uint8Array(await inflatePieces('gzip', input, options, bound));
  } else {
    out = new Uint8Array(exact ?? Math.min(bound, maxInflatedBytes(input.length)));
  }
  meter?.(out.length);
  const total = await inflatePieces('gzip', input, options, out.length, (piece, at) => out.set(piece, at));
  checkExact(total, exact);
  return total === out.length ? out : out.subarray(0, total);
}

export function checkExact(total: number, exact: number | null): void {
  if (exact !== null && total !== exact)
    throw new Error(`inflates to ${total} bytes but the manifest declares ${exact}`);
}

/**
 * Inflates `data` in `format`, handing each output piece to `take` at its offset; rejects as soon
 * as the output passes `limit`. Resolves with the output's size.
 */
async function inflatePieces(
  format: CompressionFormat,
  data: Uint8Array,
  options: InflateOptions,
  limit: number,
  take?: (piece: Uint8Array, at: number) => void,
): Promise<number> {
  const stream = new DecompressionStream(format);
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let total = 0;
  let stopped: Error | null = null;
  const reading = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      options.meter?.(r.value.length);
      if (total + r.value.length > limit) throw (stopped = expandsPast(options));
      take?.(r.value, total);
      total += r.value.length;
    }
  })();
  reading.catch(() => {});
  // The inflater's failure (bad data, too much of it) ends the wait for a write.
  const step = (p: Promise<void>) => Promise.race([p.catch(() => reading), reading]);
  const { pause } = options;
  try {
    let last = 0;
    let sliceStart = performance.now();
    for (let at = 0; at < data.length;) {
      const room = limit - total - last * MAX_RATIO;
      const piece = data.subarray(at, at + Math.min(MAX_PIECE, Math.max(MIN_PIECE, Math.floor(room / MAX_RATIO))));
      await step(writer.write(piece as Uint8Array<ArrayBuffer>));
      last = piece.length;
      at += piece.length;
      if (pause && performance.now() - sliceStart >= SLICE_MS) {
        await pause();
        sliceStart = performance.now();
      }
    }
    await step(writer.close());
    await reading;
    return total;
  } catch (err) {
    reader.cancel().catch(() => {});
    writer.abort().catch(() => {});
    throw stopped ?? inflaterError(err);
  }
}

/** The runtime's words for a bad member, as this module's (the same in every runtime). */
function inflaterError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/incorrect data check/i.test(message)) return new Error('gzip CRC-32 does not match the data');
  if (/incorrect length check/i.test(message)) return new Error('gzip ISIZE does not match the inflated size');
  // Browsers: junk after the end; Node.js: a second member whose header is not gzip's.
  if (/junk|extra bytes|after the end|incorrect header check/i.test(message)) return oneMember();
  if (/truncated|unexpected end|ended without/i.test(message)) return new Error('gzip data is truncated');
  return gzipCorrupt(message.replace(/^.*: /, '').replace(/\.$/, '') || 'inflate error');
}

export const oneMember = () => new Error('gzip input must contain exactly one member with no trailing bytes');

export function expandsPast(options: InflateOptions): Error {
  return new Error(`expands past ${describe(options)}: inflation stopped there`);
}

function describe({ bound, boundName }: InflateOptions): string {
  return boundName ?? `the limit of ${bound} bytes`;
}

let joins: Promise<boolean> | undefined;

/** Whether this runtime's DecompressionStream('gzip') reads on after a member (it then cannot be trusted to stop). */
function readsPastMember(): Promise<boolean> {
  const member = gzipStored(new Uint8Array(0));
  const two = new Uint8Array(2 * member.length);
  two.set(member);
  two.set(member, member.length);
  return (joins ??= inflatePieces('gzip', two, { bound: 0, exact: 0 }, 0).then(
    () => true,
    () => false,
  ));
}

/**
 * The member's deflate data must end exactly at its trailer: inflated without its last byte it is
 * unfinished. (Where it ends earlier, what follows is a second member or trailing bytes.)
 */
async function requireOneMember(input: Uint8Array, start: number, options: InflateOptions): Promise<void> {
  try {
    new DecompressionStream('deflate-raw');
  } catch {
    throw new Error('this runtime cannot check that gzip data is one member (it has no deflate-raw inflater)');
  }
  const cut = input.subarray(start, input.length - 9);
  const finished = await inflatePieces(
    'deflate-raw',
    cut,
    { ...options, meter: undefined, pause: undefined },
    options.bound,
  ).then(
    () => true,
    () => false,
  );
  if (finished) throw oneMember();
}
