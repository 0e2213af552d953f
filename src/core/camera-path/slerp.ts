// Spherical interpolation of a viewing direction given as two angles, as the Cellucid app does it:
// orbit (θ, φ) ↦ (sin φ sin θ, cos φ, sin φ cos θ); free-fly (yaw, pitch) ↦
// (cos pitch cos yaw, sin pitch, cos pitch sin yaw). Both directions are unit vectors; the result
// moves along their great circle at constant angular speed and is turned back into angles.
import type { Vec3Tuple } from '../camera/camera-state.js';
import { lerp, lerpAngle } from './spline.js';

export type AngleConvention = 'orbit' | 'freefly';

export function directionOf(a: number, b: number, convention: AngleConvention): Vec3Tuple {
  if (convention === 'freefly') return [Math.cos(b) * Math.cos(a), Math.sin(b), Math.cos(b) * Math.sin(a)];
  return [Math.sin(b) * Math.sin(a), Math.cos(b), Math.sin(b) * Math.cos(a)];
}

function anglesOf(d: Vec3Tuple, convention: AngleConvention): [number, number] {
  const y = Math.max(-1, Math.min(1, d[1]));
  if (convention === 'freefly') return [Math.atan2(d[2], d[0]), Math.asin(y)];
  return [Math.atan2(d[0], d[2]), Math.acos(y)];
}

/** Great-circle interpolation of two unit vectors. */
export function slerpDirection(a: Vec3Tuple, b: Vec3Tuple, t: number): Vec3Tuple {
  const dot = Math.max(-1, Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
  const omega = Math.acos(dot);
  const sin = Math.sin(omega);
  const s0 = Math.sin((1 - t) * omega) / sin;
  const s1 = Math.sin(t * omega) / sin;
  return [s0 * a[0] + s1 * b[0], s0 * a[1] + s1 * b[1], s0 * a[2] + s1 * b[2]];
}

/**
 * Within this angle of the same or of opposite directions the great circle is ill-defined (the app
 * would divide by ~0): the angles are interpolated directly instead.
 */
const NEARLY_SAME = 1e-6;

/** (a, b) angles from (a1, b1) to (a2, b2). */
export function slerpAngles(
  a1: number,
  b1: number,
  a2: number,
  b2: number,
  t: number,
  convention: AngleConvention,
): [number, number] {
  const from = directionOf(a1, b1, convention);
  const to = directionOf(a2, b2, convention);
  const dot = Math.max(-1, Math.min(1, from[0] * to[0] + from[1] * to[1] + from[2] * to[2]));
  const omega = Math.acos(dot);
  if (omega < NEARLY_SAME || Math.PI - omega < NEARLY_SAME) return [lerpAngle(a1, a2, t), lerp(b1, b2, t)];
  return anglesOf(slerpDirection(from, to, t), convention);
}
