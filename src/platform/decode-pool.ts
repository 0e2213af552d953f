// The page's pool of decode workers: an export folder's files are fetched and decoded off the
// main thread (the page stays responsive and never holds a download), or on this thread where
// workers cannot run. One pool serves every viewer on the page: several viewers must not each
// start up to four workers; it is released when the last viewer lets go of it.
import { DatasetError, NotFoundError } from '../core/dataset/errors.js';
import type { PayloadDecoder } from '../core/dataset/decoder.js';
import type { FetchContext } from '../core/dataset/fetching.js';
import type { OnBytes, ReadRequest } from '../core/dataset/read.js';
import { importWorkerModule, workerUrlOnce } from './worker-module.js';
import type { DecodeMessage, WorkerAnswer } from '../worker/decode.worker.js';

const decodeWorkerUrl = workerUrlOnce(() => new URL('../worker/decode.worker.ts', import.meta.url));

/**
 * The pool's fallback: the decode worker's own module, loaded on demand and run on this thread: a
 * page bundle so carries the reading code once, inside the worker.
 */
const workerModuleHere: PayloadDecoder = {
  read: async (ctx, request, onBytes) =>
    (await importWorkerModule<typeof import('../worker/decode.worker.js')>(decodeWorkerUrl())).readFile(
      ctx,
      request,
      onBytes,
    ),
};

interface Pending {
  resolve: (answer: unknown) => void;
  reject: (err: unknown) => void;
  /** Removed once the job ends: a load's signal outlives its many jobs. */
  stopListening?: () => void;
  worker: Worker;
  /** To read the file here instead when the worker fails. */
  ctx: FetchContext;
  request: ReadRequest;
  onBytes?: OnBytes;
}

/** A pool of up to min(4, max(1, floor(cores / 2))) decode workers; falls back to this thread. */
export function createWorkerDecoder(): PayloadDecoder {
  if (typeof Worker !== 'function') return workerModuleHere;
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const size = Math.min(4, Math.max(1, Math.floor(cores / 2)));
  const workers: Worker[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let broken = false;

  const spawn = (): Worker | null => {
    try {
      const worker = new Worker(decodeWorkerUrl(), { type: 'module' });
      worker.onmessage = ({ data }: MessageEvent<WorkerAnswer>) => {
        const job = pending.get(data.id);
        if ('loaded' in data) return job?.onBytes?.(data.loaded, data.total);
        if (!job) return;
        finish(data.id);
        if (!('error' in data)) return job.resolve(data.value);
        const { file, problem, notFound } = data.error;
        job.reject(new (notFound ? NotFoundError : DatasetError)(file, problem));
      };
      worker.onerror = (e) => {
        e.preventDefault();
        // A worker that cannot start (CSP, bad URL) or crashed: its jobs are done here instead, and
        // everything from now on.
        broken = true;
        for (const [id, job] of pending)
          if (job.worker === worker && finish(id))
            workerModuleHere.read(job.ctx, job.request, job.onBytes).then(job.resolve, job.reject);
        worker.terminate();
        workers.splice(workers.indexOf(worker), 1);
      };
      workers.push(worker);
      return worker;
    } catch {
      broken = true;
      return null;
    }
  };

  /** Up to `size` workers, then each in turn. */
  const pick = (): Worker | null => (workers.length < size && spawn()) || workers[nextId % workers.length] || null;

  /** Forgets job `id`; false if it was already gone. */
  const finish = (id: number): boolean => {
    pending.get(id)?.stopListening?.();
    return pending.delete(id);
  };

  return {
    read(ctx, request, onBytes) {
      const { signal } = ctx;
      if (signal?.aborted) return Promise.reject(signal.reason);
      const worker = broken ? null : pick();
      if (!worker) return workerModuleHere.read(ctx, request, onBytes);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const onAbort = () => {
          // The worker stops its fetch; the caller hears of the abort as from fetch itself.
          if (finish(id)) worker.postMessage({ id });
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', onAbort);
        const stopListening = () => signal?.removeEventListener('abort', onAbort);
        pending.set(id, { resolve, reject, worker, ctx, request, onBytes, stopListening });
        worker.postMessage({ id, request, stallMs: ctx.stallMs } satisfies DecodeMessage);
      });
    },
    dispose() {
      for (const w of workers) w.terminate();
      workers.length = 0;
      for (const [id, job] of pending) if (finish(id)) job.reject(new DatasetError(null, 'the dataset was closed'));
    },
  };
}

let shared: PayloadDecoder | null = null;
let users = 0;

/** The page's pool, started by its first user. */
export function acquireDecoder(): PayloadDecoder {
  if (!shared) shared = createWorkerDecoder();
  users++;
  return shared;
}

export function releaseDecoder(): void {
  users = Math.max(0, users - 1);
  if (users === 0 && shared) {
    shared.dispose?.();
    shared = null;
  }
}
