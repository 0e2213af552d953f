// Where the camera is at a time on a path: the Cellucid app's segment timing (explicit durations,
// else paced by distance) and interpolation. Pure: the caller's clock drives it.
import type { CameraState, Vec3Tuple } from '../camera/camera-state.js';
import { EASINGS } from './easing.js';
import { autoPaceSpeed, keyframeCamera, type CameraKeyframe, type CameraPath } from './model.js';
import { slerpAngles } from './slerp.js';
import { bezierVec, catmullRom, catmullRomAngle, catmullRomVec, lerp, lerpAngle, lerpVec } from './spline.js';

/** Shortest distance-paced move, in seconds, and the distance every move gets for free. */
const MIN_PACED_SECONDS = 0.3;
const PACE_BASELINE = 0.5;

function distance(a: Vec3Tuple, b: Vec3Tuple): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function keyframeDistance(a: CameraKeyframe, b: CameraKeyframe): number {
  if (a.navigationMode === 'free') return distance(a.freefly.position, b.freefly.position) + PACE_BASELINE;
  return distance(a.orbit.target, b.orbit.target) + Math.abs(a.orbit.radius - b.orbit.radius) + PACE_BASELINE;
}

/** Seconds of each move (keyframe i to i + 1). */
export function segmentDurations(path: CameraPath): number[] {
  const speed = autoPaceSpeed(path.defaultSpeed);
  const k = path.keyframes;
  const out: number[] = [];
  for (let i = 0; i + 1 < k.length; i++) {
    const d = k[i].transitionDuration;
    out.push(d !== null && d > 0 ? d : Math.max(MIN_PACED_SECONDS, keyframeDistance(k[i], k[i + 1]) / speed));
  }
  return out;
}

/** Milliseconds from the first keyframe to the last (0 for fewer than two). */
export function cameraPathDuration(path: CameraPath): number {
  return segmentDurations(path).reduce((sum, d) => sum + d, 0) * 1000;
}

export interface PathPosition {
  /** The move under way: from keyframe `segment` to `segment + 1`. */
  segment: number;
  /** Progress through that move before easing, 0–1. */
  progress: number;
}

/** Which move `tMs` falls in; a looping path wraps, another is clamped to its ends. */
export function locateInPath(path: CameraPath, tMs: number, loop = path.loopPlayback): PathPosition {
  const durations = segmentDurations(path);
  const total = durations.reduce((sum, d) => sum + d, 0);
  if (durations.length === 0 || !(total > 0)) return { segment: 0, progress: 0 };
  const seconds = Number.isFinite(tMs) ? tMs / 1000 : 0;
  const t = loop ? ((seconds % total) + total) % total : Math.max(0, Math.min(total, seconds));
  let start = 0;
  let segment = 0;
  while (segment < durations.length - 1 && start + durations[segment] < t) start += durations[segment++];
  return { segment, progress: Math.max(0, Math.min(1, (t - start) / durations[segment])) };
}

/** The camera at `tMs` milliseconds into the path, or null for a path without keyframes. */
export function sampleCameraPath(path: CameraPath, tMs: number, loop = path.loopPlayback): CameraState | null {
  const k = path.keyframes;
  if (k.length === 0) return null;
  if (k.length === 1) return keyframeCamera(k[0]);
  const { segment, progress } = locateInPath(path, tMs, loop);
  const t = (EASINGS.get(path.easing) ?? EASINGS.get('ease-in-out')!)(progress);
  return k[0].navigationMode === 'free' ? sampleFreefly(path, segment, t) : sampleOrbit(path, segment, t);
}

/** Keyframe i's value, mirrored past either end so the spline has neighbours there. */
function around<T extends number | Vec3Tuple>(k: CameraKeyframe[], i: number, pick: (f: CameraKeyframe) => T): T {
  const n = k.length;
  if (i >= 0 && i < n) return pick(k[i]);
  const [end, inner] =
    i < 0 ? [pick(k[0]), pick(k[Math.min(1, n - 1)])] : [pick(k[n - 1]), pick(k[Math.max(0, n - 2)])];
  if (typeof end === 'number') return (2 * end - (inner as number)) as T;
  return (end as Vec3Tuple).map((v, j) => 2 * v - (inner as Vec3Tuple)[j]) as T;
}

function four<T extends number | Vec3Tuple>(k: CameraKeyframe[], i: number, pick: (f: CameraKeyframe) => T): T[] {
  return [around(k, i - 1, pick), around(k, i, pick), around(k, i + 1, pick), around(k, i + 2, pick)];
}

function position(path: CameraPath, i: number, t: number, pick: (f: CameraKeyframe) => Vec3Tuple): Vec3Tuple {
  const [p0, p1, p2, p3] = four(path.keyframes, i, pick);
  if (path.positionMethod === 'catmull-rom') return catmullRomVec(p0, p1, p2, p3, t);
  if (path.positionMethod === 'bezier') return bezierVec(p0, p1, p2, p3, t);
  return lerpVec(p1, p2, t);
}

/** Two angles (θ, φ or yaw, pitch): spline, great circle or per angle, as the path's methods say. */
function rotation(
  path: CameraPath,
  i: number,
  t: number,
  pick: (f: CameraKeyframe) => [number, number],
  convention: 'orbit' | 'freefly',
): [number, number] {
  const k = path.keyframes;
  const [a1, b1] = pick(k[i]);
  const [a2, b2] = pick(k[i + 1]);
  if (path.rotationMethod === 'linear') return [lerpAngle(a1, a2, t), lerp(b1, b2, t)];
  if (path.positionMethod === 'catmull-rom' && k.length >= 4) {
    const [a, b] = [0, 1].map((j) => four(k, i, (f) => pick(f)[j]));
    return [catmullRomAngle(a[0], a[1], a[2], a[3], t), catmullRomAngle(b[0], b[1], b[2], b[3], t)];
  }
  return slerpAngles(a1, b1, a2, b2, t, convention);
}

function sampleOrbit(path: CameraPath, i: number, t: number): CameraState {
  const k = path.keyframes;
  const from = k[i];
  const to = k[i + 1];
  const target = position(path, i, t, (f) => f.orbit.target);
  let radius = lerp(from.orbit.radius, to.orbit.radius, t);
  let targetRadius = lerp(from.orbit.targetRadius, to.orbit.targetRadius, t);
  if (path.positionMethod === 'catmull-rom') {
    const r = four(k, i, (f) => f.orbit.radius);
    const tr = four(k, i, (f) => f.orbit.targetRadius);
    radius = catmullRom(r[0], r[1], r[2], r[3], t);
    targetRadius = catmullRom(tr[0], tr[1], tr[2], tr[3], t);
  }
  // A planar path keeps the first keyframe's (unused) angles.
  const [theta, phi] =
    k[0].navigationMode === 'planar'
      ? [from.orbit.theta, from.orbit.phi]
      : rotation(path, i, t, (f) => [f.orbit.theta, f.orbit.phi], 'orbit');
  const { freefly } = keyframeCamera(from);
  return { navigationMode: k[0].navigationMode, orbit: { radius, targetRadius, theta, phi, target }, freefly };
}

function sampleFreefly(path: CameraPath, i: number, t: number): CameraState {
  const from = path.keyframes[i];
  const positionNow = position(path, i, t, (f) => f.freefly.position);
  const [yaw, pitch] = rotation(path, i, t, (f) => [f.freefly.yaw, f.freefly.pitch], 'freefly');
  const { orbit } = keyframeCamera(from);
  return { navigationMode: 'free', orbit, freefly: { position: positionNow, yaw, pitch } };
}
