// Every session fixture reads with the outcome its .expected.json describes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { same } from '../plain.js';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  computeCellOrderDigest,
  openSessionBundle,
  readSessionDocument,
  type DatasetFingerprint,
} from '../../../src/core/session/index.js';
import { loadDataset } from '../../../src/core/dataset/index.js';
import { BASE, fsFetch } from '../dataset/fs-fetch.js';
import { FIXTURE_SESSIONS } from '../../fixtures/paths.js';

const DIR = FIXTURE_SESSIONS;
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace('.expected.json', ''));

async function currentFingerprint(): Promise<DatasetFingerprint & { cellCount: number }> {
  const source = await loadDataset(`${BASE}cellucid-demo/synthetic-cell-types-2d/`, { fetch: fsFetch().fetch });
  const positions = await source.loadPositions(2);
  return {
    sourceType: 'local-demo',
    datasetId: 'synthetic-cell-types-2d',
    cellCount: 72,
    varCount: 8,
    cellOrder: { dimension: 2, digest: computeCellOrderDigest(positions) },
  };
}

test("the open dataset's cell-order digest is the one strict-full was saved with", async () => {
  assert.equal((await currentFingerprint()).cellOrder!.digest, '0f7e35eb3e7a914b');
});

for (const name of names) {
  test(`fixture ${name}`, async () => {
    const expected = JSON.parse(readFileSync(path.join(DIR, `${name}.expected.json`), 'utf8'));
    const bytes = new Uint8Array(readFileSync(path.join(DIR, `${name}.cellucid-session`)));
    const current = await currentFingerprint();
    if (expected.readable === false) {
      await assert.rejects(readSessionDocument(bytes, { current }), (err: Error) => {
        assert.match(err.message.toLowerCase(), new RegExp(expected.errorIncludes.toLowerCase()));
        return true;
      });
      return;
    }
    const started = performance.now();
    const { document, report, manifest, generation } = await readSessionDocument(new Blob([bytes]), { current });
    const elapsed = performance.now() - started;
    if (expected.readable === 'partial') {
      assert.ok(report.restored.length > 0, 'eager chunks still restore');
      assert.ok(report.failed.length > 0, 'the cut chunk fails');
      assert.ok(
        report.failed.some((f) => f.message.toLowerCase().includes(expected.errorIncludes)),
        JSON.stringify(report.failed),
      );
      return;
    }
    assert.equal(generation, expected.generation);
    same(manifest.datasetFingerprint, expected.fingerprint);
    assert.equal(report.datasetMatches, expected.datasetMatches);
    same(
      manifest.chunks.map((c) => c.id),
      expected.chunkIds,
    );
    for (const [id, values] of Object.entries(expected.decoded ?? {})) {
      if (id.startsWith('highlights/cells/'))
        same(Array.from(document.highlightCells.get(id.slice('highlights/cells/'.length)) ?? []), values, id);
      else
        same(
          Array.from(document.userDefinedCodes.get(id.slice('user-defined/codes/'.length))?.codes ?? []),
          values,
          id,
        );
    }
    const viewer = expected.viewer ?? {};
    same(
      report.failed.map((f) => f.id),
      viewer.failedChunks ?? [],
    );
    if (viewer.skippedChunks) same(report.skipped, viewer.skippedChunks);
    if (expected.datasetMatches === false) {
      assert.ok(report.mismatch && report.mismatch.reasons.length > 0);
      same(report.restored, ['ui/dockable-layout'], 'only dataset-agnostic chunks apply');
    }
    if (viewer.activeField)
      same(
        {
          source: document.coreState!.activeFields.activeFieldSource,
          key: document.coreState!.activeFields.activeFieldKey,
        },
        viewer.activeField,
      );
    if (viewer.navigationMode) assert.equal(document.coreState!.camera!.navigationMode, viewer.navigationMode);
    if (viewer.snapshots !== undefined)
      assert.equal(document.coreState!.multiview?.snapshots.length ?? 0, viewer.snapshots);
    if (viewer.layout) assert.equal(document.coreState!.multiview!.layout.mode, viewer.layout);
    if (viewer.fieldRenames) same(document.fieldOverlays!.renames.fields, viewer.fieldRenames);
    if (viewer.highlightGroups) {
      const restored = Object.fromEntries([...document.highlightCells].map(([id, cells]) => [id, cells.length]));
      same(restored, viewer.highlightGroups);
    }
    if (name === 'proto-pollution') {
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
      for (const key of Object.getOwnPropertyNames(Object.prototype))
        assert.ok(typeof (Object.prototype as never)[key] !== 'undefined' || key === '__proto__');
    }
    if (name === 'zip-bomb')
      assert.ok(elapsed < 2000, `the bomb is stopped at its bound quickly (${elapsed.toFixed(0)} ms)`);
  });
}

test('a stream gives the same result as bytes, and abort cancels', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(DIR, 'strict-full.cellucid-session')));
  const stream = new Blob([bytes]).stream();
  const { report } = await readSessionDocument(stream, { current: await currentFingerprint() });
  assert.equal(report.failed.length, 0);
  assert.equal(report.restored.length, 10);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(openSessionBundle(bytes, { signal: controller.signal }), { name: 'AbortError' });
});
