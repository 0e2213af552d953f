// Inflation of dataset payloads stops at the size the manifest implies, whatever the file says:
// a 1 MB points file that inflates to 1 GiB is refused after producing about the expected size,
// streamed or whole, in a clear message naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { payloadBytes } from '../../../src/core/dataset/gzip.js';
import { inThreadDecoder } from '../../../src/core/dataset/decoder.js';
import { loadDataset, type DecodeResult } from '../../../src/core/dataset/index.js';
import { gzipBomb } from '../../fixtures/gzip-bomb.mjs';
import { BASE, fsFetch } from './fs-fetch.js';

const MIB = 1 << 20;
/** What a 1,048,576-cell 2-D points file holds: 8 MiB. */
const EXPECTED = 8 * MIB;
/** The loader's promise: never more than one minimal piece's worth (1,032 × 1 KiB) past the bound. */
const SLACK = 1032 * 1024;
const BOMB = gzipBomb(1 << 30, EXPECTED);

/** Counts what DecompressionStream hands out while `run` runs. */
async function countingInflation<T>(run: () => Promise<T>): Promise<{ result: T | Error; produced: number }> {
  const Original = globalThis.DecompressionStream;
  let produced = 0;
  class Counting extends Original {
    constructor(format: CompressionFormat) {
      super(format);
      const counted = super.readable.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            produced += chunk.length;
            controller.enqueue(chunk);
          },
        }),
      );
      Object.defineProperty(this, 'readable', { value: counted });
    }
  }
  globalThis.DecompressionStream = Counting;
  try {
    const result = await run().catch((e: Error) => e);
    return { result, produced };
  } finally {
    globalThis.DecompressionStream = Original;
  }
}

/** The bomb as a network body: 64 KiB chunks, counting how many were pulled. */
function streamed(bytes: Uint8Array) {
  const state = { pulled: 0, cancelled: false };
  async function* chunks() {
    try {
      for (let at = 0; at < bytes.length; at += 65536) {
        state.pulled++;
        yield bytes.subarray(at, at + 65536);
      }
    } finally {
      state.cancelled = state.pulled * 65536 < bytes.length;
    }
  }
  return { chunks: chunks(), state };
}

test('a gzip bomb is a valid gzip file whose trailer claims the expected size', () => {
  assert.ok(BOMB.length < 1.1 * MIB, `${BOMB.length} bytes`);
  const n = BOMB.length;
  assert.equal(Buffer.from(BOMB.subarray(n - 4)).readUInt32LE(0), EXPECTED);
});

test('streamed: inflation stops within a piece of the bound and the download is cancelled', async () => {
  const { chunks, state } = streamed(BOMB);
  const { result, produced } = await countingInflation(() => payloadBytes(chunks, EXPECTED, true));
  assert.ok(result instanceof Error);
  assert.equal(result.message, `expands past its declared size (${EXPECTED} bytes)`);
  assert.ok(produced <= EXPECTED + SLACK, `${produced - EXPECTED} bytes past the bound`);
  assert.ok(state.cancelled, 'the rest of the file is never read');
  assert.ok(state.pulled <= 2, `${state.pulled} chunks of 64 KiB read`);
});

test('whole: the trailer agrees, so inflation starts, and stops at the bound', async () => {
  const { result, produced } = await countingInflation(() => payloadBytes(BOMB, EXPECTED, true));
  assert.ok(result instanceof Error);
  assert.match(result.message, /expands past its declared size \(8388608 bytes\)/);
  assert.ok(produced <= EXPECTED + SLACK, `${produced - EXPECTED} bytes past the bound`);
});

test('without DecompressionStream, a gzip payload fails saying the browser is too old; a plain one reads', async () => {
  const Original = globalThis.DecompressionStream;
  // @ts-expect-error a runtime without it
  delete globalThis.DecompressionStream;
  try {
    const points = new Float32Array([1, -1, -1, 1]);
    const files: Record<string, Uint8Array<ArrayBuffer>> = {
      packed: new Uint8Array(gzipSync(new Uint8Array(points.buffer))),
      plain: new Uint8Array(points.buffer),
    };
    const serve = (async (url: string) => new Response(files[url.slice(9)])) as typeof fetch;
    const read = (name: string, gz: boolean) =>
      inThreadDecoder.read(
        { fetch: serve },
        { kind: 'payload', url: `http://x/${name}`, job: { kind: 'points', dimension: 2, count: 2, file: name, gz } },
      );
    const packed = (await read('packed', true)) as DecodeResult;
    assert.ok(
      !packed.ok && /too old.*DecompressionStream.*Chrome or Edge 80, Firefox 113, Safari 16\.4/.test(packed.problem),
    );
    const plain = (await read('plain', false)) as DecodeResult;
    assert.ok(plain.ok && plain.kind === 'points');
    assert.deepEqual(Array.from(plain.positions), [1, -1, 0, -1, 1, 0]);
  } finally {
    globalThis.DecompressionStream = Original;
  }
});

test('through the loader: a 1 MB points file inflating to 1 GiB fails in well under 2 s, naming the file', async () => {
  const ds = 'cellucid-demo/synthetic-cell-types-2d/';
  const identity = JSON.parse(
    Buffer.from(await (await fsFetch().fetch(`${BASE}${ds}dataset_identity.json`)).arrayBuffer()).toString(),
  );
  const obs = JSON.parse(
    Buffer.from(await (await fsFetch().fetch(`${BASE}${ds}obs_manifest.json`)).arrayBuffer()).toString(),
  );
  const cells = EXPECTED / 8;
  const fs = fsFetch(undefined, {
    [`${ds}dataset_identity.json`]: JSON.stringify({
      ...identity,
      stats: { ...identity.stats, n_cells: cells, n_genes: 0, has_connectivity: false, n_edges: null },
    }),
    [`${ds}obs_manifest.json`]: JSON.stringify({ ...obs, n_points: cells }),
    [`${ds}points_2d.bin.gz`]: BOMB,
  });
  const source = await loadDataset(`${BASE}${ds}`, { fetch: fs.fetch });
  const started = performance.now();
  await assert.rejects(
    source.loadPositions(2),
    (e: Error) => e.message === `points_2d.bin.gz: expands past its declared size (${EXPECTED} bytes)`,
  );
  assert.ok(performance.now() - started < 2000);
});

test('other gzip problems keep their messages; a failed download is not called corrupt data', async () => {
  const raw = new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer);
  const gz = new Uint8Array(gzipSync(raw));
  async function* truncated() {
    yield gz.subarray(0, gz.length - 6);
  }
  await assert.rejects(payloadBytes(truncated(), 16, true), /gzip data is corrupt/);
  const flipped = gz.slice();
  flipped[gz.length - 7] ^= 0xff;
  await assert.rejects(payloadBytes(flipped, 16, true), /gzip data is corrupt/);
  const longer = new Uint8Array(gzipSync(new Uint8Array(20)));
  await assert.rejects(payloadBytes(longer, 16, true), /^Error: expands past its declared size \(16 bytes\)$/);
  const shorter = new Uint8Array(gzipSync(new Uint8Array(12)));
  await assert.rejects(payloadBytes(shorter, 16, true), /^Error: gzip data inflates to 12 bytes but 16 were expected$/);
  async function* failing() {
    yield gz.subarray(0, 12);
    throw new Error('network down');
  }
  await assert.rejects(payloadBytes(failing(), 16, true), (e: Error) => e.message === 'network down');
  async function* pieces() {
    for (const b of gz) yield Uint8Array.of(b);
  }
  assert.deepEqual(await payloadBytes(pieces(), 16, true), raw, 'one byte at a time');
  assert.deepEqual(await payloadBytes(raw, 16, true), raw, 'already inflated by the server');
  await assert.rejects(payloadBytes(raw, 12, false), /holds 16 bytes but 12 were expected/);
});
