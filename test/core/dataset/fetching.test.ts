// Payload reads: bounded before allocating, filled in place when the length is declared, and
// right whatever the declared length says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchBytes } from '../../../src/core/dataset/fetching.js';
import { DatasetError } from '../../../src/core/dataset/index.js';

/** A response streaming `bytes` in chunks of `chunk` bytes, with these headers. */
function streamed(bytes: Uint8Array, chunk: number, headers: Record<string, string> = {}): typeof fetch {
  return async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += chunk) controller.enqueue(bytes.slice(at, at + chunk));
          controller.close();
        },
      }),
      { headers },
    );
}

const BYTES = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 251);
const read = (fetchImpl: typeof fetch, limit?: number) =>
  fetchBytes({ fetch: fetchImpl }, 'http://x/p.bin', 'p.bin', limit);

test('a declared length: the chunks fill one buffer that is the payload', async () => {
  const out = await read(streamed(BYTES, 4096, { 'content-length': String(BYTES.length) }));
  assert.deepEqual(out, BYTES);
  assert.equal(out.byteOffset, 0);
  assert.equal(out.buffer.byteLength, BYTES.length, 'no second buffer, no slack');
});

test('no declared length (or an encoded body): the chunks are joined', async () => {
  assert.deepEqual(await read(streamed(BYTES, 3000)), BYTES);
  assert.deepEqual(await read(streamed(BYTES, 3000, { 'content-length': '10', 'content-encoding': 'gzip' })), BYTES);
});

test('a body longer or shorter than declared is still read whole, as it came', async () => {
  assert.deepEqual(await read(streamed(BYTES, 4096, { 'content-length': '5000' })), BYTES);
  const short = await read(streamed(BYTES.subarray(0, 7000), 4096, { 'content-length': String(BYTES.length) }));
  assert.deepEqual(short, BYTES.subarray(0, 7000));
});

test('the limit is checked against the declared length and against what arrives', async () => {
  await assert.rejects(
    read(streamed(BYTES, 4096, { 'content-length': String(BYTES.length) }), 1000),
    (e: unknown) => e instanceof DatasetError && /p\.bin.*more than the limit of 1000/.test((e as Error).message),
  );
  await assert.rejects(read(streamed(BYTES, 4096), 50_000), /larger than the limit of 50000 bytes/);
  await assert.rejects(
    read(streamed(BYTES, 4096, { 'content-length': '100' }), 50_000),
    /larger than the limit of 50000 bytes/,
  );
});

test('many queued chunks are read over several tasks, not in one', async () => {
  // Each chunk "takes" 2 ms on a clock the stream moves, whatever the machine is doing: 40 chunks
  // are 80 ms, so the read pauses after each 16 ms. A ticker counts the tasks the pauses let run.
  let clock = 0;
  let tick = 0;
  let ticking = true;
  const ticker = () => {
    tick++;
    if (ticking) setImmediate(ticker);
  };
  setImmediate(ticker);
  const ticksSeen = new Set<number>();
  let pulled = 0;
  const slow: typeof fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          clock += 2;
          ticksSeen.add(tick);
          controller.enqueue(new Uint8Array(1000));
          if (++pulled === 40) controller.close();
        },
      }),
    );
  const out = await fetchBytes({ fetch: slow, now: () => clock }, 'http://x/p.bin', 'p.bin');
  ticking = false;
  assert.equal(out.length, 40_000);
  assert.ok(ticksSeen.size >= 3, `the chunks were read in ${ticksSeen.size} tasks`);
});

/** A server that answers at once, then sends `bytes` bytes every `everyMs` for as long as it is read. */
function trickle(bytes: number, everyMs: number, headers: Record<string, string> = {}) {
  const state = { cancelled: false };
  const impl: typeof fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, everyMs));
          controller.enqueue(new Uint8Array(bytes));
        },
        cancel() {
          state.cancelled = true;
        },
      }),
      { headers },
    );
  return { impl, state };
}

const stalled = (stallMs: number, fetchImpl: typeof fetch) =>
  fetchBytes({ fetch: fetchImpl, stallMs }, 'http://x/dataset_identity.json', 'dataset_identity.json');

test('a download that trickles (1 byte per 20 ms) fails after the stall timeout, naming the file', async () => {
  const { impl, state } = trickle(1, 20, { 'content-length': '100000' });
  await assert.rejects(
    stalled(300, impl),
    (e: unknown) =>
      e instanceof DatasetError && e.message === 'dataset_identity.json: stalled: less than 1 KiB arrived in 0.3 s',
  );
  assert.ok(state.cancelled, 'the download is cancelled');
});

test('a server that never answers fails after the stall timeout', async () => {
  let aborted = false;
  const silent: typeof fetch = (_input, init) =>
    new Promise((_, reject) =>
      init?.signal?.addEventListener('abort', () => {
        aborted = true;
        reject(init.signal!.reason);
      }),
    );
  await assert.rejects(stalled(200, silent), /dataset_identity\.json: stalled: less than 1 KiB arrived in 0\.2 s/);
  assert.ok(aborted, 'the request is aborted');
});

test('a slow download that keeps coming is not a stall', async () => {
  // 2 KiB every 20 ms, 40 times: every 300 ms window sees far more than 1 KiB, however the timers run.
  let sent = 0;
  const steady: typeof fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          controller.enqueue(new Uint8Array(2048));
          if (++sent === 40) controller.close();
        },
      }),
    );
  assert.equal((await stalled(300, steady)).length, 40 * 2048);
});

test("the caller's abort still rejects as an abort, not as a stall", async () => {
  const { impl } = trickle(1, 20);
  const abort = new AbortController();
  const read = fetchBytes({ fetch: impl, signal: abort.signal, stallMs: 60_000 }, 'http://x/a', 'a');
  setTimeout(() => abort.abort(), 50);
  await assert.rejects(read, (e: Error) => !(e instanceof DatasetError));
});
