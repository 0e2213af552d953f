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
