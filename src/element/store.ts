// The viewer's one store: the state every feature shares (the open dataset, the camera and the
// embedding shown, the books of fields, filters, colours, highlights and views) and the services
// they share (errors, announcements, the change notice). Controllers and features act on the
// store, never on each other or on the element's internals, and report through it, never through
// a callback. Every feature registers a ViewPart: how it saves, restores and describes its part of
// the view, and its hooks: a dataset opened (openDataset, whoever loaded it) or closed, a book
// changed (notify). A restore or a dataset opening is one transaction: its changes are noticed
// once, at its end.
import type { CameraState } from '../core/camera/camera-state.js';
import { defaultCameraState } from '../core/camera/index.js';
import type { DatasetSource, Dimension } from '../core/dataset/types.js';
import { defaultPersistedView, type PersistedView } from '../core/state/persisted-view.js';
import { dict } from '../core/dict.js';
import type { AutosaveController } from './autosave-controller.js';
import type { ColoringController } from './coloring-controller.js';
import type { DatasetController } from './dataset-controller.js';
import { dispatch, type ErrorKind } from './events.js';
import type { FieldBook } from './field-book.js';
import type { FilterBook } from './filter-book.js';
import type { HighlightBook } from './highlight-book.js';
import type { RenderController } from './render-controller.js';
import type { Selector } from './selector.js';
import type { SessionController } from './session-controller.js';
import type { ViewState } from './view-state.js';
import type { ViewsController } from './views-controller.js';
import type { Book, ChangeOrigin, StoreServices, ViewerElement, ViewPart, ViewToDraw } from './store-types.js';
import { Fingerprints } from './dataset-facts.js';
import { plainError } from './plain-errors.js';
import type { WritableFingerprint } from '../core/session/bundle-writer.js';

export class ViewerStore implements StoreServices {
  camera: CameraState = defaultCameraState(3);
  dimension: Dimension = 3;
  /** The error shown over the plot, or null. */
  error: string | null = null;
  /** The technical message behind `error`, when the banner words it for people. */
  errorDetail: string | null = null;
  /** What the polite live region reads out (loading, errors, the coloured field). */
  announcement = '';
  readonly fingerprints = new Fingerprints();
  // The books, each made by the feature that owns it (see src/element/features/).
  datasets!: DatasetController;
  renderer!: RenderController;
  fields!: FieldBook;
  filters!: FilterBook;
  coloring!: ColoringController;
  highlights!: HighlightBook;
  selector!: Selector;
  views!: ViewsController;
  session!: SessionController;
  autosaver!: AutosaveController;

  readonly #parts: ViewPart[] = [];
  #transaction: { origin: ChangeOrigin; changed: boolean } | null = null;
  #eventTimer?: ReturnType<typeof setTimeout>;

  constructor(readonly element: ViewerElement) {}

  get source(): DatasetSource | null {
    return this.datasets.source;
  }

  requireSource(method: string): DatasetSource {
    const source = this.source;
    if (!source) throw new Error(`${method}: no dataset is loaded yet (wait for the cellucid-load event).`);
    return source;
  }

  /** The open dataset's fingerprint (its cell-order digest computed if needed), or null without one. */
  async fingerprint(): Promise<WritableFingerprint | null> {
    const source = this.source;
    return source && this.fingerprints.of(source, this.dimension, this.element.sourceType);
  }

  /** The fingerprint if its digest is at hand without waiting, else null. */
  fingerprintNow(): WritableFingerprint | null {
    const ds = this.source?.dataset;
    return ds ? this.fingerprints.now(ds, this.dimension, this.element.sourceType) : null;
  }

  register(part: ViewPart): void {
    this.#parts.push(part);
  }

  announce(message: string): void {
    // Re-announcing the same text needs a change in the region's content.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
    this.element.requestUpdate();
  }

  /** A failure: `message` for the page (the event), `shown` in plain words over the plot (default: the message). */
  fail(kind: ErrorKind, message: string, shown = plainError(kind, message) ?? message): void {
    this.error = shown;
    this.errorDetail = shown === message ? null : message;
    this.element.requestUpdate();
    this.announce(`Error: ${message}`);
    dispatch(this.element, 'cellucid-error', { kind, message });
  }

  dismissError(): void {
    this.error = this.errorDetail = null;
    this.element.requestUpdate();
  }

  /** Another dataset is asked for: every feature lets go of the open one's state. */
  closeDataset(): void {
    this.dismissError();
    this.fingerprints.clear();
    for (const part of this.#parts) part.close?.();
  }

  /** A dataset loaded: every part starts from its defaults in one silent transaction, then restores (`shown`). */
  async openDataset(source: DatasetSource, signal: AbortSignal): Promise<void> {
    this.camera = defaultCameraState((this.dimension = source.dataset.defaultDimension));
    // Opening a dataset is no change of the user's: no autosave, no state-change event.
    await this.transaction('silent', () => Promise.all(this.#parts.map((part) => part.open?.(source, signal))));
    for (const part of this.#parts) if (!signal.aborted) await part.shown?.();
  }

  /** Runs an interface action: an error is shown, never thrown into the page. */
  guard(action: () => unknown, kind: ErrorKind = 'field'): void {
    const show = (e: unknown) => this.fail(kind, e instanceof Error ? e.message : String(e));
    try {
      const result = action();
      if (result instanceof Promise)
        result.catch((e) => {
          if (e?.name !== 'AbortError') show(e);
        });
    } catch (e) {
      show(e);
    }
  }

  viewportSize(): { width: number; height: number } {
    const rect = this.element.getBoundingClientRect();
    return { width: Math.max(1, rect.width), height: Math.max(1, rect.height) };
  }

  /** Moves the live camera, as a person, a script or a restore does. */
  moveCamera(camera: CameraState): void {
    this.camera = camera;
    this.renderer.requestDraw();
    this.changed();
  }

  /** A book changed: the parts that follow it react (their hook of the book's name). */
  notify(book: Book): void {
    for (const part of this.#parts) part[book]?.();
  }

  /** A frame was sent with these views: the parts that follow the camera move (their `frame` hook). */
  drew(views: readonly ViewToDraw[]): void {
    for (const part of this.#parts) part.frame?.(views);
  }

  /** What the viewer shows changed: the page hears of it (debounced), and it is autosaved. */
  changed(): void {
    if (this.#transaction) this.#transaction.changed = true;
    else this.#notice('user');
  }

  /** True inside a transaction: its changes wait for its end. */
  get inTransaction(): boolean {
    return this.#transaction !== null;
  }

  /** Runs `work` as one change of the given origin. A transaction begun inside another joins it. */
  async transaction<T>(origin: ChangeOrigin, work: () => Promise<T>): Promise<T> {
    if (this.#transaction) return work();
    const t = (this.#transaction = { origin, changed: false });
    try {
      return await work();
    } finally {
      this.#transaction = null;
      if (t.changed) this.#notice(origin);
    }
  }

  #notice(origin: ChangeOrigin): void {
    if (origin === 'silent') return;
    if (origin === 'user') this.autosaver.noteChange();
    clearTimeout(this.#eventTimer);
    this.#eventTimer = setTimeout(() => {
      if (this.source) dispatch(this.element, 'cellucid-state-change', this.viewState());
    }, 150);
  }

  /** Everything the viewer persists, as it is now. */
  persistedView(): PersistedView {
    const view = { ...defaultPersistedView(this.dimension), controls: dict<string | boolean>() };
    for (const part of this.#parts) part.save?.(view);
    return view;
  }

  /**
   * Applies a restored view as one transaction and one frame; resolves once it is drawn, with the
   * parts that could not be shown (reported already).
   */
  applyView(view: Partial<PersistedView>, origin: ChangeOrigin = 'user'): Promise<string[]> {
    const source = this.requireSource('loadState');
    return this.transaction(origin, async () => {
      this.renderer.holdFrames();
      try {
        for (const part of this.#parts) await part.apply?.(view, source);
        this.changed();
        await this.element.updateComplete;
        const notShown: string[] = [];
        for (const part of this.#parts) if (part.settle) notShown.push(...(await part.settle(view, source)));
        return notShown;
      } finally {
        this.renderer.releaseFrames();
      }
    });
  }

  viewState(): ViewState {
    const source = this.source;
    const state = {
      datasetId: source?.dataset.identity.id ?? null,
      cellCount: source?.dataset.cellCount ?? 0,
    } as ViewState;
    for (const part of this.#parts) part.describe?.(state);
    return state;
  }
}
