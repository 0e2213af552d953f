// Every path a dataset names leads into its folder (a catalog's entries into the catalog's
// folder), judged on the URL the parser makes of it: tabs, newlines, spaces, backslashes, %2e,
// %2f, "//host" and schemes never take a request anywhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatasetError, loadDataset } from '../../../src/core/dataset/index.js';
import type { ExportFolderSource } from '../../../src/core/dataset/source.js';
import { inside } from '../../../src/core/dataset/validate.js';
import { loadVectors } from '../../../src/core/dataset/vectors.js';
import { BASE, fsFetch, SHARED_DATASETS } from './fs-fetch.js';

const DEMO = path.join(SHARED_DATASETS, 'cellucid-demo/synthetic-cell-types-2d');
const json = (file: string) => JSON.parse(readFileSync(path.join(DEMO, file), 'utf8'));

/**
 * http://data/cat/datasets.json is `catalog`; http://data/cat/<anything>/ and http://data/ds/ are
 * the 2-D demo dataset with `overrides` (file → JSON value). Every other URL answers 200 with a
 * real points file, as a server an attacker controls would, and is recorded as a stray request.
 */
function server(overrides: Record<string, unknown> = {}, catalog?: unknown) {
  const stray: string[] = [];
  const impl = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    const m = /^\/(?:ds|cat\/[^/]+)\/(.+)$/.exec(url.pathname);
    if (url.host === 'data' && url.pathname === '/cat/datasets.json') return new Response(JSON.stringify(catalog));
    if (url.host !== 'data' || !m) {
      stray.push(url.href);
      return new Response(readFileSync(path.join(DEMO, 'points_2d.bin.gz')));
    }
    const file = decodeURIComponent(m[1]);
    if (file in overrides) return new Response(JSON.stringify(overrides[file]));
    try {
      return new Response(readFileSync(path.join(DEMO, file)));
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
  return { fetch: impl as typeof fetch, stray };
}

const HOSTILE = [
  '\t//evil.example/ds/',
  ' //evil.example/ds/',
  '\n//evil.example/ds/',
  '//evil.example/ds/',
  '\\\\evil.example\\ds\\',
  'http://evil.example/ds/',
  'java\tscript:alert(1)//',
  '%2e%2e/%2e%2e/outside/',
  '.%2E/outside/',
  'sub/..%2f..%2foutside/',
  'sub%5c..%5c..%5coutside/',
  '/elsewhere/',
  '..\\outside\\',
];

test('a catalog entry whose path leaves the catalog folder is refused, and nothing else is fetched', async () => {
  for (const hostile of HOSTILE) {
    const s = server({}, { version: 1, datasets: [{ id: 'synthetic-cell-types-2d', path: hostile }] });
    await assert.rejects(
      loadDataset('http://data/cat/datasets.json', { fetch: s.fetch }),
      (e: unknown) =>
        e instanceof DatasetError &&
        e.file === 'datasets.json' &&
        /datasets\[0\]\.path .* leads outside the catalog's folder; refused/.test(e.message),
      JSON.stringify(hostile),
    );
    assert.deepEqual(s.stray, [], JSON.stringify(hostile));
  }
});

test('catalog paths that stay inside still load, however they are written', async () => {
  for (const fine of [
    'synthetic-cell-types-2d/',
    './synthetic-cell-types-2d',
    ' synthetic-cell-types-2d/\n',
    'a/../b/',
  ]) {
    const s = server({}, { version: 1, datasets: [{ id: 'synthetic-cell-types-2d', path: fine }] });
    const source = await loadDataset('http://data/cat/datasets.json', { fetch: s.fetch });
    assert.equal((await source.loadPositions(2)).length, 72 * 3, JSON.stringify(fine));
    assert.deepEqual(s.stray, []);
  }
});

test('identity, manifest and connectivity paths leaving the folder fail the load, naming the file', async () => {
  const identity = json('dataset_identity.json');
  const obs = json('obs_manifest.json');
  const vars = json('var_manifest.json');
  const conn = json('connectivity_manifest.json');
  const cases: Array<[string, (p: string) => Record<string, unknown>]> = [
    [
      'dataset_identity.json',
      (p) => ({
        'dataset_identity.json': { ...identity, embeddings: { ...identity.embeddings, files: { '2d': p } } },
      }),
    ],
    [
      'obs_manifest.json',
      (p) => ({
        'obs_manifest.json': {
          ...obs,
          _obsSchemas: {
            ...obs._obsSchemas,
            continuous: { ...obs._obsSchemas.continuous, pathPattern: `${p}{index}` },
          },
        },
      }),
    ],
    [
      'var_manifest.json',
      (p) => ({ 'var_manifest.json': { ...vars, _varSchema: { ...vars._varSchema, pathPattern: `${p}{index}` } } }),
    ],
    ['connectivity_manifest.json', (p) => ({ 'connectivity_manifest.json': { ...conn, sourcesPath: p } })],
  ];
  for (const [file, override] of cases)
    for (const hostile of HOSTILE) {
      const s = server(override(hostile));
      await assert.rejects(
        loadDataset('http://data/ds/', { fetch: s.fetch }),
        (e: unknown) =>
          e instanceof DatasetError && e.file === file && /leads outside the dataset folder; refused/.test(e.message),
        `${file} ${JSON.stringify(hostile)}`,
      );
      assert.deepEqual(s.stray, [], `${file} ${JSON.stringify(hostile)}`);
    }
});

test('paths are compared as URLs: scheme, host, credentials and the folder on a segment boundary', () => {
  const folder = 'http://data/ds/';
  assert.equal(inside(folder, 'obs/0.values.u8.gz'), 'http://data/ds/obs/0.values.u8.gz');
  assert.equal(inside(folder, 'obs/../points_2d.bin.gz'), 'http://data/ds/points_2d.bin.gz');
  assert.equal(inside(folder, '../ds-other/x.bin'), null, 'a sibling folder sharing a prefix');
  assert.equal(inside(folder, 'https://data/ds/x.bin'), null);
  assert.equal(inside(folder, 'http://user@data/ds/x.bin'), null);
  assert.equal(inside(folder, 'http://data:8080/ds/x.bin'), null);
  assert.equal(inside(folder, 'http://[::1'), null, 'unparseable');
  assert.equal(inside('file:///srv/ds/', 'obs/1.values.u8'), 'file:///srv/ds/obs/1.values.u8');
  assert.equal(inside('file:///srv/ds/', '../x'), null);
});

test('vector field files are checked the same way when they are asked for', async () => {
  const three = path.join(SHARED_DATASETS, 'cellucid-demo/synthetic-development-3d');
  const identity = JSON.parse(readFileSync(path.join(three, 'dataset_identity.json'), 'utf8'));
  for (const hostile of HOSTILE) {
    identity.vector_fields.fields.velocity_umap.files['3d'] = hostile;
    const fs = fsFetch(undefined, {
      'cellucid-demo/synthetic-development-3d/dataset_identity.json': JSON.stringify(identity),
    });
    const source = await loadDataset(`${BASE}cellucid-demo/synthetic-development-3d/`, { fetch: fs.fetch });
    await assert.rejects(
      loadVectors(source as ExportFolderSource, 'velocity_umap', 3),
      /dataset_identity\.json: vector_fields\.fields\["velocity_umap"\]\.files\["3d"\] .* leads outside/,
      JSON.stringify(hostile),
    );
    assert.ok(!fs.requested.some((r) => r.includes('evil') || r.includes('outside')), JSON.stringify(hostile));
  }
});
