import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultCameraState,
  projectToScreen,
  rotate,
  pan,
  zoom,
  zoomToCursor,
  pinch,
  step,
  setNavigationMode,
  validateCameraState,
  normalizeWheelDelta,
  cameraPose,
} from '../../../src/core/camera/index.js';

const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);

test('defaults: 3-D orbits, 1-D/2-D are planar, radius 3 and θ = φ = π/4', () => {
  const c3 = defaultCameraState(3);
  assert.equal(c3.navigationMode, 'orbit');
  assert.deepEqual(c3.orbit, { radius: 3, targetRadius: 3, theta: Math.PI / 4, phi: Math.PI / 4, target: [0, 0, 0] });
  assert.equal(defaultCameraState(2).navigationMode, 'planar');
  assert.equal(defaultCameraState(1).navigationMode, 'planar');
});

test('planar projection puts the target at the centre and +x to the right, +y up', () => {
  const c = defaultCameraState(2);
  const centre = projectToScreen(c, 400, 300, [0, 0, 0])!;
  close(centre[0], 200);
  close(centre[1], 150);
  const right = projectToScreen(c, 400, 300, [0.5, 0, 0])!;
  const up = projectToScreen(c, 400, 300, [0, 0.5, 0])!;
  assert.ok(right[0] > 200);
  assert.ok(up[1] < 150);
  // Half-height visible at the target is r·tan(22.5°).
  const top = projectToScreen(c, 400, 300, [0, 3 * Math.tan(Math.PI / 8), 0])!;
  close(top[1], 0, 1e-3);
});

test('points behind the camera do not project', () => {
  assert.equal(projectToScreen(defaultCameraState(2), 400, 300, [0, 0, 10]), null);
});

test('orbit rotation follows the drag and clamps φ', () => {
  const c = rotate(defaultCameraState(3), 100, 0);
  close(c.orbit.theta, Math.PI / 4 + 0.5);
  const top = rotate(defaultCameraState(3), 0, 10000);
  close(top.orbit.phi, 0.05);
});

test('planar drag pans the target against the drag', () => {
  const c = rotate(defaultCameraState(2), 10, 20);
  close(c.orbit.target[0], -10 * 3 * 0.002);
  close(c.orbit.target[1], 20 * 3 * 0.002);
  assert.deepEqual(pan(defaultCameraState(2), 10, 20).orbit.target, c.orbit.target);
});

test('wheel zoom changes the target radius within [0.05, 100]; step eases toward it', () => {
  const z = zoom(defaultCameraState(3), -100);
  close(z.orbit.targetRadius, 3 - 100 * 0.001 * 3);
  assert.equal(z.orbit.radius, 3);
  let s = z;
  for (let i = 0; i < 200; i++) s = step(s) ?? s;
  close(s.orbit.radius, s.orbit.targetRadius, 1e-3);
  assert.equal(step(s), null);
  let far = defaultCameraState(3);
  for (let i = 0; i < 100; i++) far = zoom(far, 100);
  assert.equal(far.orbit.targetRadius, 100);
  assert.equal(normalizeWheelDelta(3, 1), 48);
  assert.equal(normalizeWheelDelta(-5, 2), -100);
});

test('planar zoom to the cursor keeps the world point under the cursor', () => {
  const c = defaultCameraState(2);
  const W = 400,
    H = 300;
  const cursor: [number, number] = [300, 75];
  const ndc: [number, number] = [(cursor[0] / W) * 2 - 1, 1 - (cursor[1] / H) * 2];
  // World point under the cursor before zooming (on the z = 0 plane).
  const t = Math.tan(Math.PI / 8) * c.orbit.radius;
  const world = [ndc[0] * t * (W / H), ndc[1] * t, 0];
  const z = zoomToCursor(c, -100, ndc, W / H);
  assert.ok(z.orbit.radius < c.orbit.radius);
  const p = projectToScreen(z, W, H, world)!;
  close(p[0], cursor[0], 1e-3);
  close(p[1], cursor[1], 1e-3);
});

test('pinch scales the radius by the finger-distance ratio', () => {
  close(pinch(defaultCameraState(3), 0.5).orbit.targetRadius, 1.5);
});

test('switching to free-fly keeps the eye where it was, looking at the target', () => {
  const c = defaultCameraState(3);
  const f = setNavigationMode(c, 'free');
  const before = cameraPose(c);
  const after = cameraPose(f);
  before.eye.forEach((v, i) => close(v, after.eye[i]));
  const centre = projectToScreen(f, 400, 300, [0, 0, 0])!;
  close(centre[0], 200, 1e-4);
  close(centre[1], 150, 1e-4);
});

test('validateCameraState rejects malformed input with a clear message', () => {
  assert.throws(() => validateCameraState({ navigationMode: 'spin' }), /navigationMode/);
  const ok = defaultCameraState(3);
  assert.throws(() => validateCameraState({ ...ok, orbit: { ...ok.orbit, radius: -1 } }), /greater than 0/);
  assert.throws(() => validateCameraState({ ...ok, orbit: { ...ok.orbit, target: [0, NaN, 0] } }), /finite/);
  assert.deepEqual(validateCameraState(JSON.parse(JSON.stringify(ok))), ok);
});
