// Lasso and box selection: which visible cells project inside a screen-space shape. Pure maths
// over the positions and the camera's view-projection matrix, so it runs in Node and in workers.

export type ScreenPoint = readonly [number, number];

/** How a new selection combines with the current one (spec §4.2: Alt replaces, Shift+Alt adds, Ctrl/Cmd+Alt subtracts). */
export type SelectionMode = 'replace' | 'add' | 'subtract';

export interface Viewport {
  width: number;
  height: number;
}

/** Most points a lasso keeps: a longer path is thinned, so the polygon test stays cheap. */
export const MAX_LASSO_POINTS = 512;

/**
 * Cells (sorted) whose projected position lies inside the polygon, in CSS pixels of the viewport.
 * Cells behind the camera and hidden cells (`visible[i] === 0`) are never selected.
 */
export function cellsInPolygon(
  xyz: Float32Array,
  viewProjection: ArrayLike<number>,
  viewport: Viewport,
  polygon: readonly ScreenPoint[],
  visible: Uint8Array | null,
): Uint32Array {
  const shape = thinPath(polygon, MAX_LASSO_POINTS);
  if (shape.length < 3) return new Uint32Array(0);
  const xs = new Float64Array(shape.length);
  const ys = new Float64Array(shape.length);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  shape.forEach(([x, y], i) => {
    // Polygon in normalised device coordinates, so each cell needs no division by the viewport.
    xs[i] = (x / viewport.width) * 2 - 1;
    ys[i] = 1 - (y / viewport.height) * 2;
    minX = Math.min(minX, xs[i]); maxX = Math.max(maxX, xs[i]);
    minY = Math.min(minY, ys[i]); maxY = Math.max(maxY, ys[i]);
  });
  const m = viewProjection;
  const n = xyz.length / 3;
  let out = new Uint32Array(Math.min(n, 1024));
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (visible && visible[i] === 0) continue;
    const x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
    const w = m[3] * x + m[7] * y + m[11] * z + m[15];
    if (w <= 0) continue;
    const px = (m[0] * x + m[4] * y + m[8] * z + m[12]) / w;
    if (px < minX || px > maxX) continue;
    const py = (m[1] * x + m[5] * y + m[9] * z + m[13]) / w;
    if (py < minY || py > maxY) continue;
    if (!insidePolygon(px, py, xs, ys)) continue;
    if (count === out.length) {
      const grown = new Uint32Array(Math.min(n, out.length * 2));
      grown.set(out);
      out = grown;
    }
    out[count++] = i;
  }
  return out.slice(0, count);
}

/** The four corners of the rectangle spanned by two corner points. */
export function boxPolygon(a: ScreenPoint, b: ScreenPoint): ScreenPoint[] {
  return [
    [a[0], a[1]],
    [b[0], a[1]],
    [b[0], b[1]],
    [a[0], b[1]],
  ];
}

/** Combines two sorted unique index sets. */
export function combineSelection(mode: SelectionMode, current: Uint32Array | null, picked: Uint32Array): Uint32Array {
  if (mode === 'replace' || !current) return mode === 'subtract' ? new Uint32Array(0) : picked;
  const out = new Uint32Array(mode === 'add' ? current.length + picked.length : current.length);
  let i = 0, j = 0, k = 0;
  while (i < current.length || j < picked.length) {
    const a = i < current.length ? current[i] : Infinity;
    const b = j < picked.length ? picked[j] : Infinity;
    if (a === b) {
      if (mode === 'add') out[k++] = a;
      i++;
      j++;
    } else if (a < b) {
      out[k++] = a;
      i++;
    } else {
      if (mode === 'add') out[k++] = b;
      j++;
    }
  }
  return out.slice(0, k);
}

/** Even-odd rule: a ray to +x crosses the polygon's edges an odd number of times. */
function insidePolygon(x: number, y: number, xs: Float64Array, ys: Float64Array): boolean {
  let inside = false;
  for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
    if (ys[i] > y !== ys[j] > y && x < ((xs[j] - xs[i]) * (y - ys[i])) / (ys[j] - ys[i]) + xs[i]) inside = !inside;
  }
  return inside;
}

function thinPath(path: readonly ScreenPoint[], max: number): ScreenPoint[] {
  const finite = path.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (finite.length <= max) return finite;
  const step = finite.length / max;
  const out: ScreenPoint[] = [];
  for (let i = 0; i < max; i++) out.push(finite[Math.floor(i * step)]);
  return out;
}
