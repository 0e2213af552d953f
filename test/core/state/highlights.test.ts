import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellSet, emptyHighlights, nextGroupId, ringCells } from '../../../src/core/state/highlights.js';

test('cell sets are validated, sorted and de-duplicated', () => {
  assert.deepEqual(Array.from(cellSet([5, 1, 5, 3], 10, 'm')), [1, 3, 5]);
  assert.throws(() => cellSet([1, 10], 10, 'm'), /cell index 10 is not in 0…9/);
  assert.throws(() => cellSet([1.5], 10, 'm'), /1.5/);
  assert.throws(() => cellSet([], 10, 'm'), /at least one cell/);
});

test("the ringed cells are the union of the active page's enabled groups, each once", () => {
  const s = emptyHighlights();
  s.pages[0].groups.push({
    id: nextGroupId(s),
    type: 'lasso',
    label: 'a',
    enabled: true,
    cells: Uint32Array.from([1, 2]),
  });
  s.pages[0].groups.push({
    id: nextGroupId(s),
    type: 'lasso',
    label: 'b',
    enabled: false,
    cells: Uint32Array.from([3]),
  });
  s.pages[0].groups.push({
    id: nextGroupId(s),
    type: 'lasso',
    label: 'c',
    enabled: true,
    cells: Uint32Array.from([0, 2, 4]),
  });
  assert.deepEqual(
    s.pages[0].groups.map((g) => g.id),
    ['highlight_1', 'highlight_2', 'highlight_3'],
  );
  assert.deepEqual(Array.from(ringCells(s, 5)!).sort(), [0, 1, 2, 4]);
  s.pages[0].groups[2].enabled = false;
  assert.deepEqual(Array.from(ringCells(s, 5)!), [1, 2]);
  s.pages[0].groups[0].enabled = false;
  assert.equal(ringCells(s, 5), null);
  s.pages.push({
    id: 'page_2',
    name: 'Page 2',
    color: '#dc2626',
    groups: [{ id: 'highlight_9', type: 'lasso', label: 'd', enabled: true, cells: Uint32Array.from([3]) }],
  });
  s.activePageId = 'page_2';
  assert.deepEqual(Array.from(ringCells(s, 5)!), [3]);
});
