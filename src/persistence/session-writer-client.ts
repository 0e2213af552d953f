// One worker, shared by every viewer on the page, that writes saves and autosaves: the page
// captures the state and posts it, the worker encodes, gzips and frames the chunks behind their
// manifest and answers the bundle as one Blob. An autosave of a million cells then costs the main
// thread a copy of the arrays that changed since the last save and little else. A restore hands
// it the chunks that may inflate to more than a megabyte (large ones, and legacy ones that declare
// no size), so a bomb is refused there, never on the page's main thread, and every chunk too large
// for the page's JavaScript inflater (more than 4 KiB of gzip).
// Where workers are missing or the worker fails, the page imports the worker's module and writes
// the bundle itself (so the page bundle carries the writing code once, inside the worker).
import type { ChunkJob, WriteElsewhere, WriteOptions } from '../core/session/bundle-writer.js';
import { maxInflatedBytes } from '../core/session/chunk-bounds.js';
import type { LargeGunzip } from '../core/session/gzip.js';
import type { ChunkInflater } from '../core/session/reader.js';
import type { KeyedJob, WriterMethods } from './session-writer-protocol.js';
import { importWorkerModule, workerUrlOnce } from '../platform/worker-module.js';
import { connect, Disconnected, type Remote } from '../platform/rpc.js';

type LiveArray = Uint32Array | Uint8Array | Uint16Array;

let worker: Remote<WriterMethods> | null = null;
let broken = false;

/**
 * The worker's key for each live state array it has encoded. The viewer never changes such an
 * array in place (every edit builds a new one), so while the array lives its chunk is unchanged
 * and a save sends the key alone; once it is collected, the worker forgets the key.
 */
const keyOf = new WeakMap<LiveArray, number>();
let nextKey = 1;
const collected = new FinalizationRegistry<number>((key) => worker?.post('drop', [key]));

/**
 * The buffers of the last save's copies, which the worker handed back, for the next copies.
 * Copying megabytes into fresh memory cost the page several times the copy itself (the memory
 * is faulted in, zeroed, and later collected); a buffer that was used before is only written.
 * Only the last save's are kept, so they never hold more than the live arrays they copied.
 */
let spare: ArrayBuffer[] = [];
/** Smaller copies are neither transferred nor kept: twenty thousand one-cell groups' cost the page seconds. */
const SPARE_MIN_BYTES = 1024;

/** A copy of `live` for the worker, in a spare buffer that fits (at most twice its size) or a new one. */
function copyOf<T extends LiveArray>(live: T): T {
  const i = spare.findIndex((b) => b.byteLength >= live.byteLength && b.byteLength <= 2 * live.byteLength);
  if (i < 0) return live.slice() as T;
  const [buffer] = spare.splice(i, 1);
  const copy = new (live.constructor as new (b: ArrayBuffer, offset: number, length: number) => T)(
    buffer,
    0,
    live.length,
  );
  copy.set(live);
  return copy;
}

/** Writes and inflations still waiting then get null: the page does them instead. */
function giveUp(): null {
  broken = true;
  worker?.close();
  worker = null;
  return null;
}

const writerWorkerUrl = workerUrlOnce(() => new URL('../worker/session-writer.worker.ts', import.meta.url));

function spawn(): Remote<WriterMethods> | null {
  if (broken || typeof Worker !== 'function') return null;
  try {
    return connect<WriterMethods>(new Worker(writerWorkerUrl(), { type: 'module' }));
  } catch {
    broken = true;
    return null;
  }
}

/** A job as it travels: live arrays by key once the worker has them, fresh bytes transferred. */
function keyed({ head, encoding }: ChunkJob, transfer: Transferable[]): KeyedJob {
  if (encoding.kind === 'raw') {
    transfer.push(encoding.bytes.buffer);
    return { head, encoding };
  }
  const live = encoding.kind === 'index-set' ? encoding.cells : encoding.codes;
  const known = keyOf.get(live);
  if (known !== undefined) return { head, key: known };
  const key = nextKey++;
  keyOf.set(live, key);
  collected.register(live, key);
  // A copy goes (the live array stays with the viewer); its buffer is transferred, not copied again.
  const copy =
    encoding.kind === 'index-set'
      ? { kind: encoding.kind, cells: copyOf(encoding.cells) }
      : { kind: encoding.kind, codes: copyOf(encoding.codes) };
  const buffer = (copy.kind === 'index-set' ? copy.cells : copy.codes).buffer;
  // A buffer of a few bytes is cheaper to copy than to transfer (and not worth a spare).
  if (buffer.byteLength >= SPARE_MIN_BYTES) transfer.push(buffer);
  return { head, key, encoding: copy };
}

/** Writes one bundle in the shared worker; null when it cannot. */
export const writeInWorker: WriteElsewhere = (jobs, options) => {
  worker ??= spawn();
  if (!worker) return Promise.resolve(null);
  const transfer: Transferable[] = [];
  return worker.call('write', [options, jobs.map((j) => keyed(j, transfer))], { transfer }).then(
    ({ bundle, spare: handedBack }) => {
      if (handedBack.length) spare = handedBack;
      return bundle;
    },
    // A failed write: its kept keys may now disagree with the page's, so the page writes from now on.
    giveUp,
  );
};

/**
 * Writes one bundle in the shared worker, or on the page when the worker cannot. `capture` may be
 * called twice: the jobs posted to a worker that then failed may have lost their bytes to it.
 */
export async function writeBundle(
  capture: () => ChunkJob[],
  options: WriteOptions,
): Promise<{ blob: Blob; chunkCount: number }> {
  const jobs = capture();
  const blob =
    (await writeInWorker(jobs, options)) ??
    (await (
      await importWorkerModule<typeof import('../worker/session-writer.worker.js')>(writerWorkerUrl())
    ).writeJobs(capture(), options));
  return { blob, chunkCount: jobs.length };
}

/** Chunks that may inflate to more than this go to the worker; smaller ones inflate on the page. */
const PAGE_INFLATE_MAX_BYTES = 1024 * 1024;

/**
 * Inflates a session chunk in the shared worker when it may inflate to more than a megabyte;
 * null (the reader inflates it on the page) when it is smaller or the worker cannot run.
 */
export const inflateInWorker: ChunkInflater = (stored, options) =>
  Math.min(options.bound, maxInflatedBytes(stored.length)) <= PAGE_INFLATE_MAX_BYTES
    ? Promise.resolve(null)
    : inflateThere(stored, options);

/** The worker's inflation of `stored`; null when the worker cannot run. */
function inflateThere(
  stored: Uint8Array,
  { bound, exact, declared, boundName }: Parameters<ChunkInflater>[1],
): Promise<Uint8Array | null> {
  worker ??= spawn();
  if (!worker) return Promise.resolve(null);
  // The reader keeps its copy of the stored bytes: they are copied, not transferred. A chunk's
  // problem fails it; a worker that is gone leaves it to the page.
  return worker.call('inflate', [stored, { bound, exact, declared, boundName }]).catch((err) => {
    if (err instanceof Disconnected) return giveUp();
    throw err;
  });
}

/**
 * The page's inflater of the session chunks too large for its JavaScript one (see gzip.ts): the
 * shared worker, or where it cannot run, the worker's own module on the page. The page's bundle so
 * carries the runtime's bounded inflater once, inside the worker.
 */
export const gunzipLarge: LargeGunzip = async (stored, options, start) =>
  (await inflateThere(stored, options)) ??
  (await importWorkerModule<typeof import('../worker/session-writer.worker.js')>(writerWorkerUrl())).gunzipStreamed(
    stored,
    options,
    start,
  );
