import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyViews, gridRects, layoutViews, nextSnapshotId } from '../../../src/core/state/views.js';
import { defaultCameraState } from '../../../src/core/camera/index.js';

test('grid tiles: 1→1×1, 2→2×1, 3→3×1, 4→2×2', () => {
  assert.deepEqual(gridRects(1, 600, 300), [{ x: 0, y: 0, width: 600, height: 300 }]);
  assert.deepEqual(
    gridRects(2, 600, 300).map((r) => [r.x, r.y, r.width, r.height]),
    [
      [0, 0, 300, 300],
      [300, 0, 300, 300],
    ],
  );
  assert.deepEqual(
    gridRects(3, 600, 300).map((r) => [r.x, r.width]),
    [
      [0, 200],
      [200, 200],
      [400, 200],
    ],
  );
  assert.deepEqual(
    gridRects(4, 600, 300).map((r) => [r.x, r.y, r.width, r.height]),
    [
      [0, 0, 300, 150],
      [300, 0, 300, 150],
      [0, 150, 300, 150],
      [300, 150, 300, 150],
    ],
  );
});

test('single layout draws the active view alone; grid draws them all; ids count up', () => {
  const state = emptyViews();
  const snap = {
    id: nextSnapshotId(state),
    label: 'A',
    activeField: null,
    fieldKind: null,
    dimension: 2 as const,
    camera: defaultCameraState(2),
    filters: { categories: {}, ranges: {} },
    filtersText: [],
  };
  state.snapshots.push(snap);
  assert.equal(snap.id, 'snap_1');
  assert.equal(nextSnapshotId(state), 'snap_2');
  assert.deepEqual(
    layoutViews(state, 400, 200).map((v) => v.id),
    ['live'],
  );
  state.activeId = 'snap_1';
  assert.deepEqual(layoutViews(state, 400, 200), [{ id: 'snap_1', rect: { x: 0, y: 0, width: 400, height: 200 } }]);
  state.activeId = 'gone';
  assert.deepEqual(
    layoutViews(state, 400, 200).map((v) => v.id),
    ['live'],
  );
  state.layout = 'grid';
  assert.deepEqual(
    layoutViews(state, 400, 200).map((v) => [v.id, v.rect.x]),
    [
      ['live', 0],
      ['snap_1', 200],
    ],
  );
});
