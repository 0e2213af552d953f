// Camera paths: the app's keyframe model, timing and interpolation, and its cinematic/camera payload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  addCameraKeyframe,
  cameraPathDuration,
  EASINGS,
  emptyCameraPath,
  emptyCameraPathPayload,
  locateInPath,
  MAX_KEYFRAMES,
  moveCameraKeyframe,
  readCameraPathPayload,
  removeCameraKeyframe,
  sampleCameraPath,
  segmentDurations,
  setLoopBack,
  updateCameraKeyframe,
  writeCameraPathPayload,
  type CameraPath,
} from '../../../src/core/camera-path/index.js';
import { directionOf, slerpAngles, slerpDirection } from '../../../src/core/camera-path/slerp.js';
import type { CameraState, NavigationMode } from '../../../src/core/camera/camera-state.js';
import { emptyDocument, readSessionDocument, writeSessionBundle } from '../../../src/core/session/index.js';
import { FIXTURE_SESSIONS } from '../../fixtures/paths.js';
import { DEMO_FINGERPRINT } from '../session/build-session.js';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} ≈ ${b}`);

function camera(mode: NavigationMode, i: number): CameraState {
  return {
    navigationMode: mode,
    orbit: { radius: 2 + i, targetRadius: 2 + i, theta: 0.3 * i, phi: 0.8 + 0.1 * i, target: [i, -i, 0.5 * i] },
    freefly: { position: [i, 2 * i, 3 - i], yaw: 0.4 * i, pitch: 0.1 * i },
  };
}

function pathOf(mode: NavigationMode, n: number, change: Partial<CameraPath> = {}): CameraPath {
  let p = { ...emptyCameraPath(), ...change };
  for (let i = 0; i < n; i++) p = addCameraKeyframe(p, camera(mode, i), { duration: 1 + (i % 5) }).path;
  return p;
}

function assertCameraClose(a: CameraState, b: CameraState) {
  assert.equal(a.navigationMode, b.navigationMode);
  for (const k of ['radius', 'targetRadius', 'theta', 'phi'] as const) close(a.orbit[k], b.orbit[k]);
  for (let i = 0; i < 3; i++) close(a.orbit.target[i], b.orbit.target[i]);
  for (let i = 0; i < 3; i++) close(a.freefly.position[i], b.freefly.position[i]);
  close(a.freefly.yaw, b.freefly.yaw);
  close(a.freefly.pitch, b.freefly.pitch);
}

test('easings follow the formulas: quadratic in, out and in-out, meeting at ½', () => {
  for (const t of [0, 0.1, 0.25, 0.5, 0.7, 1]) {
    close(EASINGS.get('linear')!(t), t);
    close(EASINGS.get('ease-in')!(t), t * t);
    close(EASINGS.get('ease-out')!(t), 1 - (1 - t) ** 2);
    close(EASINGS.get('ease-in-out')!(t), t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);
  }
  close(EASINGS.get('ease-in-out')!(0.5), 0.5);
});

test('every method and mode passes through each keyframe exactly at its time', () => {
  for (const mode of ['orbit', 'planar', 'free'] as const)
    for (const positionMethod of ['catmull-rom', 'linear', 'bezier'] as const)
      for (const rotationMethod of ['slerp', 'linear'] as const)
        for (const n of [2, 3, 5]) {
          const p = pathOf(mode, n, { positionMethod, rotationMethod });
          let at = 0;
          p.keyframes.forEach((k, i) => {
            const got = sampleCameraPath(p, at)!;
            const want = { navigationMode: mode, orbit: k.orbit, freefly: k.freefly };
            if (mode === 'planar')
              assertCameraClose(
                {
                  ...got,
                  orbit: { ...k.orbit, radius: got.orbit.radius, target: got.orbit.target },
                  freefly: k.freefly,
                },
                want,
              );
            else if (mode === 'free') assertCameraClose({ ...got, orbit: k.orbit }, want);
            else assertCameraClose({ ...got, freefly: k.freefly }, want);
            at += (k.transitionDuration ?? 0) * 1000;
            assert.ok(i < n);
          });
        }
});

test('the path is continuous: small steps in time make small steps of the camera', () => {
  for (const positionMethod of ['catmull-rom', 'linear', 'bezier'] as const) {
    const p = pathOf('orbit', 5, { positionMethod, easing: 'linear' });
    const total = cameraPathDuration(p);
    let previous = sampleCameraPath(p, 0)!;
    for (let t = 1; t <= total; t += 1) {
      const now = sampleCameraPath(p, t)!;
      const jump = Math.hypot(...now.orbit.target.map((v, i) => v - previous.orbit.target[i]));
      assert.ok(jump < 0.01, `${positionMethod} jumps ${jump} at ${t} ms`);
      assert.ok(Math.abs(now.orbit.theta - previous.orbit.theta) < 0.01);
      previous = now;
    }
  }
});

test('slerp keeps unit directions on the great circle at constant angular speed', () => {
  const a = directionOf(0.2, 0.7, 'orbit');
  const b = directionOf(2.5, 1.9, 'orbit');
  const omega = Math.acos(a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
  for (const t of [0, 0.2, 0.5, 0.9, 1]) {
    const d = slerpDirection(a, b, t);
    close(Math.hypot(...d), 1, 1e-12);
    close(Math.acos(Math.min(1, a[0] * d[0] + a[1] * d[1] + a[2] * d[2])), t * omega, 1e-7);
  }
  // Through angles and back: the endpoints are the keyframes' own (θ, φ) and (yaw, pitch).
  assert.deepEqual(
    slerpAngles(0.2, 0.7, 2.5, 1.9, 0, 'orbit').map((v) => +v.toFixed(12)),
    [0.2, 0.7],
  );
  assert.deepEqual(
    slerpAngles(0.2, 0.3, 1.5, -0.4, 1, 'freefly').map((v) => +v.toFixed(12)),
    [1.5, -0.4],
  );
  // Opposite directions have no single great circle: finite angles, never NaN.
  assert.ok(slerpAngles(0, 0.5, Math.PI, Math.PI - 0.5, 0.5, 'orbit').every(Number.isFinite));
});

test('timing: explicit durations, distance pacing at the default speed, loop and clamp', () => {
  const p = pathOf('orbit', 3);
  assert.deepEqual(segmentDurations(p), [1, 2]);
  assert.equal(cameraPathDuration(p), 3000);
  const paced = updateCameraKeyframe(p, p.keyframes[0].id, { duration: null });
  // Distance: |Δtarget| + |Δradius| + 0.5 at 0.1·40^(30/100) units per second.
  const distance = Math.hypot(1, 1, 0.5) + 1 + 0.5;
  close(segmentDurations(paced)[0], distance / (0.1 * 40 ** 0.3));
  assert.deepEqual(locateInPath(p, 1500), { segment: 1, progress: 0.25 });
  assert.deepEqual(locateInPath(p, 99_000), { segment: 1, progress: 1 });
  assert.deepEqual(locateInPath(p, 3500, true), { segment: 0, progress: 0.5 });
  assertCameraClose(sampleCameraPath(p, -5)!, sampleCameraPath(p, 0)!);
  assert.equal(sampleCameraPath(emptyCameraPath(), 0), null);
});

test('the keyframe store: ids, default labels, remove, move, loop back, limits', () => {
  let p = pathOf('orbit', 3);
  assert.deepEqual(
    p.keyframes.map((k) => [k.id, k.label]),
    [
      ['kf-1', 'KF 1'],
      ['kf-2', 'KF 2'],
      ['kf-3', 'KF 3'],
    ],
  );
  p = setLoopBack(p, true);
  assert.equal(p.keyframes.length, 4);
  assert.equal(p.loopBackKeyframeId, p.keyframes[3].id);
  assert.deepEqual(p.keyframes[3].orbit, p.keyframes[0].orbit);
  p = moveCameraKeyframe(p, 'kf-3', 0);
  assert.deepEqual(p.keyframes.map((k) => k.id).slice(0, 3), ['kf-3', 'kf-1', 'kf-2']);
  p = removeCameraKeyframe(p, 'kf-1');
  assert.equal(p.loopBackKeyframeId, 'kf-4');
  p = removeCameraKeyframe(p, 'kf-2');
  // One keyframe and a return: too few for a loop, so the return goes as in the app.
  assert.deepEqual(
    p.keyframes.map((k) => k.id),
    ['kf-3'],
  );
  assert.equal(p.loopBackKeyframeId, null);
  const added = addCameraKeyframe(p, camera('orbit', 9), { label: '  close-up  ' });
  assert.equal(added.id, 'kf-5');
  assert.equal(added.path.keyframes[1].label, 'close-up');
  assert.throws(() => removeCameraKeyframe(p, 'nope'), /no keyframe "nope"/);
  assert.throws(() => addCameraKeyframe(p, camera('orbit', 0), { label: ' ' }), /1 to 40 characters/);
  assert.throws(() => addCameraKeyframe(p, camera('orbit', 0), { duration: 0.01 }), /0\.1 to 60 seconds/);
  assert.throws(() => addCameraKeyframe(p, camera('orbit', 0), { duration: NaN }), /0\.1 to 60 seconds/);
  assert.throws(() => addCameraKeyframe(p, camera('orbit', 0), { id: 'kf-3' }), /not a free keyframe id/);
  const full = pathOf('orbit', MAX_KEYFRAMES);
  assert.throws(() => addCameraKeyframe(full, camera('orbit', 0)), /at most 100 keyframes/);
});

test("the app's session: its keyframes read back and write back in the same shape", async () => {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURE_SESSIONS, 'app-exact-2d.cellucid-session')));
  const { document } = await readSessionDocument(new Blob([bytes]), {});
  const saved = document.cinematicCamera!;
  const read = readCameraPathPayload(saved);
  assert.equal(read.path.keyframes.length, 3);
  assert.equal(read.path.positionMethod, 'catmull-rom');
  assert.equal(read.navigationMode, 'planar');
  const written = writeCameraPathPayload(read.path, read.navigationMode!, read.controls);
  assert.equal(JSON.stringify(written), JSON.stringify(saved));
  assert.equal(Object.keys(written).length, 19);
  // The app's planar path: 2.5 s per move, passing through the second keyframe at 2.5 s.
  assert.equal(cameraPathDuration(read.path), 5000);
  assert.equal(sampleCameraPath(read.path, 2500)!.orbit.radius, 2);
});

test("a session without a path saves the app's empty payload: the writer's shape, the defaults", async () => {
  for (const mode of ['orbit', 'planar', 'free'] as const) {
    const empty = emptyCameraPathPayload(mode);
    assert.equal(JSON.stringify(empty), JSON.stringify(writeCameraPathPayload(emptyCameraPath(), mode)));
    const read = readCameraPathPayload(empty);
    assert.deepEqual(read.path, emptyCameraPath());
    assert.equal(read.navigationMode, mode);
  }
  // What a session written without one holds.
  const bytes = await writeSessionBundle(emptyDocument(), { fingerprint: DEMO_FINGERPRINT });
  const { document } = await readSessionDocument(bytes, {});
  assert.equal(JSON.stringify(document.cinematicCamera), JSON.stringify(emptyCameraPathPayload('orbit')));
});

test('older shapes (without autoplay or the navigation settings) read with the defaults', () => {
  const nineKeys = writeCameraPathPayload(pathOf('free', 2), 'free') as Record<string, unknown>;
  for (const key of ['autoplay', 'invertLook', 'lookSensitivity', 'moveSpeed', 'orbitKeySpeed', 'orbitReverse'])
    delete nineKeys[key];
  for (const key of ['planarInvertAxes', 'planarPanSpeed', 'planarZoomToCursor', 'showOrbitAnchor', 'navigationMode'])
    delete nineKeys[key];
  const read = readCameraPathPayload(nineKeys);
  assert.equal(read.path.autoplay, false);
  assert.equal(read.controls.moveSpeed, '100');
  assert.equal(read.navigationMode, null);
});

test('hostile payloads are refused with plain errors, before anything large is built', () => {
  const good = () => JSON.parse(JSON.stringify(writeCameraPathPayload(pathOf('orbit', 3), 'orbit')));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits of untyped JSON
  const refuse = (change: (p: any) => void, message: RegExp) => {
    const p = good();
    change(p);
    assert.throws(() => readCameraPathPayload(p), message);
  };
  refuse((p) => (p.keyframes = new Array(100_000).fill(p.keyframes[0])), /at most 100 keyframes, not 100000/);
  refuse((p) => (p.keyframes[1].orbit.theta = null), /orbit\.theta must be a finite number/);
  refuse((p) => (p.keyframes[1].orbit.target = [0, 0, Infinity]), /target\[2\] must be a finite number/);
  refuse((p) => (p.keyframes[0].freefly.yaw = 'NaN'), /freefly\.yaw must be a finite number/);
  refuse((p) => (p.keyframes[0].transitionDuration = 1e9), /0\.1 to 60 seconds/);
  refuse((p) => (p.keyframes[1].id = p.keyframes[0].id), /unique/);
  refuse((p) => (p.keyframes[1].id = '../x'), /not a keyframe id/);
  refuse((p) => (p.keyframes[1].label = 'x'.repeat(41)), /1 to 40 characters/);
  refuse((p) => (p.keyframes[1].extra = 1), /exactly/);
  refuse((p) => (p.keyframes[1] = JSON.parse('{"__proto__":{"polluted":1}}')), /exactly/);
  refuse((p) => (p.positionMethod = 'constructor'), /positionMethod/);
  refuse((p) => (p.defaultSpeed = '1e3'), /defaultSpeed/);
  refuse((p) => (p.nextIndex = 0), /nextIndex/);
  refuse((p) => (p.loopBackKeyframeId = p.keyframes[0].id), /loopBackKeyframeId/);
  refuse((p) => (p.keyframes = { length: 5 }), /keyframes must be an array/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('a session whose camera path is malformed: the chunk is carried as saved, its keyframes refused', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURE_SESSIONS, 'app-exact-2d.cellucid-session')));
  const { document } = await readSessionDocument(new Blob([bytes]), {});
  const keyframes = document.cinematicCamera!.keyframes as Array<{ orbit: { phi: number | null } }>;
  keyframes[1].orbit.phi = null;
  const fingerprint = DEMO_FINGERPRINT;
  const written = await writeSessionBundle(document, { fingerprint });
  const again = await readSessionDocument(written, { current: fingerprint });
  assert.deepEqual(again.report.failed, []);
  assert.throws(
    () => readCameraPathPayload(again.document.cinematicCamera),
    /keyframes\[1\]\.orbit\.phi must be a finite number/,
  );
});
