// Category centroids where the plot draws them (spec §2.12): padded to xyz and normalised with the
// centre and scale the embedding's positions got (§2.2), so a label sits on its cells. Pure.
import type { Centroid, Normalization } from './types.js';

/**
 * Each category's centroid in normalised xyz, by category name. A position shorter than xyz is
 * padded with 0 (1-D → (x,0,0), 2-D → (x,y,0)); a non-finite one is left out (no label).
 */
export function normalizedCentroids(
  centroids: readonly Centroid[],
  { center, scale }: Normalization,
): Map<string, [number, number, number]> {
  const out = new Map<string, [number, number, number]>();
  for (const { category, position } of centroids) {
    const xyz = [0, 1, 2].map((k) => ((position[k] ?? 0) - center[k]) * scale) as [number, number, number];
    if (xyz.every(Number.isFinite)) out.set(category, xyz);
  }
  return out;
}
