import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  categoryColor,
  colorizeCategorical,
  colorizeContinuous,
  defaultPointSize,
  fittedPointSize,
  sampleColormap,
  colormapStops,
} from '../../../src/core/color/index.js';

test('category colours follow the Cellucid palette, then golden-angle hues', () => {
  assert.deepEqual(categoryColor(0), [0, 114, 178]);
  assert.deepEqual(categoryColor(1), [230, 159, 0]);
  assert.deepEqual(categoryColor(2), [0, 158, 115]);
  assert.deepEqual(categoryColor(20), [31, 119, 180]);
  const far = categoryColor(68);
  assert.ok(far.every((c) => Number.isInteger(c) && c >= 0 && c <= 255));
  assert.notDeepEqual(categoryColor(68), categoryColor(69));
});

test('viridis samples match the loader test vector T4', () => {
  const ts = [0, 0.122047, 0.248031, 0.374016, 0.5];
  const expected = [
    [68, 1, 84],
    [71, 39, 119],
    [62, 74, 137],
    [49, 104, 141],
    [37, 132, 141],
  ];
  ts.forEach((t, i) => assert.deepEqual(sampleColormap('viridis', t), expected[i]));
  assert.deepEqual(sampleColormap('no-such-map', 0), [68, 1, 84], 'unknown ids fall back to viridis');
});

test('colormaps have the published stop counts', () => {
  const counts: Record<string, number> = {
    viridis: 10,
    plasma: 7,
    inferno: 10,
    magma: 10,
    cividis: 8,
    turbo: 17,
    coolwarm: 9,
  };
  for (const [id, n] of Object.entries(counts)) assert.equal(colormapStops(id).length, n, id);
});

test('continuous colouring maps the data range through the colormap, NaN to gray', () => {
  const values = new Float32Array([0.72, 0.7395275831222534, 0.7596850395202637, 0.7798425555229187, 0.8, 0.88, NaN]);
  const out = new Uint8Array(values.length * 4);
  colorizeContinuous(values, { colormap: 'viridis', min: 0.72, max: 0.88, log: false }, out);
  const rgb = (i: number) => [out[i * 4], out[i * 4 + 1], out[i * 4 + 2]];
  assert.deepEqual(rgb(0), [68, 1, 84]);
  assert.deepEqual(rgb(1), [71, 39, 119]);
  assert.deepEqual(rgb(4), [37, 132, 141]);
  assert.deepEqual(rgb(5), sampleColormap('viridis', 1));
  assert.deepEqual(rgb(6), [211, 211, 211]);
});

test('log scale colours non-positive values gray', () => {
  const values = new Float32Array([1, 10, 100, 0, -5]);
  const out = new Uint8Array(values.length * 4);
  colorizeContinuous(values, { colormap: 'viridis', min: -5, max: 100, log: true }, out);
  assert.deepEqual([out[0], out[1], out[2]], sampleColormap('viridis', 0));
  assert.deepEqual([out[4], out[5], out[6]], sampleColormap('viridis', 0.5));
  assert.deepEqual([out[12], out[13], out[14]], [211, 211, 211]);
  assert.deepEqual([out[16], out[17], out[18]], [211, 211, 211]);
});

test('categorical colouring: missing codes are gray', () => {
  const codes = new Uint16Array([0, 1, 65535, 2]);
  const out = new Uint8Array(16);
  colorizeCategorical(
    codes,
    [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ],
    out,
  );
  assert.deepEqual([...out.slice(0, 3)], [1, 2, 3]);
  assert.deepEqual([...out.slice(8, 11)], [211, 211, 211]);
  assert.deepEqual([...out.slice(12, 15)], [7, 8, 9]);
});

test('default point size follows the cell count', () => {
  for (const [n, size] of [
    [72, 56.16],
    [96, 49.13],
    [48, 68.63],
    [100000, 1.5198],
  ]) {
    assert.ok(Math.abs(defaultPointSize(n) - size) < 1e-2, `${n} cells → ${defaultPointSize(n)}`);
  }
});

test('a default point size fits a small dataset to the plot; a large one keeps the app default', () => {
  // 72 cells: discs covering 2 % of a 400 × 300 plot are 6.5 px across; 4 px at least, the app's 56 px at most.
  assert.ok(Math.abs(fittedPointSize(72, 400 * 300) - 6.515) < 1e-2, `${fittedPointSize(72, 400 * 300)}`);
  assert.equal(fittedPointSize(72, 100), 4);
  assert.equal(fittedPointSize(72, 1e9), defaultPointSize(72));
  for (const n of [15000, 100000, 1e6, 2e7])
    for (const area of [100, 400 * 300, 1400 * 900, 4e6]) assert.equal(fittedPointSize(n, area), defaultPointSize(n));
  // 1-D: the cells share one line about as long as the plot is across (a quarter of it, side by side).
  assert.ok(Math.abs(fittedPointSize(30, 1400 * 900, 1) - (0.25 * Math.sqrt(1400 * 900)) / 30) < 1e-9);
  assert.equal(fittedPointSize(48, 800 * 500, 1), 4);
  assert.ok(fittedPointSize(30, 1400 * 900, 1) < fittedPointSize(30, 1400 * 900, 2));
});
