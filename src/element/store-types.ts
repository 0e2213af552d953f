// The store's types that its controllers see: the element, who changed the view, a feature's
// part of the view, and the store's shared services. A leaf module, so that controllers depend on
// what they use of the store (store.ts imports them, they never import store.ts).
import type { LitElement } from 'lit';
import type { CameraState } from '../core/camera/camera-state.js';
import type { DatasetSource, Dimension } from '../core/dataset/types.js';
import type { PersistedView } from '../core/state/persisted-view.js';
import type { ErrorKind } from './events.js';
import type { ViewState } from './view-state.js';
import type { ViewRect } from '../render/point-renderer.js';

/** The element, with the attributes controllers read. */
export interface ViewerElement extends LitElement {
  stallTimeout: number | null;
  sourceType: string | null;
  autosave: 'on' | 'off';
  autosaveKeyName: string | null;
}

/**
 * Who changed the view: `user` (autosaved, and the page hears of it), `restore` (a start-up state:
 * the page hears of it, nothing is autosaved) or `silent` (a dataset opening: neither).
 */
export type ChangeOrigin = 'user' | 'restore' | 'silent';

/** A view a frame draws: its camera and its place on the canvas (CSS px). */
export interface ViewToDraw {
  id: string;
  camera: CameraState;
  rect: ViewRect;
}

/** A feature's part of the persisted view and of getViewState(). */
export interface ViewPart {
  /** The dataset is going away (another one is asked for): let go of what belongs to it. */
  close?(): void;
  /**
   * A dataset loaded: start from its defaults. The opening is one silent transaction; every part's
   * `open` is called before any is awaited (the dataset feature's goes on to draw the first frame).
   */
  open?(source: DatasetSource, signal: AbortSignal): unknown;
  /** The opened dataset is drawn, its transaction over: the start-up view is restored (persistence). */
  shown?(): unknown;
  /** Writes its keys of the persisted view. */
  save?(view: PersistedView): void;
  /** Applies its keys of a restored view (absent keys leave it as it is). */
  apply?(view: Partial<PersistedView>, source: DatasetSource): unknown;
  /** After every part is applied and the element has updated: what could not be shown, in plain words. */
  settle?(view: Partial<PersistedView>, source: DatasetSource): Promise<string[]>;
  /** Writes its keys of getViewState(). */
  describe?(state: ViewState): void;
  /** The field book changed (names, hidden fields, user fields). */
  fields?(): void;
  /** The highlight book changed (pages, groups). */
  highlights?(): void;
  /** A frame was sent to the renderer, with its views: what follows the camera on the page moves. */
  frame?(views: readonly ViewToDraw[]): void;
}

/** A book whose changes the store hands to the parts that follow it (`notify`). */
export type Book = 'fields' | 'highlights';

/** What every controller may use of the store. */
export interface StoreServices {
  readonly element: ViewerElement;
  readonly source: DatasetSource | null;
  camera: CameraState;
  dimension: Dimension;
  requireSource(method: string): DatasetSource;
  announce(message: string): void;
  fail(kind: ErrorKind, message: string, shown?: string): void;
  guard(action: () => unknown, kind?: ErrorKind): void;
  /** What the viewer shows changed (autosave, the state-change event). */
  changed(): void;
  /** A book changed: each part's hook of that name reacts. */
  notify(book: Book): void;
  drew(views: readonly ViewToDraw[]): void;
  readonly inTransaction: boolean;
  viewportSize(): { width: number; height: number };
  moveCamera(camera: CameraState): void;
  /** A dataset loaded (however the load began): opens it, then restores the start-up view. */
  openDataset(source: DatasetSource, signal: AbortSignal): Promise<void>;
  persistedView(): PersistedView;
  applyView(view: Partial<PersistedView>, origin?: ChangeOrigin): Promise<string[]>;
}
