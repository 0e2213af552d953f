// Camera paths as the Cellucid app records and plays them: a pure core (no DOM, no clock).
export { EASINGS, isEasing, type CameraPathEasing } from './easing.js';
export {
  autoPaceSpeed,
  emptyCameraPath,
  keyframeCamera,
  MAX_KEYFRAMES,
  type CameraKeyframe,
  type CameraPath,
  type PositionMethod,
  type RotationMethod,
} from './model.js';
export {
  addCameraKeyframe,
  moveCameraKeyframe,
  removeCameraKeyframe,
  setLoopBack,
  updateCameraKeyframe,
  type NewKeyframe,
} from './keyframes.js';
export { cameraPathDuration, locateInPath, sampleCameraPath, segmentDurations, type PathPosition } from './sample.js';
export {
  DEFAULT_CAMERA_PATH_CONTROLS,
  readCameraPathPayload,
  writeCameraPathPayload,
  type CameraPathControls,
  type ReadCameraPath,
} from './payload.js';
export { emptyCameraPathPayload } from './defaults.js';
