// The loader test vectors T1–T10 of the export format, on the fixture export folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  loadDataset,
  safeKey,
  dequantize,
  decodePayload,
  DatasetError,
  type CategoricalFieldData,
  type ContinuousFieldData,
} from '../../../src/core/dataset/index.js';
import type { ExportFolderSource } from '../../../src/core/dataset/source.js';
import { loadVectors, vectorFields } from '../../../src/core/dataset/vectors.js';
import { centroidsOf } from '../../../src/core/dataset/manifests.js';
import { BASE, f32, fsFetch, SHARED_DATASETS } from './fs-fetch.js';

const DEMO = `${BASE}cellucid-demo/`;
const read = (rel: string) => readFileSync(path.join(SHARED_DATASETS, rel));
const json = (rel: string) => JSON.parse(read(rel).toString('utf8'));

test('T1: catalog default, entries, identity cross-checks', async () => {
  const fs = fsFetch();
  const source = await loadDataset(DEMO, { fetch: fs.fetch });
  const ds = source.dataset;
  assert.equal(ds.identity.id, 'synthetic-cell-types-2d');
  assert.equal(ds.catalogEntryId, 'synthetic-cell-types-2d');
  assert.deepEqual(ds.dimensions, [2]);
  assert.deepEqual(ds.identity.embeddings.files, { '2d': 'points_2d.bin.gz' });
  assert.deepEqual(ds.identity.stats, {
    n_cells: 72,
    n_genes: 8,
    n_obs_fields: 4,
    n_categorical_fields: 2,
    n_continuous_fields: 2,
    has_connectivity: true,
    n_edges: 144,
  });
  assert.deepEqual(
    ds.obsFields.map((f) => f.key),
    ['quality_score', 'library_size', 'cell_type', 'batch'],
  );
  for (const [id, cells, genes] of [
    ['synthetic-development-3d', 96, 10],
    ['synthetic-trajectory-1d', 48, 6],
  ] as const) {
    const s = await loadDataset(DEMO, { fetch: fs.fetch, dataset: id });
    assert.equal(s.dataset.cellCount, cells);
    assert.equal(s.dataset.varCount, genes);
  }
  assert.ok(!fs.requested.some((r) => r.includes('/var/')), 'no gene payload is fetched before a gene is chosen');
});

test('T1 negative: a wrong identity id or n_points fails the load', async () => {
  const identity = json('cellucid-demo/synthetic-cell-types-2d/dataset_identity.json');
  const badId = fsFetch(undefined, {
    'cellucid-demo/synthetic-cell-types-2d/dataset_identity.json': JSON.stringify({ ...identity, id: 'other' }),
  });
  await assert.rejects(
    loadDataset(DEMO, { fetch: badId.fetch }),
    /id is "other" but the catalog entry is "synthetic-cell-types-2d"/,
  );
  const obs = json('cellucid-demo/synthetic-cell-types-2d/obs_manifest.json');
  const bad = fsFetch(undefined, {
    'cellucid-demo/synthetic-cell-types-2d/obs_manifest.json': JSON.stringify({ ...obs, n_points: 71 }),
  });
  await assert.rejects(loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: bad.fetch }), (err: unknown) => {
    assert.ok(err instanceof DatasetError);
    assert.match(err.message, /obs_manifest\.json: n_points is 71 but the dataset has 72/);
    return true;
  });
  const unknown = fsFetch();
  await assert.rejects(
    loadDataset(DEMO, { fetch: unknown.fetch, dataset: 'nope' }),
    /datasets\.json: has no dataset "nope"/,
  );
  await assert.rejects(loadDataset(`${BASE}missing/`, { fetch: unknown.fetch }), /dataset_identity\.json: not found/);
});

test('T2: 2-D points, identity normalisation, padded to xyz', async () => {
  const s = await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: fsFetch().fetch });
  const p = await s.loadPositions(2);
  assert.equal(p.length, 72 * 3);
  assert.deepEqual(
    Array.from(p.slice(0, 9)),
    f32([
      -1.0, -0.7863481640815735, 0, -0.9317405819892883, -0.7863481640815735, 0, -0.8634812235832214,
      -0.7863481640815735, 0,
    ]),
  );
  const gz = read('cellucid-demo/synthetic-cell-types-2d/points_2d.bin.gz');
  assert.deepEqual([gz[0], gz[1], gz[2]], [0x1f, 0x8b, 0x08]);
  assert.equal(gz.readUInt32LE(gz.length - 4), 576);
});

test('T2 negative: truncated gzip or a wrong ISIZE is rejected', async () => {
  const file = 'cellucid-demo/synthetic-cell-types-2d/points_2d.bin.gz';
  const gz = new Uint8Array(read(file));
  const truncated = fsFetch(undefined, { [file]: gz.slice(0, gz.length - 10) });
  await assert.rejects(
    (await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: truncated.fetch })).loadPositions(2),
    /points_2d\.bin\.gz/,
  );
  const wrong = gz.slice();
  wrong[wrong.length - 4] = 0x41; // ISIZE 577
  const badSize = fsFetch(undefined, { [file]: wrong });
  await assert.rejects(
    (await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: badSize.fetch })).loadPositions(2),
    /points_2d\.bin\.gz: gzip data is corrupt/,
  );
});

test('a payload larger than its manifest implies is refused before it is allocated or read in full', async () => {
  const file = 'cellucid-demo/synthetic-cell-types-2d/points_2d.bin.gz';
  const fs = fsFetch();
  let pulled = 0;
  const lying = (respond: () => Response) =>
    (async (input: RequestInfo | URL) => (String(input).endsWith(file) ? respond() : fs.fetch(input))) as typeof fetch;
  // 72 cells × 2 × 4 bytes = 576 decoded; with gzip's worst case and a header, at most 1,601 bytes.
  const declared = lying(() => new Response(new Uint8Array(10), { headers: { 'content-length': '400000000' } }));
  await assert.rejects(
    (await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: declared })).loadPositions(2),
    /points_2d\.bin\.gz: is 400000000 bytes, more than the limit of 1601/,
  );
  const endless = lying(
    () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            pulled++;
            controller.enqueue(new Uint8Array(1024));
          },
        }),
      ),
  );
  await assert.rejects(
    (await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: endless })).loadPositions(2),
    /points_2d\.bin\.gz: is larger than the limit of 1601 bytes/,
  );
  assert.ok(pulled <= 4, `${pulled} chunks read`);
});

test('T3: 1-D and 3-D points, vector fields', async () => {
  const fs = fsFetch();
  const one = await loadDataset(`${DEMO}synthetic-trajectory-1d/`, { fetch: fs.fetch });
  const p1 = await one.loadPositions(1);
  assert.deepEqual(Array.from(p1.slice(0, 9)), f32([-1.0, 0, 0, -0.9459601044654846, 0, 0, -0.8919201493263245, 0, 0]));
  const three = await loadDataset(`${DEMO}synthetic-development-3d/`, { fetch: fs.fetch });
  const p3 = await three.loadPositions(3);
  assert.deepEqual(
    Array.from(p3.slice(0, 6)),
    f32([
      -0.8928571343421936, -0.1607142984867096, -1.0, -0.8548632264137268, -0.17439210414886475, -0.9210697412490845,
    ]),
  );
  const v = await loadVectors(three as ExportFolderSource, 'velocity_umap', 3);
  assert.deepEqual(Array.from(v.slice(0, 3)), f32([0.0446428582072258, -0.01607142761349678, 0.04732142761349678]));
  const [field] = vectorFields(one.dataset).keys();
  const v1 = await loadVectors(one as ExportFolderSource, field, 1);
  assert.deepEqual([v1[0], v1[3], v1[6]], f32([0.06871166080236435, 0.0706748440861702, 0.07263804227113724]));
});

test('T4: index-based continuous fields dequantise exactly', async () => {
  const s = await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: fsFetch().fetch });
  const q = s.dataset.obsFields.find((f) => f.key === 'quality_score')!;
  assert.equal(q.kind === 'continuous' && q.valuesPath, 'obs/2.values.u8.gz');
  const qs = (await s.loadObsField('quality_score')) as ContinuousFieldData;
  assert.deepEqual(
    Array.from(qs.values.slice(0, 5)),
    f32([0.7200000286102295, 0.7395275831222534, 0.7596850395202637, 0.7798425555229187, 0.800000011920929]),
  );
  const lib = (await s.loadObsField('library_size')) as ContinuousFieldData;
  assert.deepEqual(
    Array.from(lib.values.slice(0, 5)),
    f32([900.0, 934.8621826171875, 969.72442626953125, 1004.5866088867188, 1039.4488525390625]),
  );
  const one = await loadDataset(`${DEMO}synthetic-trajectory-1d/`, { fetch: fsFetch().fetch });
  const ta = (await one.loadObsField('transcriptional_activity')) as ContinuousFieldData;
  assert.deepEqual(
    Array.from(ta.values.slice(0, 5)),
    f32([0.25, 0.2946194112300873, 0.3418635129928589, 0.2867453992366791, 0.3339895009994507]),
  );
});

test('T5: categorical codes, counts and centroids', async () => {
  const s = await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: fsFetch().fetch });
  const info = s.dataset.obsFields.find((f) => f.key === 'cell_type')!;
  assert.equal(info.kind === 'category' && info.codesPath, 'obs/0.codes.u8.gz');
  assert.equal(info.kind === 'category' && centroidsOf(info)['2']![0].n_points, 23);
  const ct = (await s.loadObsField('cell_type')) as CategoricalFieldData;
  assert.deepEqual(Array.from(ct.codes.slice(0, 10)), new Array(10).fill(0));
  assert.deepEqual(Array.from(ct.counts), [24, 24, 24]);
  const batch = (await s.loadObsField('batch')) as CategoricalFieldData;
  assert.deepEqual(Array.from(batch.codes.slice(0, 10)), [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
  const three = await loadDataset(`${DEMO}synthetic-development-3d/`, { fetch: fsFetch().fetch });
  assert.deepEqual(Array.from(((await three.loadObsField('lineage')) as CategoricalFieldData).counts), [48, 48]);
  assert.deepEqual(
    Array.from(((await three.loadObsField('timepoint')) as CategoricalFieldData).counts),
    [24, 24, 24, 24],
  );
  assert.deepEqual(
    Array.from(((await three.loadObsField('condition')) as CategoricalFieldData).codes.slice(0, 10)),
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
  );
  const one = await loadDataset(`${DEMO}synthetic-trajectory-1d/`, { fetch: fsFetch().fetch });
  assert.ok(Array.from(((await one.loadObsField('stage')) as CategoricalFieldData).counts).every((c) => c === 12));
});

test('T6: outlier quantiles', async () => {
  const s = await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: fsFetch().fetch });
  const ct = (await s.loadObsField('cell_type')) as CategoricalFieldData;
  assert.deepEqual(
    Array.from(ct.outlierQuantiles!.slice(0, 5)),
    f32([0.9132217764854431, 0.7472112774848938, 0.41519027948379517, 0.4981955289840698, 0.8302165269851685]),
  );
  const hidden = (t: number) => Array.from(ct.outlierQuantiles!).flatMap((q, i) => (q >= 0 && q > t ? [i] : []));
  assert.deepEqual(hidden(0.95), [5, 23, 29, 47, 48, 53, 66, 71]);
  assert.equal(hidden(0.9).length, 11);
  assert.equal(hidden(0.75).length, 20);
  assert.equal(hidden(0.5).length, 36);
});

test('T7: genes load lazily and dequantise exactly', async () => {
  const fs = fsFetch();
  const s = await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: fs.fetch });
  assert.equal(s.dataset.genes.length, 8);
  assert.equal(s.dataset.genes[0].valuesPath, 'var/0.values.u8.gz');
  assert.ok(!fs.requested.some((r) => r.includes('/var/')));
  const a = await s.loadGene('SYN_MARKER_A');
  assert.deepEqual(
    Array.from(a.values.slice(0, 5)),
    f32([7.978592872619629, 8.008038520812988, 8.037484169006348, 8.037484169006348, 8.066929817199707]),
  );
  assert.deepEqual(
    fs.requested.filter((r) => r.includes('/var/')),
    ['cellucid-demo/synthetic-cell-types-2d/var/0.values.u8.gz'],
  );
  const b = await s.loadGene('SYN_MARKER_B');
  assert.deepEqual(
    Array.from(b.values.slice(0, 5)),
    f32([1.0, 1.0, 1.0294455289840698, 1.0588910579681396, 1.0588910579681396]),
  );
  const three = await loadDataset(`${DEMO}synthetic-development-3d/`, { fetch: fs.fetch });
  const prog = await three.loadGene('SYN_PROGENITOR');
  assert.deepEqual(
    Array.from(prog.values.slice(0, 5)),
    f32([7.0, 6.834645748138428, 6.696850299835205, 6.531496047973633, 6.39370059967041]),
  );
  await s.loadGene('SYN_MARKER_A');
  assert.equal(
    fs.requested.filter((r) => r === 'cellucid-demo/synthetic-cell-types-2d/var/0.values.u8.gz').length,
    1,
    'a loaded gene is cached',
  );
});

test('T8: weighted connectivity', async () => {
  const s = await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: fsFetch().fetch });
  const e = (await s.loadEdges())!;
  const triples = (n: number) => Array.from({ length: n }, (_, i) => [e.sources[i], e.destinations[i], e.weights[i]]);
  assert.deepEqual(triples(5), [
    [0, 1, 1],
    [0, 5, 1],
    [0, 6, 0.5],
    [0, 18, 0.5],
    [1, 2, 1],
  ]);
  const three = await loadDataset(`${DEMO}synthetic-development-3d/`, { fetch: fsFetch().fetch });
  const e3 = (await three.loadEdges())!;
  assert.equal(e3.sources.length, 187);
  assert.deepEqual([e3.destinations[2], e3.weights[2]], [48, 0.25]);
});

test('T9: the key-based folder decodes bit-identically to the index-based one', async () => {
  const fs = fsFetch();
  const key = await loadDataset(`${BASE}synthetic-cell-types-2d-keybased/`, { fetch: fs.fetch });
  const idx = await loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: fs.fetch });
  const paths = key.dataset.obsFields.map((f) => (f.kind === 'continuous' ? f.valuesPath : f.codesPath));
  assert.ok(paths.includes('obs/quality_score.values.u8.gz'));
  assert.ok(paths.includes('obs/cell_type.codes.u8.gz'));
  assert.equal(key.dataset.genes[0].valuesPath, 'var/SYN_MARKER_A.values.u8.gz');
  assert.deepEqual(await key.loadPositions(2), await idx.loadPositions(2));
  for (const f of idx.dataset.obsFields)
    assert.deepEqual(await key.loadObsField(f.key), await idx.loadObsField(f.key), f.key);
  for (const g of idx.dataset.genes) assert.deepEqual(await key.loadGene(g.key), await idx.loadGene(g.key), g.key);
  const edges = (await key.loadEdges())!;
  assert.ok(Array.from(edges.weights).every((w) => w === 1));
  for (const [input, out] of [
    ['pct mito', 'pct_mito'],
    ['% mito', 'mito'],
    ['HLA-DRB1/2', 'HLA-DRB1_2'],
    ['leiden (res=1.0)', 'leiden_res_1.0'],
    ['细胞', 'field'],
  ]) {
    assert.equal(safeKey(input), out);
  }
});

test('T9 negative: a manifest mixing {key} and {index} is rejected', async () => {
  const obs = json('cellucid-demo/synthetic-cell-types-2d/obs_manifest.json');
  obs._obsSchemas.categorical.codesPathPattern = 'obs/{key}.codes.{ext}.gz';
  const fs = fsFetch(undefined, { 'cellucid-demo/synthetic-cell-types-2d/obs_manifest.json': JSON.stringify(obs) });
  await assert.rejects(
    loadDataset(`${DEMO}synthetic-cell-types-2d/`, { fetch: fs.fetch }),
    /path patterns must all hold \{index\}, or all hold \{key\}, not both/,
  );
});

test('T10: quantisation edge cases', () => {
  const u8 = dequantize(new Uint8Array([0, 127, 254, 255]), 8, 0.5, 2.5);
  assert.deepEqual(Array.from(u8.slice(0, 3)), [0.5, 1.5, 2.5]);
  assert.ok(Number.isNaN(u8[3]));
  const u16 = dequantize(new Uint16Array([65534, 65535, 32767]), 16, 0, 1);
  assert.equal(u16[0], 1);
  assert.ok(Number.isNaN(u16[1]));
  assert.equal(u16[2], Math.fround(32767 / 65534));
  assert.deepEqual(Array.from(dequantize(new Uint8Array([0, 10, 254]), 8, 3, 3)), [3, 3, 3]);
  assert.equal(dequantize(new Uint8Array([0]), 8, 3, 4)[0], 3);
});

test('T10: codes, markers and containers', async () => {
  const codes = await decodePayload({
    kind: 'codes',
    dtype: 'uint8',
    categoryCount: 3,
    count: 3,
    file: 'c',
    gz: false,
    bytes: new Uint8Array([0, 255, 2]).buffer,
  });
  assert.ok(codes.ok && codes.kind === 'codes');
  assert.deepEqual(Array.from(codes.codes), [0, 65535, 2]);
  const invalid = await decodePayload({
    kind: 'codes',
    dtype: 'uint8',
    categoryCount: 3,
    count: 2,
    file: 'c',
    gz: false,
    bytes: new Uint8Array([0, 3]).buffer,
  });
  assert.ok(!invalid.ok && /code 3 but the field has only 3 categories/.test(invalid.problem));
  const quantiles = await decodePayload({
    kind: 'values',
    dtype: 'uint8',
    bits: 8,
    min: 0,
    max: 1,
    missing: -1,
    count: 2,
    file: 'o',
    gz: false,
    bytes: new Uint8Array([255, 254]).buffer,
  });
  assert.ok(quantiles.ok && quantiles.kind === 'values');
  assert.deepEqual(Array.from(quantiles.values), [-1, 1]);
  // A .gz payload a server already inflated is accepted when its length is the expected one.
  const raw = new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer);
  const inflated = await decodePayload({
    kind: 'values',
    dtype: 'float32',
    count: 4,
    file: 'x.gz',
    gz: true,
    bytes: raw.slice().buffer,
  });
  assert.ok(inflated.ok && inflated.kind === 'values');
  assert.deepEqual(Array.from(inflated.values), [1, 2, 3, 4]);
  const short = await decodePayload({
    kind: 'values',
    dtype: 'float32',
    count: 5,
    file: 'x.gz',
    gz: true,
    bytes: raw.slice().buffer,
  });
  assert.ok(!short.ok);
  const gz = gzipSync(raw);
  const ok = await decodePayload({
    kind: 'values',
    dtype: 'float32',
    count: 4,
    file: 'x.gz',
    gz: true,
    bytes: new Uint8Array(gz).buffer,
  });
  assert.ok(ok.ok);
  // A non-.gz path is never gunzipped.
  const notGz = await decodePayload({
    kind: 'values',
    dtype: 'float32',
    count: 4,
    file: 'x',
    gz: false,
    bytes: new Uint8Array(gz).buffer,
  });
  assert.ok(!notGz.ok);
  const n = 70000;
  const idx = new Uint32Array([0, 69999]);
  const wide = await decodePayload({
    kind: 'indices',
    indexBytes: 4,
    bound: n,
    count: 2,
    file: 'e',
    gz: false,
    bytes: idx.slice().buffer,
  });
  assert.ok(wide.ok && wide.kind === 'indices');
  assert.deepEqual(Array.from(wide.indices), [0, 69999]);
});
