// Scalar and vector curves of the camera path: Catmull-Rom, cubic Bézier with automatic control
// points, and angle-aware variants (an angle's neighbours are unwrapped so no segment spins the
// long way round).
import type { Vec3Tuple } from '../camera/camera-state.js';

const TAU = 2 * Math.PI;

export const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

/** `value` moved by whole turns to lie within half a turn of `base`. */
function unwrapAngle(base: number, value: number): number {
  const d = value - base;
  return base + d - Math.round(d / TAU) * TAU;
}

/** Angle interpolation along the shorter way round. */
export const lerpAngle = (a: number, b: number, t: number): number => lerp(a, unwrapAngle(a, b), t);

/** Uniform Catmull-Rom between p1 (t = 0) and p2 (t = 1). */
export function catmullRom(p0: number, p1: number, p2: number, p3: number, t: number): number {
  const t2 = t * t;
  const t3 = t2 * t;
  return 0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (3 * p1 - p0 - 3 * p2 + p3) * t3);
}

export function catmullRomAngle(p0: number, p1: number, p2: number, p3: number, t: number): number {
  return catmullRom(unwrapAngle(p1, p0), p1, unwrapAngle(p1, p2), unwrapAngle(p1, p3), t);
}

export function catmullRomVec(p0: Vec3Tuple, p1: Vec3Tuple, p2: Vec3Tuple, p3: Vec3Tuple, t: number): Vec3Tuple {
  return [0, 1, 2].map((i) => catmullRom(p0[i], p1[i], p2[i], p3[i], t)) as Vec3Tuple;
}

export function lerpVec(a: Vec3Tuple, b: Vec3Tuple, t: number): Vec3Tuple {
  return [lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)];
}

/**
 * Cubic Bézier from p1 to p2 whose control points follow the neighbours' chord (a sixth of it),
 * so consecutive segments meet with the same tangent.
 */
export function bezierVec(p0: Vec3Tuple, p1: Vec3Tuple, p2: Vec3Tuple, p3: Vec3Tuple, t: number): Vec3Tuple {
  const u = 1 - t;
  const out: Vec3Tuple = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const c0 = p1[i] + (p2[i] - p0[i]) / 6;
    const c1 = p2[i] - (p3[i] - p1[i]) / 6;
    out[i] = u * u * u * p1[i] + 3 * u * u * t * c0 + 3 * u * t * t * c1 + t * t * t * p2[i];
  }
  return out;
}
