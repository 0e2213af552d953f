// Owns the canvas's renderer (a render worker, see remote-renderer.ts): follows the element's
// size, draws only when something changed (one coalesced animation frame, at most two in flight),
// and gives the GL context back on disconnect. A frame whose camera differs from the last one's
// is a moving frame (the renderer may draw a level of detail); once the camera has rested for
// `settleMs` after a moving frame was drawn, one more frame draws every cell.
import type { ReactiveController } from 'lit';
import { RemoteRenderer } from '../render/remote-renderer.js';
import type { ViewDraw } from '../render/point-renderer.js';
import type { DrawStats, LodMode } from '../render/level-of-detail.js';
import { cameraMatrices } from '../core/camera/camera.js';
import { takeSpare } from '../core/dataset/spare-copies.js';
import { LIVE_VIEW_ID } from '../core/state/views.js';
import type { Dimension } from '../core/dataset/types.js';
import { nextTask } from '../core/steps.js';
import { outlineColor } from '../core/color/outline.js';
import type { RGB } from '../core/color/types.js';
import type { LegendModel } from '../core/state/legend-model.js';
import type { StoreServices, ViewToDraw } from './store-types.js';

/**
 * Colours of more cells than this (1M) reach the renderer as a copy made here in slices of this
 * many bytes and then transferred: posting 80 MB of colours copied them in one long task, and
 * 16 MB slices with the copy's allocation (a garbage collection) made a 56 ms task at 10M cells.
 */
const COPY_SLICE = 1 << 22;

/** What drawing uses of the store: the element, the live camera, and failures. */
type RenderStore = Pick<StoreServices, 'element' | 'camera' | 'fail' | 'drew'>;

interface ViewData {
  xyz: Float32Array;
  dimension: Dimension;
  rgba: Uint8Array;
}

export class RenderController implements ReactiveController {
  #renderer: RemoteRenderer | null = null;
  #canvas: HTMLCanvasElement | null = null;
  /** The canvas is no longer the template's blank one (see start). */
  #canvasUsed = false;
  #resizeObserver: ResizeObserver | null = null;
  #pendingFrame = 0;
  /** A dataset was asked for (see prepare). */
  #wanted = false;
  /** The renderer is about to be created (see start). */
  #starting = false;
  #held = false;
  #drawWanted = false;
  /** Frames sent and not yet drawn (see draw). */
  #inFlight = 0;
  /** Colours being copied for the renderer: frames wait for them. */
  #copying = 0;
  #frameWaiters: Array<() => void> = [];
  // Kept so a renderer re-created after reconnection gets the same data, and for picking.
  #highlight: Uint32Array | null = null;
  /** The live colours' legend: highlight outlines keep away from its palette. */
  #legend: LegendModel | null = null;
  /** The highlight outlines' colour (bytes), as drawn: for the PNG's highlight key. */
  outline: RGB = [0, 0, 0];
  /** Every view's data: the live view's, and each snapshot's own colours (and embedding). */
  readonly #views = new Map<string, Partial<ViewData>>();
  /** The renderer shares one buffer between views whose positions have the same key. */
  readonly #positionKeys = new WeakMap<Float32Array, number>();
  #lastPositionKey = 0;
  /** Several views to draw (a grid, or a snapshot alone), or null for the live view alone. */
  #viewsToDraw: ((width: number, height: number) => ViewToDraw[] | null) | null = null;
  #pointSize = 1;
  #attenuation = 0.65;
  #background: [number, number, number] = [1, 1, 1];
  #lod: [LodMode, number?] = ['auto'];
  /** The cameras of the last frame sent, to tell a moving frame from one at rest. */
  #lastCameras = '';
  #settleTimer?: ReturnType<typeof setTimeout>;
  /** How long the camera rests after a moving frame before every cell is drawn (tests lengthen it). */
  settleMs = 200;

  readonly #store: RenderStore;

  constructor(store: RenderStore) {
    this.#store = store;
    store.element.addController(this);
  }

  /** Called once the shadow DOM holds the canvas. */
  attach(canvas: HTMLCanvasElement): void {
    this.#canvas = canvas;
    this.hostConnected();
  }

  /**
   * A dataset is on its way: the renderer starts now, so creating its context and compiling
   * (in its worker) overlap the download. An element without a dataset never starts one.
   */
  prepare(): void {
    this.#wanted = true;
    this.hostConnected();
  }

  hostConnected(): void {
    if (this.#canvas && !this.#renderer && this.#wanted && this.#store.element.isConnected) this.#start();
  }

  hostDisconnected(): void {
    clearTimeout(this.#settleTimer);
    if (this.#pendingFrame) cancelAnimationFrame(this.#pendingFrame);
    this.#pendingFrame = 0;
    this.#inFlight = 0;
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = null;
    this.#renderer?.dispose();
    this.#renderer = null;
    // A removed viewer shows a blank canvas, holding no context.
    if (this.#canvasUsed) this.#replaceCanvas();
    this.#flushWaiters();
  }

  get #live(): Partial<ViewData> {
    let live = this.#views.get(LIVE_VIEW_ID);
    if (!live) this.#views.set(LIVE_VIEW_ID, (live = {}));
    return live;
  }

  /** The positions drawn now (normalised xyz per cell), for picking and selection. */
  get positionsArray(): Float32Array | null {
    return this.#live.xyz ?? null;
  }

  get hasData(): boolean {
    return !!(this.#live.xyz && this.#live.rgba);
  }

  setPositions(xyz: Float32Array, dimension: Dimension): void {
    Object.assign(this.#live, { xyz, dimension });
    this.prepare();
    this.#sendPositions(xyz, dimension, LIVE_VIEW_ID);
    this.requestDraw();
  }

  /** The live view's colours, and their legend. */
  setColors(rgba: Uint8Array, legend: LegendModel | null): void {
    this.#live.rgba = rgba;
    this.#legend = legend;
    void this.#sendColors(rgba, LIVE_VIEW_ID);
    this.#sendHighlight();
    this.requestDraw();
  }

  /** The cells that get an outline (each once), or null. */
  setHighlight(cells: Uint32Array | null): void {
    this.#highlight = cells;
    this.#sendHighlight();
    this.requestDraw();
  }

  setViewData(id: string, xyz: Float32Array, dimension: Dimension, rgba: Uint8Array): void {
    this.#views.set(id, { xyz, dimension, rgba });
    this.#sendPositions(xyz, dimension, id);
    void this.#sendColors(rgba, id);
    this.requestDraw();
  }

  viewData(id: string): ViewData | undefined {
    return id === LIVE_VIEW_ID ? undefined : (this.#views.get(id) as ViewData | undefined);
  }

  removeView(id: string): void {
    if (!this.#views.delete(id)) return;
    this.#renderer?.post('removeView', [id]);
    this.requestDraw();
  }

  setViewLayout(layout: (width: number, height: number) => ViewToDraw[] | null): void {
    this.#viewsToDraw = layout;
    this.requestDraw();
  }

  setPointSize(px: number): void {
    if (px === this.#pointSize) return;
    this.#pointSize = px;
    this.#renderer?.post('setPointSize', [px]);
    this.requestDraw();
  }

  setSizeAttenuation(amount: number): void {
    this.#attenuation = amount;
    this.#renderer?.post('setSizeAttenuation', [amount]);
    this.requestDraw();
  }

  setBackground(rgb: [number, number, number]): void {
    if (rgb.every((v, i) => v === this.#background[i])) return;
    this.#background = rgb;
    this.#renderer?.post('setBackground', [rgb]);
    this.#sendHighlight();
    this.requestDraw();
  }

  /** Level of detail: `auto`, `on` or `off`; `budgetMs` (tests) what a moving frame may cost. */
  setLod(mode: LodMode, budgetMs?: number): void {
    this.#lod = [mode, budgetMs ?? this.#lod[1]];
    this.#renderer?.post('setLod', this.#lod);
    this.requestDraw();
  }

  /** What the renderer's last frame drew (tests and benchmarks); waits for the frames before. */
  async drawStats(): Promise<DrawStats | null> {
    return (await this.#renderer?.call('drawStats', [])) ?? null;
  }

  clearData(): void {
    for (const id of [...this.#views.keys()]) this.removeView(id);
    this.#highlight = null;
    this.#lastCameras = '';
    this.requestDraw();
  }

  /**
   * Holds incidental frames while several changes are applied (a restore): requests are kept
   * until `releaseFrames()` or the next `nextFrame()`, so one frame shows them all.
   */
  holdFrames(): void {
    this.#held = true;
  }

  releaseFrames(): void {
    if (!this.#held) return;
    this.#held = false;
    if (this.#drawWanted) this.requestDraw();
  }

  /** Schedules one draw on the next animation frame (several requests share it). */
  requestDraw(): void {
    if (this.#held) {
      this.#drawWanted = true;
      return;
    }
    this.#drawWanted = false;
    if (this.#pendingFrame || !this.#renderer) return;
    this.#pendingFrame = requestAnimationFrame(() => {
      this.#pendingFrame = 0;
      this.#draw();
    });
  }

  /** Resolves after the next frame has been drawn. */
  nextFrame(): Promise<void> {
    // Asking for a frame ends a hold: it is the frame the held changes were waiting for.
    this.#held = false;
    return new Promise((resolve) => {
      this.#frameWaiters.push(resolve);
      if (this.#renderer) this.requestDraw();
      else if (!this.#starting) this.#flushWaiters();
    });
  }

  /** The current view, drawn afresh, as an image (null when nothing can be drawn). */
  async snapshot(): Promise<ImageBitmap | null> {
    if (this.#starting) await this.nextFrame();
    const renderer = this.#renderer;
    if (!renderer) return null;
    this.#sendFrame(renderer, true);
    return (await renderer.call('snapshot', [])) ?? null;
  }

  /** RGBA of one device pixel (origin top-left); waits until the frames before it are drawn. */
  async readPixel(x: number, y: number): Promise<[number, number, number, number] | null> {
    return (await this.#renderer?.call('readPixel', [x, y])) ?? null;
  }

  /**
   * Sends one frame, and resolves the frames waited for: a frame counts once it is issued, as
   * GL calls on the page would. At most two are in flight (one drawing, one waiting in the
   * worker); a third waits for the first's fence, so a slow GPU never builds a queue.
   */
  #draw(): void {
    const renderer = this.#renderer;
    if (!renderer) return this.#flushWaiters();
    if (this.#inFlight === 2 || this.#copying) {
      this.#drawWanted = true;
      return;
    }
    this.#inFlight++;
    const [moving, drawn] = this.#sendFrame(renderer);
    this.#flushWaiters();
    // The renderer answers a frame once the GPU has drawn it.
    drawn.then(() => {
      if (this.#renderer !== renderer) return;
      this.#inFlight--;
      if (this.#drawWanted) this.requestDraw();
      else if (moving && !this.#inFlight) this.#settleTimer = setTimeout(() => this.requestDraw(), this.settleMs);
    });
  }

  /**
   * Sends a frame: whether its camera moved since the last one (an export always draws every
   * cell), and the renderer's answer once it is drawn.
   */
  #sendFrame(renderer: RemoteRenderer, exporting = false): [boolean, Promise<unknown>] {
    const rect = this.#canvas!.getBoundingClientRect();
    const width = Math.max(1, rect.width);
    const height = Math.max(1, rect.height);
    renderer.post('resize', [width, height, window.devicePixelRatio || 1]);
    const views = this.#viewsToDraw?.(width, height) ?? [
      { id: LIVE_VIEW_ID, camera: this.#store.camera, rect: { x: 0, y: 0, width, height } },
    ];
    this.#store.drew(views);
    // The renderer needs the view and projection (not their product) and the eye, for lighting and fog.
    const draws = views.map(({ id, camera, rect }): ViewDraw => {
      const { view, projection, eye } = cameraMatrices(camera, rect.width / rect.height);
      return { id, rect, view, projection, eye };
    });
    const cameras = draws.map((d) => `${d.id}${d.view}${d.projection}`).join();
    const moving = !exporting && this.#lastCameras !== '' && cameras !== this.#lastCameras;
    this.#lastCameras = cameras;
    clearTimeout(this.#settleTimer);
    return [moving, renderer.call('renderViews', [draws, moving])];
  }

  #sendPositions(xyz: Float32Array, dimension: Dimension, viewId: string): void {
    let key = this.#positionKeys.get(xyz);
    if (key === undefined) this.#positionKeys.set(xyz, (key = ++this.#lastPositionKey));
    // The first renderer takes the copy the decode worker made: moved, not copied on the page.
    const spare = this.#renderer && takeSpare(xyz);
    this.#renderer?.post('setPositions', [key, spare ?? xyz, dimension, viewId], spare ? [spare.buffer] : []);
  }

  /** Posts a view's colours: large ones as a copy made in slices and transferred (the latest only). */
  async #sendColors(rgba: Uint8Array, viewId: string): Promise<void> {
    const renderer = this.#renderer;
    if (rgba.length <= COPY_SLICE) return renderer?.post('setColors', [rgba, viewId]);
    if (!renderer) return;
    this.#copying++;
    // The copy's allocation may collect garbage: not in the task that finished the colouring.
    await nextTask();
    const copy = new Uint8Array(rgba.length);
    for (let at = 0; at < rgba.length; at += COPY_SLICE) {
      copy.set(rgba.subarray(at, at + COPY_SLICE), at);
      await nextTask();
    }
    this.#copying--;
    if (this.#renderer === renderer && this.#views.get(viewId)?.rgba === rgba)
      renderer.post('setColors', [copy, viewId], [copy.buffer]);
    this.requestDraw();
  }

  #flushWaiters(): void {
    const waiters = this.#frameWaiters;
    this.#frameWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Starts the renderer. In the render worker, creating the context and compiling the shaders
   * (slow in software GL) never block the page; frames asked for meanwhile wait.
   */
  #start(): void {
    if (!this.#canvas || this.#starting) return;
    this.#starting = true;
    // A canvas that was transferred (or given any context) cannot be drawn into again.
    if (this.#canvasUsed) this.#replaceCanvas();
    this.#canvasUsed = true;
    RemoteRenderer.start(this.#canvas, () => this.#replaceCanvas()).then((renderer) => {
      this.#starting = false;
      if (typeof renderer === 'string' || !this.#store.element.isConnected) {
        if (typeof renderer === 'string') {
          if (this.#store.element.isConnected) this.#store.fail('render', renderer);
        } else renderer.dispose();
        this.#flushWaiters();
        return;
      }
      this.#ready(renderer);
    });
  }

  /** The highlighted cells and their outline's colour (which follows the background and the palette). */
  #sendHighlight(): void {
    this.outline = outlineColor(this.#background, this.#legend);
    this.#renderer?.post('setHighlight', [this.#highlight, this.outline.map((v) => v / 255)]);
  }

  /** A blank canvas in the old one's place (same part and attributes, no context). */
  #replaceCanvas(): HTMLCanvasElement {
    const fresh = this.#canvas!.cloneNode() as HTMLCanvasElement;
    this.#canvas!.replaceWith(fresh);
    return (this.#canvas = fresh);
  }

  #ready(renderer: RemoteRenderer): void {
    this.#renderer = renderer;
    renderer.post('setPointSize', [this.#pointSize]);
    renderer.post('setSizeAttenuation', [this.#attenuation]);
    renderer.post('setBackground', [this.#background]);
    renderer.post('setLod', this.#lod);
    this.#sendHighlight();
    for (const [id, v] of this.#views) {
      if (v.xyz) this.#sendPositions(v.xyz, v.dimension!, id);
      if (v.rgba) void this.#sendColors(v.rgba, id);
    }
    this.#resizeObserver = new ResizeObserver(() => this.requestDraw());
    this.#resizeObserver.observe(this.#canvas!);
    this.requestDraw();
  }
}
