// Which level of detail a moving frame draws: the finest whose predicted cost fits the frame
// budget, predicted from what earlier frames cost per point drawn. Hysteresis keeps the level
// from flickering: a frame goes to a finer level only when it would cost at most 0.7 of the
// budget, and to a coarser one only when the current level no longer fits.

/** The Cellucid renderer's hysteresis between levels. */
export const LOD_HYSTERESIS = 0.7;

/**
 * The level to draw next. `counts[k]` is how many points level k draws (non-decreasing);
 * `current` is the level drawn last (-1: none yet); `msPerPoint` NaN while nothing was measured,
 * which draws every point.
 */
export function chooseLevel(counts: readonly number[], current: number, msPerPoint: number, budgetMs: number): number {
  const last = counts.length - 1;
  if (!(msPerPoint > 0)) return last;
  const finestWithin = (ms: number): number => {
    let k = 0;
    while (k < last && counts[k + 1] * msPerPoint <= ms) k++;
    return k;
  };
  const fits = finestWithin(budgetMs);
  if (current < 0 || current > last || fits < current) return fits;
  return Math.max(current, finestWithin(budgetMs * LOD_HYSTERESIS));
}
