// Writes per-cell RGB bytes into an RGBA buffer (n*4). Alpha is visibility, set elsewhere.
import { DEFAULT_COLORMAP, colormapStops } from './colormaps.js';
import type { RGB } from './types.js';

/** The "no value" gray of the Cellucid app. */
export const NEUTRAL_GRAY: RGB = [211, 211, 211];
const MISSING_CODE = 65535;

/** Cells `from` to `to` (default: all) of `out`, so a caller can colour in steps. */
export function colorizeCategorical(
  codes: Uint16Array,
  colors: readonly RGB[],
  out: Uint8Array,
  from = 0,
  to = codes.length,
): void {
  for (let i = from; i < to; i++) {
    const code = codes[i];
    const c = code === MISSING_CODE || code >= colors.length ? NEUTRAL_GRAY : colors[code];
    const k = i * 4;
    out[k] = c[0];
    out[k + 1] = c[1];
    out[k + 2] = c[2];
  }
}

export interface ContinuousColoring {
  colormap: string;
  /** Colour domain (data min/max or the filter range). */
  min: number;
  max: number;
  log: boolean;
}

/** The domain actually used: log10 of the positive range when `log`; max == min widens by 1. */
export function colorDomain(values: Float32Array, o: ContinuousColoring): [number, number] {
  let lo = o.min;
  let hi = o.max;
  if (o.log) {
    let minPos = Infinity;
    let maxPos = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v > 0 && v < Infinity) {
        if (v < minPos) minPos = v;
        if (v > maxPos) maxPos = v;
      }
    }
    lo = Number.isFinite(minPos) ? Math.log10(Math.max(minPos, o.min > 0 ? o.min : minPos)) : 0;
    hi = Number.isFinite(maxPos) ? Math.log10(o.max > 0 ? Math.min(o.max, maxPos) : maxPos) : 1;
    if (!Number.isFinite(minPos)) [lo, hi] = [0, 1];
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) hi = lo + 1;
  return [lo, hi];
}

/** Cells `from` to `to` (default: all) of `out`; a caller colouring in steps passes the domain it computed once. */
export function colorizeContinuous(
  values: Float32Array,
  o: ContinuousColoring,
  out: Uint8Array,
  from = 0,
  to = values.length,
  domain = colorDomain(values, o),
): void {
  const [lo, hi] = domain;
  const span = hi - lo;
  const stops = colormapStops(o.colormap || DEFAULT_COLORMAP);
  const last = stops.length - 1;
  for (let i = from; i < to; i++) {
    const raw = values[i];
    const k = i * 4;
    const v = o.log ? (raw > 0 ? Math.log10(raw) : NaN) : raw;
    if (v !== v) {
      out[k] = NEUTRAL_GRAY[0];
      out[k + 1] = NEUTRAL_GRAY[1];
      out[k + 2] = NEUTRAL_GRAY[2];
      continue;
    }
    // Same arithmetic as sampleColormap, inlined: this loop runs once per cell.
    let t = (v - lo) / span;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const x = t * last;
    const i0 = Math.floor(x);
    const i1 = i0 < last ? i0 + 1 : last;
    const f = x - i0;
    const a = stops[i0];
    const b = stops[i1];
    out[k] = Math.round((a[0] + (b[0] - a[0]) * f) * 255);
    out[k + 1] = Math.round((a[1] + (b[1] - a[1]) * f) * 255);
    out[k + 2] = Math.round((a[2] + (b[2] - a[2]) * f) * 255);
  }
}
