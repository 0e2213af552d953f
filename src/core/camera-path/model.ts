// A camera path as the Cellucid app models it: ordered keyframes (each a full camera state, a label
// and the duration of the move to the next one, or null to pace it by distance), how positions and
// rotations are interpolated, the easing, the default speed and whether it loops or autoplays.
import type { FreeflyState, NavigationMode, OrbitState } from '../camera/camera-state.js';
import { emptyCameraPathPayload } from './defaults.js';
import type { CameraPathEasing } from './easing.js';

export type PositionMethod = 'catmull-rom' | 'linear' | 'bezier';
export type RotationMethod = 'slerp' | 'linear';

export interface CameraKeyframe {
  id: string;
  label: string;
  navigationMode: NavigationMode;
  orbit: OrbitState;
  freefly: FreeflyState;
  /** Seconds to the next keyframe, or null: paced by distance at the path's default speed. */
  transitionDuration: number | null;
}

export interface CameraPath {
  keyframes: CameraKeyframe[];
  /** Number of the next default label ("KF n"); counts up, never reused until the path is cleared. */
  nextIndex: number;
  /** The closing keyframe that returns to the start (a copy of the first), or null. */
  loopBackKeyframeId: string | null;
  autoplay: boolean;
  loopPlayback: boolean;
  positionMethod: PositionMethod;
  rotationMethod: RotationMethod;
  easing: CameraPathEasing;
  /** Speed slider 1–100 for distance-paced moves (see autoPaceSpeed). */
  defaultSpeed: number;
}

export const MAX_KEYFRAMES = 100;
const MIN_TRANSITION_SECONDS = 0.1;
const MAX_TRANSITION_SECONDS = 60;
const MAX_LABEL_LENGTH = 40;
export const KEYFRAME_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const POSITION_METHODS: readonly PositionMethod[] = ['catmull-rom', 'linear', 'bezier'];
export const ROTATION_METHODS: readonly RotationMethod[] = ['slerp', 'linear'];

export function emptyCameraPath(): CameraPath {
  const p = emptyCameraPathPayload('orbit');
  return {
    keyframes: [],
    nextIndex: p.nextIndex,
    loopBackKeyframeId: p.loopBackKeyframeId,
    autoplay: p.autoplay,
    loopPlayback: p.loopPlayback,
    positionMethod: p.positionMethod,
    rotationMethod: p.rotationMethod,
    easing: p.easing,
    defaultSpeed: Number(p.defaultSpeed),
  };
}

/** Scene units per second of a distance-paced move: the app's exponential slider, 1 ↦ ~0.1, 100 ↦ 4. */
export function autoPaceSpeed(defaultSpeed: number): number {
  return 0.1 * 40 ** (defaultSpeed / 100);
}

export function checkLabel(label: unknown, method: string): string {
  const trimmed = typeof label === 'string' ? label.trim() : '';
  if (trimmed.length < 1 || trimmed.length > MAX_LABEL_LENGTH)
    throw new Error(`${method}: a keyframe label must be text of 1 to ${MAX_LABEL_LENGTH} characters.`);
  return trimmed;
}

export function checkDuration(duration: unknown, method: string): number | null {
  if (duration === null || duration === undefined) return null;
  if (typeof duration !== 'number' || !(duration >= MIN_TRANSITION_SECONDS && duration <= MAX_TRANSITION_SECONDS))
    throw new Error(
      `${method}: a duration must be null or ${MIN_TRANSITION_SECONDS} to ${MAX_TRANSITION_SECONDS} seconds.`,
    );
  return duration;
}

/** A keyframe's camera, as a fresh copy. */
export { cloneCamera as keyframeCamera } from '../camera/camera.js';
