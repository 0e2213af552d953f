// Encodes session bundles in a worker so an autosave costs the main thread only a copy of the
// document. Falls back to encoding in the calling thread where workers are missing or
// cannot start (CSP, file:// pages); the bytes are the same either way.
import { writeSessionBundle, type SessionDocument } from '../core/session/index.js';
import type { SessionWriteRequest, SessionWriteResponse, WritableFingerprint } from './session-writer-protocol.js';

export type { WritableFingerprint };

export interface SessionBundleWriter {
  /** The bundle bytes of `document` for the dataset `fingerprint` (createdAt: now unless given). */
  write(document: SessionDocument, fingerprint: WritableFingerprint, createdAt?: Date): Promise<Uint8Array>;
  /** False once writing happens in the calling thread. */
  readonly usesWorker: boolean;
  dispose(): void;
}

export interface SessionBundleWriterOptions {
  /** Set to false to always encode in the calling thread. */
  worker?: boolean;
}

interface Job {
  /** The caller's document, not the transferred copy: a fallback must not read detached arrays. */
  original: Omit<SessionWriteRequest, 'id'>;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

/** Encoding in the calling thread, asynchronous like the worker path so callers see one shape. */
async function writeBundleBytes(request: Omit<SessionWriteRequest, 'id'>): Promise<Uint8Array> {
  return writeSessionBundle(request.document, { fingerprint: request.fingerprint, createdAt: request.createdAt });
}

export function createSessionBundleWriter(options: SessionBundleWriterOptions = {}): SessionBundleWriter {
  let worker: Worker | null = null;
  let broken = options.worker === false || typeof Worker !== 'function';
  let nextId = 1;
  const jobs = new Map<number, Job>();

  /** A worker that cannot start or crashed: its jobs are redone here, and so is everything after. */
  const fallBack = () => {
    broken = true;
    worker?.terminate();
    worker = null;
    const stranded = [...jobs.values()];
    jobs.clear();
    for (const job of stranded) writeBundleBytes(job.original).then(job.resolve, job.reject);
  };

  const spawn = (): Worker | null => {
    try {
      const w = new Worker(new URL('../worker/session-writer.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (event: MessageEvent<SessionWriteResponse>) => {
        const response = event.data;
        const job = jobs.get(response.id);
        if (!job) return;
        jobs.delete(response.id);
        if (response.ok) job.resolve(response.bytes);
        else job.reject(Object.assign(new Error(response.message), { name: response.name }));
      };
      w.onerror = (event) => {
        event.preventDefault();
        fallBack();
      };
      w.onmessageerror = () => fallBack();
      return w;
    } catch {
      broken = true;
      return null;
    }
  };

  return {
    get usesWorker() {
      return !broken;
    },
    write(document, fingerprint, createdAt = new Date()) {
      if (!broken && !worker) worker = spawn();
      if (broken || !worker) return writeBundleBytes({ document, fingerprint, createdAt });
      const target = worker;
      return new Promise<Uint8Array>((resolve, reject) => {
        try {
          // This is the whole main-thread cost of an autosave: copying the large arrays and
          // structured-cloning the rest, synchronously.
          const { copy, transfer } = detachableCopy(document);
          const request: SessionWriteRequest = { id: nextId++, document: copy, fingerprint, createdAt };
          jobs.set(request.id, { original: { document, fingerprint, createdAt }, resolve, reject });
          target.postMessage(request, transfer);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      broken = true;
      for (const job of jobs.values()) job.reject(new DOMException('The session writer was disposed.', 'AbortError'));
      jobs.clear();
    },
  };
}

/**
 * The document with its large typed arrays (highlight memberships, user-defined codes) copied into
 * fresh buffers that can be transferred: a plain copy plus a transfer costs the main thread less
 * than half of what structured-cloning the same arrays does. The caller's arrays stay untouched.
 */
function detachableCopy(document: SessionDocument): { copy: SessionDocument; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const highlightCells = new Map<string, Uint32Array>();
  for (const [id, cells] of document.highlightCells) {
    const cellsCopy = cells.slice();
    transfer.push(cellsCopy.buffer);
    highlightCells.set(id, cellsCopy);
  }
  const userDefinedCodes: SessionDocument['userDefinedCodes'] = new Map();
  for (const [id, decoded] of document.userDefinedCodes) {
    const codes = decoded.codes.slice();
    transfer.push(codes.buffer);
    userDefinedCodes.set(id, { ...decoded, codes });
  }
  return { copy: { ...document, highlightCells, userDefinedCodes }, transfer };
}
