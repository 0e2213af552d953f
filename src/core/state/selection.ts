// Lasso and box selection: which visible cells project inside a screen-space shape. Pure maths
// over the positions and the camera's view-projection matrix, so it runs in Node and in workers.

export type ScreenPoint = readonly [number, number];

/**
 * How a new selection combines with the current one (spec §4.2: Alt replaces, Shift+Alt adds, Ctrl/Cmd+Alt subtracts).
 */
export type SelectionMode = 'replace' | 'add' | 'subtract';

export interface Viewport {
  width: number;
  height: number;
}

/** Most points a lasso keeps: a longer path is thinned, so the polygon test stays cheap. */
const MAX_LASSO_POINTS = 512;

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
  // The polygon is filled into a pixel mask once; each cell is then one lookup, so the cost is
  // the projection of the cells, whatever the number of lasso points.
  const raster = rasterize(shape, viewport);
  if (!raster) return new Uint32Array(0);
  const { mask, x0, y0, w, h } = raster;
  const sx = viewport.width / 2;
  const sy = viewport.height / 2;
  const m = viewProjection;
  const n = xyz.length / 3;
  let out = new Uint32Array(Math.min(n, 1024));
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (visible && visible[i] === 0) continue;
    const x = xyz[3 * i],
      y = xyz[3 * i + 1],
      z = xyz[3 * i + 2];
    const cw = m[3] * x + m[7] * y + m[11] * z + m[15];
    if (cw <= 0) continue;
    const px = Math.floor(((m[0] * x + m[4] * y + m[8] * z + m[12]) / cw + 1) * sx) - x0;
    if (px < 0 || px >= w) continue;
    const py = Math.floor((1 - (m[1] * x + m[5] * y + m[9] * z + m[13]) / cw) * sy) - y0;
    if (py < 0 || py >= h || mask[py * w + px] === 0) continue;
    if (count === out.length) {
      const grown = new Uint32Array(Math.min(n, out.length * 2));
      grown.set(out);
      out = grown;
    }
    out[count++] = i;
  }
  return out.slice(0, count);
}

/** Largest side of the selection mask, in pixels: bounds the allocation for any shape. */
const MAX_RASTER_SIDE = 8192;

/**
 * Even-odd scanline fill of the polygon over its bounding box (clipped to the viewport): pixel
 * (px, py) is inside when its centre is.
 */
function rasterize(
  shape: readonly ScreenPoint[],
  viewport: Viewport,
): { mask: Uint8Array; x0: number; y0: number; w: number; h: number } | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of shape) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const x0 = Math.max(0, Math.floor(minX));
  const y0 = Math.max(0, Math.floor(minY));
  const x1 = Math.min(Math.ceil(viewport.width), Math.ceil(maxX), x0 + MAX_RASTER_SIDE);
  const y1 = Math.min(Math.ceil(viewport.height), Math.ceil(maxY), y0 + MAX_RASTER_SIDE);
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 0 || h <= 0) return null;
  const mask = new Uint8Array(w * h);
  const crossings: number[] = [];
  for (let row = 0; row < h; row++) {
    const cy = y0 + row + 0.5;
    crossings.length = 0;
    for (let i = 0, j = shape.length - 1; i < shape.length; j = i++) {
      const [xi, yi] = shape[i];
      const [xj, yj] = shape[j];
      if (yi > cy !== yj > cy) crossings.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi));
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Pixels whose centre (px + 0.5) lies between the two crossings.
      const from = Math.max(0, Math.ceil(crossings[k] - 0.5 - x0));
      const to = Math.min(w - 1, Math.floor(crossings[k + 1] - 0.5 - x0));
      if (to >= from) mask.fill(1, row * w + from, row * w + to + 1);
    }
  }
  return { mask, x0, y0, w, h };
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
  let i = 0,
    j = 0,
    k = 0;
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

function thinPath(path: readonly ScreenPoint[], max: number): ScreenPoint[] {
  const finite = path.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (finite.length <= max) return finite;
  const step = finite.length / max;
  const out: ScreenPoint[] = [];
  for (let i = 0; i < max; i++) out.push(finite[Math.floor(i * step)]);
  return out;
}
