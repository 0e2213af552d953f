// Selection gestures. Alt-drag always selects; with the lasso or box tool chosen in the toolbar a
// plain one-finger or mouse drag selects too (touch has no Alt key). Alt+click picks a cell's
// category or value; with the proximity or KNN tool a plain click or tap picks a cell and selects
// around it (drags still navigate). Shift adds to the current selection, Ctrl/Cmd subtracts from
// it, Escape cancels a drag in progress.
import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { boxPolygon, type ScreenPoint, type SelectionMode } from '../core/state/selection.js';
import { capturePointer, isFromControl } from './camera-input-controller.js';
import type { Selector } from './selector.js';
import type { StoreServices } from './store-types.js';

/**
 * What selection gestures use of the store: the element, errors, and the selector (the toolbar's
 * tool; a shape or a click, in CSS pixels of the element's box, to select by).
 */
type SelectionStore = Pick<StoreServices, 'element' | 'guard'> & {
  selector: Pick<Selector, 'tool' | 'inShape' | 'at'>;
};

const modeOf = (e: PointerEvent): SelectionMode =>
  e.shiftKey ? 'add' : e.ctrlKey || e.metaKey ? 'subtract' : 'replace';

/** Pointer moves closer than this to the last lasso point add nothing. */
const MIN_STEP_PX = 2;
/** A drag shorter than this is a click, not a selection. */
const MIN_DRAG_PX = 4;

export class SelectionController implements ReactiveController {
  #pointerId: number | null = null;
  #shape: 'lasso' | 'box' = 'lasso';
  #path: ScreenPoint[] = [];
  #alt = false;
  /** A plain press with the proximity or KNN tool: a click if it ends where it began. */
  #tap: { id: number; at: ScreenPoint } | null = null;

  readonly #store: SelectionStore;
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(store: SelectionStore) {
    this.#store = store;
    (this.#host = store.element).addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('pointerdown', this.#onDown);
    this.#host.addEventListener('pointermove', this.#onMove);
    this.#host.addEventListener('pointerup', this.#onUp);
    this.#host.addEventListener('pointercancel', this.#onCancel);
    this.#host.addEventListener('keydown', this.#onKey);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('pointerdown', this.#onDown);
    this.#host.removeEventListener('pointermove', this.#onMove);
    this.#host.removeEventListener('pointerup', this.#onUp);
    this.#host.removeEventListener('pointercancel', this.#onCancel);
    this.#host.removeEventListener('keydown', this.#onKey);
    this.#pointerId = this.#tap = null;
    this.#path = [];
  }

  get active(): boolean {
    return this.#pointerId !== null;
  }

  /** The shape being drawn, as an SVG overlay (nothing when no drag is in progress). */
  renderOverlay() {
    if (this.#pointerId === null || this.#path.length < 2) return nothing;
    const points = (this.#shape === 'box' ? boxPolygon(this.#path[0], this.#path[this.#path.length - 1]) : this.#path)
      .map((p) => p.join(','))
      .join(' ');
    return html`<svg part="selection" class="selection-overlay" aria-hidden="true">
      ${svg`<polygon points=${points}></polygon>`}
    </svg>`;
  }

  #onDown = (e: PointerEvent): void => {
    const tool = this.#store.selector.tool;
    if (e.button !== 0 || isFromControl(e)) return;
    if (!e.altKey && tool !== 'lasso' && tool !== 'box') {
      // A second finger cancels the tap: it is a pinch.
      this.#tap = tool !== 'navigate' && !this.#tap ? { id: e.pointerId, at: this.#local(e) } : null;
      return;
    }
    if (this.#pointerId !== null) {
      // A second finger: this is a pinch, not a selection.
      this.#onCancel();
      return;
    }
    e.preventDefault();
    this.#pointerId = e.pointerId;
    this.#alt = e.altKey;
    this.#shape = tool === 'box' ? 'box' : 'lasso';
    this.#path = [this.#local(e)];
    capturePointer(this.#host, e.pointerId);
  };

  #onMove = (e: PointerEvent): void => {
    if (this.#tap?.id === e.pointerId && far(this.#tap.at, this.#local(e))) this.#tap = null;
    if (e.pointerId !== this.#pointerId) return;
    const p = this.#local(e);
    const last = this.#path[this.#path.length - 1];
    if (this.#shape === 'lasso' && Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_STEP_PX) return;
    if (this.#shape === 'box') this.#path = [this.#path[0], p];
    else this.#path.push(p);
    this.#host.requestUpdate();
  };

  #onUp = (e: PointerEvent): void => {
    const tap = this.#tap;
    if (tap?.id === e.pointerId) {
      this.#tap = null;
      if (!far(tap.at, this.#local(e))) this.#pick(tap.at, modeOf(e), false);
    }
    if (e.pointerId !== this.#pointerId) return;
    this.#onMove(e);
    const path = this.#path;
    this.#pointerId = null;
    this.#path = [];
    this.#host.requestUpdate();
    const mode = modeOf(e);
    if (path.some((p) => far(path[0], p))) {
      const shape = this.#shape === 'box' ? boxPolygon(path[0], path[path.length - 1]) : path;
      this.#store.guard(() => this.#store.selector.inShape(shape, mode));
    } else if (this.#alt) this.#pick(path[0], mode, true);
  };

  /** A click at a point: with Alt, or with the proximity or KNN tool. */
  #pick([x, y]: ScreenPoint, mode: SelectionMode, alt: boolean): void {
    this.#store.guard(() => this.#store.selector.at(x, y, mode, alt));
  }

  #onCancel = (): void => {
    this.#pointerId = this.#tap = null;
    this.#path = [];
    this.#host.requestUpdate();
  };

  #onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.#pointerId !== null) {
      e.preventDefault();
      this.#onCancel();
    }
  };

  #local(e: PointerEvent): ScreenPoint {
    const rect = this.#host.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  }
}

const far = (a: ScreenPoint, b: ScreenPoint) => Math.hypot(b[0] - a[0], b[1] - a[1]) >= MIN_DRAG_PX;
