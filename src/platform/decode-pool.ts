// The page's pool of decode workers: an export folder's files are fetched and decoded off the
// main thread (the page stays responsive and never holds a download), or on this thread where
// workers cannot run. One pool serves every viewer on the page: several viewers must not each
// start up to four workers; it is released when the last viewer lets go of it.
import { DatasetError, NotFoundError } from '../core/dataset/errors.js';
import type { PayloadDecoder } from '../core/dataset/decoder.js';
import { importWorkerModule, workerUrlOnce } from './worker-module.js';
import type { DecodeMethods } from '../worker/decode.worker.js';
import { connect, Disconnected, type Remote } from './rpc.js';

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

/** A pool of up to min(4, max(1, floor(cores / 2))) decode workers; falls back to this thread. */
export function createWorkerDecoder(): PayloadDecoder {
  if (typeof Worker !== 'function') return workerModuleHere;
  const size = Math.min(4, Math.max(1, Math.floor((navigator.hardwareConcurrency || 2) / 2)));
  const workers: Remote<DecodeMethods>[] = [];
  let turn = 0;
  let broken = false;

  const spawn = (): Remote<DecodeMethods> | null => {
    try {
      const worker = connect<DecodeMethods>(new Worker(decodeWorkerUrl(), { type: 'module' }));
      workers.push(worker);
      return worker;
    } catch {
      broken = true;
      return null;
    }
  };

  /** Up to `size` workers, then each in turn. */
  const pick = () => (workers.length < size && spawn()) || workers[turn++ % workers.length] || null;

  return {
    read(ctx, request, onBytes) {
      const { signal } = ctx;
      if (signal?.aborted) return Promise.reject(signal.reason);
      const worker = broken ? null : pick();
      if (!worker) return workerModuleHere.read(ctx, request, onBytes);
      // The worker stops its fetch when the load is aborted; the caller hears of the abort as from fetch itself.
      const onProgress = ([loaded, total]: [number, number | null]) => onBytes?.(loaded, total);
      return worker.call('read', [request, ctx.stallMs], { signal, onProgress }).catch((err) => {
        if (!(err instanceof Disconnected))
          throw err?.problem === undefined
            ? err
            : new (err.notFound ? NotFoundError : DatasetError)(err.file, err.problem);
        // A worker that cannot start (CSP, bad URL) or crashed: its reads are done here instead, and
        // every read from now on.
        broken = true;
        return workerModuleHere.read(ctx, request, onBytes);
      });
    },
    dispose() {
      for (const worker of workers) worker.close(new DatasetError(null, 'the dataset was closed'));
      workers.length = 0;
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
