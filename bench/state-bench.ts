// Main-thread work of interactions on 1M cells, measured on the pure core (Node): recolouring
// by a field, recomputing visibility after a filter change, a lasso selection, and the ring mask
// of 8 highlight groups. The upload and draw that follow are in the browser rows above.
import { cameraMatrices, defaultCameraState } from '../src/core/camera/camera.js';
import { colorCells } from '../src/core/state/coloring.js';
import { computeVisibility, emptyFilters } from '../src/core/state/filters.js';
import { ringCells, type HighlightState } from '../src/core/state/highlights.js';
import { cellsInPolygon } from '../src/core/state/selection.js';
import type { CategoricalFieldData, ContinuousFieldData } from '../src/core/dataset/types.js';

const N = 1_000_000;
let seed = 7;
const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;

const xyz = new Float32Array(N * 3);
for (let i = 0; i < xyz.length; i++) xyz[i] = random() * 2 - 1;
const codes = new Uint16Array(N);
for (let i = 0; i < N; i++) codes[i] = Math.floor(random() * 20);
const counts = new Uint32Array(20);
for (const c of codes) counts[c]++;
const category: CategoricalFieldData = {
  kind: 'category',
  key: 'cluster',
  categories: Array.from({ length: 20 }, (_, i) => `cluster ${i}`),
  codes,
  counts,
  outlierQuantiles: null,
};
const values = new Float32Array(N);
for (let i = 0; i < N; i++) values[i] = random() * 10;
const continuous: ContinuousFieldData = { kind: 'continuous', key: 'score', values, min: 0, max: 10 };

const median = (fn: () => unknown, runs = 5) => {
  const ts: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return ts.sort((a, b) => a - b)[Math.floor(runs / 2)];
};

const rgba = new Uint8Array(N * 4);
const colorCategory = median(() =>
  colorCells(N, category, 'cluster', { colormap: 'viridis', log: false, visible: null }, rgba),
);
const colorContinuous = median(() =>
  colorCells(N, continuous, 'score', { colormap: 'viridis', log: false, visible: null }, rgba),
);
const filters = emptyFilters();
filters.categories.set('cluster', { hidden: new Set([1, 2, 3]), enabled: true });
filters.ranges.set('obs:score', { min: 2, max: 8, enabled: true });
const lookup = (ref: string) => (ref === 'obs:cluster' ? category : ref === 'obs:score' ? continuous : undefined);
let visible: Uint8Array | null = null;
const filterMs = median(() => (visible = computeVisibility(N, filters, { source: 'obs', key: 'cluster' }, lookup)));

// A 200-point circular lasso covering the middle of an 800 × 600 view.
const viewport = { width: 800, height: 600 };
const lasso: Array<[number, number]> = [];
for (let k = 0; k < 200; k++)
  lasso.push([400 + 220 * Math.cos((2 * Math.PI * k) / 200), 300 + 180 * Math.sin((2 * Math.PI * k) / 200)]);
const { viewProjection } = cameraMatrices(defaultCameraState(3), viewport.width / viewport.height);
let selected = 0;
const lassoMs = median(() => (selected = cellsInPolygon(xyz, viewProjection, viewport, lasso, visible).length));

const groups = [];
for (let g = 0; g < 8; g++) {
  const cells = new Uint32Array(125_000);
  for (let i = 0; i < cells.length; i++) cells[i] = g * 125_000 + i;
  groups.push({ id: `highlight_${g + 1}`, type: 'lasso' as const, label: `G${g}`, enabled: true, cells });
}
const hl: HighlightState = {
  pages: [{ id: 'page_1', name: 'Page 1', color: '#2563eb', groups }],
  activePageId: 'page_1',
};
const ringMs = median(() => ringCells(hl, N));

console.log('| interaction on 1M cells (Node, core only) | ms |');
console.log('|---|---:|');
console.log(`| colour by a 20-category field | ${colorCategory.toFixed(1)} |`);
console.log(`| colour by a continuous field (viridis) | ${colorContinuous.toFixed(1)} |`);
console.log(`| visibility after a filter change (3 hidden categories + a range) | ${filterMs.toFixed(1)} |`);
console.log(
  `| lasso of 200 points over visible cells (target ≤ 100; ${selected.toLocaleString('en-US')} selected) ` +
    `| ${lassoMs.toFixed(1)} |`,
);
console.log(`| ringed cells of 8 × 125k-cell groups | ${ringMs.toFixed(1)} |`);
