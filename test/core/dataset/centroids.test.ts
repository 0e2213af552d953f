// Centroids get the positions' normalisation (spec §2.2, §2.12): a label sits on its cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, type CategoricalFieldData } from '../../../src/core/dataset/index.js';
import { centroidsOf } from '../../../src/core/dataset/manifests.js';
import { normalizedCentroids } from '../../../src/core/dataset/centroids.js';
import { BASE, fsFetch } from './fs-fetch.js';

test('pads to xyz, then (p - center) * scale; a non-finite centroid has none', () => {
  const norm = { center: [1, 2, 0] as [number, number, number], scale: 0.5 };
  const out = normalizedCentroids(
    [
      { category: 'a', position: [3, 6], n_points: 1 },
      { category: 'b', position: [1], n_points: 1 },
      { category: '__proto__', position: [1, 2, 4], n_points: 1 },
      { category: 'bad', position: [NaN, 0], n_points: 1 },
    ],
    norm,
  );
  assert.deepEqual(
    [...out],
    [
      ['a', [1, 2, 0]],
      ['b', [0, -1, 0]],
      ['__proto__', [0, 0, 2]],
    ],
  );
});

test("the demo's centroids land among their category's normalised cells", async () => {
  const source = await loadDataset(`${BASE}cellucid-demo/synthetic-cell-types-2d/`, { fetch: fsFetch().fetch });
  assert.equal(source.normalization(2), undefined, 'known once the positions are loaded');
  const xyz = await source.loadPositions(2);
  const norm = source.normalization(2)!;
  assert.ok(norm.scale > 0);
  const info = source.dataset.obsFields.find((f) => f.key === 'cell_type')!;
  assert.ok(info.kind === 'category');
  const field = (await source.loadObsField('cell_type')) as CategoricalFieldData;
  const centroids = normalizedCentroids(centroidsOf(info)['2']!, norm);
  assert.equal(centroids.size, info.categories.length);
  info.categories.forEach((name, c) => {
    const mean = [0, 0, 0];
    let n = 0;
    for (let i = 0; i < field.codes.length; i++)
      if (field.codes[i] === c) {
        for (let k = 0; k < 3; k++) mean[k] += xyz[i * 3 + k];
        n++;
      }
    const at = centroids.get(name)!;
    for (let k = 0; k < 3; k++)
      assert.ok(Math.abs(at[k] - mean[k] / n) < 0.1, `${name}: ${at} vs ${mean.map((m) => m / n)}`);
  });
});
