// A payload's raw bytes, never more than its manifest implies. The file name decides gzip
// (".gz"); a ".gz" body a server already inflated is accepted when its length is exactly the
// expected one. Inflation streams and stops as soon as the output passes the expected size: a
// small file that inflates to gigabytes costs about a millisecond and a megabyte past the bound.

import { requireCompressionStreams } from '../compression-streams.js';

export const MAX_PAYLOAD_BYTES = 512 * 1024 * 1024;

/** Deflate's largest expansion: 258 bytes from 2 bits. */
const MAX_RATIO = 1032;
/** Input is fed in pieces whose worst-case output fits the room left (at least 1 KiB: ~1 MiB past the bound). */
const MIN_PIECE = 1024;
const MAX_PIECE = 64 * 1024;

/** Where a payload's chunks go once its first bytes said what it is. */
interface Sink {
  add(chunk: Uint8Array): Promise<void>;
  end(): Promise<Uint8Array>;
  abort(): void;
}

/**
 * Exactly `expected` bytes from a payload's bytes or its streamed chunks; throws an Error whose
 * message is the problem. Errors of the chunk source (network, limits) pass through unchanged,
 * and a source left early (a bomb, a wrong length) is closed, which cancels its download.
 */
export async function payloadBytes(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  expected: number,
  gz: boolean,
): Promise<Uint8Array> {
  let head: Uint8Array = new Uint8Array(0);
  let sink: Sink | undefined;
  try {
    for await (const chunk of input instanceof Uint8Array ? [input] : input) {
      if (sink) {
        await sink.add(chunk);
        continue;
      }
      if (expected > MAX_PAYLOAD_BYTES) throw new Error(`expected size ${expected} bytes exceeds the 512 MiB limit`);
      // The first two bytes say whether a ".gz" payload is still compressed.
      head = head.length ? join(head, chunk) : chunk;
      if (head.length < 2) continue;
      sink = gz && head[0] === 0x1f && head[1] === 0x8b ? inflating(expected) : plain(expected, gz);
      await sink.add(head);
    }
    if (!sink) await (sink = plain(expected, gz)).add(head);
    return await sink.end();
  } catch (err) {
    sink?.abort();
    throw err;
  }
}

function corrupt(err: unknown): Error {
  return new Error(`gzip data is corrupt (${err instanceof Error ? err.message : String(err)})`, { cause: err });
}

const expandsPast = (expected: number) => new Error(`expands past its declared size (${expected} bytes)`);

/** Bytes taken as they are: a plain file, or a ".gz" one a server inflated on the way. */
function plain(expected: number, gz: boolean): Sink {
  const out = new Uint8Array(expected);
  let total = 0;
  return {
    async add(chunk) {
      // Bytes past the expected size are counted for the message, never kept.
      if (total < expected) out.set(chunk.subarray(0, expected - total), total);
      total += chunk.length;
    },
    async end() {
      if (total === expected) return out;
      throw new Error(`${gz ? 'is not gzip data and ' : ''}holds ${total} bytes but ${expected} were expected`);
    },
    abort() {},
  };
}

/**
 * Inflates with DecompressionStream. Each write resolves once its piece's output is queued, and
 * a piece is only as large as the room left allows even at deflate's largest ratio: the output
 * never passes the bound by more than one minimal piece's worth, however the file is made.
 */
function inflating(expected: number): Sink {
  requireCompressionStreams();
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const out = new Uint8Array(expected);
  let produced = 0;
  let last = 0;
  const reading = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      if (produced + r.value.length > expected) throw expandsPast(expected);
      out.set(r.value, produced);
      produced += r.value.length;
    }
  })().catch((err: Error) => {
    throw err.message.startsWith('expands') ? err : corrupt(err);
  });
  reading.catch(() => {});
  // The inflater's failure (bad data, too much of it) ends the wait for a write.
  const step = (p: Promise<void>) => Promise.race([p.catch(() => reading), reading]);
  return {
    async add(chunk) {
      for (let at = 0; at < chunk.length;) {
        const room = expected - produced - last * MAX_RATIO;
        const piece = chunk.subarray(at, at + Math.min(MAX_PIECE, Math.max(MIN_PIECE, room / MAX_RATIO)));
        await step(writer.write(piece as Uint8Array<ArrayBuffer>));
        last = piece.length;
        at += piece.length;
      }
    },
    async end() {
      await step(writer.close());
      await reading;
      if (produced !== expected)
        throw new Error(`gzip data inflates to ${produced} bytes but ${expected} were expected`);
      return out;
    },
    abort() {
      reader.cancel().catch(() => {});
      writer.abort().catch(() => {});
    },
  };
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const whole = new Uint8Array(a.length + b.length);
  whole.set(a);
  whole.set(b, a.length);
  return whole;
}
