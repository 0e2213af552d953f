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

/**
 * A categorical legend holds its categories' columns, not one row object per category: a field may
 * have 65,535 categories, and the element makes only the rows it shows (`legendRow`).
 */
export interface CategoryLegend {
  kind: 'category';
  title: string;
  /** Category indices in natural order of their labels ("cluster 2" before "cluster 10"). */
  order: Uint32Array;
  labels: readonly string[];
  colors: readonly RGB[];
  /** Drawn and total cells per category. */
  visible: Uint32Array;
  totals: Uint32Array;
  hidden: ReadonlySet<number>;
  missing: number;
  hasOutliers: boolean;
}

export type LegendModel =
  | { kind: 'none'; title: string }
  | CategoryLegend
  | { kind: 'continuous'; title: string; min: number; max: number; colormap: string; log: boolean; missing: number };

export const legendRow = (l: CategoryLegend, index: number): CategoryLegendRow => ({
  index,
  label: l.labels[index],
  color: l.colors[index],
  visible: l.visible[index],
  total: l.totals[index],
  hidden: l.hidden.has(index),
});

const naturalOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The last labels sorted and their order: colouring the same field again sorts nothing. */
let sorted: { labels: readonly string[]; order: Uint32Array } = { labels: [], order: new Uint32Array() };

/**
 * Category indices in natural order of their labels, by a stable merge sort that yields every
 * 1,024 placed labels: 65,535 labels take a million comparisons, far too long for one task.
 */
export function* naturalOrderInSteps(labels: readonly string[]): Generator<void, Uint32Array> {
  const n = labels.length;
  if (sorted.labels.length === n && labels.every((l, i) => l === sorted.labels[i])) return sorted.order;
  let a = Uint32Array.from(labels.keys());
  let b = new Uint32Array(n);
  for (let width = 1; width < n; width *= 2, [a, b] = [b, a])
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(mid + width, n);
      for (let i = lo, j = mid, k = lo; k < hi; k++) {
        b[k] = j >= hi || (i < mid && naturalOrder.compare(labels[a[i]], labels[a[j]]) <= 0) ? a[i++] : a[j++];
        if ((k & 1023) === 0) yield;
      }
    }
  sorted = { labels: [...labels], order: a };
  return a;
}

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

/** A categorical legend from counts and an order made in steps (`countCategories`, `naturalOrderInSteps`). */
export function categoryLegend(
  title: string,
  field: CategoricalFieldData,
  colors: readonly RGB[],
  counts: { visible: Uint32Array; missing: number },
  order: Uint32Array,
  hidden: ReadonlySet<number> = new Set(),
): CategoryLegend {
  return {
    kind: 'category',
    title,
    order,
    labels: field.categories,
    colors,
    visible: counts.visible,
    totals: field.counts,
    hidden,
    missing: counts.missing,
    hasOutliers: field.outlierQuantiles !== null,
  };
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
