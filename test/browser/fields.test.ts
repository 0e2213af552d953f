import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import {
  DEMO,
  SESSIONS,
  mountViewer,
  differingPixels,
  changeControl,
  pngPixels,
  expectRejection,
  expectRoundTrip,
  until,
  waitForEvent,
} from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;
const legendRows = (el: CellucidViewer) =>
  [...el.shadowRoot!.querySelectorAll('.legend-row')].map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
const menuOptions = (el: CellucidViewer) =>
  [...el.shadowRoot!.querySelectorAll('[part="field-select"] option')].map(
    (o) => `${(o as HTMLOptionElement).value}=${o.textContent!.trim()}`,
  );

describe('<cellucid-viewer> field overlays', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it(
    'a field from highlight pages: a category per page holding its enabled groups, the rest without one; ' +
      'coloured, filtered, listed',
    async () => {
      ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
      const first = el.getViewState().highlights.pages[0];
      const left = el.createHighlight([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { label: 'Left' });
      el.createHighlight([5, 6, 7, 8, 9, 10, 11], { label: 'More' });
      const south = el.addHighlightPage('South');
      el.createHighlight([20, 21, 22, 23, 24, 25], { label: 'S', pageId: south });
      el.setHighlightEnabled(el.createHighlight([30, 31], { pageId: south }), false);
      const field = el.createFieldFromHighlights({ name: 'my regions', pageIds: [first.id, south] });
      expect(field).to.equal('obs:my regions');
      await el.setActiveField(field);
      await el.updateComplete;
      expect(legendRows(el)).to.deep.equal([`${first.name} 12 / 12`, 'South 6 / 6']);
      expect(el.shadowRoot!.querySelector('.legend-missing')!.textContent).to.contain('54 cells without a value');
      expect(el.getViewState().userFields).to.deep.equal([
        { id: 'udf_1', field: 'obs:my regions', kind: 'category', categories: [first.name, 'South'], copyOf: null },
      ]);
      expect(menuOptions(el)).to.include('obs:my regions=my regions');
      await el.setCategoryVisible(field, first.name, false);
      expect(el.getViewState().visibleCount).to.equal(60);
      const picked = await el.highlightCategory(field, 'South');
      expect([...el.getHighlightCells(picked)]).to.deep.equal([20, 21, 22, 23, 24, 25]);
      expect(() => el.createFieldFromHighlights({ name: 'cell_type' })).to.throw(/exists already/);
      expect(() => el.createFieldFromHighlights({ name: 'a:b' })).to.throw(/cannot contain ":"/);
      expect(() => el.createFieldFromHighlights({ name: 'x', pageId: 'page_7' })).to.throw(/no highlight page/);
      expect(() => el.createFieldFromHighlights({ name: 'x', pageIds: [south, south] })).to.throw(/two pages/);
      el.deleteHighlight(left);
      expect(
        el.getViewState().userFields[0].categories,
        'a field is a copy: later highlight edits do not change it',
      ).to.deep.equal([first.name, 'South']);
      await el.deleteUserField(field);
      expect(el.getViewState().userFields).to.deep.equal([]);
      expect(el.getViewState().activeField).to.equal(null);
      expect(el.getViewState().filters).to.deep.equal({});
    },
  );

  it('renames fields and categories in the menu and legend, from the API and from the legend itself', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.setActiveField('obs:cell_type');
    el.renameField('obs:cell_type', 'Cell type');
    el.renameCategory('obs:cell_type', 'type-a', 'Alpha <i>cells</i>');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.legend-title-text')!.textContent).to.equal('Cell type');
    expect(legendRows(el)[0]).to.equal('Alpha <i>cells</i> 24 / 24');
    expect(el.shadowRoot!.querySelector('.legend i')).to.equal(null);
    expect(menuOptions(el)).to.include('obs:cell_type=Cell type');
    expect(el.getViewState().fieldRenames).to.deep.equal({ 'obs:cell_type': 'Cell type' });
    expect(el.getViewState().categoryRenames).to.deep.equal({ 'obs:9:cell_type:s:type-a': 'Alpha <i>cells</i>' });
    // Filters keep the export's names, whatever is displayed.
    await el.setCategoryVisible('obs:cell_type', 'type-a', false);
    expect(el.getViewState().filters['obs:cell_type']).to.deep.equal({
      kind: 'category',
      hidden: ['type-a'],
      enabled: true,
    });
    const before = el.getViewState();
    expect(() => el.renameField('obs:nope', 'x')).to.throw(/no cell field named "nope"/);
    // @ts-expect-error -- a bare key is not a field reference
    expect(() => el.renameField('cell_type', 'x')).to.throw(/expected a field such as "obs:cell_type"/);
    expect(() => el.renameField('obs:cell_type', '  ')).to.throw(/visible character/);
    expect(() => el.renameCategory('obs:cell_type', 'type-z', 'x')).to.throw(/no category/);
    expect(el.getViewState()).to.deep.equal(before);
    // The legend's own editor: the pencil opens it, Enter saves; a double-click on a label, Escape cancels.
    (el.shadowRoot!.querySelector('.rename-field') as HTMLButtonElement).click();
    await el.updateComplete;
    const editor = el.shadowRoot!.querySelector('.name-editor') as HTMLInputElement;
    editor.value = 'Type';
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.getViewState().fieldRenames).to.deep.equal({ 'obs:cell_type': 'Type' });
    el.shadowRoot!.querySelector('.legend-row[data-category="1"] .legend-label')!.dispatchEvent(
      new MouseEvent('dblclick', { bubbles: true, composed: true }),
    );
    await el.updateComplete;
    const rowEditor = el.shadowRoot!.querySelector('.legend-row .name-editor') as HTMLInputElement;
    rowEditor.value = 'Beta';
    rowEditor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(Object.keys(el.getViewState().categoryRenames)).to.have.length(1);
    // Renaming back to the export's own name removes the rename.
    el.renameField('obs:cell_type', null);
    expect(el.getViewState().fieldRenames).to.deep.equal({});
  });

  it('a hidden field leaves the menu and can be chosen back from "Hidden fields"', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.setActiveField('obs:cell_type');
    await el.updateComplete;
    (el.shadowRoot!.querySelector('.hide-field') as HTMLButtonElement).click();
    await until(() => el.getViewState().activeField === null, 'the hidden field is no longer coloured');
    await el.updateComplete;
    expect(el.getViewState().hiddenFields).to.deep.equal(['obs:cell_type']);
    expect(el.getViewState().activeField).to.equal(null);
    expect(menuOptions(el)).to.not.include('obs:cell_type=cell_type');
    expect(menuOptions(el)).to.include('show:obs:cell_type=cell_type');
    changeControl<HTMLSelectElement>(el, '[part="field-select"]', 'show:obs:cell_type');
    await until(() => el.getViewState().activeField !== null, 'the field shown again is coloured');
    expect(el.getViewState().hiddenFields).to.deep.equal([]);
    expect(el.getViewState().activeField).to.equal('obs:cell_type');
    await el.hideField('obs:batch');
    el.showField('obs:batch');
    expect(el.getViewState().hiddenFields).to.deep.equal([]);
  });

  it('save → load restores user fields, renames and hidden fields exactly, and draws the same picture', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 }));
    const a = el;
    const north = a.addHighlightPage('North');
    a.createHighlight([0, 1, 2, 3, 30, 31], { label: 'n', pageId: north });
    const south = a.addHighlightPage('South');
    a.createHighlight([40, 41, 42], { label: 's', pageId: south });
    const field = a.createFieldFromHighlights({ name: 'regions', pageIds: [north, south] });
    await a.setActiveField(field);
    a.renameField('obs:library_size', 'Library size');
    a.renameCategory(field, 'North', 'N');
    await a.hideField('obs:batch');
    await a.setCategoryVisible(field, 'South', false);
    await expectRoundTrip(a, async (b) => {
      await b.updateComplete;
      expect(legendRows(b)).to.deep.equal(legendRows(a));
      expect(await differingPixels(a, b)).to.equal(0);
    });
  });

  it('the fixtures colour by their user-defined field "my_label" with its saved codes', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.loadState(`${SESSIONS}legacy-full.cellucid-session`);
    await el.updateComplete;
    expect(el.getViewState().activeField).to.deep.equal('obs:my_label');
    expect(legendRows(el)).to.deep.equal(['A 16 / 24', 'B 16 / 24', 'C 16 / 24']);
  });
});

describe('<cellucid-viewer> field copies', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());
  const picture = (v: CellucidViewer) => v.toBlob().then(pngPixels);
  const differing = (a: ImageData, b: ImageData) => a.data.reduce((n, x, i) => n + (x === b.data[i] ? 0 : 1), 0);

  it(
    'the legend duplicates a continuous field: the copy is listed, coloured like its source, and ' +
      'filters on its own',
    async () => {
      ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 240, height: 180 }));
      await el.setActiveField('obs:quality_score');
      await el.updateComplete;
      const original = await picture(el);
      (el.shadowRoot!.querySelector('.duplicate-field') as HTMLButtonElement).click();
      await until(() => el.getViewState().activeField === 'obs:quality_score copy', 'the copy is coloured');
      await el.updateComplete;
      expect(el.getViewState().userFields).to.deep.equal([
        {
          id: 'udf_1',
          field: 'obs:quality_score copy',
          kind: 'continuous',
          categories: [],
          copyOf: 'obs:quality_score',
        },
      ]);
      expect(menuOptions(el)).to.include('obs:quality_score copy=quality_score copy');
      expect(el.shadowRoot!.querySelector('.legend-title-text')!.textContent).to.equal('quality_score copy');
      // The exported picture carries the field's name: under its source's name (the export's field
      // renamed away) the copy draws the same one. Two fields may not show one name, as in the app.
      expect(() => el.renameField('obs:quality_score copy', 'quality_score')).to.throw(/exists already/);
      el.renameField('obs:quality_score', 'source');
      el.renameField('obs:quality_score copy', 'quality_score');
      await el.updateComplete;
      expect(differing(await picture(el), original), 'the copy has its source values').to.equal(0);
      el.renameField('obs:quality_score copy', null);
      el.renameField('obs:quality_score', null);
      await el.setRange('obs:quality_score copy', { min: 0.75, max: 0.8 });
      const visible = el.getViewState().visibleCount;
      expect(visible).to.be.below(72);
      expect(Object.keys(el.getViewState().filters)).to.deep.equal(['obs:quality_score copy']);
      const group = await el.highlightRange('obs:quality_score copy', { min: 0.75, max: 0.8 });
      expect(el.getHighlightCells(group).length).to.equal(visible);
      await el.deleteUserField('obs:quality_score copy');
      expect(el.getViewState().filters, 'its filter goes with it').to.deep.equal({});
      expect(el.getViewState().activeField).to.equal(null);
    },
  );

  it('duplicateField copies a categorical field under its display labels, and a gene on the gene side', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    el.renameCategory('obs:cell_type', 'type-a', 'Alpha');
    expect(await el.duplicateField('obs:cell_type', 'types (mine)')).to.equal('obs:types (mine)');
    expect(await el.duplicateField('obs:cell_type')).to.equal('obs:cell_type copy');
    expect(await el.duplicateField('obs:cell_type')).to.equal('obs:cell_type copy 2');
    expect(await el.duplicateField('var:SYN_MARKER_A')).to.equal('var:SYN_MARKER_A copy');
    const fields = el.getViewState().userFields;
    expect(fields.map((f) => [f.field, f.kind, f.categories[0] ?? f.copyOf])).to.deep.equal([
      ['obs:types (mine)', 'category', 'Alpha'],
      ['obs:cell_type copy', 'category', 'Alpha'],
      ['obs:cell_type copy 2', 'category', 'Alpha'],
      ['var:SYN_MARKER_A copy', 'continuous', 'var:SYN_MARKER_A'],
    ]);
    await el.setCategoryVisible('obs:types (mine)', 'Alpha', false);
    expect(el.getViewState().visibleCount).to.equal(48);
    await el.setActiveField('var:SYN_MARKER_A copy');
    await el.updateComplete;
    expect(menuOptions(el).filter((o) => o.startsWith('var:SYN_MARKER_A copy='))).to.have.length(1);
    const before = el.getViewState();
    await expectRejection(el.duplicateField('obs:nope'), /no cell field named "nope"/);
    await expectRejection(el.duplicateField('obs:cell_type', 'batch'), /exists already/);
    await expectRejection(el.duplicateField('obs:cell_type', 'a:b'), /cannot contain ":"/);
    expect(el.getViewState()).to.deep.equal(before);
    await el.deleteUserField('var:SYN_MARKER_A copy');
    expect(el.getViewState().userFields.map((f) => f.field)).to.deep.equal([
      'obs:types (mine)',
      'obs:cell_type copy',
      'obs:cell_type copy 2',
    ]);
  });

  it('save → load restores continuous copies, what refers to them, and the same picture', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 }));
    const a = el;
    const copy = await a.duplicateField('obs:library_size');
    await a.duplicateField('var:SYN_MARKER_A', 'marker');
    a.renameField(copy, 'Library (copy)');
    await a.setActiveField(copy);
    await a.setRange(copy, { min: 1000, max: 1e9 });
    a.setColormap('magma');
    let eager: Promise<CustomEvent<{ phase: string }>> | undefined;
    await expectRoundTrip(
      a,
      async (b) => {
        expect((await eager!).detail.phase).to.equal('eager');
        expect(await differingPixels(a, b)).to.equal(0);
      },
      (b) => (eager = waitForEvent(b, 'cellucid-restore')),
    );
  });
});

describe('<cellucid-viewer> interface errors', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('an action refused in the interface is shown, announced as cellucid-error, and can be dismissed', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    el.createHighlight([1, 2]);
    await el.updateComplete;
    const errors: string[] = [];
    el.addEventListener('cellucid-error', (e) => errors.push((e as CustomEvent).detail.message));
    changeControl<HTMLInputElement>(el, '.highlight-label', '   ');
    await el.updateComplete;
    expect(errors).to.deep.equal(['renameHighlight: a label needs at least one visible character.']);
    const panel = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(panel.textContent).to.contain('visible character');
    (panel.querySelector('button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
    expect(el.getViewState().highlights.pages[0].groups[0].label).to.equal('Group 1');
  });
});
