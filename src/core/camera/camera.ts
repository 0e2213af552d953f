// Camera maths in the session format's shape: defaults, matrices, projection and the pure
// operations that pointer, touch and keyboard input map to (constants as in the Cellucid app).
import type { CameraState, NavigationMode, Vec3Tuple } from './camera-state.js';
import { isPlainObject } from '../session/safe-json.js';

const FOV_Y = (45 * Math.PI) / 180;
const NEAR = 0.02;
const FAR = 1000;
const DEFAULT_RADIUS = 3;
const MIN_RADIUS = 0.05;
const MAX_RADIUS = 100;
const PHI_MIN = 0.05;
const PHI_MAX = Math.PI - 0.05;
const PITCH_LIMIT = Math.PI / 2 - 0.001;
const ROTATE_PER_PX = 0.005;
const PAN_PER_PX = 0.002;
const LOOK_PER_PX = 0.0025;
const ZOOM_PER_UNIT = 0.001;
const WHEEL_CLAMP = 100;
const SMOOTHING = 0.15;

type Dim = 1 | 2 | 3;

export function defaultCameraState(dimension: Dim): CameraState {
  const state: CameraState = {
    navigationMode: dimension === 3 ? 'orbit' : 'planar',
    orbit: {
      radius: DEFAULT_RADIUS,
      targetRadius: DEFAULT_RADIUS,
      theta: Math.PI / 4,
      phi: Math.PI / 4,
      target: [0, 0, 0],
    },
    freefly: { position: [0, 0, DEFAULT_RADIUS], yaw: 0, pitch: 0 },
  };
  return syncFreeflyToEye(state);
}

/** A fresh copy of a camera (or of a keyframe's camera). */
export function cloneCamera(s: CameraState): CameraState {
  return {
    navigationMode: s.navigationMode,
    orbit: { ...s.orbit, target: [...s.orbit.target] as Vec3Tuple },
    freefly: { ...s.freefly, position: [...s.freefly.position] as Vec3Tuple },
  };
}

/** Eye position, look target and up vector of the camera. */
export function cameraPose(s: CameraState): { eye: Vec3Tuple; center: Vec3Tuple; up: Vec3Tuple } {
  const { radius, theta, phi, target } = s.orbit;
  if (s.navigationMode === 'planar') {
    return { eye: [target[0], target[1], target[2] + radius], center: [...target] as Vec3Tuple, up: [0, 1, 0] };
  }
  if (s.navigationMode === 'free') {
    const f = forwardOf(s.freefly.yaw, s.freefly.pitch);
    const p = s.freefly.position;
    return { eye: [...p] as Vec3Tuple, center: [p[0] + f[0], p[1] + f[1], p[2] + f[2]], up: [0, 1, 0] };
  }
  const eye: Vec3Tuple = [
    target[0] + radius * Math.sin(phi) * Math.cos(theta),
    target[1] + radius * Math.cos(phi),
    target[2] + radius * Math.sin(phi) * Math.sin(theta),
  ];
  return { eye, center: [...target] as Vec3Tuple, up: [0, 1, 0] };
}

export interface CameraMatrices {
  view: Float32Array;
  projection: Float32Array;
  viewProjection: Float32Array;
  eye: Vec3Tuple;
}

/**
 * View (look-at), perspective projection and their product, column-major as WebGL takes them.
 * Written out rather than taken from gl-matrix (as are the vector helpers below): the few lines
 * it was used for cost 0.6 KB gzip of the single file's 80 KiB budget.
 */
export function cameraMatrices(s: CameraState, aspect: number): CameraMatrices {
  const { eye, center, up } = cameraPose(s);
  const z = direction(center, eye);
  const x = unitCross(up, z);
  const y = cross(z, x);
  const view = new Float32Array(16);
  for (let k = 0; k < 3; k++) view.set([x[k], y[k], z[k], 0], k * 4);
  view.set([-dot(x, eye), -dot(y, eye), -dot(z, eye), 1], 12);
  // 45° vertically, or horizontally in a portrait viewer (a phone): the cells fit its width too.
  const a = aspect > 0 ? aspect : 1;
  const f = Math.min(1, a) / Math.tan(FOV_Y / 2);
  const projection = new Float32Array(16);
  projection.set([f / a, 0, 0, 0, 0, f, 0, 0, 0, 0, (FAR + NEAR) / (NEAR - FAR), -1]);
  projection[14] = (2 * FAR * NEAR) / (NEAR - FAR);
  const viewProjection = new Float32Array(16);
  for (let i = 0; i < 16; i++)
    for (let k = 0; k < 4; k++) viewProjection[i] += projection[k * 4 + (i % 4)] * view[(i & ~3) + k];
  return { view, projection, viewProjection, eye };
}

/** Screen position (CSS px, origin top-left) and clip depth of a point, or null when it is behind the camera. */
export function projectToScreen(
  s: CameraState,
  width: number,
  height: number,
  xyz: readonly number[],
): [number, number, number] | null {
  return screenProjector(s, width, height)(xyz);
}

/** projectToScreen for many points: the camera's matrices computed once. */
export function screenProjector(
  s: CameraState,
  width: number,
  height: number,
): (xyz: readonly number[]) => [number, number, number] | null {
  const m = cameraMatrices(s, width / height).viewProjection;
  return ([x, y, z]) => {
    const cx = m[0] * x + m[4] * y + m[8] * z + m[12];
    const cy = m[1] * x + m[5] * y + m[9] * z + m[13];
    const cz = m[2] * x + m[6] * y + m[10] * z + m[14];
    const cw = m[3] * x + m[7] * y + m[11] * z + m[15];
    if (cw <= 0) return null;
    return [((cx / cw + 1) / 2) * width, ((1 - cy / cw) / 2) * height, cz / cw];
  };
}

/** The unit vector from `from` towards `to`. */
function direction(from: Vec3Tuple, to: Vec3Tuple): Vec3Tuple {
  return unit([to[0] - from[0], to[1] - from[1], to[2] - from[2]]);
}

const dot = (a: Vec3Tuple, b: Vec3Tuple): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

const cross = (a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/** `v` scaled to length 1 (a zero vector stays zero). */
function unit(v: Vec3Tuple): Vec3Tuple {
  const length = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / length, v[1] / length, v[2] / length];
}

/** The unit vector perpendicular to a and b. */
function unitCross(a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple {
  return unit(cross(a, b));
}

function forwardOf(yaw: number, pitch: number): Vec3Tuple {
  return [Math.cos(pitch) * Math.cos(yaw), Math.sin(pitch), Math.cos(pitch) * Math.sin(yaw)];
}

/** Right and up unit vectors of the current view (for panning in screen directions). */
function screenAxes(s: CameraState): { right: Vec3Tuple; up: Vec3Tuple } {
  const { eye, center, up } = cameraPose(s);
  const forward = direction(eye, center);
  const right = unitCross(forward, up);
  const trueUp = cross(right, forward);
  return { right, up: trueUp };
}

/** Free-fly placed at the orbit eye, looking at the orbit target: switching modes is seamless. */
function syncFreeflyToEye(s: CameraState): CameraState {
  const { eye, center } = cameraPose({
    ...s,
    navigationMode: s.navigationMode === 'free' ? 'orbit' : s.navigationMode,
  });
  const d = direction(eye, center);
  s.freefly = {
    position: eye,
    yaw: Math.atan2(d[2], d[0]),
    pitch: Math.asin(Math.max(-1, Math.min(1, d[1]))),
  };
  return s;
}

export function setNavigationMode(s: CameraState, mode: NavigationMode): CameraState {
  const next = cloneCamera(s);
  if (mode === next.navigationMode) return next;
  if (mode === 'free') syncFreeflyToEye(next);
  next.navigationMode = mode;
  return next;
}

/** Left drag: orbit rotates, planar pans, free-fly looks around. */
export function rotate(s: CameraState, dx: number, dy: number): CameraState {
  if (s.navigationMode === 'planar') return pan(s, dx, dy);
  if (s.navigationMode === 'free') return look(s, dx, dy);
  const next = cloneCamera(s);
  next.orbit.theta += dx * ROTATE_PER_PX;
  next.orbit.phi = clamp(next.orbit.phi - dy * ROTATE_PER_PX, PHI_MIN, PHI_MAX);
  return next;
}

/** Right drag / Shift drag: moves the target in the screen plane. */
export function pan(s: CameraState, dx: number, dy: number): CameraState {
  const next = cloneCamera(s);
  const r = next.orbit.radius;
  if (s.navigationMode === 'planar') {
    next.orbit.target[0] -= dx * r * PAN_PER_PX;
    next.orbit.target[1] += dy * r * PAN_PER_PX;
    return next;
  }
  if (s.navigationMode === 'free') {
    const { right, up } = screenAxes(s);
    const k = PAN_PER_PX * DEFAULT_RADIUS;
    for (let i = 0; i < 3; i++) next.freefly.position[i] += right[i] * -dx * k + up[i] * dy * k;
    return next;
  }
  const { right, up } = screenAxes(s);
  for (let i = 0; i < 3; i++) next.orbit.target[i] += right[i] * (-dx * r * PAN_PER_PX) + up[i] * (dy * r * PAN_PER_PX);
  return next;
}

export function look(s: CameraState, dx: number, dy: number): CameraState {
  const next = cloneCamera(s);
  next.freefly.yaw += dx * LOOK_PER_PX;
  next.freefly.pitch = clamp(next.freefly.pitch - dy * LOOK_PER_PX, -PITCH_LIMIT, PITCH_LIMIT);
  return next;
}

/** Normalises a wheel event's delta to pixels and clamps it as the app does. */
export function normalizeWheelDelta(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 100 : deltaY;
  return clamp(px, -WHEEL_CLAMP, WHEEL_CLAMP);
}

/** Wheel zoom: changes the target radius; `step` eases the radius toward it. */
export function zoom(s: CameraState, wheelDelta: number): CameraState {
  const next = cloneCamera(s);
  if (s.navigationMode === 'free') {
    const f = forwardOf(s.freefly.yaw, s.freefly.pitch);
    const d = -clamp(wheelDelta, -WHEEL_CLAMP, WHEEL_CLAMP) * ZOOM_PER_UNIT * DEFAULT_RADIUS;
    for (let i = 0; i < 3; i++) next.freefly.position[i] += f[i] * d;
    return next;
  }
  const o = next.orbit;
  o.targetRadius = clamp(
    o.targetRadius + clamp(wheelDelta, -WHEEL_CLAMP, WHEEL_CLAMP) * ZOOM_PER_UNIT * o.targetRadius,
    MIN_RADIUS,
    MAX_RADIUS,
  );
  return next;
}

/**
 * Planar zoom toward the cursor: the world point under the cursor stays under it and the radius
 * jumps at once. `ndc` is the cursor in normalised device coordinates (-1..1, y up).
 */
export function zoomToCursor(s: CameraState, wheelDelta: number, ndc: [number, number], aspect: number): CameraState {
  if (s.navigationMode !== 'planar') return zoom(s, wheelDelta);
  const zoomed = zoom(s, wheelDelta);
  const o = zoomed.orbit;
  const before = s.orbit.radius;
  const after = o.targetRadius;
  const t = Math.tan(FOV_Y / 2) / Math.min(1, aspect); // as cameraMatrices widens a portrait view
  o.target[0] += ndc[0] * aspect * t * (before - after);
  o.target[1] += ndc[1] * t * (before - after);
  o.radius = after;
  return zoomed;
}

/** Two-finger pinch: `ratio` = previous finger distance / current distance. */
export function pinch(s: CameraState, ratio: number): CameraState {
  if (!(ratio > 0) || !Number.isFinite(ratio)) return cloneCamera(s);
  const next = cloneCamera(s);
  next.orbit.targetRadius = clamp(next.orbit.targetRadius * ratio, MIN_RADIUS, MAX_RADIUS);
  return next;
}

/** Keyboard zoom: `direction` +1 in, -1 out, over `dt` seconds. */
export function zoomBy(s: CameraState, direction: 1 | -1, dt: number, speed = 1): CameraState {
  const next = cloneCamera(s);
  if (s.navigationMode === 'free') return moveFree(s, direction * 1.5 * speed, 0, 0, dt);
  const o = next.orbit;
  o.targetRadius = clamp(o.targetRadius - direction * o.targetRadius * 1.5 * speed * dt, MIN_RADIUS, MAX_RADIUS);
  o.radius = o.targetRadius;
  return next;
}

/** Free-fly movement in camera axes, at `speed` units per second. */
export function moveFree(
  s: CameraState,
  forward: number,
  right: number,
  up: number,
  dt: number,
  speed = 1,
): CameraState {
  const next = cloneCamera(s);
  const f = forwardOf(s.freefly.yaw, s.freefly.pitch);
  const r = unitCross(f, [0, 1, 0]);
  for (let i = 0; i < 3; i++)
    next.freefly.position[i] += (f[i] * forward + r[i] * right + (i === 1 ? up : 0)) * speed * dt;
  return next;
}

/** One animation frame of radius smoothing; returns null once the radius has settled. */
export function step(s: CameraState): CameraState | null {
  const o = s.orbit;
  const diff = o.targetRadius - o.radius;
  if (Math.abs(diff) <= 1e-4 * o.targetRadius) {
    if (diff === 0) return null;
    const settled = cloneCamera(s);
    settled.orbit.radius = o.targetRadius;
    return settled;
  }
  const next = cloneCamera(s);
  next.orbit.radius += diff * SMOOTHING;
  return next;
}

/** Checks an untrusted camera state and returns a clean copy; throws a clear Error otherwise. */
export function validateCameraState(value: unknown): CameraState {
  const fail = (why: string): never => {
    throw new Error(`Invalid camera state: ${why}.`);
  };
  if (!isPlainObject(value)) fail('expected an object {navigationMode, orbit, freefly}');
  const v = value as Record<string, unknown>;
  const mode = v.navigationMode;
  if (mode !== 'orbit' && mode !== 'planar' && mode !== 'free')
    fail('navigationMode must be "orbit", "planar" or "free"');
  if (!isPlainObject(v.orbit)) fail('orbit must be an object');
  if (!isPlainObject(v.freefly)) fail('freefly must be an object');
  const o = v.orbit as Record<string, unknown>;
  const f = v.freefly as Record<string, unknown>;
  const num = (x: unknown, name: string): number =>
    typeof x === 'number' && Number.isFinite(x) ? x : fail(`${name} must be a finite number`);
  const vec = (x: unknown, name: string): Vec3Tuple =>
    Array.isArray(x) && x.length === 3
      ? (x.map((c, i) => num(c, `${name}[${i}]`)) as Vec3Tuple)
      : fail(`${name} must be [x, y, z]`);
  const radius = num(o.radius, 'orbit.radius');
  const targetRadius = num(o.targetRadius, 'orbit.targetRadius');
  if (radius <= 0 || targetRadius <= 0) fail('orbit radius and targetRadius must be greater than 0');
  return {
    navigationMode: mode as NavigationMode,
    orbit: {
      radius: clamp(radius, MIN_RADIUS, MAX_RADIUS),
      targetRadius: clamp(targetRadius, MIN_RADIUS, MAX_RADIUS),
      theta: num(o.theta, 'orbit.theta'),
      phi: clamp(num(o.phi, 'orbit.phi'), PHI_MIN, PHI_MAX),
      target: vec(o.target, 'orbit.target'),
    },
    freefly: {
      position: vec(f.position, 'freefly.position'),
      yaw: num(f.yaw, 'freefly.yaw'),
      pitch: clamp(num(f.pitch, 'freefly.pitch'), -PITCH_LIMIT, PITCH_LIMIT),
    },
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
