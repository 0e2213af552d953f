// The colour of highlight outlines. Highlighted cells keep their own colour (their legend swatch)
// and only a thin ring marks them, so the ring must not be read as a category or a value: its
// colour keeps OUTLINE_DISTANCE from every colour the coloured field paints cells with, whenever
// one of its choices can. (Cells without a value are gray, which every choice is far from.)
import type { LegendModel } from '../state/legend-model.js';
import { sampleColormap } from './colormaps.js';
import type { RGB } from './types.js';

/** RGB distance (of 441) between the outline and the nearest palette colour, when a choice keeps it. */
const OUTLINE_DISTANCE = 64;

/**
 * Black on a light background (0..1 RGB) and white on a dark one: most contrast, and no hue to
 * mistake for a category. Magenta, then the other of the two, when the legend's palette has that
 * colour or one near it; with none far enough, the farthest.
 */
export function outlineColor(background: readonly number[], legend: LegendModel | null): RGB {
  const palette =
    legend?.kind === 'category'
      ? legend.colors
      : legend?.kind === 'continuous'
        ? [...Array(33).keys()].map((i) => sampleColormap(legend.colormap, i / 32))
        : [];
  const gap = (c: RGB) =>
    palette.reduce((min, p) => Math.min(min, Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2])), 999);
  const choices: RGB[] = [
    [0, 0, 0],
    [255, 0, 255],
    [255, 255, 255],
  ];
  if (background[0] + 2 * background[1] + background[2] < 2) choices.reverse(); // luma below half
  return choices.reduce((best, c) => (gap(best) >= OUTLINE_DISTANCE || gap(best) >= gap(c) ? best : c));
}
