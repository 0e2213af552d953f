// What the legend shows for the coloured field: pure data, rendered by the element and into PNGs.
import type { CategoricalFieldData, ContinuousFieldData } from '../dataset/types.js';

export type RGB = [number, number, number];

export interface CategoryLegendRow {
  /** Category index in the export's code order. */
  index: number;
  label: string;
  color: RGB;
  /** Cells of this category that are drawn. */
  visible: number;
  /** Cells of this category in the dataset. */
  total: number;
  /** Hidden by the category filter. */
  hidden: boolean;
}

export type LegendModel =
  | { kind: 'none'; title: string }
  | { kind: 'category'; title: string; rows: CategoryLegendRow[]; missing: number; hasOutliers: boolean }
  | { kind: 'continuous'; title: string; min: number; max: number; colormap: string; log: boolean; missing: number };

const naturalOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Legend rows in natural order ("cluster 2" before "cluster 10"); codes keep the export order. */
export function categoryLegend(
  title: string,
  field: CategoricalFieldData,
  colors: readonly RGB[],
  visibleMask: Uint8Array | null,
  hidden: ReadonlySet<number> = new Set(),
): LegendModel {
  const visibleCounts = new Uint32Array(field.categories.length);
  let missing = 0;
  const { codes } = field;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 65535) {
      missing++;
      continue;
    }
    if (visibleMask === null || visibleMask[i] !== 0) visibleCounts[code]++;
  }
  const rows = field.categories.map((label, index) => ({
    index,
    label,
    color: colors[index],
    visible: visibleCounts[index],
    total: field.counts[index],
    hidden: hidden.has(index),
  }));
  rows.sort((a, b) => naturalOrder.compare(a.label, b.label));
  return { kind: 'category', title, rows, missing, hasOutliers: field.outlierQuantiles !== null };
}

export function continuousLegend(
  title: string,
  field: ContinuousFieldData,
  colormap: string,
  log: boolean,
): LegendModel {
  let missing = 0;
  for (let i = 0; i < field.values.length; i++) if (Number.isNaN(field.values[i])) missing++;
  return { kind: 'continuous', title, min: field.min, max: field.max, colormap, log, missing };
}
