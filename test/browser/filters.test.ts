import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import {
  DEMO,
  SESSIONS,
  mountViewer,
  pngPixels,
  differingPixels,
  changeControl,
  expectRejection,
  until,
} from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;

describe('<cellucid-viewer> filters', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('a legend checkbox hides a category; counts and visibleCount follow', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.updateComplete;
    const toggle = el.shadowRoot!.querySelector('.legend-row[data-category="1"] .category-toggle') as HTMLInputElement;
    toggle.click();
    await until(() => el.getViewState().visibleCount === 48, 'the category is hidden');
    await el.updateComplete;
    const state = el.getViewState();
    expect(state.visibleCount).to.equal(48);
    expect(state.filters).to.deep.equal({ 'obs:cell_type': { kind: 'category', hidden: ['type-b'], enabled: true } });
    const rows = [...el.shadowRoot!.querySelectorAll('.legend-row')].map((r) =>
      r.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).to.deep.equal(['type-a 24 / 24', 'type-b 0 / 24', 'type-c 24 / 24']);
    await el.setFilterEnabled('obs:cell_type', false);
    expect(el.getViewState().visibleCount).to.equal(72);
    expect(el.getViewState().filters['obs:cell_type']).to.deep.equal({
      kind: 'category',
      hidden: ['type-b'],
      enabled: false,
    });
    await el.clearFilters();
    expect(el.getViewState().filters).to.deep.equal({});
  });

  it('the outlier threshold of the coloured categorical field hides the T6 cells', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.setActiveField('obs:cell_type');
    await el.setOutlierThreshold(0.95);
    expect(el.getViewState().visibleCount).to.equal(64);
    await el.setOutlierThreshold(0.5);
    expect(el.getViewState().visibleCount).to.equal(36);
    await el.setOutlierThreshold(null);
    expect(el.getViewState().visibleCount).to.equal(72);
  });

  it('a value range on a continuous field, AND-ed with hidden categories; bad arguments change nothing', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.setRange('obs:quality_score', { min: 0.7596850395202637, max: 0.8396850228309631 });
    const inRange = el.getViewState().visibleCount;
    expect(inRange).to.be.within(1, 71);
    await el.setCategoryVisible('obs:cell_type', 'type-a', false);
    expect(el.getViewState().visibleCount).to.be.below(inRange);
    const before = el.getViewState();
    await expectRejection(el.setCategoryVisible('obs:cell_type', 'type-z', false), /no category "type-z"/);
    await expectRejection(el.setCategoryVisible('var:SYN_MARKER_A', 0, false), /categorical cell field/);
    await expectRejection(el.setRange('obs:cell_type', { min: 0, max: 1 }), /not a continuous field/);
    await expectRejection(el.setRange('obs:quality_score', { min: 2, max: 1 }), /min ≤ max/);
    await expectRejection(el.setOutlierThreshold(3), /0 to 1/);
    expect(el.getViewState()).to.deep.equal(before);
  });

  it('sessions restore their filters: visibleCount as the fixtures say', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.loadState(`${SESSIONS}strict-full.cellucid-session`);
    expect(el.getViewState().visibleCount).to.equal(40);
    await el.loadState(`${SESSIONS}legacy-full.cellucid-session`);
    expect(el.getViewState().visibleCount).to.equal(48);
    expect(el.getViewState().filters['obs:cell_type']).to.deep.equal({
      kind: 'category',
      hidden: ['type-b'],
      enabled: true,
    });
  });

  it('filters survive save → load', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.setCategoryVisible('obs:batch', 0, false);
    await el.setRange('obs:library_size', { min: 950, max: 1200 });
    const saved = el.getViewState();
    const blob = await el.saveState();
    await el.clearFilters();
    await el.loadState(blob);
    expect(el.getViewState()).to.deep.equal(saved);
  });
});

describe('<cellucid-viewer> category colours', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('a category gets a colour of its own from the legend or the API; it is drawn, saved and restored', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 }));
    await el.setActiveField('obs:cell_type');
    await el.updateComplete;
    changeControl<HTMLInputElement>(el, '.legend-row[data-category="0"] input.swatch', '#ff00ff');
    await el.updateComplete;
    expect(el.getViewState().categoryColors).to.deep.equal({ 'obs:cell_type': { 'type-a': '#ff00ff' } });
    const img = await el.toBlob().then(pngPixels);
    let magenta = 0;
    for (let i = 0; i < img.data.length; i += 4)
      if (img.data[i] > 150 && img.data[i + 1] < 80 && img.data[i + 2] > 150) magenta++;
    expect(magenta, 'type-a cells are drawn magenta').to.be.above(50);
    expect(() => el.setCategoryColor('obs:cell_type', 'type-a', 'red')).to.throw(/#rrggbb/);
    expect(() => el.setCategoryColor('obs:cell_type', 'type-z', '#000000')).to.throw(/no category/);
    el.setCategoryColor('obs:cell_type', 'type-b', '#00AA00');
    const blob = await el.saveState();
    const { el: b } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 });
    try {
      const report = await b.loadState(blob);
      expect(report.notShown.join(' ')).to.not.contain('colour');
      expect(b.getViewState()).to.deep.equal(el.getViewState());
      expect(b.getViewState().categoryColors).to.deep.equal({
        'obs:cell_type': { 'type-a': '#ff00ff', 'type-b': '#00aa00' },
      });
      expect(await differingPixels(el, b)).to.equal(0);
    } finally {
      b.remove();
    }
    el.setCategoryColor('obs:cell_type', 'type-a', null);
    el.setCategoryColor('obs:cell_type', 'type-b', null);
    expect(el.getViewState().categoryColors).to.deep.equal({});
  });
});
