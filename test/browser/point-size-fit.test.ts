// A small dataset's default point size fits the plot: its cells are drawn apart, not as a few merged
// spheres (counted as separate blobs of drawn pixels); a set `point-size` still wins; a grid tile or a
// larger viewer changes the default. In 3-D each lineage, the far one included, stands out from the
// background in both themes (fog and the near cells never hide it).
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, mountViewer, pngPixels, until } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`; // 72 cells
const THREE_D = `${DEMO}synthetic-development-3d/`; // 96 cells, two lineages

/** The largest difference of a channel from the background, per pixel. */
function distances(img: ImageData): Uint8Array {
  const out = new Uint8Array(img.width * img.height);
  const d = img.data;
  // The background is what the top-left corner shows (no cell is drawn there).
  const [r, g, b] = [d[0], d[1], d[2]];
  for (let i = 0; i < out.length; i++)
    out[i] = Math.max(Math.abs(d[i * 4] - r), Math.abs(d[i * 4 + 1] - g), Math.abs(d[i * 4 + 2] - b));
  return out;
}

/** Drawn pixels (over `threshold` from the background) and their 8-connected blobs. */
function blobs(img: ImageData, threshold = 24): { drawn: number; count: number } {
  const dist = distances(img);
  const { width, height } = img;
  const seen = new Uint8Array(dist.length);
  let drawn = 0;
  let count = 0;
  for (let start = 0; start < dist.length; start++) {
    if (dist[start] <= threshold || seen[start]) continue;
    count++;
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      drawn++;
      const x = p % width;
      const y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          const q = ny * width + nx;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height || seen[q] || dist[q] <= threshold) continue;
          seen[q] = 1;
          stack.push(q);
        }
    }
  }
  return { drawn, count };
}

const cells = async (el: CellucidViewer) => pngPixels(await el.toBlob({ legend: false }));

describe('<cellucid-viewer> point size for the dataset, fog', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('48 cells in 1-D: separate points along the line', async () => {
    ({ el } = await mountViewer(
      { 'dataset-url': `${DEMO}synthetic-trajectory-1d/`, ui: 'none' },
      { width: 800, height: 500 },
    ));
    const { drawn, count } = blobs(await cells(el));
    expect(count, 'separate blobs (of 48 cells)').to.be.at.least(36);
    expect(drawn).to.be.greaterThan(0);
  });

  it('72 cells in 2-D: separate points over a small part of the plot; point-size still wins', async () => {
    // No panels (ui="none"): the picture is the canvas alone.
    ({ el } = await mountViewer({ 'dataset-url': TWO_D, ui: 'none' }, { width: 400, height: 300 }));
    const fitted = el.getViewState().pointSize;
    expect(fitted).to.be.within(4, 12);
    const img = await cells(el);
    const { drawn, count } = blobs(img);
    expect(drawn / (img.width * img.height), 'share of the plot drawn').to.be.at.most(0.05);
    expect(count, 'separate blobs (of 72 cells)').to.be.at.least(60);
    // A set size wins over the fitted one: 56 px (the app's default for 72 cells) merges them.
    el.pointSize = 56;
    await el.updateComplete;
    expect(el.getViewState().pointSize).to.equal(56);
    const merged = blobs(await cells(el));
    expect(merged.count).to.be.at.most(6);
    expect(merged.drawn).to.be.greaterThan(4 * drawn);
    el.pointSize = null;
    await el.updateComplete;
    expect(el.getViewState().pointSize).to.equal(fitted);
    // A wider viewer draws larger points; each of a grid's tiles, smaller ones.
    el.style.width = '800px';
    await until(() => el.getViewState().pointSize > fitted, 'the point size follows the width');
    const wide = el.getViewState().pointSize;
    expect(wide).to.be.closeTo(fitted * Math.SQRT2, 0.01);
    el.addSnapshot();
    el.setLayout('grid');
    await el.updateComplete;
    expect(el.getViewState().pointSize).to.be.closeTo(wide / Math.SQRT2, 0.01);
  });

  for (const theme of ['light', 'dark'])
    it(`3-D, ${theme} theme: each lineage, alone or behind the other, stands out from the background`, async () => {
      ({ el } = await mountViewer({ 'dataset-url': THREE_D, ui: 'none', theme }, { width: 400, height: 300 }));
      await el.setActiveField('obs:lineage');
      const contrast: Record<string, number> = {};
      const shown: Record<string, number> = {};
      for (const [lineage, other] of [
        ['lineage-left', 'lineage-right'],
        ['lineage-right', 'lineage-left'],
      ]) {
        await el.setCategoryVisible('obs:lineage', other, false);
        await el.setCategoryVisible('obs:lineage', lineage, true);
        const dist = distances(await cells(el));
        const drawn = dist.filter((d) => d > 24);
        shown[lineage] = drawn.length;
        // Most of the lineage's pixels, not just its nearest cells: the median distance from the background.
        contrast[lineage] = [...drawn].sort((a, b) => a - b)[drawn.length >> 1];
      }
      for (const lineage of Object.keys(contrast)) {
        expect(shown[lineage], `${lineage} is drawn`).to.be.greaterThan(300);
        expect(contrast[lineage], `${lineage}: median difference from the background`).to.be.at.least(80);
      }
      // Both shown: the near lineage's cells leave the far one in sight (the app's 49 px spheres hid a fifth).
      await el.setCategoryVisible('obs:lineage', 'lineage-left', true);
      const both = blobs(await cells(el)).drawn;
      const left = shown['lineage-left'];
      const right = shown['lineage-right'];
      expect(both, 'the far lineage is mostly in sight').to.be.at.least(0.9 * (left + right));
    });
});
