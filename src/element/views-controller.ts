// Snapshot views: keeping the live view, layout (single or grid), locked or unlocked cameras, the
// active view, restoring saved snapshots, and which camera and tile input and drawing use.
import { formatFieldRef, type FieldRef } from '../core/state/field-ref.js';
import { nothing, type ReactiveController } from 'lit';
import type { CameraState } from '../core/camera/camera-state.js';
import type { DatasetSource, Dimension } from '../core/dataset/types.js';
import {
  emptyViews,
  layoutViews,
  LIVE_VIEW_ID,
  MAX_SNAPSHOTS,
  nextSnapshotId,
  type Rect,
  type Snapshot,
  type ViewLayout,
  type ViewsState,
} from '../core/state/views.js';
import { plainText } from '../core/state/plain-text.js';
import { persistedFilters } from '../core/state/persisted-view.js';
import type { LegendModel } from '../core/state/legend-model.js';
import type { StoreServices } from './store-types.js';
import type { ColoringController } from './coloring-controller.js';
import type { FilterBook } from './filter-book.js';
import type { RenderController } from './render-controller.js';

/** What snapshot views use of the store. */
type ViewsStore = StoreServices & { coloring: ColoringController; filters: FilterBook; renderer: RenderController };
import { renderViewCaptions, renderViewTabs, type ViewActions } from './views-view.js';

/** Longest snapshot label kept. */
const MAX_LABEL = 200;

export class ViewsController implements ReactiveController {
  #state: ViewsState = emptyViews();
  readonly actions: ViewActions = {
    keep: () => this.#store.guard(() => this.keep()),
    remove: (id) => this.#store.guard(() => this.remove(id)),
    activate: (id) => this.#store.guard(() => this.setActive(id)),
    setLayout: (layout) => this.#store.guard(() => this.setLayout(layout)),
    setLocked: (locked) => this.#store.guard(() => this.setLocked(locked)),
    caption: (id) => this.#caption(id),
    legend: (id) => this.#legends.get(id) ?? null,
  };
  /** Each snapshot's legend, as it was coloured (kept or restored). */
  readonly #legends = new Map<string, LegendModel>();

  readonly #store: ViewsStore;

  constructor(store: ViewsStore) {
    this.#store = store;
    const host = store.element;
    host.addController(this);
    // In a grid, pressing on a tile makes it the active view (its camera, when unlocked, takes the input).
    host.addEventListener('pointerdown', (e) => this.#focusTileAt(e.clientX, e.clientY), { capture: true });
    store.renderer.setViewLayout((width, height) => this.#viewsToDraw(width, height));
  }

  get #renderer() {
    return this.#store.renderer;
  }

  /** The element renders again when its size changes: a pane's legend is sized to its pane. */
  readonly #resized = new ResizeObserver(() => this.#store.element.requestUpdate());

  hostConnected(): void {
    this.#resized.observe(this.#store.element);
  }

  hostDisconnected(): void {
    this.#resized.disconnect();
  }

  get current(): ViewsState {
    return this.#state;
  }

  /** Drops every snapshot (a new dataset). */
  reset(): void {
    for (const s of this.#state.snapshots) this.#renderer.removeView(s.id);
    this.#legends.clear();
    this.#state = emptyViews();
    this.#store.element.requestUpdate();
  }

  keep(label?: string): string {
    if (this.#state.snapshots.length >= MAX_SNAPSHOTS)
      throw new Error(`addSnapshot: at most ${MAX_SNAPSHOTS} snapshot views; remove one first.`);
    const frozen = this.#freezeLiveView();
    const text = plainText(label, MAX_LABEL) || this.#uniqueLabel(frozen.defaultLabel);
    const snapshot: Snapshot = { id: nextSnapshotId(this.#state), label: text, ...frozen.snapshot };
    this.#renderer.setViewData(snapshot.id, frozen.xyz, snapshot.dimension, frozen.rgba);
    if (frozen.legend) this.#legends.set(snapshot.id, frozen.legend);
    this.#state = { ...this.#state, snapshots: [...this.#state.snapshots, snapshot] };
    this.#store.announce(`Kept view ${text} (${this.#state.snapshots.length} of ${MAX_SNAPSHOTS}).`);
    this.#changed();
    return snapshot.id;
  }

  remove(id: string): void {
    this.#snapshot('removeSnapshot', id);
    this.#renderer.removeView(id);
    this.#legends.delete(id);
    const snapshots = this.#state.snapshots.filter((s) => s.id !== id);
    this.#state = {
      ...this.#state,
      snapshots,
      activeId: this.#state.activeId === id ? LIVE_VIEW_ID : this.#state.activeId,
    };
    this.#changed();
  }

  setLayout(layout: ViewLayout): void {
    if (layout !== 'single' && layout !== 'grid') throw new Error('setLayout: expected "single" or "grid".');
    this.#state = { ...this.#state, layout };
    this.#changed();
  }

  setLocked(locked: boolean): void {
    const camerasLocked = Boolean(locked);
    // Unlocking starts every snapshot where the shared camera is now.
    const live = this.#store.camera;
    const snapshots =
      !camerasLocked && this.#state.camerasLocked
        ? this.#state.snapshots.map((s) => ({ ...s, camera: structuredClone(live) }))
        : this.#state.snapshots;
    this.#state = { ...this.#state, camerasLocked, snapshots };
    this.#changed();
  }

  setActive(id: string): void {
    if (id !== LIVE_VIEW_ID) this.#snapshot('setActiveView', id);
    this.#state = { ...this.#state, activeId: id };
    this.#changed();
  }

  /** Restored snapshots are coloured again from their field and filters (a session holds no colours). */
  async restore(source: DatasetSource, views: ViewsState): Promise<void> {
    for (const s of this.#state.snapshots) this.#renderer.removeView(s.id);
    this.#legends.clear();
    const kept: Snapshot[] = [];
    for (const s of views.snapshots) {
      try {
        const { rgba, legend } = await this.#store.coloring.snapshotColors(source, s);
        this.#renderer.setViewData(s.id, await source.loadPositions(s.dimension), s.dimension, rgba);
        this.#legends.set(s.id, legend);
        kept.push(s);
      } catch (err) {
        this.#store.announce(
          `The view ${s.label} could not be restored: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    const activeId = kept.some((s) => s.id === views.activeId) ? views.activeId : LIVE_VIEW_ID;
    this.#state = { ...views, snapshots: kept, activeId };
    this.#store.element.requestUpdate();
    this.#renderer.requestDraw();
  }

  /** The camera a view is drawn with: the live one when cameras are locked. */
  cameraOf(id: string): CameraState {
    if (id === LIVE_VIEW_ID || this.#state.camerasLocked) return this.#store.camera;
    return this.#state.snapshots.find((s) => s.id === id)?.camera ?? this.#store.camera;
  }

  /** Pointer and keyboard move the active view's camera (all of them when locked). */
  inputCamera(): CameraState {
    return this.cameraOf(this.#state.activeId);
  }

  applyInputCamera(camera: CameraState): void {
    const s = this.#state.camerasLocked ? undefined : this.#state.snapshots.find((v) => v.id === this.#state.activeId);
    if (!s) {
      this.#store.moveCamera(camera);
      return;
    }
    s.camera = camera;
    this.#changed();
  }

  /** How many views are drawn side by side now (1 outside a grid). */
  tileCount(): number {
    return this.#state.layout === 'grid' ? 1 + this.#state.snapshots.length : 1;
  }

  /** The tile at a point of the element's box (the whole box outside a grid). */
  /** In a grid, each snapshot pane's legend and tile (CSS px of the element), for a picture of it. */
  paneLegends(): { legend: LegendModel; rect: Rect }[] {
    if (this.#state.layout !== 'grid') return [];
    const { width, height } = this.#store.viewportSize();
    return layoutViews(this.#state, width, height).flatMap(({ id, rect }) => {
      const legend = this.#legends.get(id);
      return legend ? [{ legend, rect }] : [];
    });
  }

  tileAt(x: number, y: number): { id: string; rect: Rect } {
    const { width, height } = this.#store.viewportSize();
    const tiles = layoutViews(this.#state, width, height);
    return (
      tiles.find(({ rect }) => x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height) ??
      tiles[0]
    );
  }

  summary(): {
    layout: ViewLayout;
    activeId: string;
    camerasLocked: boolean;
    snapshots: Array<{ id: string; label: string; activeField: FieldRef | null; dimension: Dimension }>;
  } {
    return {
      layout: this.#state.layout,
      activeId: this.#state.activeId,
      camerasLocked: this.#state.camerasLocked,
      snapshots: this.#state.snapshots.map((s) => ({
        id: s.id,
        label: s.label,
        activeField: s.activeField && formatFieldRef(s.activeField),
        dimension: s.dimension,
      })),
    };
  }

  renderTabs() {
    return renderViewTabs(this.#state, this.actions);
  }

  renderCaptions() {
    if (this.#state.layout !== 'grid' || this.#state.snapshots.length === 0) return nothing;
    const { width, height } = this.#store.viewportSize();
    return renderViewCaptions(
      layoutViews(this.#state, width, height),
      width,
      height,
      this.#state.activeId,
      this.actions,
    );
  }

  /**
   * In a grid the live view's panels keep to its tile (the first, at the top left): its size in %,
   * and the legend and highlights panels at most 30 % of its height, clear of the tile's centre.
   */
  livePaneStyle(): string {
    if (this.#state.layout !== 'grid' || this.#state.snapshots.length === 0) return '';
    const { width, height } = this.#store.viewportSize();
    const { rect } = layoutViews(this.#state, width, height)[0];
    return (
      `width: ${(rect.width / width) * 100}%; height: ${(rect.height / height) * 100}%; ` + '--pane-panel-height: 30%'
    );
  }

  #viewsToDraw(width: number, height: number) {
    if (this.#state.snapshots.length === 0) return null;
    return layoutViews(this.#state, width, height).map(({ id, rect }) => ({ id, rect, camera: this.cameraOf(id) }));
  }

  #focusTileAt(clientX: number, clientY: number): void {
    if (this.#state.layout !== 'grid' || this.#state.snapshots.length === 0) return;
    const box = this.#store.element.getBoundingClientRect();
    const tile = this.tileAt(clientX - box.left, clientY - box.top);
    if (tile.id !== this.#state.activeId) this.setActive(tile.id);
  }

  #changed(): void {
    this.#store.element.requestUpdate();
    this.#renderer.requestDraw();
    this.#store.changed();
  }

  /** What a snapshot of the live view freezes; throws when nothing is drawn. */
  #freezeLiveView() {
    const { coloring, filters, renderer } = this.#store;
    const xyz = renderer.positionsArray;
    if (!xyz || !coloring.colors) throw new Error('addSnapshot: nothing is drawn yet.');
    const field = coloring.field;
    return {
      snapshot: {
        activeField: field ? { ...field } : null,
        fieldKind: coloring.data?.kind ?? null,
        dimension: this.#store.dimension,
        camera: structuredClone(this.#store.camera),
        filters: persistedFilters(filters.summary(this.#store.source)),
        filtersText: filters
          .describe(field)
          .filter((f) => f.enabled)
          .map((f) => f.text),
      },
      xyz,
      rgba: coloring.colors.slice(),
      // A recolouring makes a new legend (its counts are of drawn cells: a hidden category has none).
      legend: coloring.legend,
      defaultLabel: field ? `by ${coloring.title(field)}` : 'View',
    };
  }

  #snapshot(method: string, id: string): Snapshot {
    const s = this.#state.snapshots.find((v) => v.id === id);
    if (!s) throw new Error(`${method}: there is no snapshot view "${id}".`);
    return s;
  }

  #uniqueLabel(base: string): string {
    let label = base;
    for (let n = 2; this.#state.snapshots.some((s) => s.label === label); n++) label = `${base} (${n})`;
    return label;
  }

  #caption(id: string): string {
    if (id === LIVE_VIEW_ID) return 'Live';
    return this.#state.snapshots.find((v) => v.id === id)?.label ?? id;
  }
}
