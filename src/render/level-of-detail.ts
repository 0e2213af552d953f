// The renderer's level of detail. Each position buffer of a large embedding is put in LOD order
// (core/lod/order.ts) in this worker, in steps between frames, after its first frame was drawn
// in cell order. A frame then draws a prefix of it: a moving camera the level whose cost fits the
// frame budget, learnt from the frames drawn before; a camera at rest every cell. Picking, lasso
// and highlights never look at the level: they use every cell.
import { chooseLevel, FrameCost } from '../core/lod/level.js';
import { lodLevelCounts, lodRanksInSteps, permuteInSteps, reorder } from '../core/lod/order.js';
import { nextTask, runSteps } from '../core/steps.js';

export type LodMode = 'auto' | 'on' | 'off';

/**
 * `auto` orders embeddings from this many cells: where a full frame starts to cost more than a
 * frame on common GPUs (the Cellucid docs call 500k–2M cells the edge of smooth interaction).
 * Below it the cells keep their own order, as in the Cellucid app, whose LOD is off by default.
 */
const LOD_AUTO_MIN_CELLS = 500_000;

/** A position buffer as far as the level of detail is concerned. */
export interface OrderedSet {
  buffer: WebGLBuffer;
  count: number;
  dimension: 1 | 2 | 3;
  /** Each cell's place in the buffer once it is in LOD order; null while it is in cell order. */
  ranks: Uint32Array | null;
  /** Cells each level draws (the last: all). */
  levels: number[];
  /** The buffer was let go: an ordering under way is dropped. */
  gone?: boolean;
}

/** What the last frame drew. */
export interface DrawStats {
  /** Points drawn: a level's prefix while moving, every cell at rest (each view counts). */
  points: number;
  rings: number;
  /** The level drawn while moving (0 = coarsest, the last = all), or -1: no level, every cell. */
  level: number;
  moving: boolean;
  /** Some view's embedding is in LOD order (levels can be drawn); for drawStats(), now. */
  ordered: boolean;
  /** What the frame cost the renderer, from its first GL call until its pixels were drawn (ms). */
  ms: number;
}

export class LevelOfDetail {
  stats = {} as DrawStats;
  mode: LodMode = 'auto';
  /** What a moving frame may cost: two frames of a 60 Hz display. */
  budgetMs = 33;
  #level = -1;
  /** What frames cost, learnt from the frames drawn. */
  readonly #cost = new FrameCost();
  /** A colour buffer was put in LOD order since the last frame was measured. */
  #reordered = false;

  readonly #gl: WebGL2RenderingContext;
  readonly #gone: () => boolean;

  constructor(gl: WebGL2RenderingContext, gone: () => boolean) {
    this.#gl = gl;
    this.#gone = gone;
  }

  /**
   * Puts a new set's buffer in LOD order, in steps, when the mode asks for it; `xyz` is its
   * cell-order copy. (The mode applies to embeddings uploaded after it is set.)
   */
  orderIfWanted(set: OrderedSet, xyz: Float32Array): void {
    if (this.mode === 'on' || (this.mode === 'auto' && set.count >= LOD_AUTO_MIN_CELLS)) void this.#order(set, xyz);
  }

  /** How many cells of each position set (one per view) a frame draws, with this many rings. */
  drawn(sets: readonly OrderedSet[], moving: boolean, rings: number): (set: OrderedSet) => number {
    const ordered = sets.some((s) => s.ranks);
    const level = (this.#level =
      ordered && moving && this.mode !== 'off'
        ? chooseLevel(
            sets[0].levels.map((_, k) => sets.reduce((sum, s) => sum + (s.ranks ? s.levels[k] : s.count), 0) + rings),
            this.#level,
            (points) => this.#cost.predict(points),
            this.budgetMs,
          )
        : -1);
    const count = (s: OrderedSet) => (level < 0 || !s.ranks ? s.count : s.levels[level]);
    this.stats = { points: sets.reduce((sum, s) => sum + count(s), 0), rings, level, moving, ordered, ms: 0 };
    return count;
  }

  /**
   * After a frame: waits for the GPU to draw it and learns what frames cost (every frame is
   * timed, so the first moving frame after an embedding is ordered knows the cost already). A
   * frame that also reordered a colour buffer teaches nothing: that was a one-off.
   */
  measured(started: number): void {
    this.#gl.readPixels(0, 0, 1, 1, this.#gl.RGBA, this.#gl.UNSIGNED_BYTE, new Uint8Array(4));
    this.stats.ms = performance.now() - started;
    if (!this.#reordered) this.#cost.learn(this.stats.points + this.stats.rings, this.stats.ms);
    this.#reordered = false;
  }

  /** Rewrites a colour buffer (4 bytes a cell) from the order of `from` to that of `to` (null: cell order). */
  reorderBuffer(buffer: WebGLBuffer, from: Uint32Array | null, to: Uint32Array | null): void {
    this.#reordered = true;
    const gl = this.#gl;
    let words: Uint32Array = new Uint32Array((from ?? to)!.length);
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.getBufferSubData(gl.ARRAY_BUFFER, 0, words);
    if (from) words = reorder(words, from, true);
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, to ? reorder(words, to) : words);
  }

  async #order(set: OrderedSet, xyz: Float32Array): Promise<void> {
    const stale = () => this.#gone() || !!set.gone;
    const ranks = await runSteps(lodRanksInSteps(xyz, set.dimension), nextTask, { stale });
    const permuted = ranks && (await runSteps(permuteInSteps(xyz, ranks, 3), nextTask, { stale }));
    if (permuted === null || stale()) return;
    const gl = this.#gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, set.buffer);
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, xyz);
    set.ranks = ranks;
    set.levels = lodLevelCounts(set.count);
  }
}
