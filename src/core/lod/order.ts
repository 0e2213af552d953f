// Level-of-detail order, as the Cellucid renderer makes it: cells sorted by their bit-reversed
// Morton code. The reversed code's leading bits are the finest grid bits, so any prefix of the
// order takes cells from every region of the embedding alike: every level is a prefix of the
// next, and of the one reordered buffer of all cells. Work is cut into steps (see steps.ts) so a
// render worker can draw frames between them.

/** Reduction factor of each of the 18 levels, coarsest first (the last level is every cell). */
export const LOD_FACTORS: readonly number[] = [
  44, 35, 28, 23, 18, 14.5, 11.5, 9.3, 7.5, 6, 4.8, 3.8, 3, 2.4, 1.95, 1.55, 1.25, 1,
];

/** No level draws fewer cells than this (or all of them, when there are fewer). */
export const LOD_MIN_POINTS = 1000;

/**
 * The coarsest level holds at most this many cells: past 440,000 cells the app's coarsest (a
 * 44th) can be more than a frame draws in its budget where points are slow to draw (software
 * WebGL: about 1 µs a point, after a fixed 5–10 ms a frame), so coarser levels, each half the
 * next, come first. A fast GPU never draws them: the level is chosen by what frames cost.
 */
export const LOD_COARSEST_POINTS = 10_000;

/**
 * How many cells each level draws (a prefix of the order): non-decreasing, the last is `n`. The
 * app's 18 levels, after the coarser ones a large embedding needs (see LOD_COARSEST_POINTS).
 */
export function lodLevelCounts(n: number): number[] {
  const counts = LOD_FACTORS.map((f) => Math.min(n, Math.max(LOD_MIN_POINTS, Math.ceil(n / f))));
  while (counts[0] > LOD_COARSEST_POINTS) counts.unshift(Math.ceil(counts[0] / 2));
  return counts;
}

/**
 * The level-of-detail order of the cells, as each cell's rank: `ranks[cell]` is its place in the
 * reordered buffer. Sorted by the bit-reversed Morton code over the box [-1, 1] that normalised
 * positions fill (10 bits an axis in 3-D, 16 in 2-D, 32 in 1-D; a position outside the box, or
 * not a number, counts as its nearest face), ties by cell index, so the order is the same on every
 * run and machine. Two stable counting passes over 16-bit digits; three arrays of 4 bytes a cell
 * while it runs. Yields every 128k cells.
 */
export function* lodRanksInSteps(xyz: Float32Array, dimension: 1 | 2 | 3): Generator<void, Uint32Array> {
  const n = (xyz.length / 3) | 0;
  const bits = [32, 16, 10][dimension - 1];
  const half = 2 ** (bits - 1);
  const keys = new Uint32Array(n);
  const q = new Uint32Array(3);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < dimension; k++) {
      const g = Math.floor((xyz[i * 3 + k] + 1) * half);
      q[k] = g > 0 ? Math.min(g, 2 * half - 1) : 0;
    }
    // Morton bits from the finest up, each appended at the right: the code, bit-reversed.
    let key = 0;
    for (let b = 0; b < bits; b++) for (let k = 0; k < dimension; k++) key = (key << 1) | ((q[k] >>> b) & 1);
    keys[i] = key;
    if (!(i & 0x1ffff)) yield;
  }
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (const shift of [0, 16]) {
    const at = new Uint32Array(65537);
    for (let i = 0; i < n; i++) at[((keys[i] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d < 65537; d++) at[d] += at[d - 1];
    for (let r = 0; r < n; r++) {
      const cell = order[r];
      next[at[(keys[cell] >>> shift) & 0xffff]++] = cell;
      if (!(r & 0x1ffff)) yield;
    }
    [order, next] = [next, order];
  }
  for (let r = 0; r < n; r++) next[order[r]] = r;
  return next;
}

/**
 * Moves each cell's `stride` values to its rank, in place (following the permutation's cycles,
 * with one bit a cell to mark those done), so a 240 MB position array needs no second copy.
 */
export function* permuteInSteps(values: Float32Array, ranks: Uint32Array, stride: number): Generator<void, void> {
  const done = new Uint8Array((ranks.length >> 3) + 1);
  const carry = values.slice(0, stride);
  for (let start = 0; start < ranks.length; start++) {
    if (done[start >> 3] & (1 << (start & 7))) continue;
    for (let k = 0; k < stride; k++) carry[k] = values[start * stride + k];
    for (let at = ranks[start]; ; at = ranks[at]) {
      for (let k = 0; k < stride; k++) {
        const v = values[at * stride + k];
        values[at * stride + k] = carry[k];
        carry[k] = v;
      }
      done[at >> 3] |= 1 << (at & 7);
      if (!(at & 0x1ffff)) yield;
      if (at === start) break;
    }
  }
}

/** One 32-bit value a cell (RGBA bytes), from cell order to the ranks' order, or back (`back`). */
export function reorder(values: Uint32Array, ranks: Uint32Array, back = false): Uint32Array {
  const out = new Uint32Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) {
    if (back) out[i] = values[ranks[i]];
    else out[ranks[i]] = values[i];
  }
  return out;
}
