// A fetch over the file system for Node tests: http://data/<path> reads <root>/<path>.
// Records every requested path so tests can assert what was (not) fetched.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FIXTURE_DATASETS } from '../../fixtures/paths.js';

export const SHARED_DATASETS = FIXTURE_DATASETS;
export const BASE = 'http://data/';

export interface FsFetch {
  fetch: typeof fetch;
  requested: string[];
}

export function fsFetch(root = SHARED_DATASETS, overrides: Record<string, Uint8Array | string | null> = {}): FsFetch {
  const requested: string[] = [];
  const impl = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const rel = decodeURIComponent(url.pathname.replace(/^\//, ''));
    requested.push(rel);
    if (Object.prototype.hasOwnProperty.call(overrides, rel)) {
      const body = overrides[rel];
      if (body === null) return new Response('not found', { status: 404 });
      return new Response(body as BodyInit, { status: 200 });
    }
    try {
      const data = await readFile(path.join(root, rel));
      return new Response(data, { status: 200, headers: { 'content-length': String(data.length) } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
  return { fetch: impl as typeof fetch, requested };
}

/** Float32 bit pattern equality, printed as numbers on failure. */
export function f32(values: ArrayLike<number>): number[] {
  return Array.from(new Float32Array(Array.from(values)));
}
