// Every chunk is read and inflated under the bound its manifest entry implies: its declared size
// (plus gzip's overhead for the stored bytes), or a smaller default for legacy chunks that declare
// none. A bomb fails that chunk alone, clearly, without memory ever holding more than the bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openSessionBundle, readSessionDocument, type SessionSource } from '../../../src/core/session/index.js';
import { maxGzipBytes } from '../../../src/core/session/chunk-bounds.js';
import { gunzipBounded } from '../../../src/core/session/gzip.js';
import { FIXTURE_SESSIONS } from '../../fixtures/paths.js';
import { buildSession, DEMO_FINGERPRINT, gzip, gzipBomb, json } from './build-session.js';

const MiB = 1024 * 1024;
const windows = (n: number) => ({
  id: 'analysis/windows',
  contributorId: 'analysis-windows',
  kind: 'json' as const,
  raw: n,
});
const layout = {
  id: 'ui/dockable-layout',
  contributorId: 'dockable-layout',
  kind: 'json' as const,
  raw: json({ panels: [] }),
};
const cells = {
  id: 'highlights/cells/highlight_1',
  contributorId: 'highlights-cells',
  kind: 'binary' as const,
  raw: Uint8Array.from([2, 1, 2]),
};

/** Reads `source` with a meter: the largest buffer the reader allocated for each chunk (and null: the header). */
async function readMetered(source: SessionSource, options: { maxUndeclaredChunkBytes?: number } = {}) {
  const largest = new Map<number | null, number>();
  const result = await readSessionDocument(source, {
    current: DEMO_FINGERPRINT,
    ...options,
    meter: (bytes, chunk) => largest.set(chunk, Math.max(largest.get(chunk) ?? 0, bytes)),
  });
  return { ...result, largest };
}

const sources = (bytes: Uint8Array<ArrayBuffer>): Array<[string, SessionSource]> => [
  ['bytes', bytes],
  ['a Blob', new Blob([bytes])],
  ['a stream', new Blob([bytes]).stream()],
];

test('the zip-bomb fixture: its chunk fails as expanding past its declared 64 bytes and is never read', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURE_SESSIONS, 'zip-bomb.cellucid-session')));
  for (const [name, source] of sources(bytes)) {
    const { report, largest, manifest } = await readMetered(source);
    assert.deepEqual(
      report.failed.map((f) => f.id),
      ['highlights/cells/highlight_1'],
      name,
    );
    assert.match(report.failed[0].message, /expands past its declared size of 64 bytes/);
    assert.equal(report.restored.length, manifest.chunks.length - 1, name);
    const index = manifest.chunks.findIndex((c) => c.id === 'highlights/cells/highlight_1');
    assert.ok((largest.get(index) ?? 0) <= 4, `${name}: nothing but its frame header was read`);
  }
});

test('a bomb within gzip overhead of its declared size inflates only up to that size', async () => {
  // 64 MiB of zeros gzip to about 64 KiB: a chunk declaring 1 MiB may store that much, so it is inflated.
  const stored = await gzipBomb(64 * MiB, 0);
  assert.ok(stored.length <= maxGzipBytes(MiB));
  for (const generation of ['legacy', 'strict'] as const) {
    const bytes = buildSession(
      [layout, { ...cells, stored, uncompressedBytes: MiB }, { ...cells, id: 'highlights/cells/highlight_2' }],
      generation,
    );
    for (const [name, source] of sources(bytes)) {
      const { report, largest } = await readMetered(source);
      assert.equal(report.failed.length, 1, `${generation}, ${name}`);
      assert.match(report.failed[0].message, /expands past its declared size of 1048576 bytes/);
      assert.deepEqual(report.restored, ['ui/dockable-layout', 'highlights/cells/highlight_2']);
      assert.ok(largest.get(1)! <= MiB, `${generation}, ${name}: the output buffer is the declared size`);
    }
  }
});

/** 500 MB of JSON (whitespace inside a valid payload) in about 500 KB, made once. */
let bigBomb: Promise<Uint8Array> | null = null;
const bomb500 = () => (bigBomb ??= gzipBomb(500_000_000, 0x20, '{"windows":[', ']}'));

test('inflation stops at the bound: a 500 MB bomb under a 64 MiB bound does at most 64 MiB of work', async () => {
  const stored = await bomb500();
  let received = 0;
  const meter = (bytes: number) => void (received += bytes);
  await assert.rejects(
    gunzipBounded(stored, { bound: 64 * MiB, exact: null, meter }),
    /expands past the limit of 67108864 bytes/,
  );
  // The output the inflater handed over: the bound's worth, and at most a megabyte more (not 500 MB).
  assert.ok(received <= 65 * MiB, `${received} bytes`);
});

test('D5: a legacy chunk that declares no size stops at 64 MiB; the rest restores', async () => {
  const stored = await bomb500();
  const bytes = buildSession([
    layout,
    { ...windows(0), raw: undefined, stored, uncompressedBytes: null, storedBytes: null },
    cells,
  ]);
  assert.ok(bytes.length < 600_000);
  for (const [name, source] of sources(bytes)) {
    const { report, largest } = await readMetered(source);
    assert.deepEqual(report.restored, ['ui/dockable-layout', 'highlights/cells/highlight_1'], name);
    assert.equal(report.failed.length, 1);
    assert.match(
      report.failed[0].message,
      /analysis\/windows.*expands past the 64 MiB limit for chunks that declare no size/,
    );
    // Its stored bytes, and a scratch buffer to measure it: nothing near the bound was ever allocated.
    assert.ok(largest.get(1)! <= Math.max(stored.length, 64 * 1024), `${name}: ${largest.get(1)} bytes`);
  }
});

test('the limit for chunks that declare no size is a reader option; they get buffers of their real size', async () => {
  const payload = json({ windows: [' '.repeat(2 * MiB)] });
  const bytes = buildSession([{ ...windows(0), raw: payload, uncompressedBytes: null }]);
  const small = await readMetered(bytes, { maxUndeclaredChunkBytes: MiB });
  assert.match(small.report.failed[0]?.message ?? '', /expands past the 1 MiB limit for chunks that declare no size/);
  const large = await readMetered(bytes, { maxUndeclaredChunkBytes: 4 * MiB });
  assert.deepEqual(large.report.failed, []);
  assert.equal(large.document.analysisWindows?.windows.length, 1);
  assert.equal(large.largest.get(0), payload.length, 'one buffer of exactly the inflated size');
});

test('stored bytes past what the bound needs are skipped unread; the chunks after them still restore', async () => {
  const noise = new Uint8Array(8 * MiB).map((_, i) => (i * 2654435761) >>> 24);
  const bomb = { ...cells, id: 'highlights/cells/highlight_9', stored: noise, uncompressedBytes: 100 };
  const bytes = buildSession([layout, bomb, cells], 'strict');
  for (const [name, source] of sources(bytes)) {
    const { report, largest } = await readMetered(source);
    assert.match(report.failed[0].message, /expands past its declared size of 100 bytes: its 8388608 stored bytes/);
    assert.deepEqual(report.restored, ['ui/dockable-layout', 'highlights/cells/highlight_1'], name);
    assert.ok((largest.get(1) ?? 0) <= 4, `${name}: nothing of the skipped frame was held`);
  }
  // Stored without a codec: the stored bytes are the payload, bounded by the declared size itself.
  const plain = buildSession([{ ...cells, codec: 'none', raw: Uint8Array.from([2, 1, 2, 9]), uncompressedBytes: 3 }]);
  const { report } = await readMetered(plain);
  assert.match(report.failed[0].message, /expands past its declared size of 3 bytes: its 4 stored bytes/);
});

test('a strict chunk declaring more than its stored bytes can inflate to is refused before allocating', async () => {
  const bytes = buildSession([{ ...layout, uncompressedBytes: 500 * MiB }], 'strict');
  const { report, largest } = await readMetered(bytes);
  assert.match(report.failed[0].message, /declares 524288000 bytes, more than its \d+ stored bytes can inflate to/);
  assert.equal(largest.get(0), undefined, 'nothing allocated for it');
});

test('JSON nested deeper than 256 levels fails its chunk with a clear message', async () => {
  const deep = `{"windows":[${'['.repeat(300)}${']'.repeat(300)}]}`;
  const { report } = await readMetered(buildSession([{ ...windows(0), raw: deep }, layout]));
  assert.match(report.failed[0].message, /payload nests deeper than 256 levels/);
  assert.deepEqual(report.restored, ['ui/dockable-layout']);
  const ok = `{"windows":[${'['.repeat(200)}${']'.repeat(200)}]}`;
  assert.deepEqual((await readMetered(buildSession([{ ...windows(0), raw: ok }]))).report.failed, []);
});

test("a JSON number past a double's range fails its chunk: a view restored with it could not be saved", async () => {
  const huge = '{"windows":[{"modeId":"x","rect":{"left":1e400,"top":0,"width":1,"height":1}}]}';
  const { report } = await readMetered(buildSession([{ ...windows(0), raw: huge }, layout]));
  assert.match(report.failed[0].message, /payload holds a number too large for a double/);
  assert.deepEqual(report.restored, ['ui/dockable-layout']);
  const fine = '{"windows":[{"modeId":"x","rect":{"left":1e300,"top":-0,"width":1,"height":1}}]}';
  assert.deepEqual((await readMetered(buildSession([{ ...windows(0), raw: fine }]))).report.failed, []);
});

test('chunk reads report their sizes: stored and decoded bytes match the manifest', async () => {
  const raw = json({ panels: [] });
  const opened = await openSessionBundle(buildSession([{ ...layout, raw }], 'strict'));
  const reads = [];
  for await (const c of opened.chunks()) reads.push(c);
  assert.equal(reads.length, 1);
  assert.ok(reads[0].ok);
  assert.equal(reads[0].decodedBytes, raw.length);
  assert.equal(reads[0].storedBytes, gzip(raw).length);
});
