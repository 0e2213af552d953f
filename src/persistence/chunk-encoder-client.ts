// One worker, shared by every viewer on the page, that encodes and gzips the big binary chunks
// of a session being saved, so an autosave of a million cells costs the main thread a copy of
// its arrays and little else. Where workers or CompressionStream are missing, or the worker
// fails, it answers null and the writer encodes in the page instead.
import type { ChunkEncoding } from '../core/session/chunk-encoding.js';
import type { EncodeElsewhere } from '../core/session/bundle-writer.js';

type Reply = { id: number; rawLength: number; stored: Uint8Array } | { id: number; error: string };

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const waiting = new Map<number, (reply: { rawLength: number; stored: Uint8Array } | null) => void>();

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
    const w = new Worker(new URL('../worker/chunk-encoder.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<Reply>) => {
      const resolve = waiting.get(e.data.id);
      if (!resolve) return;
      waiting.delete(e.data.id);
      resolve('error' in e.data ? null : { rawLength: e.data.rawLength, stored: e.data.stored });
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

/** Encodes one chunk in the shared worker; null when it cannot (the caller encodes it itself). */
export const encodeInWorker: EncodeElsewhere = (encoding: ChunkEncoding) => {
  worker ??= spawn();
  const target = worker;
  if (!target) return Promise.resolve(null);
  // A copy goes to the worker (the live arrays stay with the viewer); its buffer is transferred, not copied again.
  const copy: ChunkEncoding = encoding.kind === 'index-set' ? { kind: 'index-set', cells: encoding.cells.slice() } : { kind: 'user-codes', codes: encoding.codes.slice() };
  const buffer = copy.kind === 'index-set' ? copy.cells.buffer : copy.codes.buffer;
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    target.postMessage({ id, encoding: copy }, [buffer]);
  });
};
