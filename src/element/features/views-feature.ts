// Snapshot views ("Keep view"): up to three frozen views beside the live one, shown one at a time
// or in a grid, with one shared camera or one each. They persist in the session's multiview state.
import type { ViewLayout } from '../../core/state/views.js';
import { ViewsController } from '../views-controller.js';
import { CameraFeature } from './camera-feature.js';

export class ViewsFeature extends CameraFeature {
  constructor() {
    super();
    const { store } = this;
    const views = (store.views = new ViewsController(store));
    store.register({
      close: () => views.reset(),
      save: (view) => (view.views = views.current),
      apply: async (view, source) => {
        if (view.views) await views.restore(source, view.views);
      },
      describe: (state) => (state.views = views.summary()),
    });
  }

  /** In a grid, a tile's area: a default point size fits the cells to it. */
  protected override plotArea(): number {
    return super.plotArea() / this.store.views.tileCount();
  }

  /**
   * "Keep view": freezes the live view (its colours, field, filters, embedding and camera) as a
   * snapshot beside it; returns the snapshot's id. At most 3 snapshots.
   */
  addSnapshot(options: { label?: string } = {}): string {
    this.store.requireSource('addSnapshot');
    return this.store.views.keep(options?.label);
  }

  removeSnapshot(id: string): void {
    this.store.views.remove(id);
  }

  /** `single`: one view at a time (chosen by the tabs); `grid`: all views tiled. */
  setLayout(layout: ViewLayout): void {
    this.store.views.setLayout(layout);
  }

  /**
   * Locked (default): every view shares the live camera. Unlocked: each view has its own, and input moves the active
   * view's.
   */
  setCamerasLocked(locked: boolean): void {
    this.store.views.setLocked(locked);
  }

  /** The view the tabs show and, with unlocked cameras, the one input moves: "live" or a snapshot id. */
  setActiveView(id: string): void {
    this.store.views.setActive(id);
  }
}
