// The project's own generator writes export folders the loader reads back exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error plain JavaScript module without types
import { writeSyntheticExport, quantize8 } from '../../../scripts/lib/synthetic-export.mjs';
import { loadDataset, dequantize, type CategoricalFieldData, type ContinuousFieldData } from '../../../src/core/dataset/index.js';
import { BASE, fsFetch } from '../dataset/fs-fetch.js';

function generate(seed = 7) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cellucid-gen-'));
  const out = path.join(dir, 'synthetic');
  writeSyntheticExport({ cells: 2000, genes: 6, dims: [2, 3], out, seed });
  return { dir, out };
}

test('a generated folder loads: fields, genes, both embeddings, missing values', async () => {
  const { dir } = generate();
  try {
    const source = await loadDataset(`${BASE}synthetic/`, { fetch: fsFetch(dir).fetch });
    const ds = source.dataset;
    assert.equal(ds.cellCount, 2000);
    assert.equal(ds.varCount, 6);
    assert.deepEqual(ds.dimensions, [2, 3]);
    assert.equal(ds.defaultDimension, 3);
    assert.deepEqual(ds.obsFields.map((f) => `${f.kind}:${f.key}`), [
      'continuous:pseudotime', 'continuous:n_counts', 'continuous:pct_mito',
      'category:cell_type', 'category:batch', 'category:phase', 'category:condition',
    ]);
    for (const d of [2, 3] as const) {
      const p = await source.loadPositions(d);
      assert.ok(p.every((v) => v >= -1.000001 && v <= 1.000001));
    }
    const ct = (await source.loadObsField('cell_type')) as CategoricalFieldData;
    assert.equal(ct.counts.reduce((a, b) => a + b, 0), 2000);
    assert.ok(ct.outlierQuantiles!.every((q) => q === -1 || (q > 0 && q <= 1)));
    const mito = (await source.loadObsField('pct_mito')) as ContinuousFieldData;
    const missing = mito.values.filter((v) => Number.isNaN(v)).length;
    assert.ok(missing > 40 && missing < 200, `about 5% missing, got ${missing}`);
    const gene = await source.loadGene('GENE_000');
    assert.ok(gene.max > gene.min);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same seed writes identical bytes; another seed does not', () => {
  const a = generate(11);
  const b = generate(11);
  const c = generate(12);
  try {
    const files = readdirSync(path.join(a.out, 'obs'));
    for (const f of ['points_3d.bin.gz', 'obs_manifest.json', ...files.map((x) => `obs/${x}`)]) {
      assert.deepEqual(readFileSync(path.join(a.out, f)), readFileSync(path.join(b.out, f)), f);
    }
    assert.notDeepEqual(readFileSync(path.join(a.out, 'points_3d.bin.gz')), readFileSync(path.join(c.out, 'points_3d.bin.gz')));
  } finally {
    for (const g of [a, b, c]) rmSync(g.dir, { recursive: true, force: true });
  }
});

test('quantisation round-trips within one step and marks NaN as 255', () => {
  const values = new Float32Array([0.5, 1.5, 2.5, NaN, 1.0]);
  const { q, min, max } = quantize8(values);
  assert.equal(q[3], 255);
  const back = dequantize(q, 8, min, max);
  for (const i of [0, 1, 2, 4]) assert.ok(Math.abs(back[i] - values[i]) <= (max - min) / 254 + 1e-6);
});
