// fetch() over the local file system, so the dataset loader can read an export folder on disk.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const fileFetch = (async (input: RequestInfo | URL): Promise<Response> => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (url.protocol !== 'file:') throw new Error(`only file: URLs can be read here (got ${url.protocol})`);
  try {
    const data = await readFile(fileURLToPath(url));
    return new Response(data, { status: 200, headers: { 'content-length': String(data.length) } });
  } catch {
    return new Response('not found', { status: 404, statusText: 'Not Found' });
  }
}) as typeof fetch;
