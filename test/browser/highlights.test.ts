import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import {
  DEMO,
  SESSIONS,
  mountViewer,
  pngPixels,
  waitForEvent,
  differingPixels,
  changeControl,
  expectRoundTrip,
  until,
} from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;

function pointer(el: Element, type: string, x: number, y: number, init: PointerEventInit = {}) {
  el.dispatchEvent(
    new PointerEvent(type, {
      bubbles: true,
      composed: true,
      cancelable: true,
      clientX: x,
      clientY: y,
      pointerId: 7,
      button: 0,
      buttons: 1,
      pointerType: 'mouse',
      ...init,
    }),
  );
}

/** A drag through the given points (element-relative), with modifier keys. */
function drag(el: CellucidViewer, points: Array<[number, number]>, init: PointerEventInit = {}) {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const r = el.getBoundingClientRect();
  const [first, ...rest] = points;
  pointer(canvas, 'pointerdown', r.left + first[0], r.top + first[1], init);
  for (const [x, y] of rest) pointer(canvas, 'pointermove', r.left + x, r.top + y, init);
  const last = points[points.length - 1];
  pointer(canvas, 'pointerup', r.left + last[0], r.top + last[1], init);
}

/** Pixels of the outline colour (black on the light theme's background) in a PNG of the cells alone. */
async function ringPixels(el: CellucidViewer): Promise<number> {
  const { data } = await pngPixels(await el.toBlob({ legend: false }));
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] === 0) n++;
  return n;
}

const groupCounts = (el: CellucidViewer) =>
  Object.fromEntries(el.getViewState().highlights.pages.flatMap((p) => p.groups.map((g) => [g.id, g.cellCount])));

describe('<cellucid-viewer> highlights', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('the rings show the latest of quick changes, even while an earlier listing is still running', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    const a = el.createHighlight([3, 5, 40]);
    const aAlone = await ringPixels(el);
    expect(aAlone).to.be.above(10);
    const b = el.createHighlight([10, 11, 12, 13, 50, 60]);
    const c = el.createHighlight([20, 21, 22]);
    await new Promise((r) => setTimeout(r, 0)); // a listing of a, b and c starts
    el.setHighlightEnabled(b, false);
    el.setHighlightEnabled(c, false);
    expect(await ringPixels(el)).to.equal(aAlone);
    el.setHighlightEnabled(a, false);
    expect(await ringPixels(el)).to.equal(0);
  });

  it(
    'createHighlight makes a group drawn with rings; enable, rename, delete; bad arguments change ' + 'nothing',
    async () => {
      ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
      expect(await ringPixels(el)).to.equal(0);
      const changed = waitForEvent<{ highlights: unknown }>(el, 'cellucid-state-change');
      const id = el.createHighlight([5, 3, 3, 40, 71], { label: 'Picked' });
      expect((await changed).detail.highlights).to.deep.equal(el.getViewState().highlights);
      expect(el.getViewState().highlights).to.deep.equal({
        activePageId: 'page_1',
        pages: [
          {
            id: 'page_1',
            name: 'Page 1',
            color: '#2563eb',
            groups: [{ id, type: 'annotation', label: 'Picked', enabled: true, cellCount: 4 }],
          },
        ],
      });
      expect([...el.getHighlightCells(id)]).to.deep.equal([3, 5, 40, 71]);
      expect(await ringPixels(el)).to.be.above(20);
      el.setHighlightEnabled(id, false);
      expect(await ringPixels(el)).to.equal(0);
      el.setHighlightEnabled(id, true);
      el.renameHighlight(id, '  Tumour <b>edge</b> ');
      expect(el.getViewState().highlights.pages[0].groups[0].label).to.equal('Tumour <b>edge</b>');
      await el.updateComplete;
      const label = el.shadowRoot!.querySelector('.highlight-label') as HTMLInputElement;
      expect(label.value).to.equal('Tumour <b>edge</b>');
      expect(el.shadowRoot!.querySelector('[part="highlights"] b')).to.equal(null);
      const before = el.getViewState();
      expect(() => el.createHighlight([0, 72])).to.throw(/cell index 72 is not in 0…71/);
      expect(() => el.createHighlight([1.5])).to.throw(/cell index 1.5/);
      expect(() => el.createHighlight([])).to.throw(/at least one cell/);
      expect(() => el.createHighlight([1], { pageId: 'page_9' })).to.throw(/no highlight page "page_9"/);
      expect(() => el.getHighlightCells('highlight_99')).to.throw(/no highlight group/);
      expect(() => el.renameHighlight(id, '   ')).to.throw(/visible character/);
      expect(el.getViewState()).to.deep.equal(before);
      el.deleteHighlight(id);
      expect(el.getViewState().highlights.pages[0].groups).to.deep.equal([]);
      expect(await ringPixels(el)).to.equal(0);
    },
  );

  it('rings follow visibility: cells hidden by a filter lose their ring', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.setActiveField('obs:cell_type');
    await el.highlightCategory('obs:cell_type', 'type-b');
    expect(groupCounts(el)).to.deep.equal({ highlight_1: 24 });
    expect(el.getViewState().highlights.pages[0].groups[0]).to.include({
      type: 'category',
      label: 'cell_type: type-b',
    });
    expect(await ringPixels(el)).to.be.above(20);
    await el.setCategoryVisible('obs:cell_type', 'type-b', false);
    expect(await ringPixels(el)).to.equal(0);
  });

  it('Alt-drag lasso selects visible cells; Shift adds, Ctrl subtracts; Escape cancels; X clears', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    const before = el.getCamera();
    const whole: Array<[number, number]> = [
      [2, 2],
      [398, 2],
      [398, 298],
      [2, 298],
      [2, 3],
    ];
    drag(el, whole, { altKey: true });
    expect(groupCounts(el)).to.deep.equal({ highlight_1: 72 });
    expect(el.getViewState().highlights.pages[0].groups[0]).to.include({ type: 'lasso' });
    expect(el.getCamera()).to.deep.equal(before);
    // Subtract the left half, then add it back.
    const left: Array<[number, number]> = [
      [1, 1],
      [200, 1],
      [200, 299],
      [1, 299],
      [1, 2],
    ];
    drag(el, left, { altKey: true, ctrlKey: true });
    const right = groupCounts(el).highlight_1;
    expect(right).to.be.within(1, 71);
    drag(el, left, { altKey: true, shiftKey: true });
    expect(groupCounts(el)).to.deep.equal({ highlight_1: 72 });
    // Hidden cells are never selected; a plain Alt-drag starts a new group.
    await el.setCategoryVisible('obs:cell_type', 'type-a', false);
    drag(el, whole, { altKey: true });
    expect(groupCounts(el)).to.deep.equal({ highlight_1: 72, highlight_2: 48 });
    // Escape in the middle of a drag selects nothing.
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const r = el.getBoundingClientRect();
    pointer(canvas, 'pointerdown', r.left + 10, r.top + 10, { altKey: true });
    pointer(canvas, 'pointermove', r.left + 300, r.top + 200, { altKey: true });
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    pointer(canvas, 'pointerup', r.left + 300, r.top + 200, { altKey: true });
    expect(Object.keys(groupCounts(el))).to.have.length(2);
    el.focus();
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true, composed: true, cancelable: true }));
    expect(groupCounts(el)).to.deep.equal({});
  });

  it('the box tool selects with a plain drag (touch has no Alt key), drawing the box while dragging', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.updateComplete;
    changeControl<HTMLSelectElement>(el, '[part="selection-tool"]', 'box');
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const r = el.getBoundingClientRect();
    const before = el.getCamera();
    pointer(canvas, 'pointerdown', r.left + 2, r.top + 2, { pointerType: 'touch' });
    pointer(canvas, 'pointermove', r.left + 398, r.top + 298, { pointerType: 'touch' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="selection"] polygon')).to.not.equal(null);
    pointer(canvas, 'pointerup', r.left + 398, r.top + 298, { pointerType: 'touch' });
    expect(groupCounts(el)).to.deep.equal({ highlight_1: 72 });
    expect(el.getCamera()).to.deep.equal(before);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="selection"]')).to.equal(null);
  });

  it('the legend makes groups from a category and from a value range; the panel toggles and deletes them', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.setActiveField('obs:cell_type');
    await el.updateComplete;
    (el.shadowRoot!.querySelector('.legend-row[data-category="2"] .highlight-category') as HTMLButtonElement).click();
    await until(() => 'highlight_1' in groupCounts(el), 'the category is highlighted');
    expect(groupCounts(el)).to.deep.equal({ highlight_1: 24 });
    await el.setActiveField('obs:quality_score');
    await el.updateComplete;
    const form = el.shadowRoot!.querySelector('[part="range-filter"]') as HTMLFormElement;
    const state = el.getViewState();
    expect(state.filters).to.deep.equal({});
    (form.querySelector('.highlight-range') as HTMLButtonElement).click();
    await until(() => 'highlight_2' in groupCounts(el), 'the range is highlighted');
    expect(groupCounts(el).highlight_2).to.be.within(60, 72);
    await el.updateComplete;
    const toggle = el.shadowRoot!.querySelector(
      '.highlight-group[data-group="highlight_1"] .highlight-toggle',
    ) as HTMLInputElement;
    toggle.click();
    expect(el.getViewState().highlights.pages[0].groups[0].enabled).to.equal(false);
    (el.shadowRoot!.querySelector('.highlight-group[data-group="highlight_1"] button') as HTMLButtonElement).click();
    expect(Object.keys(groupCounts(el))).to.deep.equal(['highlight_2']);
  });

  it('pages: a new page becomes active and holds new groups; only the active page has rings', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    el.createHighlight([1, 2, 3]);
    const page2 = el.addHighlightPage('Second');
    expect(await ringPixels(el)).to.equal(0);
    el.createHighlight([10, 11]);
    const hl = el.getViewState().highlights;
    expect(hl.activePageId).to.equal(page2);
    expect(hl.pages.map((p) => [p.id, p.name, p.color, p.groups.length])).to.deep.equal([
      ['page_1', 'Page 1', '#2563eb', 1],
      ['page_2', 'Second', '#dc2626', 1],
    ]);
    el.setActiveHighlightPage('page_1');
    expect(await ringPixels(el)).to.be.above(0);
  });

  it('save → load restores highlights exactly, rings included', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 }));
    const a = el;
    a.createHighlight([0, 1, 2, 30], { label: 'Mine' });
    const off = a.createHighlight([50, 51]);
    a.setHighlightEnabled(off, false);
    a.addHighlightPage('Other');
    a.createHighlight([60]);
    a.setActiveHighlightPage('page_1');
    const phases: Array<{ phase: string; groups: number }> = [];
    await expectRoundTrip(
      a,
      async (b) => {
        expect(phases).to.deep.equal([
          { phase: 'eager', groups: 0 },
          { phase: 'complete', groups: 3 },
        ]);
        expect([...b.getHighlightCells('highlight_1')]).to.deep.equal([0, 1, 2, 30]);
        expect(await differingPixels(a, b)).to.equal(0);
      },
      (b) =>
        b.addEventListener('cellucid-restore', (e) =>
          phases.push({ phase: (e as CustomEvent).detail.phase, groups: Object.keys(groupCounts(b)).length }),
        ),
    );
  });

  const fixtures: Array<[string, Record<string, number>]> = [
    ['strict-full', { highlight_1: 24, highlight_2: 24 }],
    ['legacy-full', { highlight_1: 24, highlight_2: 24 }],
    ['unknown-contributor', { highlight_1: 24, highlight_2: 24 }],
    ['proto-pollution', { highlight_1: 24, highlight_2: 24 }],
    ['corrupt-lazy-chunk', { highlight_1: 24 }],
    ['indices-out-of-range', { highlight_1: 24 }],
    ['zip-bomb', { highlight_2: 24 }],
  ];
  for (const [name, expected] of fixtures) {
    it(`the ${name} fixture restores the highlight groups its expectations list`, async () => {
      ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
      const report = await el.loadState(`${SESSIONS}${name}.cellucid-session`);
      expect(report.datasetMatches).to.equal(true);
      expect(groupCounts(el)).to.deep.equal(expected);
      if (name === 'strict-full') expect(el.getViewState().highlights.activePageId).to.equal('page_1');
    });
  }

  it('a session from another dataset leaves the highlights as they were', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    el.createHighlight([4, 5]);
    const before = el.getViewState().highlights;
    const report = await el.loadState(`${SESSIONS}mismatch-other-dataset.cellucid-session`);
    expect(report.datasetMatches).to.equal(false);
    expect(el.getViewState().highlights).to.deep.equal(before);
  });
});
