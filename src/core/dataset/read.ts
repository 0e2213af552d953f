// Reading an export folder's files where they are read (a decode worker, or this thread): JSON
// files, whether a file exists, and payloads, fetched as a stream, inflated under their bound and
// decoded. The page never holds a payload's download.
import { decodeBytes, expectedBytes, payloadLimit, type DecodeJob, type DecodeResult } from './decode.js';
import { DatasetError } from './errors.js';
import { exists, fetchJson, openBody, type FetchContext } from './fetching.js';
import { payloadBytes } from './gzip.js';

export type ReadRequest =
  { kind: 'json' | 'exists'; url: string; file: string } | { kind: 'payload'; url: string; job: DecodeJob };

export type OnBytes = (loaded: number, total: number | null) => void;

/**
 * The parsed JSON, whether the file exists, or the payload decoded (its problems in the result).
 * JSON and existence throw DatasetError (NotFoundError on 404).
 */
export async function readFile(ctx: FetchContext, request: ReadRequest, onBytes?: OnBytes): Promise<unknown> {
  if (request.kind === 'json') return fetchJson(ctx, request.url, request.file);
  if (request.kind !== 'payload') return exists(ctx, request.url, request.file);
  const { job } = request;
  try {
    const { chunks } = await openBody(ctx, request.url, job.file, payloadLimit(job), onBytes);
    return decodeBytes(job, await payloadBytes(chunks, expectedBytes(job), job.gz));
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    const problem = err instanceof DatasetError ? err.problem : err instanceof Error ? err.message : String(err);
    return { ok: false, problem } satisfies DecodeResult;
  }
}
