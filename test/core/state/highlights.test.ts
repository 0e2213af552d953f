import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellSet, emptyHighlights, highlightMask, nextGroupId } from '../../../src/core/state/highlights.js';

test('cell sets are validated, sorted and de-duplicated', () => {
  assert.deepEqual(Array.from(cellSet([5, 1, 5, 3], 10, 'm')), [1, 3, 5]);
  assert.throws(() => cellSet([1, 10], 10, 'm'), /cell index 10 is not in 0…9/);
  assert.throws(() => cellSet([1.5], 10, 'm'), /1.5/);
  assert.throws(() => cellSet([], 10, 'm'), /at least one cell/);
});

test('the mask is the union of the active page\'s enabled groups', () => {
  const s = emptyHighlights();
  s.pages[0].groups.push({ id: nextGroupId(s), type: 'lasso', label: 'a', enabled: true, cells: Uint32Array.from([1, 2]) });
  s.pages[0].groups.push({ id: nextGroupId(s), type: 'lasso', label: 'b', enabled: false, cells: Uint32Array.from([3]) });
  assert.deepEqual(s.pages[0].groups.map((g) => g.id), ['highlight_1', 'highlight_2']);
  assert.deepEqual(Array.from(highlightMask(s, 5)!), [0, 255, 255, 0, 0]);
  s.pages[0].groups[0].enabled = false;
  assert.equal(highlightMask(s, 5), null);
});
