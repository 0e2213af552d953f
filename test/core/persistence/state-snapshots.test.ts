import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findPublishedSessionUrl,
  isSessionEntry,
  manifestEntries,
  resolveSessionUrls,
  stateSnapshotsUrl,
  MAX_STATE_SNAPSHOTS_BYTES,
} from '../../../src/persistence/state-snapshots.js';

const DATASET = 'https://data.example.org/exports/pbmc3k';
const MANIFEST = 'https://data.example.org/exports/pbmc3k/state-snapshots.json';

interface Route {
  status?: number;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Final URL after redirects, as `Response.url` reports it. */
  finalUrl?: string;
}

/** A fetch that serves fixed routes and records what it was asked for. */
function fakeFetch(routes: Record<string, Route | Error>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    calls.push({ url, init });
    if (init?.signal?.aborted) throw init.signal.reason;
    const route = routes[url];
    if (route instanceof Error) throw route;
    if (!route) return new Response('Not Found', { status: 404, statusText: 'Not Found' });
    const response = new Response((route.body ?? '') as BodyInit, {
      status: route.status ?? 200,
      headers: route.headers ?? { 'content-type': 'application/json' },
    });
    Object.defineProperty(response, 'url', { value: route.finalUrl ?? url });
    return response;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

async function lookup(routes: Record<string, Route | Error>, base = DATASET) {
  const { fetch, calls } = fakeFetch(routes);
  const logs: string[] = [];
  const result = await findPublishedSessionUrl(base, { fetch, log: (m) => logs.push(m) });
  return { result, logs, calls };
}

test('the manifest lives inside the dataset folder, with or without a trailing slash', () => {
  assert.equal(stateSnapshotsUrl(DATASET), MANIFEST);
  assert.equal(stateSnapshotsUrl(DATASET + '/'), MANIFEST);
  assert.equal(
    stateSnapshotsUrl('exports/pbmc3k', 'https://data.example.org/docs/page.html'),
    'https://data.example.org/docs/exports/pbmc3k/state-snapshots.json',
  );
  assert.equal(stateSnapshotsUrl(DATASET + '/?v=3#x'), MANIFEST);
});

test('suffix match ignores case, query and hash and looks only at the last segment', () => {
  assert.equal(isSessionEntry('a.cellucid-session'), true);
  assert.equal(isSessionEntry('dir/A.CELLUCID-SESSION'), true);
  assert.equal(isSessionEntry('a.cellucid-session?v=2#top'), true);
  assert.equal(isSessionEntry('a.cellucid-session.bak'), false);
  assert.equal(isSessionEntry('a.cellucid-session/readme.txt'), false);
  assert.equal(isSessionEntry('session.json'), false);
});

test('both manifest shapes and every entry key are read', () => {
  assert.deepEqual(manifestEntries(['a.cellucid-session', { url: 'b' }]), ['a.cellucid-session', 'b']);
  assert.deepEqual(manifestEntries({ states: ['s'] }), ['s']);
  assert.deepEqual(manifestEntries({ files: ['f'] }), ['f']);
  assert.deepEqual(manifestEntries({ snapshots: ['n'] }), ['n']);
  assert.deepEqual(manifestEntries({ states: null, files: ['f'], snapshots: ['n'] }), ['f']);
  assert.deepEqual(
    manifestEntries([
      { url: 'u' },
      { path: 'p' },
      { href: 'h' },
      { file: 'f' },
      { filename: 'fn' },
      { name: 'n' },
      { url: '', path: 'p2' },
    ]),
    ['u', 'p', 'h', 'f', 'fn', 'n', 'p2'],
  );
  assert.deepEqual(manifestEntries([42, null, [], { other: 'x' }, { url: 7 }, '  ']), []);
  assert.equal(manifestEntries({ sessions: ['x'] }), null);
  assert.equal(manifestEntries('a.cellucid-session'), null);
  assert.equal(manifestEntries(null), null);
});

test('resolution is relative to the base, http(s) only, and de-duplicated', () => {
  assert.deepEqual(
    resolveSessionUrls(
      [
        'a.cellucid-session',
        './a.cellucid-session',
        '../b.cellucid-session',
        'javascript:alert(1)//.cellucid-session',
        'data:,x.cellucid-session',
        'https://cdn.example.com/c.cellucid-session',
      ],
      MANIFEST,
    ),
    [
      'https://data.example.org/exports/pbmc3k/a.cellucid-session',
      'https://data.example.org/exports/b.cellucid-session',
      'https://cdn.example.com/c.cellucid-session',
    ],
  );
});

test('object shape: the last session entry wins, resolved beside the manifest', async () => {
  const { result, logs, calls } = await lookup({
    [MANIFEST]: {
      body: JSON.stringify({
        states: ['cellucid-session-2025-12-30T02-00-14.cellucid-session', 'sessions/v2.cellucid-session'],
      }),
    },
  });
  assert.equal(result.url, 'https://data.example.org/exports/pbmc3k/sessions/v2.cellucid-session');
  assert.equal(result.hint, undefined);
  assert.equal(result.manifestUrl, MANIFEST);
  assert.deepEqual(logs, []);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].init?.cache, 'no-store');
  assert.equal(calls[0].init?.credentials, 'omit');
  assert.equal(calls[0].init?.mode, 'cors');
});

test('bare array shape with object entries, duplicates and non-session files', async () => {
  const { result } = await lookup({
    [MANIFEST]: {
      body: JSON.stringify([
        { file: 'b.cellucid-session' },
        'notes.txt',
        { name: 'a.cellucid-session' },
        'b.cellucid-session',
        'readme.md',
      ]),
    },
  });
  // de-duplicated in first-seen order: [b, a]; the last is a.
  assert.equal(result.url, 'https://data.example.org/exports/pbmc3k/a.cellucid-session');
});

test('entries with query and hash are kept as written and still match', async () => {
  const { result } = await lookup({ [MANIFEST]: { body: '["x.CELLUCID-SESSION?v=7#view"]' } });
  assert.equal(result.url, 'https://data.example.org/exports/pbmc3k/x.CELLUCID-SESSION?v=7#view');
});

test('after a redirect, entries resolve against the final manifest URL', async () => {
  const { result } = await lookup({
    [MANIFEST]: {
      body: '{"files":["default.cellucid-session"]}',
      finalUrl: 'https://cdn.example.com/v5/pbmc3k/state-snapshots.json',
    },
  });
  assert.equal(result.url, 'https://cdn.example.com/v5/pbmc3k/default.cellucid-session');
});

test('a missing manifest (404) is a quiet no-op with a hint', async () => {
  const { result, logs } = await lookup({});
  assert.equal(result.url, null);
  assert.match(result.hint ?? '', /does not exist \(404\)/);
  assert.equal(logs.length, 1);
});

test('a non-OK answer is a no-op naming the status', async () => {
  const { result } = await lookup({ [MANIFEST]: { status: 503, body: 'down' } });
  assert.equal(result.url, null);
  assert.match(result.hint ?? '', /answered 503/);
});

test('an SPA fallback serving index.html with 200 is recognised as HTML', async () => {
  const html = '<!doctype html><html><body><div id="app"></div></body></html>';
  const typed = await lookup({ [MANIFEST]: { body: html, headers: { 'content-type': 'text/html; charset=utf-8' } } });
  assert.equal(typed.result.url, null);
  assert.match(typed.result.hint ?? '', /HTML instead of JSON/);
  // Some hosts even label the fallback as JSON; the body still gives it away.
  const mislabelled = await lookup({ [MANIFEST]: { body: '\n  ' + html } });
  assert.match(mislabelled.result.hint ?? '', /HTML instead of JSON/);
});

test('invalid JSON, a wrong shape and a list without sessions are no-ops', async () => {
  const invalid = await lookup({ [MANIFEST]: { body: '{"states": [' } });
  assert.equal(invalid.result.url, null);
  assert.match(invalid.result.hint ?? '', /not valid JSON/);

  const shape = await lookup({ [MANIFEST]: { body: '{"sessions": ["a.cellucid-session"]}' } });
  assert.equal(shape.result.url, null);
  assert.match(shape.result.hint ?? '', /"states", "files" or "snapshots"/);

  const suffix = await lookup({ [MANIFEST]: { body: '["state.json", "a.cellucid-session.gz", "b.cellucid"]' } });
  assert.equal(suffix.result.url, null);
  assert.match(suffix.result.hint ?? '', /3 entries but no http\(s\) file ending in \.cellucid-session/);
});

test('a manifest above the size bound is not parsed, declared or streamed', async () => {
  const big = '["' + 'a'.repeat(MAX_STATE_SNAPSHOTS_BYTES) + '.cellucid-session"]';
  const declared = await lookup({ [MANIFEST]: { body: big, headers: { 'content-length': String(big.length) } } });
  assert.equal(declared.result.url, null);
  assert.match(declared.result.hint ?? '', /larger than 1 MiB/);
  const undeclared = await lookup({ [MANIFEST]: { body: big } });
  assert.equal(undeclared.result.url, null);
  assert.match(undeclared.result.hint ?? '', /larger than 1 MiB/);
});

test('bytes that are not UTF-8 are a no-op', async () => {
  const { result } = await lookup({ [MANIFEST]: { body: new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]) } });
  assert.equal(result.url, null);
  assert.match(result.hint ?? '', /UTF-8/);
});

test('a network or CORS failure is a no-op; an invalid dataset URL too', async () => {
  const failed = await lookup({ [MANIFEST]: new TypeError('Failed to fetch') });
  assert.equal(failed.result.url, null);
  assert.match(failed.result.hint ?? '', /network error or blocked by CORS/);

  const bad = await lookup({}, 'not a url');
  assert.equal(bad.result.url, null);
  assert.equal(bad.result.manifestUrl, null);
});

test('an abort rejects instead of reporting "no session"', async () => {
  const controller = new AbortController();
  controller.abort();
  const { fetch } = fakeFetch({ [MANIFEST]: { body: '["a.cellucid-session"]' } });
  await assert.rejects(findPublishedSessionUrl(DATASET, { fetch, signal: controller.signal, log: () => {} }), {
    name: 'AbortError',
  });
});
