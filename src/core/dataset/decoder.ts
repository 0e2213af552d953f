// Where payloads are decoded: in a pool of workers in the browser (the page stays responsive
// on large datasets) or in the calling thread (Node, tests, or when workers are unavailable).
import { gunzipBounded } from '../session/gzip.js';
import { decodePayload, type DecodeRequest, type DecodeResult } from './decode.js';
import { MAX_PAYLOAD_BYTES } from './gzip.js';

export interface PayloadDecoder {
  decode(request: DecodeRequest): Promise<DecodeResult>;
  dispose?(): void;
}

// Without DecompressionStream: the session reader's bounded single-member gunzip (pako) serves here too.
const inflateHere = (bytes: Uint8Array): Uint8Array => gunzipBounded(bytes, { bound: MAX_PAYLOAD_BYTES, exact: null });

export const inThreadDecoder: PayloadDecoder = {
  decode: (request) => decodePayload(request, inflateHere),
};

let workerUrl: URL | string | undefined;
// Made once: the built bundle inlines the worker as a Blob URL.
const decodeWorkerUrl = () => (workerUrl ??= new URL('../../worker/decode.worker.ts', import.meta.url));

/**
 * The pool's fallback: the decode worker's own module, loaded on demand and run on this thread
 * with pako's inflate (a page bundle so carries the decoding code once, inside the worker).
 */
const workerModuleHere: PayloadDecoder = {
  decode: async (request) => ((await import(String(decodeWorkerUrl()))) as typeof import('../../worker/decode.worker.js')).decodePayload(request, inflateHere),
};

interface Pending {
  resolve: (r: DecodeResult) => void;
  reject: (e: Error) => void;
  worker: Worker;
}

/** A pool of up to min(4, max(1, floor(cores / 2))) decode workers; falls back to in-thread decoding. */
export function createWorkerDecoder(): PayloadDecoder {
  // Workers inflate with DecompressionStream only (no pako inside them): without it, decode here.
  if (typeof Worker !== 'function' || typeof DecompressionStream !== 'function') return workerModuleHere;
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const size = Math.min(4, Math.max(1, Math.floor(cores / 2)));
  const workers: Worker[] = [];
  const pending = new Map<number, Pending>();
  const busy = new Map<Worker, number>();
  let nextId = 1;
  let broken = false;

  const spawn = (): Worker | null => {
    try {
      const worker = new Worker(decodeWorkerUrl(), { type: 'module' });
      worker.onmessage = (e: MessageEvent<{ id: number; result: DecodeResult }>) => {
        const job = pending.get(e.data.id);
        if (!job) return;
        pending.delete(e.data.id);
        busy.set(worker, (busy.get(worker) ?? 1) - 1);
        job.resolve(e.data.result);
      };
      worker.onerror = (e) => {
        e.preventDefault();
        // A worker that cannot start (CSP, bad URL) or crashed: fail its jobs, decode in-thread from now on.
        broken = true;
        for (const [id, job] of pending) {
          if (job.worker !== worker) continue;
          pending.delete(id);
          job.reject(new Error(`decode worker failed${e.message ? `: ${e.message}` : ''}`));
        }
        worker.terminate();
        workers.splice(workers.indexOf(worker), 1);
      };
      workers.push(worker);
      busy.set(worker, 0);
      return worker;
    } catch {
      broken = true;
      return null;
    }
  };

  const pick = (): Worker | null => {
    if (workers.length < size) return spawn() ?? workers[0] ?? null;
    return workers.reduce((a, b) => ((busy.get(a) ?? 0) <= (busy.get(b) ?? 0) ? a : b));
  };

  return {
    decode(request) {
      const worker = broken ? null : pick();
      if (!worker) return workerModuleHere.decode(request);
      const id = nextId++;
      busy.set(worker, (busy.get(worker) ?? 0) + 1);
      return new Promise<DecodeResult>((resolve, reject) => {
        pending.set(id, { resolve, reject, worker });
        worker.postMessage({ id, request }, [request.bytes]);
      }).catch(() => ({ ok: false as const, problem: 'could not be decoded: the decode worker failed' }));
    },
    dispose() {
      for (const w of workers) w.terminate();
      workers.length = 0;
      for (const job of pending.values()) job.reject(new Error('decoder disposed'));
      pending.clear();
    },
  };
}
