// What we write: the newest strict shape, readable back to the same document, and within the
// rules the Python reader checks before turning highlights and user fields into AnnData columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  emptyDocument,
  openSessionBundle,
  readSessionDocument,
  sessionFileName,
  writeSessionBundle,
  writeSessionBundleAsync,
  type SessionDocument,
} from '../../../src/core/session/index.js';
import { FIXTURE_SESSIONS } from '../../fixtures/paths.js';

const FIXTURE = path.join(FIXTURE_SESSIONS, 'strict-full.cellucid-session');
const FINGERPRINT = {
  sourceType: 'local-demo',
  datasetId: 'synthetic-cell-types-2d',
  cellCount: 72,
  varCount: 8,
  cellOrder: { dimension: 2 as const, digest: '0f7e35eb3e7a914b' },
};
const SINGLETONS = [
  'core/field-overlays',
  'core/state',
  'ui/dockable-layout',
  'analysis/windows',
  'highlights/meta',
  'analysis/cache-inventory',
  'cinematic/camera',
];
const ORDER = [
  'field-overlays',
  'user-defined-codes',
  'cinematic-camera',
  'core-state',
  'dockable-layout',
  'analysis-windows',
  'highlights-meta',
  'highlights-cells',
  'analysis-artifacts',
];

async function fixtureDocument(): Promise<SessionDocument> {
  return (await readSessionDocument(new Uint8Array(readFileSync(FIXTURE)), { current: FINGERPRINT })).document;
}

async function manifestOf(bytes: Uint8Array) {
  const opened = await openSessionBundle(bytes);
  const chunks = [];
  for await (const c of opened.chunks()) chunks.push(c);
  return {
    opened,
    chunks,
    raw: JSON.parse(
      new TextDecoder().decode(
        bytes.subarray(21, 21 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(17, true)),
      ),
    ),
  };
}

test('read → write → read gives the same document', async () => {
  const doc = await fixtureDocument();
  const written = await writeSessionBundle(doc, {
    fingerprint: FINGERPRINT,
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
  });
  const again = await readSessionDocument(written, { current: FINGERPRINT });
  assert.deepEqual(again.report.failed, []);
  assert.equal(again.generation, 'strict');
  assert.deepEqual(again.document, doc);
  const twice = await writeSessionBundle(again.document, {
    fingerprint: FINGERPRINT,
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
  });
  assert.deepEqual(twice, written, 'writing is deterministic');
});

test('the written manifest has the exact newest shape', async () => {
  const written = await writeSessionBundle(await fixtureDocument(), {
    fingerprint: FINGERPRINT,
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
  });
  const { raw, chunks } = await manifestOf(written);
  assert.deepEqual(Object.keys(raw), ['createdAt', 'datasetFingerprint', 'chunks']);
  assert.equal(raw.createdAt, '2026-01-02T03:04:05.678Z');
  assert.deepEqual(raw.datasetFingerprint, FINGERPRINT);
  for (const c of raw.chunks) {
    assert.deepEqual(Object.keys(c), [
      'id',
      'contributorId',
      'priority',
      'kind',
      'codec',
      'label',
      'datasetDependent',
      'storedBytes',
      'uncompressedBytes',
    ]);
    assert.equal(c.codec, 'gzip');
  }
  const ids = raw.chunks.map((c: { id: string }) => c.id);
  for (const s of SINGLETONS) assert.ok(ids.includes(s), `singleton ${s}`);
  const priorities = raw.chunks.map((c: { priority: string }) => c.priority);
  assert.equal(
    priorities.lastIndexOf('eager') < priorities.indexOf('lazy') || !priorities.includes('lazy'),
    true,
    'eager before lazy',
  );
  for (const p of ['eager', 'lazy']) {
    const order = raw.chunks
      .filter((c: { priority: string }) => c.priority === p)
      .map((c: { contributorId: string }) => ORDER.indexOf(c.contributorId));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      `${p} chunks in canonical contributor order`,
    );
  }
  assert.equal(raw.chunks.find((c: { id: string }) => c.id === 'ui/dockable-layout').datasetDependent, false);
  assert.equal(raw.chunks.find((c: { id: string }) => c.id === 'analysis/cache-inventory').uncompressedBytes, 18);
  assert.ok(
    chunks.every((c) => c.ok),
    'every chunk inflates to exactly its declared size',
  );
});

test('highlight and user-field chunks follow the rules the AnnData bridge checks', async () => {
  const doc = await fixtureDocument();
  const written = await writeSessionBundle(doc, { fingerprint: FINGERPRINT });
  const { raw, chunks } = await manifestOf(written);
  const meta = chunks.find((c) => c.meta.id === 'highlights/meta')!;
  assert.ok(meta.ok);
  const pages = (
    meta.payload as {
      pages: Array<{ id: string; highlightedGroups: Array<{ id: string; label: string; cellCount: number }> }>;
    }
  ).pages;
  const groups = pages.flatMap((p) => p.highlightedGroups);
  const cellChunks = raw.chunks.filter((c: { id: string }) => c.id.startsWith('highlights/cells/'));
  // One membership chunk per group, in page/group order, labelled after the group, lazy binary gzip.
  assert.deepEqual(
    cellChunks.map((c: { id: string }) => c.id),
    groups.map((g) => `highlights/cells/${g.id}`),
  );
  for (const g of groups) {
    const c = cellChunks.find((x: { id: string }) => x.id === `highlights/cells/${g.id}`);
    assert.equal(c.label, `Highlight cells: ${g.label}`);
    assert.deepEqual([c.priority, c.kind, c.datasetDependent], ['lazy', 'binary', true]);
    assert.match(g.id, /^highlight_[1-9]\d*$/);
    const decoded = chunks.find((x) => x.meta.id === c.id)!;
    assert.ok(decoded.ok);
    assert.ok(g.cellCount >= 1 && g.cellCount <= 72);
  }
  const overlays = chunks.find((c) => c.meta.id === 'core/field-overlays')!;
  assert.ok(overlays.ok);
  const fields = (
    overlays.payload as {
      userDefinedFields: Array<{ id: string; key: string; kind: string; codesLength: number; categories: string[] }>;
    }
  ).userDefinedFields;
  for (const f of fields.filter((x) => x.kind === 'category')) {
    const c = raw.chunks.find((x: { id: string }) => x.id === `user-defined/codes/${f.id}`);
    assert.ok(c, `codes chunk for ${f.id}`);
    assert.equal(c.label, `User-defined codes: ${f.key}`);
    assert.match(f.id, /^[A-Za-z0-9][A-Za-z0-9._-]{0,179}$/);
    assert.equal(f.codesLength, 72);
    assert.ok(f.categories.length >= 1 && f.categories.length <= 255);
  }
});

test('an empty document writes all seven singletons with empty payloads', async () => {
  const written = await writeSessionBundle(emptyDocument(), { fingerprint: FINGERPRINT });
  const { raw, chunks } = await manifestOf(written);
  assert.deepEqual(
    raw.chunks.map((c: { id: string }) => c.id),
    [
      'core/field-overlays',
      'cinematic/camera',
      'core/state',
      'ui/dockable-layout',
      'analysis/windows',
      'highlights/meta',
      'analysis/cache-inventory',
    ],
  );
  const payload = (id: string) => (chunks.find((c) => c.meta.id === id) as { payload: unknown }).payload;
  assert.deepEqual(payload('core/field-overlays'), {
    renames: { fields: {}, categories: {} },
    deletedFields: { deleted: [], purged: [] },
    userDefinedFields: [],
  });
  assert.deepEqual(payload('highlights/meta'), {
    pages: [{ id: 'page_1', name: 'Page 1', color: '#2563eb', highlightedGroups: [] }],
    activePageId: 'page_1',
  });
  assert.equal(Object.keys(payload('cinematic/camera') as object).length, 19);
});

test('file names follow the Cellucid pattern', () => {
  assert.equal(
    sessionFileName(new Date('2026-01-02T03:04:05.678Z')),
    'cellucid-session-2026-01-02T03-04-05.cellucid-session',
  );
});

test('the native-gzip writer (what the browser uses) gives the same manifest and the same document', async () => {
  const doc = await fixtureDocument();
  const createdAt = new Date('2026-01-02T03:04:05.678Z');
  const syncBytes = await writeSessionBundle(doc, { fingerprint: FINGERPRINT, createdAt });
  const asyncBytes = await writeSessionBundleAsync(doc, { fingerprint: FINGERPRINT, createdAt });
  const a = await manifestOf(syncBytes);
  const b = await manifestOf(asyncBytes);
  const strip = (m: { chunks: Array<Record<string, unknown>> }) => ({
    ...m,
    chunks: m.chunks.map(({ storedBytes: _s, ...rest }) => rest),
  });
  assert.deepEqual(strip(b.raw), strip(a.raw));
  const again = await readSessionDocument(asyncBytes, { current: FINGERPRINT });
  assert.deepEqual(again.report.failed, []);
  assert.deepEqual(again.document, (await readSessionDocument(syncBytes, { current: FINGERPRINT })).document);
});

test(
  'a bundle written elsewhere (a worker: binary chunks by their encoding, JSON ones as final bytes) ' +
    'is the same bundle; a null answer writes it here',
  async () => {
    const { encodeChunkBytes } = await import('../../../src/core/session/chunk-encoding.js');
    const { gzipBytes } = await import('../../../src/core/session/native-gzip.js');
    const { writeSessionBlob } = await import('../../../src/core/session/bundle-writer.js');
    const { bundleBlob } = await import('../../../src/core/session/bundle-frame.js');
    type Options = Parameters<typeof bundleBlob>[0];
    type Head = Parameters<typeof bundleBlob>[1][number]['head'];
    const doc = await fixtureDocument();
    const createdAt = new Date('2026-01-02T03:04:05.678Z');
    const seen: string[] = [];
    const elsewhere = async (
      jobs: Array<{ head: Head; encoding: Parameters<typeof encodeChunkBytes>[0] }>,
      options: Options,
    ) => {
      seen.push(...jobs.map((j) => j.encoding.kind));
      const raws = jobs.map(({ encoding }) => encodeChunkBytes(encoding));
      const stored = await Promise.all(raws.map(gzipBytes));
      const sizes = jobs.map(({ head }, i) => ({ head, rawLength: raws[i].length, storedBytes: stored[i].length }));
      return bundleBlob(options, sizes, stored);
    };
    const here = await writeSessionBundleAsync(doc, { fingerprint: FINGERPRINT, createdAt });
    const there = await writeSessionBundleAsync(doc, {
      fingerprint: FINGERPRINT,
      createdAt,
      writeElsewhere: elsewhere,
    });
    const jsonChunks = (await manifestOf(here)).raw.chunks.filter((c: { kind: string }) => c.kind === 'json').length;
    assert.ok(jsonChunks > 0);
    assert.deepEqual(seen.sort(), ['index-set', 'index-set', ...Array(jsonChunks).fill('raw'), 'user-codes']);
    assert.deepEqual((await manifestOf(there)).raw, (await manifestOf(here)).raw);
    assert.deepEqual(
      (await readSessionDocument(there, { current: FINGERPRINT })).document,
      (await readSessionDocument(here, { current: FINGERPRINT })).document,
    );
    const declined = await writeSessionBlob(doc, {
      fingerprint: FINGERPRINT,
      createdAt,
      writeElsewhere: async () => null,
      pause: () => new Promise((r) => setImmediate(r)),
    });
    assert.equal(declined.chunkCount, (await manifestOf(here)).raw.chunks.length);
    assert.deepEqual(
      (await manifestOf(new Uint8Array(await declined.blob.arrayBuffer()))).raw,
      (await manifestOf(here)).raw,
    );
    // A worker that took the final bytes (transferred: detached here) and then failed.
    const failedAfterTaking = await writeSessionBlob(doc, {
      fingerprint: FINGERPRINT,
      createdAt,
      writeElsewhere: async (jobs) => {
        structuredClone(null, {
          transfer: jobs.flatMap((j) => (j.encoding.kind === 'raw' ? [j.encoding.bytes.buffer as ArrayBuffer] : [])),
        });
        return null;
      },
    });
    const written = new Uint8Array(await failedAfterTaking.blob.arrayBuffer());
    assert.deepEqual(
      (await readSessionDocument(written, { current: FINGERPRINT })).document,
      (await readSessionDocument(here, { current: FINGERPRINT })).document,
    );
  },
);
