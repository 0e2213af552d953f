// WebGL2 point renderer (twgl.js). Positions and colours live in separate buffers so colour
// and visibility changes upload 4 bytes per cell, and snapshot views can each keep their own
// colours over shared positions. Draws only when asked; the element decides when. It runs in the
// render worker (an OffscreenCanvas), or on the page where canvases cannot be transferred.
import { createProgramAsync } from 'twgl.js';
import { boundingBox } from '../core/dataset/decode.js';
import { POINT_FS, POINT_VS, RING_FS } from './shaders.js';

const LIVE_VIEW = 'live';
const SIZE_ATTENUATION = 0.65;
const LIGHTING = 0.6;
const FOG_DENSITY = 0.5;
const RING_COLOR: [number, number, number] = [0.4, 0.85, 1.0];
const RING_SCALE = 1.75;
const RING_WIDTH = 0.42;

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

interface PositionSet {
  buffer: WebGLBuffer;
  count: number;
  dimension: 1 | 2 | 3;
  center: [number, number, number];
  halfDiagonal: number;
}

/** A linked program and where its uniforms live (every uniform here is a float, vec3 or mat4). */
interface Program {
  program: WebGLProgram;
  uniforms: Map<string, { location: WebGLUniformLocation; type: number }>;
}

/**
 * Links a program without blocking: with KHR_parallel_shader_compile the GPU process compiles
 * while the page runs, and its status is read only once it is done (software GL takes 50–250 ms
 * per program, which a synchronous status read would spend blocked).
 */
async function createProgram(gl: WebGL2RenderingContext, vs: string, fs: string): Promise<Program | null> {
  const program = await createProgramAsync(gl, [vs, fs]).catch(() => null);
  if (!program) return null;
  const uniforms = new Map<string, { location: WebGLUniformLocation; type: number }>();
  const count = gl.getProgramParameter(program, gl.ACTIVE_UNIFORMS) as number;
  for (let i = 0; i < count; i++) {
    const info = gl.getActiveUniform(program, i);
    const location = info && gl.getUniformLocation(program, info.name);
    if (info && location) uniforms.set(info.name, { location, type: info.type });
  }
  return { program, uniforms };
}

function setUniforms(gl: WebGL2RenderingContext, p: Program, values: Record<string, number | ArrayLike<number>>): void {
  for (const [name, value] of Object.entries(values)) {
    const u = p.uniforms.get(name);
    if (!u) continue;
    if (u.type === gl.FLOAT_MAT4) gl.uniformMatrix4fv(u.location, false, value as Float32List);
    else if (u.type === gl.FLOAT_VEC3) gl.uniform3fv(u.location, value as Float32List);
    else gl.uniform1f(u.location, value as number);
  }
}

interface ViewBuffers {
  positions: PositionSet | null;
  colors: WebGLBuffer | null;
  colorCount: number;
  vao: WebGLVertexArrayObject | null;
}

export class PointRenderer {
  /** False without WebGL2 or when a shader program does not compile. */
  ok: boolean;
  readonly #gl: WebGL2RenderingContext | null;
  #pointProgram: Program | null = null;
  #ringProgram: Program | null = null;
  readonly #views = new Map<string, ViewBuffers>();
  /** Uploaded position arrays by the page's key for them: views sharing positions share a buffer. */
  readonly #positionSets = new Map<number, PositionSet>();
  #highlightIndices: WebGLBuffer | null = null;
  #highlightCount = 0;
  #pointSize = 1;
  #background: [number, number, number] = [1, 1, 1];
  #dpr = 1;
  #disposed = false;

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
  }

  /**
   * Compiles the shader programs (both at once, off the page's thread where the browser can); `ok` turns false when one
   * does not compile.
   */
  async compile(): Promise<void> {
    const gl = this.#gl;
    if (!gl || !this.ok) return;
    [this.#pointProgram, this.#ringProgram] = await Promise.all([
      createProgram(gl, POINT_VS, POINT_FS),
      createProgram(gl, POINT_VS, RING_FS),
    ]);
    this.ok = this.#pointProgram !== null && this.#ringProgram !== null;
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
      set = { buffer, count: Math.floor(xyz.length / 3), dimension, ...bounds(xyz) };
      this.#positionSets.set(key, set);
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
    if (!view.colors || view.colorCount !== rgba.length / 4) {
      if (view.colors) gl.deleteBuffer(view.colors);
      view.colors = gl.createBuffer()!;
      gl.bindBuffer(gl.ARRAY_BUFFER, view.colors);
      gl.bufferData(gl.ARRAY_BUFFER, rgba, gl.DYNAMIC_DRAW);
      view.colorCount = rgba.length / 4;
      this.#rebuildVao(view);
    } else {
      gl.bindBuffer(gl.ARRAY_BUFFER, view.colors);
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, rgba);
    }
  }

  /** These cells (each listed once) get a ring while they are visible. */
  setHighlight(cells: Uint32Array | null): void {
    const gl = this.#gl;
    if (!gl || this.#disposed) return;
    this.#highlightCount = cells?.length ?? 0;
    if (!cells?.length) return;
    this.#highlightIndices ??= gl.createBuffer();
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.#highlightIndices);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, cells, gl.DYNAMIC_DRAW);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, null);
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

  /** Draws the views, each in its own rectangle of the canvas (one, or a multiview grid). */
  renderViews(views: readonly ViewDraw[]): void {
    const gl = this.#gl;
    if (!gl || this.#disposed || gl.isContextLost()) return;
    const [r, g, b] = this.#background;
    gl.disable(gl.SCISSOR_TEST);
    gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.clearColor(r, g, b, 1);
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    gl.enable(gl.SCISSOR_TEST);
    for (const v of views) this.#drawView(gl, v);
    gl.disable(gl.SCISSOR_TEST);
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

  #drawView(gl: WebGL2RenderingContext, v: ViewDraw): void {
    const view = this.#views.get(v.id);
    if (!view?.vao || !view.positions || view.colorCount !== view.positions.count) return;
    const x = Math.round(v.rect.x * this.#dpr);
    const w = Math.max(1, Math.round(v.rect.width * this.#dpr));
    const h = Math.max(1, Math.round(v.rect.height * this.#dpr));
    const y = gl.drawingBufferHeight - Math.round(v.rect.y * this.#dpr) - h;
    gl.viewport(x, y, w, h);
    gl.scissor(x, y, w, h);
    const { view: viewMatrix, projection, eye } = v;
    const pos = view.positions;
    const d0 = Math.hypot(eye[0] - pos.center[0], eye[1] - pos.center[1], eye[2] - pos.center[2]);
    const uniforms = {
      u_view: viewMatrix,
      u_projection: projection,
      u_pointSize: this.#pointSize,
      // h / (2 tan(fovY / 2)): the projection's [1][1] is 1 / tan(fovY / 2).
      u_projectionFactor: (h * projection[5]) / 2,
      u_sizeAttenuation: SIZE_ATTENUATION,
      u_sizeScale: 1,
      u_lighting: LIGHTING,
      u_fogColor: this.#background,
      u_fogNear: d0 - pos.halfDiagonal,
      u_fogFar: d0 + pos.halfDiagonal,
      u_fogDensity: FOG_DENSITY,
    };
    // In 1-D/2-D every z is 0: draw order decides overlap, as in the Cellucid app.
    if (pos.dimension === 3) {
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
    gl.drawArrays(gl.POINTS, 0, pos.count);
    if (this.#highlightCount > 0 && this.#highlightIndices) {
      gl.disable(gl.DEPTH_TEST);
      gl.useProgram(this.#ringProgram!.program);
      setUniforms(gl, this.#ringProgram!, {
        ...uniforms,
        u_sizeScale: RING_SCALE,
        u_ringColor: RING_COLOR,
        u_ringWidth: RING_WIDTH,
      });
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.#highlightIndices);
      gl.drawElements(gl.POINTS, this.#highlightCount, gl.UNSIGNED_INT, 0);
    }
    gl.bindVertexArray(null);
  }

  #view(id: string): ViewBuffers {
    let view = this.#views.get(id);
    if (!view) {
      view = { positions: null, colors: null, colorCount: 0, vao: null };
      this.#views.set(id, view);
    }
    return view;
  }

  #rebuildVao(view: ViewBuffers): void {
    const gl = this.#gl!;
    if (view.vao) gl.deleteVertexArray(view.vao);
    view.vao = null;
    if (!view.positions || !view.colors) return;
    const vao = gl.createVertexArray()!;
    gl.bindVertexArray(vao);
    // Attribute locations are fixed in the shader, so one VAO serves the point and ring programs.
    const posLoc = 0;
    gl.bindBuffer(gl.ARRAY_BUFFER, view.positions.buffer);
    gl.enableVertexAttribArray(posLoc);
    gl.vertexAttribPointer(posLoc, 3, gl.FLOAT, false, 0, 0);
    const colorLoc = 1;
    gl.bindBuffer(gl.ARRAY_BUFFER, view.colors);
    gl.enableVertexAttribArray(colorLoc);
    gl.vertexAttribPointer(colorLoc, 4, gl.UNSIGNED_BYTE, true, 0, 0);
    gl.bindVertexArray(null);
    view.vao = vao;
  }

  #releaseUnusedPositions(): void {
    const used = new Set([...this.#views.values()].map((v) => v.positions));
    for (const [key, set] of this.#positionSets) {
      if (!used.has(set)) {
        this.#gl!.deleteBuffer(set.buffer);
        this.#positionSets.delete(key);
      }
    }
  }
}

/** Centre and half-diagonal of the points, for the fog's near and far anchors. */
function bounds(xyz: Float32Array): { center: [number, number, number]; halfDiagonal: number } {
  const box = boundingBox(xyz);
  if (!box) return { center: [0, 0, 0], halfDiagonal: 1 };
  const { min, max } = box;
  const center: [number, number, number] = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const halfDiagonal = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) / 2;
  return { center, halfDiagonal: Math.max(halfDiagonal, 1e-3) };
}
