// One worker, shared by every viewer on the page, that encodes and gzips the chunks of a session
// being saved, so an autosave of a million cells costs the main thread a copy of the arrays that
// changed since the last save and little else. Where workers or CompressionStream are missing,
// or the worker fails, it answers null and the writer encodes in the page instead.
import type { ChunkEncoding } from '../core/session/chunk-encoding.js';
import type { EncodeElsewhere } from '../core/session/bundle-writer.js';

/** A chunk the worker could not encode comes back as its id alone. */
type Reply = { id: number; rawLength?: number; stored?: Uint8Array };
type Request = { id: number; encoding: ChunkEncoding };
type Encoded = { rawLength: number; stored: Uint8Array } | null;

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const waiting = new Map<number, (reply: Encoded) => void>();

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
    w.onmessage = (e: MessageEvent<Reply[]>) => {
      for (const reply of e.data) {
        waiting.get(reply.id)?.(reply.stored ? (reply as Encoded) : null);
        waiting.delete(reply.id);
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

/**
 * What the worker made of each live state array. The viewer never changes such an array in
 * place (every edit builds a new one), so the next save (an autosave after a camera move, say)
 * reuses the chunks of unchanged groups and fields instead of copying and encoding them again.
 */
const encodedByArray = new WeakMap<Uint32Array | Uint8Array | Uint16Array, Promise<Encoded>>();

/** Encodes one chunk in the shared worker; null when it cannot (the caller encodes it itself). */
export const encodeInWorker: EncodeElsewhere = (encoding: ChunkEncoding) => {
  if (encoding.kind === 'raw') return post(encoding);
  const live = encoding.kind === 'index-set' ? encoding.cells : encoding.codes;
  let result = encodedByArray.get(live);
  if (!result) {
    // A copy goes to the worker (the live arrays stay with the viewer); its buffer is transferred, not copied again.
    result = post(encoding.kind === 'index-set' ? { kind: 'index-set', cells: encoding.cells.slice() } : { kind: 'user-codes', codes: encoding.codes.slice() });
    // A null (the worker failed) is kept too: this array is then encoded in the page.
    encodedByArray.set(live, result);
  }
  return result;
};

// The chunks of one save travel in one message each way: a message is a task on both sides.
let batch: Request[] = [];

function post(encoding: ChunkEncoding): Promise<Encoded> {
  worker ??= spawn();
  if (!worker) return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    if (batch.push({ id, encoding }) === 1) queueMicrotask(sendBatch);
  });
}

const bufferOf = (e: ChunkEncoding) => (e.kind === 'index-set' ? e.cells : e.kind === 'user-codes' ? e.codes : e.bytes).buffer as ArrayBuffer;

function sendBatch(): void {
  const requests = batch;
  batch = [];
  try {
    worker!.postMessage(requests, requests.map((r) => bufferOf(r.encoding)));
  } catch {
    // The worker is gone or cannot take the message: this save and the later ones encode in the page.
    giveUp();
  }
}
