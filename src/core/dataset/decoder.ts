// Where payloads are decoded: in a pool of workers in the browser (the page stays responsive
// on large datasets) or in the calling thread (Node, tests, or when workers are unavailable).
import { gunzipBounded } from '../session/gzip.js';
import { decodePayload, type DecodeJob, type DecodeRequest, type DecodeResult } from './decode.js';
import { MAX_PAYLOAD_BYTES } from './gzip.js';
import { importWorkerModule, workerUrlOnce } from '../worker-module.js';
import type { DecodeMessage } from '../../worker/decode.worker.js';

export interface PayloadDecoder {
  decode(request: DecodeRequest): Promise<DecodeResult>;
  /**
   * Fetches `url` where it decodes (a worker) and decodes it; rejects with the signal's reason
   * once aborted. Undefined, or a promise of it (the worker failed): fetch on this thread and
   * call `decode`.
   */
  fetchAndDecode?(
    url: string,
    job: DecodeJob,
    signal?: AbortSignal,
    onBytes?: (loaded: number, total: number | null) => void,
  ): Promise<DecodeResult | undefined> | undefined;
  dispose?(): void;
}

// Without DecompressionStream: the session reader's bounded single-member gunzip (pako) serves here too.
const inflateHere = (bytes: Uint8Array): Uint8Array => gunzipBounded(bytes, { bound: MAX_PAYLOAD_BYTES, exact: null });

export const inThreadDecoder: PayloadDecoder = {
  decode: (request) => decodePayload(request, inflateHere),
};

const decodeWorkerUrl = workerUrlOnce(() => new URL('../../worker/decode.worker.ts', import.meta.url));

/**
 * The pool's fallback: the decode worker's own module, loaded on demand and run on this thread
 * with pako's inflate (a page bundle so carries the decoding code once, inside the worker).
 */
const workerModuleHere: PayloadDecoder = {
  decode: async (request) =>
    (await importWorkerModule<typeof import('../../worker/decode.worker.js')>(decodeWorkerUrl())).decodePayload(
      request,
      inflateHere,
    ),
};

interface Pending {
  resolve: (r: DecodeResult | undefined) => void;
  /** Removed once the job ends: a load's signal outlives its many jobs. */
  stopListening?: () => void;
  /** The worker fetches the payload: on its failure the job can be done here instead. */
  fetches: boolean;
  worker: Worker;
  onBytes?: (loaded: number, total: number | null) => void;
}

type WorkerAnswer =
  { id: number; result: DecodeResult } | { id: number; result: undefined; loaded: number; total: number | null };

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
      worker.onmessage = ({ data }: MessageEvent<WorkerAnswer>) => {
        const job = pending.get(data.id);
        if (!data.result) return job?.onBytes?.(data.loaded, data.total);
        if (finish(data.id)) job!.resolve(data.result);
      };
      worker.onerror = (e) => {
        e.preventDefault();
        // A worker that cannot start (CSP, bad URL) or crashed: its fetch jobs are done here instead,
        // the others (their bytes went with it) fail; everything is decoded here from now on.
        broken = true;
        for (const [id, job] of pending) {
          if (job.worker === worker && finish(id))
            job.resolve(
              job.fetches ? undefined : { ok: false, problem: 'could not be decoded: the decode worker failed' },
            );
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

  /** Forgets job `id` and frees its worker's slot; false if it was already gone. */
  const finish = (id: number): boolean => {
    const job = pending.get(id);
    if (job) busy.set(job.worker, (busy.get(job.worker) ?? 1) - 1);
    job?.stopListening?.();
    return pending.delete(id);
  };

  const run = (
    worker: Worker,
    { request, url }: Omit<DecodeMessage, 'id'>,
    signal?: AbortSignal,
    onBytes?: Pending['onBytes'],
  ) =>
    new Promise<DecodeResult | undefined>((resolve, reject) => {
      const id = nextId++;
      busy.set(worker, (busy.get(worker) ?? 0) + 1);
      const onAbort = () => {
        // The worker stops its fetch; the caller hears of the abort as from fetch itself.
        if (finish(id)) worker.postMessage({ id });
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort);
      pending.set(id, {
        resolve,
        worker,
        onBytes,
        fetches: !!url,
        stopListening: () => signal?.removeEventListener('abort', onAbort),
      });
      worker.postMessage({ id, request, url }, url ? [] : [request!.bytes]);
    });

  return {
    decode(request) {
      const worker = broken ? null : pick();
      return worker ? (run(worker, { request }) as Promise<DecodeResult>) : workerModuleHere.decode(request);
    },
    fetchAndDecode(url, job, signal, onBytes) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const worker = broken ? null : pick();
      return worker ? run(worker, { request: job as DecodeRequest, url }, signal, onBytes) : undefined;
    },
    dispose() {
      for (const w of workers) w.terminate();
      workers.length = 0;
      for (const [id, job] of pending) if (finish(id)) job.resolve({ ok: false, problem: 'the decoder was closed' });
    },
  };
}
