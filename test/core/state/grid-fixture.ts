// A 2-D grid of 11 × 11 cells in [-0.5, 0.5]² (steps of 0.1), seen by the default planar camera
// in a 400 × 300 viewport: shared by the selection and picking tests.
import { cameraMatrices, defaultCameraState, projectToScreen } from '../../../src/core/camera/camera.js';

export const viewport = { width: 400, height: 300 };
export const xyz = new Float32Array(121 * 3);
for (let i = 0; i < 121; i++) {
  xyz[3 * i] = (i % 11) / 10 - 0.5;
  xyz[3 * i + 1] = Math.floor(i / 11) / 10 - 0.5;
}
const camera = defaultCameraState(2);
export const vp = cameraMatrices(camera, viewport.width / viewport.height).viewProjection;
/** Where cell i of `pos` is drawn, in CSS pixels. */
export const screen = (i: number, pos = xyz) =>
  projectToScreen(camera, viewport.width, viewport.height, [pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]])!;
