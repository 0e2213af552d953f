// Turns the coloured field into per-cell RGBA bytes and the matching legend.
// Alpha carries visibility (255 drawn, 0 hidden); colours never depend on filters.
import type { FieldData } from '../dataset/types.js';
import { categoryColor, colorDomain, colorizeCategorical, colorizeContinuous, NEUTRAL_GRAY } from '../color/index.js';
import { finishSteps } from '../steps.js';
import {
  categoryLegend,
  continuousLegend,
  countCategories,
  naturalOrderInSteps,
  type LegendModel,
  type RGB,
} from './legend-model.js';

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

/** The default category colours made so far (a recolouring of 65,535 categories makes none). */
const palette: RGB[] = [];

/** Cells coloured per step of `colorCellsInSteps`: a few milliseconds of work on a slow machine. */
export const CELLS_PER_STEP = 1 << 17;

/**
 * Colours the cells a slice at a time, yielding between slices, so a caller can spread a million
 * cells over several tasks; the legend comes last and the result is the generator's return value.
 */
export function* colorCellsInSteps(
  cellCount: number,
  field: FieldData | null,
  title: string,
  options: ColoringOptions,
  reuse?: Uint8Array,
): Generator<void, ColoringResult> {
  const rgba = reuse && reuse.length === cellCount * 4 ? reuse : new Uint8Array(cellCount * 4);
  let paint: (from: number, to: number) => void;
  let legend: () => LegendModel;
  if (field === null) {
    paint = (from, to) => {
      for (let i = from; i < to; i++) rgba.set(NEUTRAL_GRAY, i * 4);
    };
    legend = () => ({ kind: 'none', title });
  } else if (field.kind === 'category') {
    // Per category work (65,535 of them at most) is done in steps too.
    const colors: RGB[] = [];
    for (let i = 0; i < field.categories.length; i++) {
      colors.push(options.categoryColors?.get(i) ?? (palette[i] ??= categoryColor(i) as RGB));
      if ((i & 4095) === 0) yield;
    }
    const order = yield* naturalOrderInSteps(field.categories);
    // The legend's counts are gathered slice by slice too: one pass over a million cells is ~15 ms.
    const counts = { visible: new Uint32Array(field.categories.length), missing: 0 };
    paint = (from, to) => {
      colorizeCategorical(field.codes, colors, rgba, from, to);
      countCategories(field.codes, options.visible, counts, from, to);
    };
    legend = () => categoryLegend(title, field, colors, counts, order, options.hiddenCategories);
  } else {
    const scale = { colormap: options.colormap, min: field.min, max: field.max, log: options.log };
    const domain = colorDomain(field.values, scale);
    paint = (from, to) => colorizeContinuous(field.values, scale, rgba, from, to, domain);
    legend = () => continuousLegend(title, field, options.colormap, options.log);
  }
  const visible = options.visible;
  for (let from = 0; from < cellCount; from += CELLS_PER_STEP) {
    const to = Math.min(cellCount, from + CELLS_PER_STEP);
    paint(from, to);
    for (let i = from; i < to; i++) rgba[i * 4 + 3] = visible === null || visible[i] !== 0 ? 255 : 0;
    yield;
  }
  return { rgba, legend: legend() };
}

/** `colorCellsInSteps` in one go. */
export function colorCells(...args: Parameters<typeof colorCellsInSteps>): ColoringResult {
  return finishSteps(colorCellsInSteps(...args));
}

export function countVisible(cellCount: number, visible: Uint8Array | null): number {
  if (visible === null) return cellCount;
  let n = 0;
  for (let i = 0; i < cellCount; i++) if (visible[i] !== 0) n++;
  return n;
}
