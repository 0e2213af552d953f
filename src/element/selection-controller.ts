// Alt-drag draws a lasso (or a box) over the cells; on release the host gets the outline in
// CSS pixels of the canvas and the combine mode (Shift adds, Ctrl/Cmd subtracts).
// Plain drags are left to camera navigation.
import { svg, nothing, type ReactiveController, type ReactiveControllerHost, type SVGTemplateResult } from 'lit';

export type SelectionTool = 'lasso' | 'box';
export type SelectionMode = 'replace' | 'add' | 'subtract';

export interface SelectionGesture {
  tool: SelectionTool;
  mode: SelectionMode;
  /** Outline as x,y pairs in CSS pixels relative to the canvas (a box is its 4 corners). */
  polygon: Float32Array;
}

export interface SelectionControllerOptions {
  target: () => HTMLElement | null;
  tool: () => SelectionTool;
  onSelect: (gesture: SelectionGesture) => void;
}

const MIN_POINT_DISTANCE = 3;

export class SelectionController implements ReactiveController {
  private points: number[] = [];
  private pointerId: number | null = null;
  private mode: SelectionMode = 'replace';
  private tool: SelectionTool = 'lasso';
  private origin = { left: 0, top: 0 };

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly options: SelectionControllerOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    // Capture listeners run first on the host, so an Alt-drag never reaches camera navigation.
    this.host.addEventListener('pointerdown', this.onDown, { capture: true });
    this.host.addEventListener('pointermove', this.onMove, { capture: true });
    this.host.addEventListener('pointerup', this.onUp, { capture: true });
    this.host.addEventListener('pointercancel', this.onCancel, { capture: true });
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.onDown, { capture: true });
    this.host.removeEventListener('pointermove', this.onMove, { capture: true });
    this.host.removeEventListener('pointerup', this.onUp, { capture: true });
    this.host.removeEventListener('pointercancel', this.onCancel, { capture: true });
    this.reset();
  }

  get active(): boolean {
    return this.pointerId !== null;
  }

  /** The outline being drawn, for the host's overlay. */
  renderOverlay(): SVGTemplateResult | typeof nothing {
    if (this.points.length < 4) return nothing;
    const pts = this.outline();
    const text = [];
    for (let i = 0; i < pts.length; i += 2) text.push(`${pts[i]},${pts[i + 1]}`);
    return svg`<polygon points=${text.join(' ')} class=${`selection-outline ${this.mode}`}></polygon>`;
  }

  private onDown = (e: PointerEvent): void => {
    if (!e.altKey || e.button !== 0) return;
    const target = this.options.target();
    if (!target) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const rect = target.getBoundingClientRect();
    this.origin = { left: rect.left, top: rect.top };
    this.pointerId = e.pointerId;
    this.mode = e.shiftKey ? 'add' : e.ctrlKey || e.metaKey ? 'subtract' : 'replace';
    this.tool = this.options.tool();
    this.points = [e.clientX - rect.left, e.clientY - rect.top];
    this.host.setPointerCapture?.(e.pointerId);
    this.host.requestUpdate();
  };

  private onMove = (e: PointerEvent): void => {
    if (e.pointerId !== this.pointerId) return;
    e.stopImmediatePropagation();
    const x = e.clientX - this.origin.left;
    const y = e.clientY - this.origin.top;
    if (this.tool === 'box') {
      this.points = [this.points[0], this.points[1], x, y];
    } else {
      const n = this.points.length;
      if (Math.hypot(x - this.points[n - 2], y - this.points[n - 1]) < MIN_POINT_DISTANCE) return;
      this.points.push(x, y);
    }
    this.host.requestUpdate();
  };

  private onUp = (e: PointerEvent): void => {
    if (e.pointerId !== this.pointerId) return;
    e.stopImmediatePropagation();
    const polygon = this.outline();
    const gesture: SelectionGesture = { tool: this.tool, mode: this.mode, polygon };
    this.reset();
    if (polygon.length >= 6) this.options.onSelect(gesture);
  };

  private onCancel = (e: PointerEvent): void => {
    if (e.pointerId === this.pointerId) this.reset();
  };

  private outline(): Float32Array {
    if (this.tool === 'box' && this.points.length >= 4) {
      const [x0, y0, x1, y1] = this.points;
      return new Float32Array([x0, y0, x1, y0, x1, y1, x0, y1]);
    }
    return new Float32Array(this.points);
  }

  private reset(): void {
    if (this.pointerId !== null) this.host.releasePointerCapture?.(this.pointerId);
    this.pointerId = null;
    this.points = [];
    this.host.requestUpdate();
  }
}
