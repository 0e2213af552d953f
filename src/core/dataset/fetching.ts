// HTTP reads of an export folder: bounded before allocating, watched for stalls, with errors
// that name the file.
import { DatasetError, NotFoundError } from './errors.js';
import { MAX_PAYLOAD_BYTES } from './gzip.js';
import { nextTask } from '../steps.js';

const MAX_JSON_BYTES = 64 * 1024 * 1024;
const DEFAULT_STALL_MS = 30_000;
/** A download is stalled when less than this arrives within the stall timeout. */
const STALL_BYTES = 1024;

export interface FetchContext {
  fetch: typeof fetch;
  signal?: AbortSignal;
  /** A read fails when less than 1 KiB arrives in this many milliseconds (default 30 s). */
  stallMs?: number;
  /** The clock that slices a long read into tasks (the page's by default; tests drive their own). */
  now?: () => number;
}

export interface Body {
  /** The declared length, when the server sent one for the body as it arrives. */
  total: number | null;
  /** The body's chunks; stopping early (return) cancels the download. Read them at once: the stall watch runs. */
  chunks: AsyncGenerator<Uint8Array, void>;
}

/** Opens `url`: the response's status is checked, its body comes as bounded chunks. */
export async function openBody(
  ctx: FetchContext,
  url: string,
  file: string,
  limit: number,
  onBytes?: (loaded: number, total: number | null) => void,
  method = 'GET',
): Promise<Body> {
  const watch = stallWatch(ctx, file);
  let response: Response;
  try {
    response = await watch.race(ctx.fetch(url, { method, signal: watch.signal, credentials: 'same-origin' }));
  } catch (err) {
    watch.stop();
    if (err instanceof DatasetError || ctx.signal?.aborted) throw err;
    throw new DatasetError(file, `could not be fetched (${err instanceof Error ? err.message : String(err)})`);
  }
  const fail = (problem: string): never => {
    watch.stop();
    void response.body?.cancel().catch(() => {});
    throw new (response.status === 404 ? NotFoundError : DatasetError)(file, problem);
  };
  if (response.status === 404) fail(`not found (HTTP 404) at ${url}`);
  if (!response.ok) fail(`could not be fetched (HTTP ${response.status} ${response.statusText})`);
  const declared = Number(response.headers.get('content-length'));
  const total = declared > 0 && !response.headers.get('content-encoding') ? declared : null;
  if (total !== null && total > limit) fail(`is ${total} bytes, more than the limit of ${limit}`);
  watch.restart();
  return { total, chunks: readChunks(response, watch, file, limit, total, onBytes, ctx.now) };
}

/** The body as chunks, in slices of a task; stopping early (return) cancels the download. */
async function* readChunks(
  response: Response,
  watch: StallWatch,
  file: string,
  limit: number,
  total: number | null,
  onBytes?: (loaded: number, total: number | null) => void,
  now = () => performance.now(),
): AsyncGenerator<Uint8Array, void> {
  const reader = response.body?.getReader();
  let done = false;
  let loaded = 0;
  let sliceStart = now();
  try {
    // No reader (HEAD): no body to read.
    while (reader) {
      // A fast server queues many chunks at once: reading them all in one go is one long task.
      if (now() - sliceStart > 16) {
        await nextTask();
        sliceStart = now();
      }
      const next = await watch.race(reader.read());
      if ((done = next.done)) return;
      const { value } = next;
      loaded += value.length;
      if (loaded > limit) throw new DatasetError(file, `is larger than the limit of ${limit} bytes`);
      watch.progress(value.length);
      onBytes?.(loaded, total);
      yield value;
    }
  } catch (err) {
    if (err instanceof DatasetError || watch.signal.aborted) throw err;
    throw new DatasetError(file, `could not be read (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    watch.stop();
    if (!done) void reader?.cancel().catch(() => {});
  }
}

interface StallWatch {
  /** Aborts with the caller's signal, or when the download stalls. */
  signal: AbortSignal;
  /** `step`, rejected with the stall's error once the download stalls. */
  race<T>(step: Promise<T>): Promise<T>;
  progress(bytes: number): void;
  /** A new stall period from now (the response has come). */
  restart(): void;
  stop(): void;
}

/** Fails a download when less than STALL_BYTES arrive within each stall period. */
function stallWatch(ctx: FetchContext, file: string): StallWatch {
  const ms = ctx.stallMs ?? DEFAULT_STALL_MS;
  const abort = new AbortController();
  // Reads end at once on an abort or a stall, even from a fetch that ignores its signal.
  const ended = new Promise<never>((_, reject) =>
    abort.signal.addEventListener('abort', () => reject(abort.signal.reason)),
  );
  ended.catch(() => {});
  const outer = ctx.signal;
  const forward = () => abort.abort(outer!.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward);
  let arrived = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    if (arrived < STALL_BYTES)
      return abort.abort(new DatasetError(file, `stalled: less than 1 KiB arrived in ${ms / 1000} s`));
    arrived = 0;
    timer = setTimeout(check, ms);
  };
  timer = setTimeout(check, ms);
  return {
    signal: abort.signal,
    race: (step) => Promise.race([step, ended]),
    progress: (bytes) => (arrived += bytes),
    restart() {
      clearTimeout(timer);
      arrived = 0;
      timer = setTimeout(check, ms);
    },
    stop() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    },
  };
}

/** Whether the server has `url` (a HEAD request; only 404 means no). */
export async function exists(ctx: FetchContext, url: string, file: string): Promise<boolean> {
  try {
    const { chunks } = await openBody(ctx, url, file, Infinity, undefined, 'HEAD');
    // Started, so that its end stops the stall watch.
    await chunks.next();
    await chunks.return();
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

export async function fetchBytes(
  ctx: FetchContext,
  url: string,
  file: string,
  limit = MAX_PAYLOAD_BYTES,
  onBytes?: (loaded: number, total: number | null) => void,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const part of (await openBody(ctx, url, file, limit, onBytes)).chunks) {
    parts.push(part);
    length += part.length;
  }
  if (parts.length === 1) return parts[0];
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

export async function fetchJson(ctx: FetchContext, url: string, file: string): Promise<unknown> {
  const bytes = await fetchBytes(ctx, url, file, MAX_JSON_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError(file, 'is not valid UTF-8 text');
  }
  if (/^\s*</.test(text)) throw new DatasetError(file, 'is an HTML page, not JSON (is the URL right?)');
  try {
    return JSON.parse(text, (key, value) => (key === '__proto__' ? undefined : value));
  } catch (err) {
    throw new DatasetError(file, `is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}
