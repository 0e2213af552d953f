// Grid layout: each snapshot pane has a compact, read-only legend of its own field in its corner,
// the live pane keeps the full legend panel inside its own tile, and no panel covers more than a
// small part of any pane (asked of the shadow root's elementFromPoint). Single layout is unchanged.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, expectRoundTrip, mountViewer, pngPixels } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The share of a box's points (a 24 × 24 grid) that some element other than the canvas is over (in the window). */
function coveredShare(el: CellucidViewer, box: Box): number {
  let covered = 0;
  const n = 24;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = box.left + ((i + 0.5) / n) * (box.right - box.left);
      const y = box.top + ((j + 0.5) / n) * (box.bottom - box.top);
      if (el.shadowRoot!.elementFromPoint(x, y)?.tagName !== 'CANVAS') covered++;
    }
  return covered / (n * n);
}

/** The grid's tiles in page pixels, row by row (cols = n ≤ 3 ? n : 2, as core/state/views.ts lays them). */
function tiles(el: CellucidViewer, n: number): Box[] {
  const r = el.getBoundingClientRect();
  const cols = n <= 3 ? n : Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const w = r.width / cols;
  const h = r.height / rows;
  return Array.from({ length: n }, (_, i) => {
    const left = r.left + (i % cols) * w;
    const top = r.top + Math.floor(i / cols) * h;
    return { left, top, right: left + w, bottom: top + h };
  });
}

/** The middle half of a box, each way. */
const centre = (b: Box): Box => {
  const w = b.right - b.left;
  const h = b.bottom - b.top;
  return { left: b.left + w / 4, right: b.right - w / 4, top: b.top + h / 4, bottom: b.bottom - h / 4 };
};

function expectInside(inner: DOMRect, outer: Box, what: string) {
  expect(inner.width, `${what} is shown`).to.be.greaterThan(0);
  expect(inner.left, `${what}: left`).to.be.at.least(outer.left - 0.5);
  expect(inner.right, `${what}: right`).to.be.at.most(outer.right + 0.5);
  expect(inner.top, `${what}: top`).to.be.at.least(outer.top - 0.5);
  expect(inner.bottom, `${what}: bottom`).to.be.at.most(outer.bottom + 0.5);
}

const paneLegends = (el: CellucidViewer) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="pane-legend"]')];
const text = (e: Element | null) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Two snapshots coloured by different fields (the first with type-b hidden), the live view by batch. */
async function twoSnapshots(el: CellucidViewer) {
  await el.setActiveField('obs:cell_type');
  await el.setCategoryVisible('obs:cell_type', 'type-b', false);
  el.addSnapshot({ label: 'types' });
  await el.clearFilters();
  await el.setActiveField('obs:quality_score');
  el.addSnapshot({ label: 'quality' });
  await el.setActiveField('obs:batch');
}

describe('<cellucid-viewer> pane legends in a grid', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('each pane names its own field and categories; panels stay in their pane, the centres show cells', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D, controls: '' }, { width: 780, height: 480 }));
    await twoSnapshots(el);
    await el.updateComplete;
    expect(paneLegends(el), 'no pane legend in the single layout').to.have.length(0);
    el.setLayout('grid');
    await el.updateComplete;
    const [live, types, quality] = tiles(el, 3);
    const [first, second] = paneLegends(el);
    // The snapshot of cell_type lists only the categories drawn in it; the other shows its colour bar.
    expect(text(first.querySelector('b'))).to.equal('cell_type');
    expect([...first.querySelectorAll('.pane-legend-row')].map(text)).to.deep.equal(['type-a', 'type-c']);
    expect(first.title).to.equal('cell_type: type-a, type-c');
    expect(text(second.querySelector('b'))).to.equal('quality_score');
    expect(second.querySelector('.colorbar')).to.not.equal(null);
    expect([...second.querySelectorAll('.colorbar-labels span')].map(text)).to.deep.equal(['0.72', '0.88']);
    // Read-only: nothing to press or type in.
    expect(first.querySelector('input, button, select')).to.equal(null);
    expectInside(first.getBoundingClientRect(), types, 'the cell_type pane legend');
    expectInside(second.getBoundingClientRect(), quality, 'the quality_score pane legend');
    // The live pane keeps its full legend panel, inside its own tile, as are the toolbar and highlights.
    const legend = el.shadowRoot!.querySelector('[part="legend"]')!;
    expect(text(legend.querySelector('.legend-title-text'))).to.equal('batch');
    expect(legend.querySelector('[part="colormap-select"], .category-toggle')).to.not.equal(null);
    for (const part of ['legend', 'toolbar', 'highlights']) {
      const panel = el.shadowRoot!.querySelector(`[part="${part}"]`);
      if (panel) expectInside(panel.getBoundingClientRect(), live, `the ${part} panel`);
    }
    for (const [i, tile] of [live, types, quality].entries()) {
      expect(coveredShare(el, centre(tile)), `pane ${i}: its centre shows the cells`).to.be.at.most(0.05);
      if (i > 0) expect(coveredShare(el, tile), `pane ${i}: its legend is small`).to.be.at.most(0.15);
    }
    // Single layout again: no pane legend, the panels use the whole viewer (the legend at its right edge).
    el.setLayout('single');
    await el.updateComplete;
    expect(paneLegends(el)).to.have.length(0);
    const box = el.getBoundingClientRect();
    expect(legend.getBoundingClientRect().right).to.be.closeTo(box.right - 8, 1);
    expect(el.shadowRoot!.querySelector<HTMLElement>('.live-pane')!.getAttribute('style')).to.equal('');
  });

  it("the PNG of a grid draws each snapshot pane's legend in its corner, and none with { legend: false }", async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 780, height: 480 }));
    await twoSnapshots(el);
    el.setLayout('grid');
    await el.updateComplete;
    const withKeys = await pngPixels(await el.toBlob());
    const cellsOnly = await pngPixels(await el.toBlob({ legend: false }));
    const scale = cellsOnly.width / el.getBoundingClientRect().width;
    /** Pixels that differ between the two pictures inside a box of CSS px relative to the element. */
    const differing = (x0: number, y0: number, x1: number, y1: number) => {
      let n = 0;
      for (let y = Math.round(y0 * scale); y < Math.round(y1 * scale); y++)
        for (let x = Math.round(x0 * scale); x < Math.round(x1 * scale); x++) {
          const a = (y * withKeys.width + x) * 4;
          const b = (y * cellsOnly.width + x) * 4;
          if (
            Math.abs(withKeys.data[a] - cellsOnly.data[b]) + Math.abs(withKeys.data[a + 1] - cellsOnly.data[b + 1]) >
            24
          )
            n++;
        }
      return n;
    };
    // Three tiles of 260 px: each snapshot's legend is in its top-right corner (up to 104 px wide).
    const corners = [520, 780].map((right) => differing(right - 120, 0, right, 80));
    corners.forEach((n, i) => expect(n, `snapshot pane ${i + 1}: its legend`).to.be.above(50));
    expect(differing(0, 0, 780, 480) - corners[0] - corners[1], 'nothing else differs').to.equal(0);
  });

  it('a small grid caps the list with "+N more" (names in a tooltip); a restored grid has its legends', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 480, height: 320 }));
    await twoSnapshots(el);
    el.addSnapshot({ label: 'batches' });
    el.setLayout('grid');
    await el.updateComplete;
    const panes = tiles(el, 4);
    const legends = paneLegends(el);
    expect(legends.map((l) => text(l.querySelector('b')))).to.deep.equal(['cell_type', 'quality_score', 'batch']);
    const batch = legends[2];
    // A 240 × 160 pane has room for one row and the count of the others.
    expect(batch.querySelectorAll('.pane-legend-row')).to.have.length(1);
    expect(text(batch.lastElementChild)).to.equal('+2 more');
    expect(batch.title).to.equal('batch: batch-1, batch-2, batch-3');
    legends.forEach((l, i) => expectInside(l.getBoundingClientRect(), panes[i + 1], `pane legend ${i + 1}`));
    for (const [i, tile] of panes.entries())
      expect(coveredShare(el, centre(tile)), `pane ${i}: its centre shows the cells`).to.be.at.most(0.1);
    // A session brings the snapshots back coloured from their fields: their legends come with them.
    await expectRoundTrip(el, async (b) => {
      await b.updateComplete;
      expect(paneLegends(b).map((l) => l.title)).to.deep.equal(legends.map((l) => l.title));
    });
  });
});
