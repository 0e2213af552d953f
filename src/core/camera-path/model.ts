// A camera path as the Cellucid app models it: ordered keyframes (each a full camera state, a label
// and the duration of the move to the next one, or null to pace it by distance), how positions and
// rotations are interpolated, the easing, the default speed and whether it loops or autoplays.
import type { FreeflyState, NavigationMode, OrbitState } from '../camera/camera-state.js';
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
export const MIN_TRANSITION_SECONDS = 0.1;
export const MAX_TRANSITION_SECONDS = 60;
export const MAX_LABEL_LENGTH = 40;
export const KEYFRAME_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const POSITION_METHODS: readonly PositionMethod[] = ['catmull-rom', 'linear', 'bezier'];
export const ROTATION_METHODS: readonly RotationMethod[] = ['slerp', 'linear'];

export function emptyCameraPath(): CameraPath {
  return {
    keyframes: [],
    nextIndex: 1,
    loopBackKeyframeId: null,
    autoplay: false,
    loopPlayback: false,
    positionMethod: 'catmull-rom',
    rotationMethod: 'slerp',
    easing: 'ease-in-out',
    defaultSpeed: 30,
  };
}

/** Scene units per second of a distance-paced move: the app's exponential slider, 1 ↦ ~0.1, 100 ↦ 4. */
export function autoPaceSpeed(defaultSpeed: number): number {
  return 0.1 * 40 ** (defaultSpeed / 100);
}
