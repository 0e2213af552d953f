import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSessionSource } from '../../../src/persistence/session-source.js';

const BYTES = new Uint8Array(Array.from({ length: 300 }, (_, i) => i & 0xff));

async function readAll(body: Blob | Uint8Array | ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body as BodyInit).arrayBuffer());
}

/** A fetch answering one response; `init` of the last call is kept for inspection. */
function fetchAnswering(make: () => Response, finalUrl?: string) {
  const seen: { url?: string; init?: RequestInit } = {};
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.url = String(input);
    seen.init = init;
    if (init?.signal?.aborted) throw init.signal.reason;
    const response = make();
    Object.defineProperty(response, 'url', { value: finalUrl ?? String(input) });
    return response;
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

/** A body delivered in pieces, as a network stream would be. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

test('local sources are passed on with their exact size, bytes without a copy', async () => {
  for (const source of [BYTES, BYTES.buffer, new Blob([BYTES]), BYTES.subarray(10, 20)]) {
    const result = await readSessionSource(source);
    const expected = source instanceof Uint8Array ? source : BYTES;
    assert.equal(result.totalBytes, expected.byteLength);
    assert.equal(result.url, null);
    assert.deepEqual(await readAll(result.body), expected);
  }
  const view = BYTES.subarray(10, 20);
  assert.equal((await readSessionSource(view)).body, view);
  const blob = new Blob([BYTES]);
  assert.equal((await readSessionSource(blob)).body, blob);
  const fromBuffer = (await readSessionSource(BYTES.buffer)).body as Uint8Array;
  assert.equal(fromBuffer.buffer, BYTES.buffer);
});

test('a source above the size bound is refused before reading', async () => {
  await assert.rejects(readSessionSource(BYTES, { maxBytes: 100 }), /larger than the 100 bytes limit \(300 bytes\)/);
});

test('a URL is fetched with CORS, no credentials and no cache, relative to the base', async () => {
  const { fetch, seen } = fetchAnswering(() => new Response(BYTES, { headers: { 'content-length': '300' } }));
  const progress: number[] = [];
  const result = await readSessionSource(' sessions/a.cellucid-session ', {
    fetch,
    baseUrl: 'https://example.org/docs/page.html',
    onProgress: (loaded) => progress.push(loaded),
  });
  assert.equal(seen.url, 'https://example.org/docs/sessions/a.cellucid-session');
  assert.equal(seen.init?.mode, 'cors');
  assert.equal(seen.init?.credentials, 'omit');
  assert.equal(seen.init?.cache, 'no-store');
  assert.equal(result.totalBytes, 300);
  assert.equal(result.url, 'https://example.org/docs/sessions/a.cellucid-session');
  assert.deepEqual(await readAll(result.body), BYTES);
  assert.equal(progress.at(-1), 300);
});

test('Content-Length is not a total when the response is content-encoded', async () => {
  const { fetch } = fetchAnswering(
    () => new Response(BYTES, { headers: { 'content-length': '120', 'content-encoding': 'gzip' } }),
  );
  const result = await readSessionSource('https://example.org/a.cellucid-session', { fetch });
  assert.equal(result.totalBytes, null);
});

test('the final URL after a redirect is reported', async () => {
  const { fetch } = fetchAnswering(() => new Response(BYTES), 'https://cdn.example.org/v2/a.cellucid-session');
  const result = await readSessionSource('https://example.org/a.cellucid-session', { fetch });
  assert.equal(result.url, 'https://cdn.example.org/v2/a.cellucid-session');
});

test('HTTP errors name the status and the URL', async () => {
  const { fetch } = fetchAnswering(() => new Response('nope', { status: 404, statusText: 'Not Found' }));
  await assert.rejects(readSessionSource('https://example.org/missing.cellucid-session', { fetch }), {
    message: 'Could not fetch the session (404 Not Found): https://example.org/missing.cellucid-session',
  });
});

test('network failures and unusable URLs give clear errors', async () => {
  const failing = (async () => {
    throw new TypeError('Failed to fetch');
  }) as typeof globalThis.fetch;
  await assert.rejects(
    readSessionSource('https://other.example/a.cellucid-session', { fetch: failing }),
    /network error or blocked by CORS/,
  );
  await assert.rejects(readSessionSource('   '), /empty/);
  await assert.rejects(readSessionSource('relative/only.cellucid-session'), /not a valid URL/);
  await assert.rejects(readSessionSource('javascript:alert(1)'), /must use http\(s\)/);
  await assert.rejects(readSessionSource('https://user:pw@example.org/a.cellucid-session'), /user name or password/);
  await assert.rejects(readSessionSource(42 as unknown as string), /must be a Blob/);
});

test('a declared or streamed size above the bound is refused', async () => {
  const declared = fetchAnswering(() => new Response(BYTES, { headers: { 'content-length': '300' } }));
  await assert.rejects(
    readSessionSource('https://example.org/a.cellucid-session', { fetch: declared.fetch, maxBytes: 100 }),
    /larger than the 100 bytes limit/,
  );
  const undeclared = fetchAnswering(() => new Response(chunked(BYTES, 64)));
  const result = await readSessionSource('https://example.org/a.cellucid-session', {
    fetch: undeclared.fetch,
    maxBytes: 100,
  });
  assert.equal(result.totalBytes, null);
  await assert.rejects(readAll(result.body), /larger than the 100 bytes limit/);
});

test('an abort before or during the download rejects with the abort reason', async () => {
  const before = new AbortController();
  before.abort();
  await assert.rejects(readSessionSource(BYTES, { signal: before.signal }), { name: 'AbortError' });

  const during = new AbortController();
  const { fetch } = fetchAnswering(() => new Response(chunked(BYTES, 10)));
  const result = await readSessionSource('https://example.org/a.cellucid-session', { fetch, signal: during.signal });
  const reader = (result.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  during.abort();
  await assert.rejects(
    async () => {
      for (;;) if ((await reader.read()).done) break;
    },
    { name: 'AbortError' },
  );
});
