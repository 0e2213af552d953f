// Export folders as the Cellucid exporters write them: identity and manifest inventories in
// different orders, both compact_v1 variants, gzip or plain, 8-bit, 16-bit or float32, and
// folders without dataset_identity.json. Each decodes to the values its writer put in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeSyntheticExport } from '../../../scripts/lib/synthetic-export.mjs';
import {
  DatasetError,
  loadDataset,
  type CategoricalFieldData,
  type ContinuousFieldData,
} from '../../../src/core/dataset/index.js';
import { appFieldIndex } from '../../../src/core/dataset/field-order.js';
import { centroidsOf } from '../../../src/core/dataset/manifests.js';
import { BASE, f32, fsFetch, SHARED_DATASETS } from './fs-fetch.js';

const MIXED = 'prepared-mixed-3k/';
const mixedFile = (rel: string) => readFileSync(path.join(SHARED_DATASETS, MIXED, rel));
const mixedJson = (rel: string) => JSON.parse(mixedFile(rel).toString('utf8'));

test('prepared-mixed-3k: identity fields in column order, manifest fields continuous first; it loads', async () => {
  const identity = mixedJson('dataset_identity.json');
  assert.deepEqual(
    identity.obs_fields.map((f: { key: string }) => f.key),
    ['cell type', 'total_counts', 'phase', 'pct_counts_mt', 'donor'],
  );
  const source = await loadDataset(`${BASE}${MIXED}`, { fetch: fsFetch().fetch });
  const ds = source.dataset;
  assert.equal(ds.identity.id, 'prepared-mixed-3k');
  assert.deepEqual([ds.cellCount, ds.varCount, ds.dimensions, ds.defaultDimension], [3000, 20, [2, 3], 3]);
  // The app's order, which the menus show and sessions record.
  assert.deepEqual(
    ds.obsFields.map((f) => `${f.kind}:${f.key}`),
    ['continuous:total_counts', 'continuous:pct_counts_mt', 'category:cell type', 'category:phase', 'category:donor'],
  );
  assert.deepEqual(
    ds.obsFields.map((f) => appFieldIndex(ds, 'obs', f.key)),
    [0, 1, 2, 3, 4],
  );
  assert.equal(appFieldIndex(ds, 'obs', 'my field', ['other', 'my field']), 6);
  assert.equal(appFieldIndex(ds, 'var', 'CD14'), 8);
  assert.equal(appFieldIndex(ds, 'obs', 'nope'), -1);
});

test('prepared-mixed-3k: every payload decodes as the export says', async () => {
  const source = await loadDataset(`${BASE}${MIXED}`, { fetch: fsFetch().fetch });
  const ds = source.dataset;
  const raw = (rel: string) => new Uint8Array(gunzipSync(mixedFile(rel)));
  const obs = mixedJson('obs_manifest.json');
  // Continuous fields: q → Float32(min + q · ((max − min) / 254)), 255 → NaN.
  for (const [key, min, max] of obs._continuousFields as [string, number, number][]) {
    const field = (await source.loadObsField(key)) as ContinuousFieldData;
    const q = raw(`obs/${key}.values.u8.gz`);
    const step = (max - min) / 254;
    assert.deepEqual(Array.from(field.values), f32(Array.from(q, (v) => (v === 255 ? NaN : min + v * step))), key);
    assert.ok(field.min >= Math.fround(min) && field.max <= Math.fround(max) && field.min < field.max, key);
  }
  const mito = (await source.loadObsField('pct_counts_mt')) as ContinuousFieldData;
  assert.equal(mito.values.filter((v) => Number.isNaN(v)).length, 37);
  // Categorical fields: codes as written ("cell type" is stored under its safe key cell_type), counts, outliers.
  const expectedCounts: Record<string, number[]> = {
    'cell type': [335, 322, 363, 346, 314, 300, 326, 362, 332],
    phase: [1000, 1019, 981],
    donor: [1506, 1494],
  };
  for (const t of obs._categoricalFields) {
    const [key, categories, , , centroids, oMin, oMax] = t;
    const safe = key.replace(' ', '_');
    const field = (await source.loadObsField(key)) as CategoricalFieldData;
    assert.deepEqual(field.categories, categories);
    assert.deepEqual(Array.from(field.codes), Array.from(raw(`obs/${safe}.codes.u8.gz`)), key);
    assert.deepEqual(Array.from(field.counts), expectedCounts[key], key);
    const oq = raw(`obs/${safe}.outliers.u8.gz`);
    assert.deepEqual(
      Array.from(field.outlierQuantiles!),
      f32(Array.from(oq, (v) => (v === 255 ? -1 : oMin + v * ((oMax - oMin) / 254)))),
    );
    const info = ds.obsFields.find((f) => f.key === key)!;
    assert.deepEqual(info.kind === 'category' && centroidsOf(info), centroids);
    for (const c of centroids['2'])
      assert.ok(c.n_points <= field.counts[categories.indexOf(c.category)], `${key} ${c.category}`);
  }
  // Points: the exporter normalised them already, so the app's normalisation changes nothing.
  for (const d of [2, 3] as const) {
    const p = await source.loadPositions(d);
    const file = new Float32Array(raw(`points_${d}d.bin.gz`).buffer);
    for (let i = 0; i < 3000; i++) for (let k = 0; k < 3; k++) assert.equal(p[i * 3 + k], k < d ? file[i * d + k] : 0);
  }
  // Genes and the kNN graph.
  const vars = mixedJson('var_manifest.json');
  const [key, gMin, gMax] = vars.fields[7];
  const gene = await source.loadGene(key);
  assert.deepEqual(
    Array.from(gene.values),
    f32(Array.from(raw(`var/${key}.values.u8.gz`), (v) => (v === 255 ? NaN : gMin + v * ((gMax - gMin) / 254)))),
  );
  const edges = (await source.loadEdges())!;
  assert.equal(edges.sources.length, 11598);
  const degree = new Uint32Array(3000);
  for (let e = 0; e < edges.sources.length; e++) {
    degree[edges.sources[e]]++;
    degree[edges.destinations[e]]++;
  }
  assert.equal(Math.max(...degree), mixedJson('connectivity_manifest.json').max_neighbors);
  assert.ok(
    edges.weights.every((w) => w === 1),
    'no weights file: unweighted',
  );
});

/** A copy of prepared-mixed-3k whose identity or manifest was edited. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits of untyped JSON
type Edit = (json: any) => void;

async function loadEdited(edit: { identity?: Edit; obs?: Edit }) {
  const overrides: Record<string, string> = {};
  for (const [file, change] of [
    ['dataset_identity.json', edit.identity],
    ['obs_manifest.json', edit.obs],
  ] as const) {
    if (!change) continue;
    const j = mixedJson(file);
    change(j);
    overrides[`${MIXED}${file}`] = JSON.stringify(j);
  }
  return loadDataset(`${BASE}${MIXED}`, { fetch: fsFetch(undefined, overrides).fetch });
}

test('a real disagreement between identity and manifest is still a clear error', async () => {
  const cases: Array<[string, Parameters<typeof loadEdited>[0], RegExp]> = [
    [
      'a field only the identity lists',
      {
        identity: (j) => {
          j.obs_fields.push({ key: 'batch', kind: 'continuous' });
          j.stats.n_obs_fields++;
          j.stats.n_continuous_fields++;
        },
      },
      /obs_manifest\.json: cell field "batch" is missing here but continuous in dataset_identity\.json/,
    ],
    [
      'a field only the manifest lists',
      { obs: (j) => j._continuousFields.push(['extra', 0, 1]) },
      /obs_manifest\.json: cell field "extra" is continuous here but missing in dataset_identity\.json/,
    ],
    [
      'a kind that differs',
      {
        identity: (j) => {
          j.obs_fields[1].kind = 'category';
          j.obs_fields[1].n_categories = 3;
          j.stats.n_categorical_fields++;
          j.stats.n_continuous_fields--;
        },
      },
      /cell field "total_counts" is continuous here but category \(3\) in dataset_identity\.json/,
    ],
    [
      'a category count that differs',
      { identity: (j) => (j.obs_fields[2].n_categories = 4) },
      /cell field "phase" is category \(3\) here but category \(4\) in dataset_identity\.json/,
    ],
    [
      'a field listed twice',
      { obs: (j) => j._continuousFields.push(j._continuousFields[0]) },
      /obs_manifest\.json: lists a cell field twice/,
    ],
  ];
  for (const [label, edit, message] of cases)
    await assert.rejects(loadEdited(edit), (e: unknown) => e instanceof DatasetError && message.test(e.message), label);
});

test('every combination of layout, compression and encoding loads and decodes to the values written', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cellucid-formats-'));
  try {
    for (const layout of ['index', 'key'] as const)
      for (const gzip of [true, false])
        for (const bits of [8, 16, null] as const)
          for (const identity of ['manifest', 'columns', null] as const) {
            const name = `${layout}-${gzip ? 'gz' : 'plain'}-${bits ?? 'f32'}-${identity ?? 'none'}`;
            const written = writeSyntheticExport({
              cells: 240,
              genes: 2,
              dims: [2, 3],
              neighbors: 3,
              seed: 9,
              out: path.join(dir, name),
              format: { layout, gzip, bits, identity },
            });
            const fs = fsFetch(dir);
            const source = await loadDataset(`${BASE}${name}/`, { fetch: fs.fetch });
            const ds = source.dataset;
            assert.equal(ds.identity.id, name, name);
            assert.deepEqual(ds.dimensions, [2, 3], name);
            const before = fs.requested.length;
            const p = await source.loadPositions(2);
            for (let i = 0; i < 240; i++) assert.equal(p[i * 3], written.embeddings[2][i * 2], `${name} x ${i}`);
            for (const f of ds.obsFields) {
              const data = await source.loadObsField(f.key);
              const original = written.obs[f.key];
              if (data.kind === 'category') assert.deepEqual(Array.from(data.codes), Array.from(original), name);
              else assertClose(data.values, original, bits, `${name} ${f.key}`);
            }
            for (const [g, gene] of ds.genes.entries())
              assertClose((await source.loadGene(gene.key)).values, written.geneValues[g], bits, `${name} ${gene.key}`);
            const edges = (await source.loadEdges())!;
            assert.equal(edges.sources.length, ds.identity.stats.n_edges, name);
            const payloads = fs.requested.slice(before);
            assert.ok(payloads.length > 10 && payloads.every((r) => r.endsWith('.gz') === gzip), name);
            assert.equal(
              edges.weights.some((w) => w < 1),
              layout === 'index',
              `${name}: weights only in index-based exports`,
            );
          }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Float32 values are exact; quantised ones within one step of the written value; NaN stays NaN. */
function assertClose(decoded: Float32Array, written: ArrayLike<number>, bits: number | null, label: string) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of Array.from(written)) if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
  const step = bits === null ? 0 : (max - min) / (bits === 8 ? 254 : 65534);
  for (let i = 0; i < decoded.length; i++) {
    const [d, w] = [decoded[i], written[i]];
    if (Number.isNaN(w)) assert.ok(Number.isNaN(d), `${label} cell ${i}`);
    else assert.ok(Math.abs(d - w) <= step * 1.0001 + Math.abs(w) * 1e-6, `${label} cell ${i}: ${d} vs ${w}`);
  }
}

test('an export without dataset_identity.json loads from its manifests, named after its folder', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cellucid-legacy-'));
  try {
    cpSync(path.join(SHARED_DATASETS, MIXED), path.join(dir, 'pbmc mixed'), { recursive: true });
    unlinkSync(path.join(dir, 'pbmc mixed/dataset_identity.json'));
    const fs = fsFetch(dir);
    const source = await loadDataset(`${BASE}pbmc%20mixed/`, { fetch: fs.fetch });
    const ds = source.dataset;
    assert.equal(ds.identity.id, 'pbmc mixed');
    assert.equal(ds.identity.name, 'pbmc mixed');
    assert.deepEqual([ds.cellCount, ds.varCount, ds.dimensions, ds.defaultDimension], [3000, 20, [2, 3], 3]);
    assert.deepEqual(ds.identity.embeddings.files, { '2d': 'points_2d.bin.gz', '3d': 'points_3d.bin.gz' });
    assert.equal(ds.connectivity!.nEdges, 11598);
    assert.equal(ds.obsFields.length, 5);
    const original = await loadDataset(`${BASE}${MIXED}`, { fetch: fsFetch().fetch });
    assert.deepEqual(await source.loadPositions(3), await original.loadPositions(3));
    assert.deepEqual(await source.loadObsField('cell type'), await original.loadObsField('cell type'));
    // Without var and connectivity manifests: no genes, no graph.
    unlinkSync(path.join(dir, 'pbmc mixed/var_manifest.json'));
    unlinkSync(path.join(dir, 'pbmc mixed/connectivity_manifest.json'));
    const bare = await loadDataset(`${BASE}pbmc%20mixed/`, { fetch: fsFetch(dir).fetch });
    assert.deepEqual([bare.dataset.varCount, bare.dataset.connectivity], [0, null]);
    // Nothing at all: the same message as before.
    await assert.rejects(
      loadDataset(`${BASE}nothing-here/`, { fetch: fsFetch(dir).fetch }),
      /dataset_identity\.json: not found at http:\/\/data\/nothing-here\//,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a catalog entry without dataset_identity.json takes the entry id', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cellucid-legacy-'));
  try {
    writeSyntheticExport({
      cells: 100,
      genes: 1,
      dims: [1],
      out: path.join(dir, 'exports/old'),
      format: { layout: 'key', identity: null },
    });
    const catalog = { version: 1, datasets: [{ id: 'old-export', path: 'old/', n_cells: 100 }] };
    const fs = fsFetch(dir, { 'exports/datasets.json': JSON.stringify(catalog) });
    const source = await loadDataset(`${BASE}exports/`, { fetch: fs.fetch });
    assert.equal(source.dataset.identity.id, 'old-export');
    assert.equal(source.dataset.catalogEntryId, 'old-export');
    assert.deepEqual(source.dataset.dimensions, [1]);
    assert.equal((await source.loadPositions(1)).length, 300);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
