// Editing a camera path: each operation returns a new path and checks its input as the Cellucid app
// would save it (at most 100 keyframes, labels of 1–40 characters, moves of 0.1–60 s or paced).
import type { CameraState } from '../camera/camera-state.js';
import {
  checkDuration,
  checkLabel,
  KEYFRAME_ID,
  keyframeCamera,
  MAX_KEYFRAMES,
  type CameraKeyframe,
  type CameraPath,
} from './model.js';

export interface NewKeyframe {
  label?: string;
  /** Seconds of the move from this keyframe to the next; omitted or null: paced by distance. */
  duration?: number | null;
  /** Defaults to the first free "kf-<n>". */
  id?: string;
}

function indexOf(path: CameraPath, id: string, method: string): number {
  const i = path.keyframes.findIndex((k) => k.id === id);
  if (i < 0) throw new Error(`${method}: the path has no keyframe "${String(id).slice(0, 60)}".`);
  return i;
}

/** The loop-back keyframe stays meaningful only as the last of three or more. */
function withLoopBackChecked(path: CameraPath): CameraPath {
  const id = path.loopBackKeyframeId;
  if (id === null) return path;
  const k = path.keyframes;
  if (k.length === 0 || k[k.length - 1].id !== id) return { ...path, loopBackKeyframeId: null };
  if (k.length >= 3) return path;
  // Returning to the start needs two keyframes besides the return: drop it, as the app does.
  return { ...path, keyframes: k.slice(0, -1), loopBackKeyframeId: null };
}

export function addCameraKeyframe(
  path: CameraPath,
  camera: CameraState,
  options: NewKeyframe = {},
): { path: CameraPath; id: string } {
  const method = 'addCameraKeyframe';
  if (path.keyframes.length >= MAX_KEYFRAMES)
    throw new Error(`${method}: a path holds at most ${MAX_KEYFRAMES} keyframes.`);
  const taken = new Set(path.keyframes.map((k) => k.id));
  let id = options.id;
  if (id === undefined) for (let n = path.nextIndex; id === undefined || taken.has(id); n++) id = `kf-${n}`;
  if (!KEYFRAME_ID.test(id) || taken.has(id))
    throw new Error(`${method}: "${id.slice(0, 60)}" is not a free keyframe id.`);
  const label = checkLabel(options.label ?? `KF ${path.nextIndex}`, method);
  const { navigationMode, orbit, freefly } = keyframeCamera(camera);
  const keyframe: CameraKeyframe = {
    id,
    label,
    navigationMode,
    orbit,
    freefly,
    transitionDuration: checkDuration(options.duration, method),
  };
  return { path: { ...path, keyframes: [...path.keyframes, keyframe], nextIndex: path.nextIndex + 1 }, id };
}

export function removeCameraKeyframe(path: CameraPath, id: string): CameraPath {
  const i = indexOf(path, id, 'removeCameraKeyframe');
  return withLoopBackChecked({ ...path, keyframes: path.keyframes.filter((_, j) => j !== i) });
}

/** Moves a keyframe to position `to` (clamped to the path). */
export function moveCameraKeyframe(path: CameraPath, id: string, to: number): CameraPath {
  const from = indexOf(path, id, 'moveCameraKeyframe');
  const keyframes = path.keyframes.slice();
  const [moved] = keyframes.splice(from, 1);
  const at = Math.max(0, Math.min(keyframes.length, Math.trunc(Number.isFinite(to) ? to : from)));
  keyframes.splice(at, 0, moved);
  return withLoopBackChecked({ ...path, keyframes });
}

export function updateCameraKeyframe(
  path: CameraPath,
  id: string,
  change: { label?: string; duration?: number | null },
): CameraPath {
  const method = 'updateCameraKeyframe';
  const i = indexOf(path, id, method);
  const k = { ...path.keyframes[i] };
  if (change.label !== undefined) k.label = checkLabel(change.label, method);
  if (change.duration !== undefined) k.transitionDuration = checkDuration(change.duration, method);
  return { ...path, keyframes: path.keyframes.map((old, j) => (j === i ? k : old)) };
}

/** Adds (or removes) a last keyframe that returns to the first one's camera. */
export function setLoopBack(path: CameraPath, on: boolean, label = '\u21a9 Return to Start'): CameraPath {
  const current = path.loopBackKeyframeId;
  if (!on) return current === null ? path : removeCameraKeyframe(path, current);
  if (current !== null || path.keyframes.length < 2) return path;
  const added = addCameraKeyframe(path, keyframeCamera(path.keyframes[0]), { label });
  return { ...added.path, loopBackKeyframeId: added.id };
}
