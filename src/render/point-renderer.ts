// WebGL2 point renderer (twgl.js). Positions and colours live in separate buffers so colour
// and visibility changes upload 4 bytes per cell, and snapshot views can each keep their own
// colours over shared positions. Draws only when asked; the element decides when. It runs in the
// render worker (an OffscreenCanvas), or on the page where canvases cannot be transferred.
// Level of detail (see level-of-detail.ts): large embeddings are stored in LOD order, a moving
// camera draws the prefix that fits the frame budget, and a camera at rest draws every cell.
import { boundingBox } from '../core/dataset/decode.js';
import { POINT_FS, POINT_VS } from './shaders.js';
import { LevelOfDetail, type DrawStats, type LodMode, type OrderedSet } from './level-of-detail.js';
import { reorder } from '../core/lod/order.js';

const LIVE_VIEW = 'live';

export interface ViewRect {
  /** CSS pixels from the canvas's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One view to draw: its rectangle and its camera's matrices (computed on the page). */
export interface ViewDraw {
  id: string;
  rect: ViewRect;
  view: Float32Array;
  projection: Float32Array;
  eye: readonly number[];
}

/** A linked program and its uniforms' locations by name. */
interface ProgramInfo {
  program: WebGLProgram;
  uniforms: Map<string, WebGLUniformLocation | null>;
}

/**
 * Links a program without blocking: with KHR_parallel_shader_compile the GPU process compiles
 * while the worker runs, and the status is read once it is done. twgl.js's createProgramAsync,
 * ProgramInfo, setUniforms and createVertexArrayInfo would do what this and the next function
 * and #rebuildVao do, but they bring twgl's error formatting and its texture and sampler setters
 * along: 6 KB gzip in the single file, whose budget had 250 bytes to spare.
 */
async function createProgramInfo(gl: WebGL2RenderingContext, vs: string, fs: string): Promise<ProgramInfo | null> {
  const program = gl.createProgram()!;
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vs],
    [gl.FRAGMENT_SHADER, fs],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  const parallel = gl.getExtension('KHR_parallel_shader_compile');
  while (parallel && !gl.getProgramParameter(program, parallel.COMPLETION_STATUS_KHR))
    await new Promise((r) => setTimeout(r, 16));
  return gl.getProgramParameter(program, gl.LINK_STATUS) ? { program, uniforms: new Map() } : null;
}

/** Sets the program's uniforms: every one here is a float, a vec3 or a mat4 (told by its length). */
function setUniforms(gl: WebGL2RenderingContext, p: ProgramInfo, values: Record<string, number | ArrayLike<number>>) {
  for (const [name, value] of Object.entries(values)) {
    if (!p.uniforms.has(name)) p.uniforms.set(name, gl.getUniformLocation(p.program, name));
    const at = p.uniforms.get(name)!;
    if (typeof value === 'number') gl.uniform1f(at, value);
    else if (value.length === 3) gl.uniform3fv(at, value as Float32List);
    else gl.uniformMatrix4fv(at, false, value as Float32List);
  }
}

interface PositionSet extends OrderedSet {
  center: [number, number, number];
  halfDiagonal: number;
  /** Ring indices into this set's buffer, made for `ringsOf` in the order of `ringsRanks`. */
  rings: WebGLBuffer | null;
  ringsOf?: Uint32Array | null;
  ringsRanks?: Uint32Array | null;
}

interface ViewBuffers {
  positions: PositionSet | null;
  colors: WebGLBuffer | null;
  colorCount: number;
  /** The order the colour buffer is in: its set's ranks when it was uploaded (null: cell order). */
  colorRanks: Uint32Array | null;
  vao: WebGLVertexArrayObject | null;
}

/** A view ready to draw, with what a frame needs of it. */
interface Prepared {
  v: ViewDraw;
  view: ViewBuffers;
  set: PositionSet;
  uniforms: Record<string, number | ArrayLike<number>>;
}

export class PointRenderer {
  /** False without WebGL2 or when a shader program does not compile. */
  ok: boolean;
  readonly #gl: WebGL2RenderingContext | null;
  #pointProgram: ProgramInfo | null = null;
  readonly #views = new Map<string, ViewBuffers>();
  /** Uploaded position arrays by the page's key for them: views sharing positions share a buffer. */
  readonly #positionSets = new Map<number, PositionSet>();
  #highlight: Uint32Array | null = null;
  #ringColor: readonly number[] = [];
  #pointSize = 1;
  /** How much far points shrink: 0 none, 1 full perspective (the Cellucid app's default 0.65). */
  #attenuation = 0.65;
  #background: [number, number, number] = [1, 1, 1];
  #dpr = 1;
  #disposed = false;
  readonly #lod: LevelOfDetail;

  readonly #canvas: HTMLCanvasElement | OffscreenCanvas;

  constructor(canvas: HTMLCanvasElement | OffscreenCanvas) {
    this.#canvas = canvas;
    const gl = canvas.getContext('webgl2', {
      // Sprites are shaded in the fragment shader; MSAA would only slow software GL down.
      antialias: false,
      alpha: false,
      depth: true,
      premultipliedAlpha: false,
      // Needed so toBlob() and pixel reads see the last frame without re-drawing.
      preserveDrawingBuffer: true,
      powerPreference: 'high-performance',
    });
    this.#gl = gl as WebGL2RenderingContext | null;
    this.ok = gl !== null;
    this.#lod = new LevelOfDetail(gl as WebGL2RenderingContext, () => this.#disposed);
  }

  /**
   * Compiles the shader program (off the page's thread where the browser can; one program draws the
   * cells and the highlight outlines); `ok` turns false when it does not compile.
   */
  async compile(): Promise<void> {
    const gl = this.#gl;
    if (!gl || !this.ok) return;
    this.#pointProgram = await createProgramInfo(gl, POINT_VS, POINT_FS);
    this.ok = this.#pointProgram !== null;
  }

  /** Uploads xyz positions (n*3, already normalised) for a view; the array with the same key is uploaded once. */
  setPositions(key: number, xyz: Float32Array, dimension: 1 | 2 | 3, viewId: string = LIVE_VIEW): void {
    const gl = this.#gl;
    if (!gl || this.#disposed) return;
    let set = this.#positionSets.get(key);
    if (!set) {
      const buffer = gl.createBuffer()!;
      gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
      gl.bufferData(gl.ARRAY_BUFFER, xyz, gl.STATIC_DRAW);
      const count = Math.floor(xyz.length / 3);
      set = { buffer, count, dimension, ...bounds(xyz), ranks: null, levels: [count], rings: null };
      this.#positionSets.set(key, set);
      // The array is this renderer's own copy (transferred or cloned): the order is made in it.
      this.#lod.orderIfWanted(set, xyz);
    }
    const view = this.#view(viewId);
    view.positions = set;
    this.#rebuildVao(view);
    this.#releaseUnusedPositions();
  }

  /** Uploads per-cell RGBA bytes (n*4) for a view; alpha < 3 hides the cell. */
  setColors(rgba: Uint8Array, viewId: string = LIVE_VIEW): void {
    const gl = this.#gl;
    if (!gl || this.#disposed) return;
    const view = this.#view(viewId);
    const ranks = view.positions?.ranks ?? null;
    const data =
      ranks && ranks.length === rgba.length / 4
        ? new Uint8Array(reorder(new Uint32Array(rgba.slice().buffer), ranks).buffer)
        : rgba;
    view.colorRanks = data === rgba ? null : ranks;
    if (!view.colors) {
      view.colors = gl.createBuffer()!;
      this.#rebuildVao(view);
    }
    gl.bindBuffer(gl.ARRAY_BUFFER, view.colors);
    gl.bufferData(gl.ARRAY_BUFFER, data, gl.DYNAMIC_DRAW);
    view.colorCount = rgba.length / 4;
  }

  /** These cells (each listed once) are outlined in `ringColor` (0..1 RGB) while visible, whatever level is drawn. */
  setHighlight(cells: Uint32Array | null, ringColor: readonly number[]): void {
    this.#highlight = cells?.length ? cells : null;
    this.#ringColor = ringColor;
  }

  /**
   * Level of detail: `auto` (on from LOD_AUTO_MIN_CELLS cells), `on` or `off` (every frame draws
   * every cell); `budgetMs`, what a moving frame may cost.
   */
  setLod(mode: LodMode, budgetMs = 0): void {
    this.#lod.mode = mode === 'on' || mode === 'off' ? mode : 'auto';
    if (budgetMs > 0) this.#lod.budgetMs = budgetMs;
  }

  /** What the last frame drew, and whether an embedding is in LOD order now (tests, benchmarks). */
  drawStats(): DrawStats {
    return { ...this.#lod.stats, ordered: [...this.#positionSets.values()].some((s) => s.ranks) };
  }

  removeView(viewId: string): void {
    const view = this.#views.get(viewId);
    if (!view || !this.#gl) return;
    if (view.colors) this.#gl.deleteBuffer(view.colors);
    if (view.vao) this.#gl.deleteVertexArray(view.vao);
    this.#views.delete(viewId);
    this.#releaseUnusedPositions();
  }

  setPointSize(px: number): void {
    if (Number.isFinite(px) && px > 0) this.#pointSize = px;
  }

  setSizeAttenuation(amount: number): void {
    if (amount >= 0 && amount <= 1) this.#attenuation = amount;
  }

  setBackground(rgb: [number, number, number]): void {
    this.#background = rgb;
  }

  /** Matches the drawing buffer to the canvas's CSS size × device pixel ratio. */
  resize(cssWidth: number, cssHeight: number, dpr: number): void {
    this.#dpr = dpr > 0 ? dpr : 1;
    const w = Math.max(1, Math.round(cssWidth * this.#dpr));
    const h = Math.max(1, Math.round(cssHeight * this.#dpr));
    if (this.#canvas.width !== w) this.#canvas.width = w;
    if (this.#canvas.height !== h) this.#canvas.height = h;
  }

  /**
   * Draws the views, each in its own rectangle of the canvas (one, or a multiview grid): a moving
   * camera the level of detail that fits the frame budget, a camera at rest every cell.
   */
  renderViews(views: readonly ViewDraw[], moving = false): void {
    const gl = this.#gl;
    if (!gl || this.#disposed || gl.isContextLost()) return;
    const started = performance.now();
    const [r, g, b] = this.#background;
    gl.disable(gl.SCISSOR_TEST);
    gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.clearColor(r, g, b, 1);
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    const prepared = views.flatMap((v) => this.#prepare(gl, v));
    const rings = this.#highlight?.length ?? 0;
    const drawn = this.#lod.drawn(
      prepared.map((p) => p.set),
      moving,
      rings,
    );
    gl.enable(gl.SCISSOR_TEST);
    for (const p of prepared) this.#drawPoints(gl, p, drawn(p.set), rings);
    gl.disable(gl.SCISSOR_TEST);
    gl.bindVertexArray(null);
    this.#lod.measured(started);
  }

  /** RGBA of one device pixel (origin top-left). Reading it waits until the frames before are drawn. */
  readPixel(x: number, y: number): [number, number, number, number] {
    const gl = this.#gl!;
    const out = new Uint8Array(4);
    gl.readPixels(Math.floor(x), gl.drawingBufferHeight - 1 - Math.floor(y), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, out);
    return [...out] as [number, number, number, number];
  }

  /** A copy of the current frame (for PNG export on the page). */
  snapshot(): Promise<ImageBitmap> {
    return createImageBitmap(this.#canvas);
  }

  /** Gives the context back to the browser (every buffer and program goes with it). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }

  /** The view with its frame's uniforms, its colours in its positions' order; none if it cannot be drawn. */
  #prepare(gl: WebGL2RenderingContext, v: ViewDraw): Prepared[] {
    const view = this.#views.get(v.id);
    const set = view?.positions;
    if (!view?.vao || !set || view.colorCount !== set.count) return [];
    if (view.colorRanks !== set.ranks) {
      this.#lod.reorderBuffer(view.colors!, view.colorRanks, set.ranks);
      view.colorRanks = set.ranks;
    }
    const h = Math.max(1, Math.round(v.rect.height * this.#dpr));
    const { view: viewMatrix, projection, eye } = v;
    const d0 = Math.hypot(eye[0] - set.center[0], eye[1] - set.center[1], eye[2] - set.center[2]);
    const uniforms = {
      u_view: viewMatrix,
      u_projection: projection,
      u_pointSize: this.#pointSize,
      u_attenuation: this.#attenuation,
      // h / (2 tan(fovY / 2)): the projection's [1][1] is 1 / tan(fovY / 2).
      u_projectionFactor: (h * projection[5]) / 2,
      u_outline: 0,
      u_fogColor: this.#background,
      u_fogNear: d0 - set.halfDiagonal,
      u_fogFar: d0 + set.halfDiagonal,
    };
    return [{ v, view, set, uniforms }];
  }

  /** The first `count` cells of the view's buffer, then the highlighted cells: their outlines, then they again. */
  #drawPoints(gl: WebGL2RenderingContext, { v, view, set, uniforms }: Prepared, count: number, rings: number) {
    const x = Math.round(v.rect.x * this.#dpr);
    const w = Math.max(1, Math.round(v.rect.width * this.#dpr));
    const h = Math.max(1, Math.round(v.rect.height * this.#dpr));
    const y = gl.drawingBufferHeight - Math.round(v.rect.y * this.#dpr) - h;
    gl.viewport(x, y, w, h);
    gl.scissor(x, y, w, h);
    // In 1-D/2-D every z is 0: draw order decides overlap, as in the Cellucid app.
    if (set.dimension === 3) {
      gl.enable(gl.DEPTH_TEST);
      gl.depthFunc(gl.LEQUAL);
    } else {
      gl.disable(gl.DEPTH_TEST);
    }
    gl.enable(gl.BLEND);
    gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.useProgram(this.#pointProgram!.program);
    setUniforms(gl, this.#pointProgram!, uniforms);
    gl.bindVertexArray(view.vao);
    gl.drawArrays(gl.POINTS, 0, count);
    if (!rings) return;
    // Over the other cells (in 3-D too, in depth order among themselves: a group inside the cloud
    // stays in sight). All outline discs first, then the cells opaque over them (not blended: the
    // cell keeps its colour): in a dense group only its rim and the gaps show the outline colour.
    gl.clear(gl.DEPTH_BUFFER_BIT);
    setUniforms(gl, this.#pointProgram!, { u_outline: this.#dpr, u_ringColor: this.#ringColor });
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.#rings(gl, set));
    gl.drawElements(gl.POINTS, rings, gl.UNSIGNED_INT, 0);
    gl.disable(gl.BLEND);
    setUniforms(gl, this.#pointProgram!, { u_outline: 0 });
    gl.drawElements(gl.POINTS, rings, gl.UNSIGNED_INT, 0);
  }

  /** The highlighted cells as indices into the set's buffer (in its LOD order once it has one). */
  #rings(gl: WebGL2RenderingContext, set: PositionSet): WebGLBuffer {
    const cells = this.#highlight!;
    if (!set.rings || set.ringsOf !== cells || set.ringsRanks !== set.ranks) {
      set.rings ??= gl.createBuffer()!;
      const ranks = set.ranks;
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, set.rings);
      gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, ranks ? cells.map((c) => ranks[c]) : cells, gl.DYNAMIC_DRAW);
      set.ringsOf = cells;
      set.ringsRanks = ranks;
    }
    return set.rings;
  }

  #view(id: string): ViewBuffers {
    let view = this.#views.get(id);
    if (!view) {
      view = { positions: null, colors: null, colorCount: 0, colorRanks: null, vao: null };
      this.#views.set(id, view);
    }
    return view;
  }

  #rebuildVao(view: ViewBuffers): void {
    const gl = this.#gl!;
    if (view.vao) gl.deleteVertexArray(view.vao);
    view.vao = null;
    if (!view.positions || !view.colors || !this.#pointProgram) return;
    const vao = gl.createVertexArray()!;
    gl.bindVertexArray(vao);
    // Attribute locations are fixed in the shader, so one VAO serves the cells and the outline pass.
    gl.bindBuffer(gl.ARRAY_BUFFER, view.positions.buffer);
    gl.enableVertexAttribArray(0);
    gl.vertexAttribPointer(0, 3, gl.FLOAT, false, 0, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, view.colors);
    gl.enableVertexAttribArray(1);
    gl.vertexAttribPointer(1, 4, gl.UNSIGNED_BYTE, true, 0, 0);
    gl.bindVertexArray(null);
    view.vao = vao;
  }

  #releaseUnusedPositions(): void {
    const used = new Set([...this.#views.values()].map((v) => v.positions));
    for (const [key, set] of this.#positionSets) {
      if (!used.has(set)) {
        set.gone = true;
        this.#gl!.deleteBuffer(set.buffer);
        if (set.rings) this.#gl!.deleteBuffer(set.rings);
        this.#positionSets.delete(key);
      }
    }
  }
}

/** Centre and half-diagonal of the points, for the fog's near and far anchors. */
function bounds(xyz: Float32Array): { center: [number, number, number]; halfDiagonal: number } {
  const { min, max } = boundingBox(xyz) ?? { min: [0, 0, 0], max: [0, 0, 0] };
  const center = min.map((v, k) => (v + max[k]) / 2) as [number, number, number];
  return { center, halfDiagonal: Math.max(Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) / 2, 1e-3) };
}
