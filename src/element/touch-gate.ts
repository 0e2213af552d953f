// A viewer in an article lets the page scroll past it on a phone, as maps in articles do: one
// finger scrolls the page until a tap activates the viewer (then one finger turns the cells); two
// fingers always move it. A press anywhere outside the viewer lets the page have one finger again.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Farther than this (CSS pixels) between press and release is a drag, not a tap. */
const TAP_PX = 10;

export class TouchGate implements ReactiveController {
  /** One finger turns the cells (after a tap), rather than scrolling the page. */
  active = false;
  #press: { id: number; x: number; y: number } | null = null;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #onActivate: () => void;

  constructor(host: ReactiveControllerHost & HTMLElement, onActivate: () => void) {
    this.#host = host;
    this.#onActivate = onActivate;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('pointerdown', this.#onDown);
    this.#host.addEventListener('pointerup', this.#onUp);
    this.#host.addEventListener('touchmove', this.#onTouchMove, { passive: false });
    this.#host.ownerDocument.addEventListener('pointerdown', this.#onPageDown);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('pointerdown', this.#onDown);
    this.#host.removeEventListener('pointerup', this.#onUp);
    this.#host.removeEventListener('touchmove', this.#onTouchMove);
    this.#host.ownerDocument.removeEventListener('pointerdown', this.#onPageDown);
    this.#set(false);
  }

  /** Whether a one-pointer drag of this event moves the camera. */
  allows(e: PointerEvent): boolean {
    return e.pointerType !== 'touch' || this.active;
  }

  #onDown = (e: PointerEvent): void => {
    if (e.pointerType === 'touch') this.#press = e.isPrimary ? { id: e.pointerId, x: e.clientX, y: e.clientY } : null;
  };

  #onUp = (e: PointerEvent): void => {
    const p = this.#press;
    this.#press = null;
    if (!p || p.id !== e.pointerId || this.active) return;
    if (Math.hypot(e.clientX - p.x, e.clientY - p.y) <= TAP_PX) {
      this.#set(true);
      this.#onActivate();
    }
  };

  /** Two fingers move the viewer even before a tap: the page must not scroll or zoom under them. */
  #onTouchMove = (e: TouchEvent): void => {
    if (!this.active && e.touches.length >= 2 && e.cancelable) e.preventDefault();
  };

  #onPageDown = (e: PointerEvent): void => {
    if (this.active && !e.composedPath().includes(this.#host)) this.#set(false);
  };

  #set(active: boolean): void {
    this.active = active;
    // One finger: the page's (pan) until a tap, then the viewer's (none).
    const canvas = this.#host.shadowRoot?.querySelector('canvas');
    if (canvas) canvas.style.touchAction = active ? 'none' : '';
  }
}
