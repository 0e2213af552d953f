// The project's own generator writes export folders the loader reads back exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticExport, quantize8 } from '../../../scripts/lib/synthetic-export.mjs';
import {
  loadDataset,
  dequantize,
  type CategoricalFieldData,
  type ContinuousFieldData,
} from '../../../src/core/dataset/index.js';
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
    assert.deepEqual(
      ds.obsFields.map((f) => `${f.kind}:${f.key}`),
      [
        'continuous:pseudotime',
        'continuous:n_counts',
        'continuous:pct_mito',
        'category:cell_type',
        'category:batch',
        'category:phase',
        'category:condition',
      ],
    );
    for (const d of [2, 3] as const) {
      const p = await source.loadPositions(d);
      assert.ok(p.every((v) => v >= -1.000001 && v <= 1.000001));
    }
    const ct = (await source.loadObsField('cell_type')) as CategoricalFieldData;
    assert.equal(
      ct.counts.reduce((a, b) => a + b, 0),
      2000,
    );
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
    assert.notDeepEqual(
      readFileSync(path.join(a.out, 'points_3d.bin.gz')),
      readFileSync(path.join(c.out, 'points_3d.bin.gz')),
    );
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

test(
  'with neighbors, a generated folder has a kNN connectivity graph the loader accepts, and the same ' + 'cells',
  async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cellucid-gen-'));
    try {
      writeSyntheticExport({ cells: 2000, genes: 2, dims: [3], out: path.join(dir, 'plain'), seed: 5 });
      writeSyntheticExport({ cells: 2000, genes: 2, dims: [3], out: path.join(dir, 'graph'), seed: 5, neighbors: 6 });
      const { fetch } = fsFetch(dir);
      const plain = await loadDataset(`${BASE}plain/`, { fetch });
      const graph = await loadDataset(`${BASE}graph/`, { fetch });
      assert.equal(plain.dataset.connectivity, null);
      assert.deepEqual(await graph.loadPositions(3), await plain.loadPositions(3));
      const edges = (await graph.loadEdges())!;
      assert.equal(edges.sources.length, graph.dataset.identity.stats.n_edges);
      const degree = new Uint32Array(2000);
      for (let e = 0; e < edges.sources.length; e++) {
        degree[edges.sources[e]]++;
        degree[edges.destinations[e]]++;
      }
      assert.ok(
        degree.every((d) => d >= 6),
        'every cell keeps its 6 nearest neighbours',
      );
      assert.ok(edges.weights.every((w) => w > 0 && w <= 1));
      // The nearest neighbour of cell 0 by brute force is one of its graph neighbours.
      const p = await graph.loadPositions(3);
      let best = -1;
      let bestD = Infinity;
      for (let j = 1; j < 2000; j++) {
        const d = Math.hypot(p[j * 3] - p[0], p[j * 3 + 1] - p[1], p[j * 3 + 2] - p[2]);
        if (d < bestD) [best, bestD] = [j, d];
      }
      const neighboursOf0 = [...edges.sources.keys()]
        .filter((e) => edges.sources[e] === 0)
        .map((e) => edges.destinations[e]);
      assert.ok(neighboursOf0.includes(best), `cell ${best} is cell 0's nearest`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
