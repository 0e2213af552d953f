// Fields, categories, genes, highlight groups, pages and user fields named as Object.prototype's
// own properties ("__proto__", "constructor", "prototype", "toString"): they save and load like any
// other name, and no prototype changes.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, expectRoundTrip, mountViewer } from './helpers.js';

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
/** Every own property of the built-in prototypes, with its value or accessor. */
const prototypeProperties = () =>
  PROTOTYPES.map((p) =>
    Reflect.ownKeys(p).map((k) => {
      const d = Object.getOwnPropertyDescriptor(p, k)!;
      return [k, d.value, d.get, d.set];
    }),
  );

describe('<cellucid-viewer> with names that are prototype properties', () => {
  let el: CellucidViewer;
  let before: ReturnType<typeof prototypeProperties>;
  beforeEach(() => (before = prototypeProperties()));
  afterEach(() => {
    el?.remove();
    const after = prototypeProperties();
    expect(after.map((p) => p.length)).to.deep.equal(before.map((p) => p.length));
    after.forEach((props, i) =>
      props.forEach((entry, j) => entry.forEach((v, k) => expect(v).to.equal(before[i][j][k]))),
    );
    expect(Object.getPrototypeOf({})).to.equal(Object.prototype);
  });

  it('a dataset whose fields, categories and genes are named so keeps its filters through save and load', async () => {
    ({ el } = await mountViewer({ 'dataset-url': '/hostile/proto-names/' }));
    await el.setActiveField('obs:__proto__');
    await el.setCategoryVisible('obs:__proto__', '__proto__', false);
    await el.setCategoryVisible('obs:constructor', 'valueOf', false);
    el.setCategoryColor('obs:__proto__', 'toString', '#ff0000');
    el.setCategoryColor('obs:constructor', 'hasOwnProperty', '#00ff00');
    await el.setRange('obs:toString', { min: 0.75, max: 0.85 });
    await el.setRange('var:__proto__', { min: 2, max: 8 });
    el.renameCategory('obs:__proto__', 'constructor', 'prototype');
    el.renameField('obs:prototype', 'constructor copy');
    const page = el.addHighlightPage('__proto__');
    el.createHighlight([0, 1, 2], { label: 'constructor', pageId: page });
    el.createHighlight([3, 4], { label: 'toString', pageId: page });
    el.addSnapshot();
    const state = el.getViewState();
    expect(state.filters['obs:__proto__']).to.deep.equal({ kind: 'category', hidden: ['__proto__'], enabled: true });
    expect(Object.keys(state.filters).sort()).to.deep.equal([
      'obs:__proto__',
      'obs:constructor',
      'obs:toString',
      'var:__proto__',
    ]);
    expect(Object.getOwnPropertyDescriptor(state.categoryColors['obs:__proto__'], 'toString')?.value).to.equal(
      '#ff0000',
    );
    await expectRoundTrip(el, (b) => {
      expect(b.getViewState().filters['obs:__proto__']).to.deep.equal(state.filters['obs:__proto__']);
      expect(b.getViewState().highlights.pages.map((p) => p.name)).to.include('__proto__');
    });
  });

  it('user fields, pages and groups named so on an ordinary dataset save and load', async () => {
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` }));
    const page = el.addHighlightPage('toString');
    el.createHighlight([0, 1, 2, 3], { label: '__proto__', pageId: page });
    el.createHighlight([40, 41], { label: 'constructor', pageId: page });
    const made = el.createFieldFromHighlights({ name: '__proto__', pageId: page });
    expect(made).to.equal('obs:__proto__');
    const copy = await el.duplicateField('obs:quality_score', 'toString');
    await el.setRange(copy, { min: 0.75, max: 0.85 });
    await el.setActiveField('obs:__proto__');
    const [first] = el.getViewState().userFields.find((f) => f.field === 'obs:__proto__')!.categories;
    await el.setCategoryVisible('obs:__proto__', first, false);
    el.setCategoryColor('obs:__proto__', first, '#123456');
    el.renameField('obs:cell_type', 'prototype');
    await expectRoundTrip(el, (b) => {
      const s = b.getViewState();
      expect(s.userFields.map((f) => f.field)).to.deep.equal(['obs:__proto__', 'obs:toString']);
      expect(s.filters['obs:__proto__']).to.deep.equal({ kind: 'category', hidden: [first], enabled: true });
    });
  });
});
