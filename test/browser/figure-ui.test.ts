// How much interface a viewer shows (`ui`), and the field it opens coloured by (`color-by`): what a
// docs author sets in HTML and a reader sees.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, mountViewer, until, waitForEvent } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;
const q = (el: CellucidViewer, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const all = (el: CellucidViewer, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

describe('<cellucid-viewer> ui and color-by', () => {
  const mounted: CellucidViewer[] = [];
  const mount = async (attrs: Record<string, string>) => {
    const { el } = await mountViewer({ 'dataset-url': TWO_D, ...attrs });
    mounted.push(el);
    await el.updateComplete;
    return el;
  };
  afterEach(() => mounted.splice(0).forEach((el) => el.remove()));

  it('ui="none" shows the plot alone, with nothing to tab to inside', async () => {
    const el = await mount({ ui: 'none' });
    el.createHighlight([0, 1, 2]);
    await el.updateComplete;
    expect(q(el, 'canvas')).to.not.equal(null);
    for (const part of ['toolbar', 'legend', 'highlights', 'views'])
      expect(q(el, `[part="${part}"]`), part).to.equal(null);
    expect(all(el, 'button, input, select, [tabindex]')).to.deep.equal([]);
    // The picture is drawn all the same.
    expect((await el.toBlob()).size).to.be.greaterThan(1000);
  });

  it('ui="figure": a legend that shows and hides categories but edits nothing, Reset view, Full screen', async () => {
    const el = await mount({ ui: 'figure' });
    el.createHighlight([0, 1, 2]);
    await el.updateComplete;
    expect(q(el, '[part="legend"]')).to.not.equal(null);
    expect(q(el, '[part="highlights"]'), 'no highlights panel').to.equal(null);
    expect(q(el, '[part="field-select"]'), 'no Color by menu').to.equal(null);
    expect(q(el, '[part="reset-button"]')).to.not.equal(null);
    expect(q(el, '[part="fullscreen-button"]')!.textContent!.trim()).to.equal('Full screen');
    // No editing: colours, names, highlights, the field's buttons.
    for (const edit of [
      'input[type="color"]',
      '.rename-field',
      '.hide-field',
      '.duplicate-field',
      '.highlight-category',
    ])
      expect(all(el, edit), edit).to.deep.equal([]);
    // Each category keeps its colour and a full name on hover.
    const label = q(el, '.legend-row .legend-label')!;
    expect(label.title).to.equal(label.textContent!.trim());
    expect(getComputedStyle(q(el, '.legend-row .swatch')!).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    // Showing and hiding a category works as in the full interface.
    const before = el.getViewState().visibleCount;
    const toggle = q(el, '.legend-row .category-toggle') as HTMLInputElement;
    toggle.checked = false;
    toggle.dispatchEvent(new Event('change'));
    await until(() => el.getViewState().visibleCount < before, 'a category hidden');
    // Back to the full interface.
    el.ui = 'full';
    await el.updateComplete;
    expect(q(el, '[part="field-select"]')).to.not.equal(null);
    expect(q(el, '[part="highlights"]')).to.not.equal(null);
    expect(all(el, '.legend-row input[type="color"]').length).to.be.greaterThan(0);
  });

  it('color-by opens the dataset coloured by a field, and resetState returns to it', async () => {
    const el = await mount({ 'color-by': 'obs:batch' });
    expect(el.getViewState().activeField).to.equal('obs:batch');
    await el.setActiveField('var:SYN_MARKER_A');
    await el.resetState();
    expect(el.getViewState().activeField).to.equal('obs:batch');
    // A new color-by colours the open dataset by it.
    el.setAttribute('color-by', 'var:SYN_MARKER_A');
    await until(() => el.getViewState().activeField === 'var:SYN_MARKER_A', 'coloured by the gene');
  });

  it('a color-by the dataset has not opens coloured by its first field, and says so', async () => {
    const el = document.createElement('cellucid-viewer') as CellucidViewer;
    mounted.push(el);
    for (const [k, v] of Object.entries({ autosave: 'off', 'dataset-url': TWO_D, 'color-by': 'obs:no_such_field' }))
      el.setAttribute(k, v);
    const error = waitForEvent<{ kind: string; message: string }>(el, 'cellucid-error');
    const loaded = waitForEvent(el, 'cellucid-load');
    document.body.append(el);
    expect((await error).detail).to.deep.equal({
      kind: 'field',
      message: 'color-by: this dataset has no field "obs:no_such_field"; coloured by cell_type instead.',
    });
    await loaded;
    expect(el.getViewState().activeField).to.equal('obs:cell_type');
    await el.updateComplete;
    expect(q(el, '[part="error"]')!.textContent).to.contain('no field "obs:no_such_field"');
  });
});
