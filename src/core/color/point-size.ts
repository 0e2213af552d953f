// Default point size from the cell count, as the Cellucid app picks it: a slider position
// p in [-24, 100] (step 0.5) maps to 0.25 * 800^(p/100) pixels.
const SLIDER_MIN = -24;
const SLIDER_MAX = 100;

export function sliderToPointSize(p: number): number {
  return 0.25 * Math.pow(800, p / 100);
}

export function pointSizeToSlider(size: number): number {
  return (100 * Math.log(size / 0.25)) / Math.log(800);
}

export function defaultPointSize(cellCount: number): number {
  const n = Math.max(1, cellCount);
  const raw = 1.5 * Math.sqrt(100000 / n);
  const snapped = Math.round(pointSizeToSlider(raw) * 2) / 2;
  return sliderToPointSize(Math.min(SLIDER_MAX, Math.max(SLIDER_MIN, snapped)));
}

/** The share of the plot the discs of a small dataset's cells may cover, and the smallest fitted size (px). */
const COVER = 0.02;
const MIN_FITTED = 4;
const COVER_LINE = 0.25;

/**
 * The default size for `cellCount` cells over a plot of `area` px² (one tile's in a grid) in a
 * `dimension`-D embedding: the app's default, but no larger than discs that together cover 2 % of
 * the plot (a quarter of the line in 1-D), so the cells of a small dataset are drawn apart instead
 * of as a few merged spheres. Never under 4 px: a dataset whose
 * app default is smaller (from about 14,000 cells) keeps it.
 */
export function fittedPointSize(cellCount: number, area: number, dimension: 1 | 2 | 3 = 2): number {
  const n = Math.max(1, cellCount);
  // A 1-D embedding lies on one line about as long as the plot is across: its cells share that
  // length, not the plot's area (side by side they fill at most a quarter of it).
  const fit =
    dimension === 1
      ? (COVER_LINE * Math.sqrt(Math.max(1, area))) / n
      : Math.sqrt((4 * COVER * Math.max(1, area)) / (Math.PI * n));
  return Math.min(defaultPointSize(n), Math.max(MIN_FITTED, fit));
}
