// The Cellucid app's `cinematic/camera` chunk payload ⇄ a CameraPath. Reading checks an untrusted
// payload as the app's restore does (bounded before anything is built; unknown keys are ignored,
// so the older 9- and 10-key shapes read too); writing gives the app's current 19-key shape.
import type { NavigationMode } from '../camera/camera-state.js';
import { cloneCamera } from '../camera/camera.js';
import { emptyCameraPathPayload } from './defaults.js';
import { isEasing } from './easing.js';
import { fail, isObject, mode, own, readKeyframe } from './keyframe-payload.js';
import {
  emptyCameraPath,
  MAX_KEYFRAMES,
  POSITION_METHODS,
  ROTATION_METHODS,
  type CameraPath,
  type PositionMethod,
  type RotationMethod,
} from './model.js';

/** The camera-navigation settings the app saves beside its path, as its inputs hold them. */
export interface CameraPathControls {
  invertLook: boolean;
  lookSensitivity: string;
  moveSpeed: string;
  orbitKeySpeed: string;
  orbitReverse: boolean;
  planarInvertAxes: boolean;
  planarPanSpeed: string;
  planarZoomToCursor: boolean;
  showOrbitAnchor: boolean;
}

export const DEFAULT_CAMERA_PATH_CONTROLS: Readonly<CameraPathControls> = (() => {
  const p = emptyCameraPathPayload('orbit');
  return {
    invertLook: p.invertLook,
    lookSensitivity: p.lookSensitivity,
    moveSpeed: p.moveSpeed,
    orbitKeySpeed: p.orbitKeySpeed,
    orbitReverse: p.orbitReverse,
    planarInvertAxes: p.planarInvertAxes,
    planarPanSpeed: p.planarPanSpeed,
    planarZoomToCursor: p.planarZoomToCursor,
    showOrbitAnchor: p.showOrbitAnchor,
  };
})();

/** Range inputs (numeric strings) and their bounds. */
const RANGES = new Map<string, [number, number]>([
  ['defaultSpeed', [1, 100]],
  ['orbitKeySpeed', [1, 100]],
  ['planarPanSpeed', [1, 100]],
  ['lookSensitivity', [1, 30]],
  ['moveSpeed', [1, 500]],
]);
const FLAGS = ['invertLook', 'orbitReverse', 'planarInvertAxes', 'planarZoomToCursor', 'showOrbitAnchor'] as const;

function rangeString(o: Record<string, unknown>, key: string, fallback: string): string {
  const v = own(o, key);
  if (v === undefined) return fallback;
  const [lo, hi] = RANGES.get(key)!;
  const n = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  return n >= lo && n <= hi ? (v as string) : fail(`${key} must be a numeric string from ${lo} to ${hi}`);
}

export interface ReadCameraPath {
  path: CameraPath;
  controls: CameraPathControls;
  /** The navigation mode the path was saved in, when the payload says. */
  navigationMode: NavigationMode | null;
}

export function readCameraPathPayload(payload: unknown): ReadCameraPath {
  if (!isObject(payload)) return fail('the payload must be an object');
  const list = own(payload, 'keyframes') ?? [];
  if (!Array.isArray(list)) return fail('keyframes must be an array');
  if (list.length > MAX_KEYFRAMES) fail(`a path holds at most ${MAX_KEYFRAMES} keyframes, not ${list.length}`);
  const keyframes = list.map(readKeyframe);
  if (new Set(keyframes.map((k) => k.id)).size !== keyframes.length) fail('keyframe ids must be unique');
  const path = emptyCameraPath();
  path.keyframes = keyframes;
  const nextIndex = own(payload, 'nextIndex') ?? keyframes.length + 1;
  if (!Number.isSafeInteger(nextIndex) || (nextIndex as number) <= 0) fail('nextIndex must be a positive integer');
  path.nextIndex = nextIndex as number;
  const loopBack = own(payload, 'loopBackKeyframeId') ?? null;
  if (loopBack !== null && (keyframes.length < 3 || keyframes[keyframes.length - 1].id !== loopBack))
    fail('loopBackKeyframeId must be null or the last keyframe of three or more');
  path.loopBackKeyframeId = loopBack as string | null;
  const pick = <T>(key: string, ok: (v: unknown) => boolean, fallback: T, what: string): T => {
    const v = own(payload, key);
    return v === undefined ? fallback : ok(v) ? (v as T) : fail(`${key} must be ${what}`);
  };
  const isBool = (v: unknown) => typeof v === 'boolean';
  path.autoplay = pick('autoplay', isBool, false, 'true or false');
  path.loopPlayback = pick('loopPlayback', isBool, false, 'true or false');
  path.positionMethod = pick(
    'positionMethod',
    (v) => POSITION_METHODS.includes(v as PositionMethod),
    path.positionMethod,
    POSITION_METHODS.join(', '),
  );
  path.rotationMethod = pick(
    'rotationMethod',
    (v) => ROTATION_METHODS.includes(v as RotationMethod),
    path.rotationMethod,
    ROTATION_METHODS.join(', '),
  );
  path.easing = pick('easing', isEasing, path.easing, 'linear, ease-in-out, ease-in or ease-out');
  path.defaultSpeed = Number(rangeString(payload, 'defaultSpeed', String(path.defaultSpeed)));
  const controls = { ...DEFAULT_CAMERA_PATH_CONTROLS };
  for (const key of FLAGS) controls[key] = pick(key, isBool, controls[key], 'true or false');
  for (const key of ['lookSensitivity', 'moveSpeed', 'orbitKeySpeed', 'planarPanSpeed'] as const)
    controls[key] = rangeString(payload, key, controls[key]);
  const saved = own(payload, 'navigationMode');
  return { path, controls, navigationMode: saved === undefined ? null : mode(saved, 'navigationMode') };
}

/** The app's 19-key payload, keys in the app's order. */
export function writeCameraPathPayload(
  path: CameraPath,
  navigationMode: NavigationMode,
  controls: CameraPathControls = DEFAULT_CAMERA_PATH_CONTROLS,
) {
  return {
    keyframes: path.keyframes.map((k) => ({
      id: k.id,
      label: k.label,
      ...cloneCamera(k),
      transitionDuration: k.transitionDuration,
    })),
    nextIndex: path.nextIndex,
    loopBackKeyframeId: path.loopBackKeyframeId,
    autoplay: path.autoplay,
    loopPlayback: path.loopPlayback,
    positionMethod: path.positionMethod,
    rotationMethod: path.rotationMethod,
    easing: path.easing,
    defaultSpeed: String(path.defaultSpeed),
    invertLook: controls.invertLook,
    lookSensitivity: controls.lookSensitivity,
    moveSpeed: controls.moveSpeed,
    orbitKeySpeed: controls.orbitKeySpeed,
    orbitReverse: controls.orbitReverse,
    planarInvertAxes: controls.planarInvertAxes,
    planarPanSpeed: controls.planarPanSpeed,
    planarZoomToCursor: controls.planarZoomToCursor,
    showOrbitAnchor: controls.showOrbitAnchor,
    navigationMode,
  };
}
