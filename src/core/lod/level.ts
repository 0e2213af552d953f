// Which level of detail a moving frame draws: the finest whose predicted cost fits the frame
// budget, predicted from what earlier frames cost. Hysteresis keeps the level from flickering: a
// frame goes to a finer level only when it would cost at most 0.7 of the budget, and to a coarser
// one only when the current level no longer fits.

/** The Cellucid renderer's hysteresis between levels. */
export const LOD_HYSTERESIS = 0.7;

/**
 * What a frame costs: a fixed part (clearing, state, presenting; 5–10 ms in software GL) and a
 * part per point drawn. A cost per point alone, learnt on a coarse level, charges that level's
 * fixed part to its few points and never lets a finer level in. Learnt from two frames: the
 * latest of the most points (a frame at rest draws every cell: it gives the cost per point) and
 * the latest of the fewest; one frame, or two of about the same size, give a cost per point alone.
 */
export class FrameCost {
  #large: [points: number, ms: number] | null = null;
  #small: [points: number, ms: number] | null = null;

  /** A frame of `points` points (rings included) took `ms`. */
  learn(points: number, ms: number): void {
    const sample: [number, number] = [Math.max(1, points), Math.max(0, ms)];
    // Of the frames of the same size as before, the mean of the last two: one slow frame is noise.
    const merge = (old: [number, number] | null) =>
      old && old[0] === sample[0] ? ([sample[0], (old[1] + sample[1]) / 2] as [number, number]) : sample;
    if (!this.#large || sample[0] >= this.#large[0]) this.#large = merge(this.#large);
    if (!this.#small || sample[0] <= this.#small[0] || sample[0] < this.#large[0]) this.#small = merge(this.#small);
  }

  /** The predicted ms of a frame of `points` points; NaN while no frame was measured. */
  predict(points: number): number {
    const [large, small] = [this.#large, this.#small];
    if (!large || !small) return NaN;
    // Too close in size to tell the parts apart, or a noisy pair: a cost per point alone.
    if (large[0] < 2 * small[0] || large[1] <= small[1]) return (points * small[1]) / small[0];
    const perPoint = (large[1] - small[1]) / (large[0] - small[0]);
    // The fixed part as the latest frame of few points measured it: the prediction for the
    // level drawn now is what it cost.
    const fixed = Math.max(0, small[1] - small[0] * perPoint);
    return fixed + points * perPoint;
  }
}

/**
 * The level to draw next. `counts[k]` is how many points level k draws (non-decreasing);
 * `current` is the level drawn last (-1: none yet); `cost` predicts a frame's ms from its points
 * (NaN while nothing was measured, which draws every point).
 */
export function chooseLevel(
  counts: readonly number[],
  current: number,
  cost: (points: number) => number,
  budgetMs: number,
): number {
  const last = counts.length - 1;
  if (!(cost(counts[0]) >= 0)) return last;
  const finestWithin = (ms: number): number => {
    let k = 0;
    while (k < last && cost(counts[k + 1]) <= ms) k++;
    return k;
  };
  const fits = finestWithin(budgetMs);
  if (current < 0 || current > last || fits < current) return fits;
  return Math.max(current, finestWithin(budgetMs * LOD_HYSTERESIS));
}
