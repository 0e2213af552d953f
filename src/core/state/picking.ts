// Cell picking and proximity selection: pure maths over the positions the renderer draws, with the
// same projection as the lasso (cellsInPolygon), so it runs in Node and in workers.
import type { ScreenPoint, Viewport } from './selection.js';

/**
 * The visible cell whose projected position is nearest to `point` (CSS px of the viewport), at most
 * `tolerance` px away, or -1. Distances compare in whole square pixels, so cells drawn over each other
 * tie; ties go to the cell nearer the camera, then to the smaller index.
 */
export function nearestCell(
  xyz: Float32Array,
  viewProjection: ArrayLike<number>,
  viewport: Viewport,
  point: ScreenPoint,
  visible: Uint8Array | null,
  tolerance: number,
): number {
  const m = viewProjection;
  const sx = viewport.width / 2;
  const sy = viewport.height / 2;
  let best = -1;
  let bestD = Math.round(tolerance * tolerance) + 1;
  let bestW = 0; // no cell yet: a tie at the limit never wins
  for (let i = 0, n = xyz.length / 3; i < n; i++) {
    if (visible && visible[i] === 0) continue;
    const x = xyz[3 * i],
      y = xyz[3 * i + 1],
      z = xyz[3 * i + 2];
    const w = m[3] * x + m[7] * y + m[11] * z + m[15];
    if (w <= 0) continue;
    const dx = ((m[0] * x + m[4] * y + m[8] * z + m[12]) / w + 1) * sx - point[0];
    const dy = (1 - (m[1] * x + m[5] * y + m[9] * z + m[13]) / w) * sy - point[1];
    const d = Math.round(dx * dx + dy * dy);
    // Clip w is the depth in front of the camera; strict comparisons keep the smaller index.
    if (d < bestD || (d === bestD && w < bestW)) {
      best = i;
      bestD = d;
      bestW = w;
    }
  }
  return best;
}

/** Visible cells (sorted) within Euclidean `radius` of cell `center`, in the positions' coordinates. */
export function cellsNear(xyz: Float32Array, center: number, radius: number, visible: Uint8Array | null): Uint32Array {
  const cx = xyz[3 * center],
    cy = xyz[3 * center + 1],
    cz = xyz[3 * center + 2];
  const r2 = radius * radius;
  const out: number[] = [];
  for (let i = 0, n = xyz.length / 3; i < n; i++) {
    if (visible && visible[i] === 0) continue;
    const dx = xyz[3 * i] - cx,
      dy = xyz[3 * i + 1] - cy,
      dz = xyz[3 * i + 2] - cz;
    if (dx * dx + dy * dy + dz * dz <= r2) out.push(i);
  }
  return Uint32Array.from(out);
}
