import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellsNear, nearestCell } from '../../../src/core/state/picking.js';
import { screen, viewport, vp, xyz } from './grid-fixture.js';
import { cameraMatrices, defaultCameraState } from '../../../src/core/camera/camera.js';

test('nearestCell picks the cell under the point, within the tolerance only', () => {
  const [x, y] = screen(60);
  assert.equal(nearestCell(xyz, vp, viewport, [x + 2, y - 1], null, 6), 60);
  const [x2] = screen(61);
  // Just past the middle between 60 and 61: 61 is nearer.
  assert.equal(nearestCell(xyz, vp, viewport, [(x + x2) / 2 + 0.5, y], null, 20), 61);
  // Between the cells, farther than the tolerance from both: nothing.
  assert.equal(nearestCell(xyz, vp, viewport, [(x + x2) / 2, y], null, 3), -1);
  assert.equal(nearestCell(xyz, vp, viewport, [-50, -50], null, 6), -1);
});

test('nearestCell skips hidden cells and cells behind the camera', () => {
  const [x, y] = screen(60);
  const visible = new Uint8Array(121).fill(1);
  visible[60] = 0;
  const picked = nearestCell(xyz, vp, viewport, [x, y], visible, 100);
  assert.ok([49, 59, 61, 71].includes(picked), `picked ${picked}`);
  const behind = new Float32Array([0, 0, 10]);
  assert.equal(nearestCell(behind, vp, viewport, [200, 150], null, 1000), -1);
});

test('ties go to the cell nearer the camera, then to the smaller index', () => {
  // Cells 0 and 2 project to the same pixel as 1 in 2-D (same x, y): equal distance and depth.
  const stacked = new Float32Array([0.2, 0.1, 0, 0.2, 0.1, 0, 0.2, 0.1, 0]);
  const p = screen(0, stacked);
  assert.equal(nearestCell(stacked, vp, viewport, [p[0], p[1]], null, 6), 0);
  // In 3-D: two cells on the line of sight through the same pixel; the nearer one wins whatever its index.
  const cam3 = defaultCameraState(3);
  const vp3 = cameraMatrices(cam3, viewport.width / viewport.height).viewProjection;
  const eye = [
    3 * Math.sin(Math.PI / 4) * Math.cos(Math.PI / 4),
    3 * Math.cos(Math.PI / 4),
    3 * Math.sin(Math.PI / 4) * Math.sin(Math.PI / 4),
  ];
  const line = new Float32Array([0, 0, 0, eye[0] / 3, eye[1] / 3, eye[2] / 3]);
  assert.equal(nearestCell(line, vp3, viewport, [200, 150], null, 6), 1);
});

test('cellsNear: visible cells within the radius, the centre included, sorted', () => {
  assert.deepEqual([...cellsNear(xyz, 60, 0.1001, null)], [49, 59, 60, 61, 71]);
  assert.deepEqual([...cellsNear(xyz, 60, 0.15, null)], [48, 49, 50, 59, 60, 61, 70, 71, 72]);
  const visible = new Uint8Array(121).fill(1);
  visible[59] = visible[60] = 0;
  assert.deepEqual([...cellsNear(xyz, 60, 0.1001, visible)], [49, 61, 71]);
  assert.deepEqual([...cellsNear(xyz, 0, 0.05, null)], [0]);
  assert.equal(cellsNear(xyz, 0, 10, null).length, 121);
});
