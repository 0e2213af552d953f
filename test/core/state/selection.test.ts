import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boxPolygon, cellsInPolygon, combineSelection } from '../../../src/core/state/selection.js';
import { screen, viewport, vp, xyz } from './grid-fixture.js';

test('a box around the centre cells selects exactly the cells projected inside it', () => {
  const centre = screen(60);
  const right = screen(61);
  const half = (right[0] - centre[0]) * 1.5; // 1.5 grid steps: a 3 × 3 block
  const picked = cellsInPolygon(
    xyz,
    vp,
    viewport,
    boxPolygon([centre[0] - half, centre[1] - half], [centre[0] + half, centre[1] + half]),
    null,
  );
  assert.deepEqual([...picked], [48, 49, 50, 59, 60, 61, 70, 71, 72]);
});

test('a triangular lasso uses the even-odd rule, and hidden cells are never selected', () => {
  const a = screen(0),
    b = screen(10),
    c = screen(120);
  const pad = 4; // the edges run a little outside the corner and diagonal cells
  const lasso: [number, number][] = [
    [a[0] - pad, a[1] + pad],
    [b[0] + pad, b[1] + pad],
    [c[0] + pad, c[1] - pad],
    [c[0] - pad, c[1] - pad],
    [a[0] - pad, a[1] - pad],
  ];
  const picked = cellsInPolygon(xyz, vp, viewport, lasso, null);
  // The lower-right triangle of the grid including its diagonal: 66 cells.
  assert.equal(picked.length, 66);
  for (const i of picked) assert.ok(i % 11 >= Math.floor(i / 11), `cell ${i} is above the diagonal`);
  const visible = new Uint8Array(121).fill(1);
  visible[10] = 0;
  assert.equal(cellsInPolygon(xyz, vp, viewport, lasso, visible).includes(10), false);
});

test('degenerate shapes select nothing; cells behind the camera are skipped', () => {
  assert.equal(
    cellsInPolygon(
      xyz,
      vp,
      viewport,
      [
        [0, 0],
        [10, 10],
      ],
      null,
    ).length,
    0,
  );
  assert.equal(
    cellsInPolygon(
      xyz,
      vp,
      viewport,
      [
        [0, 0],
        [NaN, 1],
        [5, 5],
      ],
      null,
    ).length,
    0,
  );
  const behind = new Float32Array([0, 0, 100]);
  const everything = boxPolygon([-1e6, -1e6], [1e6, 1e6]);
  assert.equal(cellsInPolygon(behind, vp, viewport, everything, null).length, 0);
});

test('selection modes: replace, add (union) and subtract on sorted sets', () => {
  const cur = Uint32Array.from([1, 3, 5, 7]);
  const pick = Uint32Array.from([2, 3, 8]);
  assert.deepEqual([...combineSelection('replace', cur, pick)], [2, 3, 8]);
  assert.deepEqual([...combineSelection('add', cur, pick)], [1, 2, 3, 5, 7, 8]);
  assert.deepEqual([...combineSelection('subtract', cur, pick)], [1, 5, 7]);
  assert.deepEqual([...combineSelection('add', null, pick)], [2, 3, 8]);
  assert.deepEqual([...combineSelection('subtract', null, pick)], []);
});
