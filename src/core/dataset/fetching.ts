// HTTP reads of an export folder, bounded before allocating, with errors that name the file.
import { DatasetError, type DatasetErrorPhase } from './errors.js';
import { MAX_PAYLOAD_BYTES } from './gzip.js';
import { nextTask } from '../steps.js';
import { payloadLimit, type DecodeJob } from './decode.js';

const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface FetchContext {
  fetch: typeof fetch;
  signal?: AbortSignal;
  /** The clock that slices a long read into tasks (the page's by default; tests drive their own). */
  now?: () => number;
}

export class NotFoundError extends DatasetError {}

export async function fetchBytes(
  ctx: FetchContext,
  url: string,
  file: string,
  phase: DatasetErrorPhase,
  limit = MAX_PAYLOAD_BYTES,
  onBytes?: (loaded: number, total: number | null) => void,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await ctx.fetch(url, { signal: ctx.signal, credentials: 'same-origin' });
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    throw new DatasetError(phase, file, `could not be fetched (${err instanceof Error ? err.message : String(err)})`);
  }
  if (response.status === 404) throw new NotFoundError(phase, file, `not found (HTTP 404) at ${url}`);
  if (!response.ok)
    throw new DatasetError(phase, file, `could not be fetched (HTTP ${response.status} ${response.statusText})`);
  const declared = Number(response.headers.get('content-length'));
  const encoded = response.headers.get('content-encoding');
  const total = Number.isFinite(declared) && declared > 0 && !encoded ? declared : null;
  if (total !== null && total > limit)
    throw new DatasetError(phase, file, `is ${total} bytes, more than the limit of ${limit}`);
  if (!response.body) {
    const buf = new Uint8Array(await response.arrayBuffer());
    if (buf.length > limit) throw new DatasetError(phase, file, `is larger than the limit of ${limit} bytes`);
    onBytes?.(buf.length, total);
    return buf;
  }
  const reader = response.body.getReader();
  // With a declared length the chunks go straight into one buffer: no second copy of a large
  // payload at the end, and half the garbage.
  let out = total !== null ? new Uint8Array(total) : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const now = ctx.now ?? (() => performance.now());
  let sliceStart = now();
  for (;;) {
    // A fast server queues many chunks at once: reading them all in one go is one long task.
    if (now() - sliceStart > 16) {
      await nextTask();
      sliceStart = now();
    }
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > limit) {
      await reader.cancel();
      throw new DatasetError(phase, file, `is larger than the limit of ${limit} bytes`);
    }
    if (out && loaded + value.length <= out.length) out.set(value, loaded);
    else {
      // Longer than declared: keep what came so far as a chunk and collect the rest.
      if (out) chunks.push(out.subarray(0, loaded));
      out = null;
      chunks.push(value);
    }
    loaded += value.length;
    onBytes?.(loaded, total);
  }
  if (out) return out.subarray(0, loaded);
  if (chunks.length === 1) return chunks[0];
  const whole = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.length;
  }
  return whole;
}

/**
 * A payload's bytes, bounded by what its job implies (see payloadLimit), as an ArrayBuffer of
 * their own to transfer: the page and the decode workers read payloads the same way.
 */
export async function fetchPayload(
  ctx: FetchContext,
  url: string,
  job: DecodeJob,
  onBytes?: (loaded: number, total: number | null) => void,
): Promise<ArrayBuffer> {
  const bytes = await fetchBytes(ctx, url, job.file, 'payload', payloadLimit(job), onBytes);
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : bytes.slice().buffer;
}

export async function fetchJson(
  ctx: FetchContext,
  url: string,
  file: string,
  phase: DatasetErrorPhase,
): Promise<unknown> {
  const bytes = await fetchBytes(ctx, url, file, phase, MAX_JSON_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError(phase, file, 'is not valid UTF-8 text');
  }
  if (/^\s*</.test(text)) throw new DatasetError(phase, file, 'is an HTML page, not JSON (is the URL right?)');
  try {
    return JSON.parse(text, (key, value) => (key === '__proto__' ? undefined : value));
  } catch (err) {
    throw new DatasetError(phase, file, `is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** `base` as a directory URL ending in "/". */
export function asFolderUrl(url: string, relativeTo?: string): string {
  let resolved: URL;
  try {
    resolved = new URL(url, relativeTo);
  } catch {
    throw new DatasetError('identity', null, `"${url}" is not a valid dataset URL`);
  }
  resolved.hash = '';
  if (!resolved.pathname.endsWith('/')) resolved.pathname += '/';
  return resolved.href;
}
