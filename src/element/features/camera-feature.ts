// The camera and the embedding shown: mouse, touch and keyboard navigation, getCamera/setCamera,
// the 1/2/3 keys and setDimension. Both persist in the session's core state.
import type { CameraState } from '../../core/camera/camera-state.js';
import { defaultCameraState, validateCameraState } from '../../core/camera/index.js';
import type { Dimension } from '../../core/dataset/types.js';
import { CameraInputController } from '../camera-input-controller.js';
import { isFormControl } from '../input-events.js';
import { TouchGate } from '../touch-gate.js';
import { HighlightsFeature } from './highlights-feature.js';

export class CameraFeature extends HighlightsFeature {
  constructor() {
    super();
    const { store } = this;
    const gate = new TouchGate(this, () =>
      store.announce('Viewer active: one finger turns the cells; a press outside it scrolls the page again.'),
    );
    new CameraInputController(this, store, (e) => gate.allows(e));
    store.register({
      save: (view) => {
        view.camera = this.getCamera();
        view.dimension = store.dimension;
      },
      apply: async (view, source) => {
        if (view.dimension && view.dimension !== store.dimension) {
          const positions = await source.loadPositions(view.dimension);
          store.dimension = view.dimension;
          store.renderer.setPositions(positions, view.dimension);
        }
        if (view.camera) store.camera = structuredClone(view.camera);
      },
      describe: (state) => {
        state.camera = this.getCamera();
        state.dimension = store.dimension;
      },
    });
    this.addEventListener('keydown', (e) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isFormControl(e)) return;
      const d = Number(e.key) as Dimension;
      if ((d === 1 || d === 2 || d === 3) && store.source?.dataset.dimensions.includes(d) && d !== store.dimension) {
        e.preventDefault();
        store.guard(() => this.setDimension(d), 'dataset');
      }
    });
  }

  /** The camera in the session format's shape. */
  getCamera(): CameraState {
    return structuredClone(this.store.camera);
  }

  /** Moves the camera; throws for a malformed state and changes nothing. */
  setCamera(camera: CameraState): void {
    this.store.moveCamera(validateCameraState(camera));
  }

  /** Returns the camera to the default framing of the current dimension. */
  resetCamera(): void {
    this.store.moveCamera(defaultCameraState(this.store.dimension));
  }

  /** Switches the embedding shown when the dataset has it; rejects for one it has not. */
  async setDimension(dimension: Dimension): Promise<void> {
    const { store } = this;
    const source = store.requireSource('setDimension');
    if (!source.dataset.dimensions.includes(dimension)) {
      throw new Error(
        `setDimension: this dataset has no ${dimension}-D embedding (available: ` +
          `${source.dataset.dimensions.join(', ')}).`,
      );
    }
    const positions = await source.loadPositions(dimension);
    if (store.source !== source) return;
    store.dimension = dimension;
    store.camera = defaultCameraState(dimension);
    store.renderer.setPositions(positions, dimension);
    store.announce(`Showing the ${dimension}-D embedding.`);
    store.changed();
    this.requestUpdate();
    await store.renderer.nextFrame();
  }
}
