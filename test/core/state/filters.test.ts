import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeVisibility, emptyFilters } from '../../../src/core/state/filters.js';
import { loadDataset, type FieldData } from '../../../src/core/dataset/index.js';
import { BASE, fsFetch } from '../dataset/fs-fetch.js';

async function twoD() {
  const source = await loadDataset(`${BASE}cellucid-demo/synthetic-cell-types-2d/`, { fetch: fsFetch().fetch });
  const fields = new Map<string, FieldData>();
  for (const f of source.dataset.obsFields) fields.set(`obs:${f.key}`, await source.loadObsField(f.key));
  return { n: source.dataset.cellCount, field: (ref: string) => fields.get(ref) };
}

const hiddenCount = (v: Uint8Array | null) => (v ? v.reduce((s, x) => s + (x ? 0 : 1), 0) : 0);

test('outlier threshold on the coloured categorical field: the T6 counts', async () => {
  const { n, field } = await twoD();
  const active = { source: 'obs' as const, key: 'cell_type' };
  for (const [t, hidden] of [
    [0.95, 8],
    [0.9, 11],
    [0.75, 20],
    [0.5, 36],
    [1.0, 0],
  ] as const) {
    const f = emptyFilters();
    f.outlierThreshold = t;
    const v = computeVisibility(n, f, active, field);
    assert.equal(hiddenCount(v), hidden, `threshold ${t}`);
    if (t === 0.95)
      assert.deepEqual(
        Array.from(v!).flatMap((x, i) => (x ? [] : [i])),
        [5, 23, 29, 47, 48, 53, 66, 71],
      );
  }
  const f = emptyFilters();
  f.outlierThreshold = 0.5;
  assert.equal(
    computeVisibility(n, f, { source: 'obs', key: 'quality_score' }, field),
    null,
    'only for the coloured categorical field',
  );
});

test('hidden categories AND ranges; a switched-off filter keeps its settings but hides nothing', async () => {
  const { n, field } = await twoD();
  const f = emptyFilters();
  f.categories.set('cell_type', { hidden: new Set([1]), enabled: true });
  assert.equal(hiddenCount(computeVisibility(n, f, null, field)), 24);
  f.ranges.set('obs:quality_score', { min: 0.7596850395202637, max: 0.8396850228309631, enabled: true });
  const both = computeVisibility(n, f, null, field)!;
  const qs = field('obs:quality_score')!;
  const ct = field('obs:cell_type')!;
  for (let i = 0; i < n; i++) {
    const expected =
      qs.kind === 'continuous' &&
      ct.kind === 'category' &&
      ct.codes[i] !== 1 &&
      qs.values[i] >= 0.7596850395202637 &&
      qs.values[i] <= 0.8396850228309631;
    assert.equal(both[i] === 1, expected, `cell ${i}`);
  }
  f.categories.get('cell_type')!.enabled = false;
  f.ranges.get('obs:quality_score')!.enabled = false;
  assert.equal(computeVisibility(n, f, null, field), null);
});

test('a gene range applies only while that gene is coloured', () => {
  const values = new Float32Array([1, 5, NaN]);
  const gene: FieldData = { kind: 'continuous', key: 'G', values, min: 1, max: 5 };
  const f = emptyFilters();
  f.ranges.set('var:G', { min: 2, max: 6, enabled: true });
  assert.equal(
    computeVisibility(3, f, null, () => gene),
    null,
  );
  assert.deepEqual(Array.from(computeVisibility(3, f, { source: 'var', key: 'G' }, () => gene)!), [0, 1, 0]);
});
