import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import type { ErrorEventDetail } from '../../src/element/events.js';
import { DATASETS, DEMO, expectRejection, mountViewer, waitForEvent } from './helpers.js';

describe('<cellucid-viewer> loading', () => {
  const mounted: CellucidViewer[] = [];
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
  });

  const cases: Array<[string, string, Record<string, unknown>]> = [
    [
      '3-D',
      `${DEMO}synthetic-development-3d/`,
      { datasetId: 'synthetic-development-3d', cellCount: 96, varCount: 10, dimensions: [3] },
    ],
    [
      '2-D',
      `${DEMO}synthetic-cell-types-2d/`,
      { datasetId: 'synthetic-cell-types-2d', cellCount: 72, varCount: 8, dimensions: [2] },
    ],
    [
      '1-D',
      `${DEMO}synthetic-trajectory-1d/`,
      { datasetId: 'synthetic-trajectory-1d', cellCount: 48, varCount: 6, dimensions: [1] },
    ],
    [
      'key-based 2-D',
      `${DATASETS}synthetic-cell-types-2d-keybased/`,
      { datasetId: 'synthetic-cell-types-2d-keybased', cellCount: 72, varCount: 8, dimensions: [2] },
    ],
  ];
  for (const [label, url, expected] of cases) {
    it(`loads the ${label} folder and fires cellucid-load`, async () => {
      const { el, load } = await mountViewer({ 'dataset-url': url });
      mounted.push(el);
      expect(load).to.deep.equal(expected);
      const state = el.getViewState();
      expect(state.visibleCount).to.equal(expected.cellCount);
      expect(state.activeField).to.not.equal(null);
      expect(state.dimension).to.equal((expected.dimensions as number[])[0]);
      expect(state.camera.navigationMode).to.equal(state.dimension === 3 ? 'orbit' : 'planar');
    });
  }

  it('opens a catalog entry chosen with the dataset attribute, and the default without it', async () => {
    const chosen = await mountViewer({ 'dataset-url': DEMO, dataset: 'synthetic-trajectory-1d' });
    mounted.push(chosen.el);
    expect(chosen.load.datasetId).to.equal('synthetic-trajectory-1d');
    const dflt = await mountViewer({ 'dataset-url': DEMO });
    mounted.push(dflt.el);
    expect(dflt.load.datasetId).to.equal('synthetic-cell-types-2d');
  });

  it('reports a missing folder with a readable message inside the element and a cellucid-error event', async () => {
    const el = document.createElement('cellucid-viewer') as CellucidViewer;
    mounted.push(el);
    el.setAttribute('dataset-url', `${DATASETS}no-such-folder/`);
    const error = waitForEvent<ErrorEventDetail>(el, 'cellucid-error');
    document.body.appendChild(el);
    const { detail } = await error;
    expect(detail.kind).to.equal('dataset');
    expect(detail.message).to.match(/dataset_identity\.json|datasets\.json/);
    await el.updateComplete;
    const shown = el.shadowRoot!.querySelector('[part="error"]');
    expect(shown?.textContent).to.contain(detail.message);
  });

  it('has an accessible name from the dataset and takes focus', async () => {
    const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` });
    mounted.push(el);
    expect(el.getAttribute('aria-label')).to.be.a('string').and.not.equal('');
    el.focus();
    expect(document.activeElement).to.equal(el);
    el.setAttribute('alt', 'My cells');
    await el.updateComplete;
    expect(el.getAttribute('aria-label')).to.equal('My cells');
  });

  it('shows a legend with category counts and announces the coloured field', async () => {
    const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` });
    mounted.push(el);
    await el.setActiveField('obs:quality_score');
    await el.setActiveField('obs:cell_type');
    await el.updateComplete;
    const rows = [...el.shadowRoot!.querySelectorAll('.legend-row')].map((r) =>
      r.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).to.deep.equal(['type-a 24 / 24', 'type-b 24 / 24', 'type-c 24 / 24']);
    const live = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(live.textContent).to.contain('cell_type');
  });

  it('colours by a gene, loaded only when chosen, with a colorbar from min to max', async () => {
    const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` });
    mounted.push(el);
    await el.setActiveField('var:SYN_MARKER_A');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="colorbar"]')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('.legend-max')!.textContent).to.equal('8.479');
    expect(el.getViewState().activeField).to.deep.equal('var:SYN_MARKER_A');
  });

  it('rejects an unknown field and changes nothing', async () => {
    const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` });
    mounted.push(el);
    const before = el.getViewState();
    await expectRejection(el.setActiveField('obs:nope'), /no cell field named "nope"/);
    await expectRejection(el.setActiveField('var:NOPE'), /no gene named "NOPE"/);
    // @ts-expect-error -- a bare key is not a field reference
    await expectRejection(el.setActiveField('cell_type'), /expected a field such as "obs:cell_type"/);
    expect(el.getViewState()).to.deep.equal(before);
  });
});
