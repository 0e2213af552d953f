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

/** Drawn cells per category and cells without one, counted over cells `from` to `to` (added to `into`). */
export function countCategories(
  codes: Uint16Array,
  visibleMask: Uint8Array | null,
  into: { visible: Uint32Array; missing: number },
  from = 0,
  to = codes.length,
): { visible: Uint32Array; missing: number } {
  for (let i = from; i < to; i++) {
    const code = codes[i];
    if (code === 65535) into.missing++;
    else if (visibleMask === null || visibleMask[i] !== 0) into.visible[code]++;
  }
  return into;
}

/**
 * Legend rows in natural order ("cluster 2" before "cluster 10"); codes keep the export order.
 * `counts` may come from a caller that counted while colouring (`countCategories`).
 */
export function categoryLegend(
  title: string,
  field: CategoricalFieldData,
  colors: readonly RGB[],
  visibleMask: Uint8Array | null,
  hidden: ReadonlySet<number> = new Set(),
  counts = countCategories(field.codes, visibleMask, { visible: new Uint32Array(field.categories.length), missing: 0 }),
): LegendModel {
  const rows = field.categories.map((label, index) => ({
    index,
    label,
    color: colors[index],
    visible: counts.visible[index],
    total: field.counts[index],
    hidden: hidden.has(index),
  }));
  rows.sort((a, b) => naturalOrder.compare(a.label, b.label));
  return { kind: 'category', title, rows, missing: counts.missing, hasOutliers: field.outlierQuantiles !== null };
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
