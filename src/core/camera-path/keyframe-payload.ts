// One keyframe of an untrusted cinematic/camera payload: exact keys, finite numbers, the app's id,
// label and duration rules.
import type { FreeflyState, NavigationMode, OrbitState, Vec3Tuple } from '../camera/camera-state.js';
import { isPlainObject as isObject, own } from '../session/safe-json.js';
import { checkDuration, checkLabel, KEYFRAME_ID, type CameraKeyframe } from './model.js';

const KEYFRAME_KEYS = ['freefly', 'id', 'label', 'navigationMode', 'orbit', 'transitionDuration'];

export const fail = (why: string): never => {
  throw new Error(`Invalid camera path: ${why}.`);
};
export { isObject, own };

function finite(v: unknown, where: string): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fail(`${where} must be a finite number`);
}

function vec3(v: unknown, where: string): Vec3Tuple {
  if (!Array.isArray(v) || v.length !== 3) fail(`${where} must be [x, y, z]`);
  return [0, 1, 2].map((i) => finite((v as unknown[])[i], `${where}[${i}]`)) as Vec3Tuple;
}

export function mode(v: unknown, where: string): NavigationMode {
  return v === 'orbit' || v === 'planar' || v === 'free' ? v : fail(`${where} must be orbit, planar or free`);
}

function readOrbit(v: unknown, where: string): OrbitState {
  if (!isObject(v)) return fail(`${where} must be an object`);
  const radius = finite(own(v, 'radius'), `${where}.radius`);
  const targetRadius = finite(own(v, 'targetRadius'), `${where}.targetRadius`);
  if (radius <= 0 || targetRadius <= 0) fail(`${where} radii must be greater than 0`);
  const theta = finite(own(v, 'theta'), `${where}.theta`);
  const phi = finite(own(v, 'phi'), `${where}.phi`);
  return { radius, targetRadius, theta, phi, target: vec3(own(v, 'target'), `${where}.target`) };
}

function readFreefly(v: unknown, where: string): FreeflyState {
  if (!isObject(v)) return fail(`${where} must be an object`);
  const position = vec3(own(v, 'position'), `${where}.position`);
  return { position, yaw: finite(own(v, 'yaw'), `${where}.yaw`), pitch: finite(own(v, 'pitch'), `${where}.pitch`) };
}

export function readKeyframe(v: unknown, i: number): CameraKeyframe {
  const where = `keyframes[${i}]`;
  if (!isObject(v)) return fail(`${where} must be an object`);
  const keys = Object.keys(v).sort();
  if (keys.join() !== KEYFRAME_KEYS.join()) fail(`${where} must hold exactly ${KEYFRAME_KEYS.join(', ')}`);
  const id = own(v, 'id');
  if (typeof id !== 'string' || !KEYFRAME_ID.test(id)) fail(`${where}.id is not a keyframe id`);
  const label = own(v, 'label');
  if (typeof label !== 'string' || checkLabel(label, where) !== label) fail(`${where}.label must be trimmed`);
  return {
    id: id as string,
    label: label as string,
    navigationMode: mode(own(v, 'navigationMode'), `${where}.navigationMode`),
    orbit: readOrbit(own(v, 'orbit'), `${where}.orbit`),
    freefly: readFreefly(own(v, 'freefly'), `${where}.freefly`),
    transitionDuration: checkDuration(own(v, 'transitionDuration'), where),
  };
}
