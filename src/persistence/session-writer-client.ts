// One worker, shared by every viewer on the page, that writes the chunks of saves and autosaves:
// the page captures the state and posts it, the worker encodes, gzips and frames the chunks and
// answers one Blob, and the page puts the manifest in front. An autosave of a million cells then
// costs the main thread a copy of the arrays that changed since the last save and little else.
// Where workers or CompressionStream are missing, or the worker fails, it answers null and the
// bundle is written in the page.
import type { ChunkJob, WriteElsewhere, WrittenChunks } from '../core/session/bundle-writer.js';
import type { KeyedJob, WriterMessage, WriterReply } from './session-writer-protocol.js';

type LiveArray = Uint32Array | Uint8Array | Uint16Array;

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const waiting = new Map<number, (written: WrittenChunks | null) => void>();

/**
 * The worker's key for each live state array it has encoded. The viewer never changes such an
 * array in place (every edit builds a new one), so while the array lives its chunk is unchanged
 * and a save sends the key alone; once it is collected, the worker forgets the key.
 */
const keyOf = new WeakMap<LiveArray, number>();
let nextKey = 1;
const collected = new FinalizationRegistry<number>((key) => send({ drop: key }));

function giveUp(): void {
  broken = true;
  worker?.terminate();
  worker = null;
  for (const resolve of waiting.values()) resolve(null);
  waiting.clear();
}

function spawn(): Worker | null {
  if (broken || typeof Worker !== 'function' || typeof CompressionStream !== 'function') return null;
  try {
    const w = new Worker(new URL('../worker/session-writer.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = ({ data }: MessageEvent<WriterReply>) => {
      const resolve = waiting.get(data.id);
      waiting.delete(data.id);
      if ('written' in data) resolve?.(data.written);
      else {
        // Its kept keys may now disagree with the page's: write here from now on.
        resolve?.(null);
        giveUp();
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      giveUp();
    };
    w.onmessageerror = () => giveUp();
    return w;
  } catch {
    broken = true;
    return null;
  }
}

function send(message: WriterMessage, transfer: Transferable[] = []): boolean {
  try {
    worker?.postMessage(message, transfer);
    return worker !== null;
  } catch {
    giveUp();
    return false;
  }
}

/** A job as it travels: live arrays by key once the worker has them, fresh bytes transferred. */
function keyed({ encoding }: ChunkJob, transfer: Transferable[]): KeyedJob {
  if (encoding.kind === 'raw') {
    transfer.push(encoding.bytes.buffer);
    return { encoding };
  }
  const live = encoding.kind === 'index-set' ? encoding.cells : encoding.codes;
  const known = keyOf.get(live);
  if (known !== undefined) return { key: known };
  const key = nextKey++;
  keyOf.set(live, key);
  collected.register(live, key);
  // A copy goes (the live array stays with the viewer); its buffer is transferred, not copied again.
  const copy = encoding.kind === 'index-set' ? { kind: encoding.kind, cells: encoding.cells.slice() } : { kind: encoding.kind, codes: encoding.codes.slice() };
  transfer.push((copy.kind === 'index-set' ? copy.cells : copy.codes).buffer);
  return { key, encoding: copy };
}

/** Writes the chunks of one bundle in the shared worker; null when it cannot (the caller writes them itself). */
export const writeInWorker: WriteElsewhere = (jobs) => {
  worker ??= spawn();
  if (!worker) return Promise.resolve(null);
  const id = nextId++;
  const transfer: Transferable[] = [];
  const message = { id, jobs: jobs.map((j) => keyed(j, transfer)) };
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    if (!send(message, transfer)) resolve(null);
  });
};
