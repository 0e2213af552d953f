// Turns the coloured field into per-cell RGBA bytes and the matching legend.
// Alpha carries visibility (255 drawn, 0 hidden); colours never depend on filters.
import type { FieldData } from '../dataset/types.js';
import {
  categoryColor,
  colorizeCategorical,
  colorizeContinuous,
  NEUTRAL_GRAY,
} from '../color/index.js';
import { categoryLegend, continuousLegend, type LegendModel, type RGB } from './legend-model.js';

export interface ColoringOptions {
  colormap: string;
  log: boolean;
  /** Per-category colour overrides by category index. */
  categoryColors?: ReadonlyMap<number, RGB>;
  /** Per-cell visibility (0 hidden); null = every cell visible. */
  visible: Uint8Array | null;
  /** Categories hidden by the category filter of this field, for the legend. */
  hiddenCategories?: ReadonlySet<number>;
}

export interface ColoringResult {
  rgba: Uint8Array;
  legend: LegendModel;
}

export function colorCells(
  cellCount: number,
  field: FieldData | null,
  title: string,
  options: ColoringOptions,
  reuse?: Uint8Array,
): ColoringResult {
  const rgba = reuse && reuse.length === cellCount * 4 ? reuse : new Uint8Array(cellCount * 4);
  let legend: LegendModel;
  if (field === null) {
    for (let i = 0; i < cellCount; i++) {
      rgba[i * 4] = NEUTRAL_GRAY[0];
      rgba[i * 4 + 1] = NEUTRAL_GRAY[1];
      rgba[i * 4 + 2] = NEUTRAL_GRAY[2];
    }
    legend = { kind: 'none', title };
  } else if (field.kind === 'category') {
    const colors: RGB[] = field.categories.map(
      (_, i) => options.categoryColors?.get(i) ?? (categoryColor(i) as RGB),
    );
    colorizeCategorical(field.codes, colors, rgba);
    legend = categoryLegend(title, field, colors, options.visible, options.hiddenCategories);
  } else {
    colorizeContinuous(field.values, { colormap: options.colormap, min: field.min, max: field.max, log: options.log }, rgba);
    legend = continuousLegend(title, field, options.colormap, options.log);
  }
  const visible = options.visible;
  for (let i = 0; i < cellCount; i++) rgba[i * 4 + 3] = visible === null || visible[i] !== 0 ? 255 : 0;
  return { rgba, legend };
}

export function countVisible(cellCount: number, visible: Uint8Array | null): number {
  if (visible === null) return cellCount;
  let n = 0;
  for (let i = 0; i < cellCount; i++) if (visible[i] !== 0) n++;
  return n;
}
