// The highlight outline's colour: contrast with the background, never near a palette colour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlineColor } from '../../../src/core/color/outline.js';
import type { LegendModel } from '../../../src/core/state/legend-model.js';
import type { RGB } from '../../../src/core/color/types.js';

const LIGHT = [0.965, 0.965, 0.969];
const DARK = [0.078, 0.086, 0.098];
const categories = (...colors: RGB[]): LegendModel => ({
  kind: 'category',
  title: 't',
  order: new Uint32Array(colors.map((_, i) => i)),
  labels: colors.map((_, i) => `c${i}`),
  colors,
  visible: new Uint32Array(colors.length),
  totals: new Uint32Array(colors.length),
  hidden: new Set(),
  missing: 0,
  hasOutliers: false,
});
const continuous = (colormap: string): LegendModel => ({
  kind: 'continuous',
  title: 't',
  min: 0,
  max: 1,
  colormap,
  log: false,
  missing: 0,
});

test('black on a light background, white on a dark one', () => {
  assert.deepEqual(outlineColor(LIGHT, null), [0, 0, 0]);
  assert.deepEqual(outlineColor(DARK, null), [255, 255, 255]);
  assert.deepEqual(outlineColor(LIGHT, categories([0, 114, 178], [230, 159, 0])), [0, 0, 0]);
  assert.deepEqual(outlineColor(DARK, continuous('viridis')), [255, 255, 255]);
});

test('a palette holding the colour, or one near it, moves the outline to magenta, then the other', () => {
  assert.deepEqual(outlineColor(LIGHT, categories([200, 0, 0], [20, 20, 20])), [255, 0, 255]);
  // inferno and magma start at #000004.
  assert.deepEqual(outlineColor(LIGHT, continuous('inferno')), [255, 0, 255]);
  assert.deepEqual(outlineColor(DARK, categories([250, 250, 250])), [255, 0, 255]);
  assert.deepEqual(outlineColor(LIGHT, categories([0, 0, 0], [240, 10, 240])), [255, 255, 255]);
});

test('with every choice taken, the one farthest from the palette', () => {
  const taken = categories([10, 10, 10], [255, 0, 200], [230, 230, 230]);
  // Nearest palette colour: black 17, magenta 55, white 43.
  assert.deepEqual(outlineColor(LIGHT, taken), [255, 0, 255]);
});
