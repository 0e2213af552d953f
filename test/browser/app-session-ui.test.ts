// A session built only through the element's interface (clicks, drags, typing) on an export the
// Cellucid exporter wrote, saved, checked against the Cellucid app's rules and read back.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { readSessionDocument } from '../../src/core/session/index.js';
import { DATASETS, DEMO, SESSIONS, appSessionProblemsOf, changeControl, mountViewer, until } from './helpers.js';

const MIXED = `${DATASETS}prepared-mixed-3k/`;

const documentOf = async (blob: Blob) => (await readSessionDocument(new Uint8Array(await blob.arrayBuffer()))).document;

function pointer(canvas: Element, type: string, x: number, y: number) {
  const init = { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, pointerId: 5 };
  canvas.dispatchEvent(new PointerEvent(type, { ...init, button: 0, buttons: 1, pointerType: 'mouse', altKey: true }));
}

/** An Alt-drag lasso through the given points of the element's box. */
function lasso(el: CellucidViewer, points: Array<[number, number]>) {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const r = el.getBoundingClientRect();
  const [first, ...rest] = points;
  pointer(canvas, 'pointerdown', r.left + first[0], r.top + first[1]);
  for (const [x, y] of rest) pointer(canvas, 'pointermove', r.left + x, r.top + y);
  pointer(canvas, 'pointerup', r.left + first[0], r.top + first[1]);
}

const q = <T extends Element = HTMLElement>(el: CellucidViewer, selector: string) => {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in the viewer`);
  return found;
};

/** Chooses a field in the "Color by" menu and waits until the legend shows it. */
async function colorBy(el: CellucidViewer, ref: string) {
  changeControl(el, '[part="field-select"]', ref);
  await until(() => el.getViewState().activeField === ref, `coloured by ${ref}`);
  await el.updateComplete;
}

/** Types a name into the legend's inline editor and presses Enter. */
async function typeName(el: CellucidViewer, name: string) {
  await el.updateComplete;
  const editor = q<HTMLInputElement>(el, '.name-editor');
  editor.value = name;
  editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('<cellucid-viewer> a session made in the interface', () => {
  const mounted: CellucidViewer[] = [];
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
  });

  it('opens in the Cellucid app: everything done by clicks and drags follows its rules and reads back', async () => {
    const { el } = await mountViewer({ 'dataset-url': MIXED }, { width: 480, height: 360 });
    mounted.push(el);
    await el.updateComplete;

    // Categories: renamed in the legend, two hidden, one recoloured; the field renamed.
    await colorBy(el, 'obs:cell type');
    q(el, '.legend-row[data-category="0"] .legend-label').dispatchEvent(new MouseEvent('dblclick'));
    await typeName(el, 'B cells');
    for (const row of [0, 1]) {
      const toggle = q<HTMLInputElement>(el, `.legend-row[data-category="${row}"] .category-toggle`);
      toggle.checked = false;
      toggle.dispatchEvent(new Event('change'));
    }
    const hidden = () => {
      const f = el.getViewState().filters['obs:cell type'];
      return f?.kind === 'category' ? f.hidden : [];
    };
    await until(() => hidden().length === 2, 'two categories hidden');
    expect(hidden()).to.deep.equal(['B cell', 'CD14 Mono']);
    changeControl(el, '.legend-row[data-category="2"] .swatch', '#ff0000');
    q(el, '.rename-field').click();
    await typeName(el, 'Cell type');
    await el.updateComplete;
    q(el, '[part="keep-view"]').click();
    await until(() => el.getViewState().views.snapshots.length === 1, 'a kept view');

    // Two highlight pages, a group on each by lasso, then a field of them from the panel.
    lasso(el, [
      [5, 5],
      [240, 5],
      [240, 355],
      [5, 355],
    ]);
    await until(() => el.getViewState().highlights.pages[0].groups.length === 1, 'a lasso group');
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.highlight-pages button')]
      .find((b) => b.textContent!.trim() === 'New page')!
      .click();
    lasso(el, [
      [240, 180],
      [475, 180],
      [475, 355],
      [240, 355],
    ]);
    await until(() => el.getViewState().highlights.pages[1]?.groups.length === 1, 'a group on the second page');
    await el.updateComplete;
    q(el, '.make-field').click();
    await until(() => el.getViewState().activeField === 'obs:Highlights', 'the field of the pages');
    const pages = el.getViewState().highlights.pages.map((p) => p.name);

    // A value range typed into the legend, a copy of the field, and another field hidden.
    await colorBy(el, 'obs:total_counts');
    const form = q<HTMLFormElement>(el, '[part="range-filter"]');
    (form.elements.namedItem('min') as HTMLInputElement).value = '1000';
    (form.elements.namedItem('max') as HTMLInputElement).value = '5000';
    form.requestSubmit();
    await until(() => 'obs:total_counts' in el.getViewState().filters, 'the range filter');
    q(el, '.duplicate-field').click();
    await until(() => el.getViewState().activeField === 'obs:total_counts copy', 'the copy');
    await colorBy(el, 'obs:pct_counts_mt');
    q(el, '.hide-field').click();
    await until(() => el.getViewState().hiddenFields.includes('obs:pct_counts_mt'), 'the field hidden');

    // A gene from the menu, kept as a second view; grid layout, locked cameras; toolbar settings.
    await colorBy(el, 'var:CD3E');
    q(el, '[part="keep-view"]').click();
    await until(() => el.getViewState().views.snapshots.length === 2, 'a second kept view');
    await el.updateComplete;
    changeControl(el, '[part="layout-select"]', 'grid');
    const lock = q<HTMLInputElement>(el, '[part="lock-cameras"]');
    lock.checked = true;
    lock.dispatchEvent(new Event('change'));
    changeControl(el, '[part="point-size"]', '30');
    changeControl(el, '[part="theme-select"]', 'dark');
    await el.updateComplete;

    const blob = await el.saveState();
    expect(await appSessionProblemsOf(el, blob), 'what the Cellucid app would refuse').to.deep.equal([]);

    // What the app will show: its own names, labels and shapes.
    const doc = await documentOf(blob);
    const cs = doc.coreState!;
    expect(Object.keys(cs.uiControls)).to.have.length(77);
    expect(cs.uiControls['theme-select']).to.deep.equal({ type: 'select', value: 'dark' });
    expect(cs.uiControls['view-layout-mode']).to.deep.equal({ type: 'select', value: 'grid' });
    expect(cs.uiControls['point-size']).to.deep.equal({ type: 'range', value: '30' });
    expect(cs.multiview!.snapshots.map((s) => [s.label, s.meta.filtersText])).to.deep.equal([
      ['Cell type • Cell type: hiding B cells, CD14 Mono', ['Cell type: hiding B cells, CD14 Mono']],
      [
        'CD3E • total_counts: 1000.00 – 5000.00',
        ['total_counts: 1000.00 – 5000.00', 'Cell type: hiding B cells, CD14 Mono'],
      ],
    ]);
    expect(cs.multiview!.camerasLocked).to.equal(true);
    expect(Object.keys(cs.filters).sort()).to.deep.equal(['obs:Cell type', 'obs:total_counts']);
    expect(cs.activeFields).to.deep.equal({ activeFieldKey: 'CD3E', activeFieldSource: 'var' });
    const overlays = doc.fieldOverlays!;
    expect(overlays.renames.fields).to.deep.equal({ 'obs:cell type': 'Cell type' });
    expect(overlays.deletedFields.deleted).to.deep.equal(['obs:pct_counts_mt']);
    const [regions, copy] = overlays.userDefinedFields;
    expect(regions).to.include({ kind: 'category', key: 'Highlights' });
    expect(regions.categories).to.deep.equal(pages);
    expect(copy).to.include({ kind: 'continuous', key: 'total_counts copy' });
    expect(copy.extra.sourceField).to.deep.equal({ kind: 'continuous-obs', sourceKey: 'total_counts' });
    expect(copy.extra.operation).to.deep.equal({ type: 'copy-field', source: 'obs', sourceKey: 'total_counts' });

    // Read back: a fresh viewer shows the same (a kept view's tab label is the viewer's own).
    const { el: b } = await mountViewer({ 'dataset-url': MIXED }, { width: 480, height: 360 });
    mounted.push(b);
    const report = await b.loadState(blob);
    expect(report.failed).to.deep.equal([]);
    const state = (v: CellucidViewer) => {
      const s = v.getViewState();
      return { ...s, views: { ...s.views, snapshots: s.views.snapshots.map((x) => ({ ...x, label: '' })) } };
    };
    expect(state(b)).to.deep.equal(state(el));
  });

  it('an app session saved unchanged keeps what the viewer does not model; a change alone differs', async () => {
    const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` });
    mounted.push(el);
    const written = await (await fetch(`${SESSIONS}app-exact-2d.cellucid-session`)).blob();
    expect((await el.loadState(written)).failed).to.deep.equal([]);
    const [base, again] = [await documentOf(written), await documentOf(await el.saveState())];
    const kept = [
      'cinematicCamera',
      'dockableLayout',
      'analysisWindows',
      'analysisInventory',
      'analysisArtifacts',
    ] as const;
    for (const part of kept) expect(again[part], part).to.deep.equal(base[part]);
    expect(again.coreState!.uiControls).to.deep.equal(base.coreState!.uiControls);
    expect(again.coreState!.filters).to.deep.equal(base.coreState!.filters);
    expect(again.coreState!.activeFields).to.deep.equal(base.coreState!.activeFields);
    // The theme chosen in the toolbar: that control, and only it, changes.
    changeControl(el, '[part="theme-select"]', el.theme === 'dark' ? 'light' : 'dark');
    await el.updateComplete;
    const changed = await documentOf(await el.saveState());
    const controls = again.coreState!.uiControls;
    const differing = Object.keys(controls).filter(
      (id) => JSON.stringify(changed.coreState!.uiControls[id]) !== JSON.stringify(controls[id]),
    );
    expect(differing).to.deep.equal(['theme-select']);
    for (const part of kept) expect(changed[part], part).to.deep.equal(base[part]);
  });
});
