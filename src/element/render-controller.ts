// Owns the canvas's WebGL renderer: follows the element's size, draws only when something
// changed (one coalesced animation frame), and gives the GL context back on disconnect.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PointRenderer, type ViewToDraw } from '../render/point-renderer.js';
import type { CameraState } from '../core/camera/camera-state.js';
import type { Dimension } from '../core/dataset/types.js';

type Host = ReactiveControllerHost & HTMLElement;

export class RenderController implements ReactiveController {
  private renderer: PointRenderer | null = null;
  private canvas: HTMLCanvasElement | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private pendingFrame = 0;
  /** The renderer is about to be created (see attach). */
  private starting = false;
  private held = false;
  private drawWanted = false;
  private frameWaiters: Array<() => void> = [];
  // Kept so a renderer re-created after reconnection (or a lost context) gets the same data.
  private positions: { xyz: Float32Array; dimension: Dimension } | null = null;
  private colors: Uint8Array | null = null;
  private highlight: Uint32Array | null = null;
  /** Snapshot views: their own colours (and embedding) beside the live view's. */
  private readonly extraViews = new Map<string, { xyz: Float32Array; dimension: Dimension; rgba: Uint8Array }>();
  /** Several views to draw (a grid, or a snapshot alone), or null for the live view alone. */
  private viewsToDraw: ((width: number, height: number) => ViewToDraw[] | null) | null = null;
  private pointSize = 1;
  private background: [number, number, number] = [1, 1, 1];

  constructor(
    private readonly host: Host,
    private readonly getCamera: () => CameraState,
    private readonly onRenderError: (message: string) => void,
  ) {
    host.addController(this);
  }

  /** Called once the shadow DOM holds the canvas. */
  attach(canvas: HTMLCanvasElement): void {
    this.canvas = canvas;
    // The GL context waits for the first data: creating it while the page is still starting up
    // is much slower, and an element without a dataset never needs one.
    if (this.positions) this.start();
  }

  hostConnected(): void {
    if (this.canvas && !this.renderer && this.positions) this.start();
  }

  hostDisconnected(): void {
    if (this.pendingFrame) cancelAnimationFrame(this.pendingFrame);
    this.pendingFrame = 0;
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.renderer?.dispose();
    this.renderer = null;
    this.flushWaiters();
  }

  /** The positions drawn now (normalised xyz per cell), for picking and selection. */
  get positionsArray(): Float32Array | null {
    return this.positions?.xyz ?? null;
  }

  get hasData(): boolean {
    return this.positions !== null && this.colors !== null;
  }

  setPositions(xyz: Float32Array, dimension: Dimension): void {
    this.positions = { xyz, dimension };
    if (!this.renderer && this.canvas && this.host.isConnected) this.start();
    this.renderer?.setPositions(xyz, dimension);
    this.requestDraw();
  }

  setColors(rgba: Uint8Array): void {
    this.colors = rgba;
    this.renderer?.setColors(rgba);
    this.requestDraw();
  }

  /** The cells that get a ring (each once), or null. */
  setHighlight(cells: Uint32Array | null): void {
    this.highlight = cells;
    this.renderer?.setHighlight(cells);
    this.requestDraw();
  }

  setViewData(id: string, xyz: Float32Array, dimension: Dimension, rgba: Uint8Array): void {
    this.extraViews.set(id, { xyz, dimension, rgba });
    this.renderer?.setPositions(xyz, dimension, id);
    this.renderer?.setColors(rgba, id);
    this.requestDraw();
  }

  viewData(id: string): { xyz: Float32Array; dimension: Dimension; rgba: Uint8Array } | undefined {
    return this.extraViews.get(id);
  }

  removeView(id: string): void {
    if (!this.extraViews.delete(id)) return;
    this.renderer?.removeView(id);
    this.requestDraw();
  }

  setViewLayout(layout: (width: number, height: number) => ViewToDraw[] | null): void {
    this.viewsToDraw = layout;
    this.requestDraw();
  }

  setPointSize(px: number): void {
    this.pointSize = px;
    this.renderer?.setPointSize(px);
    this.requestDraw();
  }

  setBackground(rgb: [number, number, number]): void {
    if (rgb.every((v, i) => v === this.background[i])) return;
    this.background = rgb;
    this.renderer?.setBackground(rgb);
    this.requestDraw();
  }

  clearData(): void {
    for (const id of [...this.extraViews.keys()]) this.removeView(id);
    this.positions = null;
    this.colors = null;
    this.highlight = null;
    this.requestDraw();
  }

  /**
   * Holds incidental frames while several changes are applied (a restore): requests are kept
   * until `releaseFrames()` or the next `nextFrame()`, so one frame shows them all.
   */
  holdFrames(): void {
    this.held = true;
  }

  releaseFrames(): void {
    if (!this.held) return;
    this.held = false;
    if (this.drawWanted) this.requestDraw();
  }

  /** Schedules one draw on the next animation frame (several requests share it). */
  requestDraw(): void {
    if (this.held) {
      this.drawWanted = true;
      return;
    }
    this.drawWanted = false;
    if (this.pendingFrame || !this.renderer) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      this.drawNow();
    });
  }

  /** Resolves after the next frame has been drawn. */
  nextFrame(): Promise<void> {
    // Asking for a frame ends a hold: it is the frame the held changes were waiting for.
    this.held = false;
    return new Promise((resolve) => {
      this.frameWaiters.push(resolve);
      if (this.renderer) this.requestDraw();
      else if (!this.starting) this.flushWaiters();
    });
  }

  /** Draws immediately (used before reading pixels back). */
  drawNow(): void {
    if (this.pendingFrame) {
      cancelAnimationFrame(this.pendingFrame);
      this.pendingFrame = 0;
    }
    const renderer = this.renderer;
    if (renderer && this.canvas) {
      const { width, height } = this.syncSize(renderer, this.canvas);
      const views = this.viewsToDraw?.(width, height) ?? null;
      if (views) renderer.renderViews(views, performance.now() / 1000);
      else renderer.render(this.getCamera(), performance.now() / 1000);
    }
    this.flushWaiters();
  }

  readPixel(x: number, y: number): [number, number, number, number] | null {
    return this.renderer ? this.renderer.readPixel(x, y) : null;
  }

  get canvasElement(): HTMLCanvasElement | null {
    return this.canvas;
  }

  private flushWaiters(): void {
    const waiters = this.frameWaiters;
    this.frameWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Creating the GL context is slow in software GL: it gets a task of its own, not the one that
   * defines and first renders the element (the dataset is still downloading meanwhile). The shader
   * programs then compile without blocking the page. Frames asked for in between wait.
   */
  private start(): void {
    const canvas = this.canvas;
    if (!canvas || this.starting) return;
    this.starting = true;
    setTimeout(async () => {
      const renderer = this.host.isConnected ? new PointRenderer(canvas) : null;
      await renderer?.compile();
      this.starting = false;
      if (!renderer || !this.host.isConnected) {
        renderer?.dispose();
        this.flushWaiters();
        return;
      }
      if (!renderer.ok) {
        renderer.dispose();
        this.flushWaiters();
        this.onRenderError('WebGL2 is not available in this browser, so the cells cannot be drawn.');
        return;
      }
      this.ready(renderer);
    }, 0);
  }

  private ready(renderer: PointRenderer): void {
    const canvas = this.canvas!;
    this.renderer = renderer;
    renderer.setPointSize(this.pointSize);
    renderer.setBackground(this.background);
    if (this.positions) renderer.setPositions(this.positions.xyz, this.positions.dimension);
    if (this.colors) renderer.setColors(this.colors);
    if (this.highlight) renderer.setHighlight(this.highlight);
    for (const [id, v] of this.extraViews) {
      renderer.setPositions(v.xyz, v.dimension, id);
      renderer.setColors(v.rgba, id);
    }
    this.resizeObserver = new ResizeObserver(() => this.requestDraw());
    this.resizeObserver.observe(canvas);
    this.requestDraw();
  }

  private syncSize(renderer: PointRenderer, canvas: HTMLCanvasElement): { width: number; height: number } {
    const rect = canvas.getBoundingClientRect();
    const width = Math.max(1, rect.width);
    const height = Math.max(1, rect.height);
    renderer.resize(width, height, window.devicePixelRatio || 1);
    return { width, height };
  }
}
