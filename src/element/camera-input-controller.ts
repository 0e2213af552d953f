// Maps pointer, touch, wheel and keyboard input on the host to camera changes. The maths is
// in core/camera; this controller only translates events and runs inertia and radius
// smoothing on animation frames while something is moving (never a continuous loop).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CameraState, NavigationMode } from '../core/camera/camera-state.js';
import { isFormControl } from './input-events.js';
import type { StoreServices } from './store-types.js';
import type { ViewsController } from './views-controller.js';
import {
  defaultCameraState,
  moveFree,
  normalizeWheelDelta,
  pan,
  pinch,
  rotate,
  look,
  setNavigationMode,
  step,
  zoom,
  zoomBy,
  zoomToCursor,
} from '../core/camera/camera.js';

/** What camera input reads and moves of the store: the live (or locked) camera, and the embedding shown. */
type CameraInputStore = Pick<StoreServices, 'dimension'> & {
  views: Pick<ViewsController, 'inputCamera' | 'applyInputCamera'>;
};

const FRICTION = 0.92;
const INERTIA_WINDOW_MS = 50;
const KEY_STEP_PX = 24;
const KEY_ZOOM_DT = 1 / 15;
const MODE_KEYS: Record<string, NavigationMode> = { o: 'orbit', p: 'planar', g: 'free' };

type DragKind = 'rotate' | 'pan';

export class CameraInputController implements ReactiveController {
  #pointers = new Map<number, { x: number; y: number }>();
  #drag: DragKind | null = null;
  #lastMove = { dx: 0, dy: 0, time: 0 };
  #velocity = { dx: 0, dy: 0, kind: 'rotate' as DragKind };
  #pinchDistance = 0;
  #frame = 0;

  readonly #host: HTMLElement;
  readonly #store: CameraInputStore;
  /** Whether a one-pointer drag moves the camera (a touch before the viewer is activated does not). */
  readonly #dragAllowed: (e: PointerEvent) => boolean;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    store: CameraInputStore,
    dragAllowed: (e: PointerEvent) => boolean = () => true,
  ) {
    this.#host = host;
    this.#store = store;
    this.#dragAllowed = dragAllowed;
    host.addController(this);
  }

  hostConnected(): void {
    const el = this.#host;
    el.addEventListener('pointerdown', this.#onPointerDown);
    el.addEventListener('pointermove', this.#onPointerMove);
    el.addEventListener('pointerup', this.#onPointerUp);
    el.addEventListener('pointercancel', this.#onPointerUp);
    el.addEventListener('wheel', this.#onWheel, { passive: false });
    el.addEventListener('keydown', this.#onKeyDown);
    el.addEventListener('contextmenu', this.#onContextMenu);
  }

  hostDisconnected(): void {
    const el = this.#host;
    el.removeEventListener('pointerdown', this.#onPointerDown);
    el.removeEventListener('pointermove', this.#onPointerMove);
    el.removeEventListener('pointerup', this.#onPointerUp);
    el.removeEventListener('pointercancel', this.#onPointerUp);
    el.removeEventListener('wheel', this.#onWheel);
    el.removeEventListener('keydown', this.#onKeyDown);
    el.removeEventListener('contextmenu', this.#onContextMenu);
    this.#stopAnimation();
    this.#pointers.clear();
  }

  #apply(camera: CameraState): void {
    this.#store.views.applyInputCamera(camera);
  }

  #onPointerDown = (e: PointerEvent): void => {
    // Selections (Alt-drag, a selection tool) and controls keep their own input.
    if (e.altKey || e.defaultPrevented || isFromControl(e)) return;
    this.#stopAnimation();
    this.#pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    capturePointer(this.#host, e.pointerId);
    if (this.#pointers.size === 2) {
      this.#pinchDistance = this.#currentPinchDistance();
      this.#drag = null;
      return;
    }
    this.#drag = e.button === 2 || e.shiftKey ? 'pan' : 'rotate';
    this.#lastMove = { dx: 0, dy: 0, time: performance.now() };
  };

  #onPointerMove = (e: PointerEvent): void => {
    const previous = this.#pointers.get(e.pointerId);
    if (!previous) return;
    const dx = e.clientX - previous.x;
    const dy = e.clientY - previous.y;
    this.#pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const camera = this.#store.views.inputCamera();
    if (this.#pointers.size >= 2) {
      if (camera.navigationMode === 'free') return;
      const distance = this.#currentPinchDistance();
      if (this.#pinchDistance > 0 && distance > 0) this.#apply(pinch(camera, this.#pinchDistance / distance));
      this.#pinchDistance = distance;
      this.#animate();
      return;
    }
    if (!this.#drag || (dx === 0 && dy === 0)) return;
    if (e.pointerType === 'touch' && camera.navigationMode === 'free') return;
    if (!this.#dragAllowed(e)) return;
    this.#apply(this.#drag === 'pan' ? pan(camera, dx, dy) : rotate(camera, dx, dy));
    this.#lastMove = { dx, dy, time: performance.now() };
  };

  #onPointerUp = (e: PointerEvent): void => {
    if (!this.#pointers.delete(e.pointerId)) return;
    if (this.#pointers.size > 0) return;
    const recent = performance.now() - this.#lastMove.time <= INERTIA_WINDOW_MS;
    if (this.#drag && recent && (this.#lastMove.dx !== 0 || this.#lastMove.dy !== 0)) {
      this.#velocity = { dx: this.#lastMove.dx, dy: this.#lastMove.dy, kind: this.#drag };
      this.#animate();
    }
    this.#drag = null;
  };

  #onWheel = (e: WheelEvent): void => {
    if (isFromControl(e)) return;
    e.preventDefault();
    const delta = normalizeWheelDelta(e.deltaY, e.deltaMode);
    if (delta === 0) return;
    const camera = this.#store.views.inputCamera();
    if (camera.navigationMode === 'planar') {
      const rect = this.#host.getBoundingClientRect();
      const ndc: [number, number] = [
        ((e.clientX - rect.left) / rect.width) * 2 - 1,
        1 - ((e.clientY - rect.top) / rect.height) * 2,
      ];
      this.#apply(zoomToCursor(camera, delta, ndc, rect.width / rect.height));
      return;
    }
    this.#apply(zoom(camera, delta));
    this.#animate();
  };

  #onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isFromControl(e)) return;
    const next = this.#cameraForKey(e.key, e.shiftKey);
    if (!next) return;
    e.preventDefault();
    this.#stopAnimation();
    this.#apply(next);
  };

  #onContextMenu = (e: Event): void => {
    if (!isFromControl(e)) e.preventDefault();
  };

  /** The camera after one press of `key`, or null when the key is not a camera key. */
  #cameraForKey(key: string, shift: boolean): CameraState | null {
    const camera = this.#store.views.inputCamera();
    const k = key.length === 1 ? key.toLowerCase() : key;
    const px = KEY_STEP_PX * (shift ? 3 : 1);
    if (k === 'r') return defaultCameraState(this.#store.dimension);
    if (k in MODE_KEYS) return setNavigationMode(camera, MODE_KEYS[k]);
    if (k === '=' || k === '+' || k === ']') return zoomBy(camera, 1, KEY_ZOOM_DT * (shift ? 3 : 1));
    if (k === '-' || k === '_' || k === '[') return zoomBy(camera, -1, KEY_ZOOM_DT * (shift ? 3 : 1));
    const free = camera.navigationMode === 'free';
    const moveDt = (shift ? 2.2 : 1) * 0.1;
    switch (k) {
      case 'ArrowLeft':
        return free ? look(camera, -px, 0) : rotate(camera, -px, 0);
      case 'ArrowRight':
        return free ? look(camera, px, 0) : rotate(camera, px, 0);
      case 'ArrowUp':
        return free ? look(camera, 0, -px) : rotate(camera, 0, -px);
      case 'ArrowDown':
        return free ? look(camera, 0, px) : rotate(camera, 0, px);
      case 'a':
        return free ? moveFree(camera, 0, -1, 0, moveDt) : pan(camera, -px, 0);
      case 'd':
        return free ? moveFree(camera, 0, 1, 0, moveDt) : pan(camera, px, 0);
      case 'w':
        return free ? moveFree(camera, 1, 0, 0, moveDt) : pan(camera, 0, -px);
      case 's':
        return free ? moveFree(camera, -1, 0, 0, moveDt) : pan(camera, 0, px);
      case 'q':
        return free ? moveFree(camera, 0, 0, -1, moveDt) : null;
      case 'e':
        return free ? moveFree(camera, 0, 0, 1, moveDt) : null;
      default:
        return null;
    }
  }

  /** Runs inertia and radius smoothing until both have settled. */
  #animate(): void {
    if (this.#frame) return;
    const tick = () => {
      this.#frame = 0;
      let camera = this.#store.views.inputCamera();
      let moving = false;
      const v = this.#velocity;
      if (Math.abs(v.dx) + Math.abs(v.dy) > 0.05) {
        camera = v.kind === 'pan' ? pan(camera, v.dx, v.dy) : rotate(camera, v.dx, v.dy);
        v.dx *= FRICTION;
        v.dy *= FRICTION;
        moving = true;
      } else {
        v.dx = v.dy = 0;
      }
      const eased = step(camera);
      if (eased) {
        camera = eased;
        moving = true;
      }
      if (moving) {
        this.#apply(camera);
        this.#frame = requestAnimationFrame(tick);
      }
    };
    this.#frame = requestAnimationFrame(tick);
  }

  #stopAnimation(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#velocity = { dx: 0, dy: 0, kind: 'rotate' };
  }

  #currentPinchDistance(): number {
    const [a, b] = [...this.#pointers.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  }
}

/** Keeps a drag going outside the element; a pointer that is already gone cannot be captured. */
export function capturePointer(el: Element, pointerId: number): void {
  try {
    el.setPointerCapture(pointerId);
  } catch {
    // Not an active pointer (released already, or synthetic): the drag still works inside the element.
  }
}

/** The event started on one of the element's own controls or panels, which keep their input. */
export function isFromControl(e: Event): boolean {
  const origin = e.composedPath()[0];
  return isFormControl(e) || (origin instanceof HTMLElement && origin.closest('.panel') !== null);
}
