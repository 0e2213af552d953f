export type { CameraState, NavigationMode, OrbitState, FreeflyState, Vec3Tuple } from './camera-state.js';
export * from './camera.js';
