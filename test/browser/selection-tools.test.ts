import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { projectToScreen } from '../../src/core/camera/camera.js';
import { cellsNear, nearestCell } from '../../src/core/state/picking.js';
import { buildAdjacency, graphNeighborhood } from '../../src/core/state/graph.js';
import { cameraMatrices } from '../../src/core/camera/camera.js';
import { DEMO, mountViewer, changeControl, expectRejection, expectRoundTrip, until } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;

/** A click (press and release without moving) at a point of the element's box, with modifiers. */
function click(el: CellucidViewer, [x, y]: readonly number[], init: PointerEventInit = {}) {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const r = el.getBoundingClientRect();
  for (const type of ['pointerdown', 'pointerup']) {
    canvas.dispatchEvent(
      new PointerEvent(type, {
        bubbles: true,
        composed: true,
        cancelable: true,
        clientX: r.left + x,
        clientY: r.top + y,
        pointerId: 9,
        button: 0,
        buttons: type === 'pointerdown' ? 1 : 0,
        pointerType: 'mouse',
        ...init,
      }),
    );
  }
}

/** Where a cell is drawn, in CSS pixels of the element's box (single view). */
async function screenOf(el: CellucidViewer, cell: number): Promise<[number, number]> {
  const xyz = await el.datasetSource!.loadPositions(el.getViewState().dimension);
  const { width, height } = el.getBoundingClientRect();
  const p = projectToScreen(el.getCamera(), width, height, [xyz[3 * cell], xyz[3 * cell + 1], xyz[3 * cell + 2]])!;
  return [p[0], p[1]];
}

const groups = (el: CellucidViewer) => el.getViewState().highlights.pages.flatMap((p) => p.groups);

describe('<cellucid-viewer> proximity, KNN and Alt+click selection', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('a click with the proximity tool selects the cells the core finds around the picked cell', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.updateComplete;
    const tools = el.shadowRoot!.querySelector('[part="selection-tool"]') as HTMLSelectElement;
    expect([...tools.options].map((o) => o.value)).to.deep.equal(['navigate', 'lasso', 'box', 'proximity', 'knn']);
    expect(el.shadowRoot!.querySelector('[part="selection-amount"]')).to.equal(null);
    changeControl(el, '[part="selection-tool"]', 'proximity');
    await el.updateComplete;
    const radius = changeControl<HTMLInputElement>(el, '[part="selection-amount"]', '0.3');
    expect(radius.getAttribute('aria-label')).to.equal('Radius');
    const at = await screenOf(el, 30);
    const xyz = await el.datasetSource!.loadPositions(2);
    const { width, height } = el.getBoundingClientRect();
    const vp = cameraMatrices(el.getCamera(), width / height).viewProjection;
    const picked = nearestCell(xyz, vp, { width, height }, at, null, 6);
    expect(picked).to.equal(30);
    expect(el.pickCell(at[0], at[1])).to.equal(30);
    expect(el.pickCell(-500, -500)).to.equal(null);
    click(el, at);
    const [g] = groups(el);
    expect(g).to.include({ type: 'proximity', label: 'Selection 1', enabled: true });
    const expected = [...cellsNear(xyz, 30, 0.3, null)];
    expect(expected.length).to.be.above(3);
    expect([...el.getHighlightCells(g.id)]).to.deep.equal(expected);
    // Shift+click adds around another cell to the same group; Ctrl+click takes cells away.
    const other = await screenOf(el, 60);
    click(el, other, { shiftKey: true });
    const union = new Set([...expected, ...cellsNear(xyz, 60, 0.3, null)]);
    expect(groups(el).map((x) => x.cellCount)).to.deep.equal([union.size]);
    click(el, other, { ctrlKey: true });
    expect([...el.getHighlightCells(g.id)]).to.deep.equal(
      expected.filter((i) => !cellsNear(xyz, 60, 0.3, null).includes(i)),
    );
    // A drag with the proximity tool navigates; it selects nothing.
    const before = el.getViewState().highlights;
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const r = el.getBoundingClientRect();
    const ev = (type: string, x: number) =>
      canvas.dispatchEvent(
        new PointerEvent(type, {
          bubbles: true,
          composed: true,
          cancelable: true,
          clientX: r.left + x,
          clientY: r.top + 100,
          pointerId: 3,
          button: 0,
          buttons: 1,
          pointerType: 'mouse',
        }),
      );
    ev('pointerdown', 100);
    ev('pointermove', 140);
    ev('pointerup', 140);
    expect(el.getViewState().highlights).to.deep.equal(before);
    expect(el.getCamera().orbit.target).to.not.deep.equal([0, 0, 0]);
  });

  it('a click with the KNN tool selects the graph neighbourhood up to the degree', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    el.setSelectionTool('knn');
    await el.updateComplete;
    const degree = changeControl<HTMLInputElement>(el, '[part="selection-amount"]', '2');
    expect(degree.getAttribute('aria-label')).to.equal('Degree');
    click(el, await screenOf(el, 18));
    // The first KNN selection loads and indexes the graph: wait for its group.
    await until(() => groups(el).length > 0, 'the KNN group is made');
    const [g] = groups(el);
    expect(g.type).to.equal('knn');
    const edges = (await el.datasetSource!.loadEdges())!;
    const graph = buildAdjacency(72, edges.sources, edges.destinations);
    const expected = [...graphNeighborhood(graph, [18], 2, null)];
    expect(expected.length).to.be.above(5);
    expect([...el.getHighlightCells(g.id)]).to.deep.equal(expected);
    // The API: several seeds, degree 1, on a new page; hidden cells are left out.
    await el.setCategoryVisible('obs:cell_type', 'type-b', false);
    const page = el.addHighlightPage('KNN');
    const id = await el.selectNeighbors([0, 71], 1, { label: 'Two seeds', pageId: page });
    const codes = ((await el.datasetSource!.loadObsField('cell_type')) as { codes: Uint16Array }).codes;
    const visible = Uint8Array.from(codes, (c) => (c === 1 ? 0 : 1));
    expect([...el.getHighlightCells(id!)]).to.deep.equal([...graphNeighborhood(graph, [0, 71], 1, visible)]);
    expect(el.getViewState().highlights.pages[1].groups).to.deep.equal([
      { id, type: 'knn', label: 'Two seeds', enabled: true, cellCount: el.getHighlightCells(id!).length },
    ]);
  });

  it(
    'Alt+click selects the clicked category, or a ±2.5 % value window of a continuous field, with any ' + 'tool',
    async () => {
      ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
      expect(el.getViewState().activeField).to.deep.equal('obs:cell_type');
      const codes = ((await el.datasetSource!.loadObsField('cell_type')) as { codes: Uint16Array }).codes;
      const ofCode = (c: number) => [...codes.keys()].filter((i) => codes[i] === c);
      click(el, await screenOf(el, 0), { altKey: true });
      const [g] = groups(el);
      expect(g).to.include({ type: 'category', label: 'cell_type: type-a', cellCount: 24 });
      expect([...el.getHighlightCells(g.id)]).to.deep.equal(ofCode(codes[0]));
      // Shift+Alt adds another category to that selection: it is a combination now.
      const b = ofCode(1)[0];
      click(el, await screenOf(el, b), { altKey: true, shiftKey: true });
      expect(groups(el)).to.have.length(1);
      expect(groups(el)[0]).to.include({ id: g.id, type: 'combined', cellCount: 48 });

      el.setSelectionTool('proximity');
      await el.setActiveField('obs:quality_score');
      const data = (await el.datasetSource!.loadObsField('quality_score')) as {
        values: Float32Array;
        min: number;
        max: number;
      };
      click(el, await screenOf(el, 40), { altKey: true });
      const w = 0.025 * (data.max - data.min);
      const v = data.values[40];
      const expected = [...data.values.keys()].filter((i) => Math.abs(data.values[i] - v) <= w);
      const added = groups(el)[1];
      expect(added).to.include({
        type: 'annotation',
        label: `quality_score: ${(v - w).toPrecision(3)}–${(v + w).toPrecision(3)}`,
      });
      expect([...el.getHighlightCells(added.id)]).to.deep.equal(expected);
      expect(expected).to.include(40);
    },
  );

  it('bad arguments are clear errors that change nothing; no connectivity, no KNN', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    el.selectNearby(5, 0.2);
    const before = el.getViewState();
    expect(() => el.selectNearby(72, 0.2)).to.throw(/selectNearby: cell index 72 is not in 0…71/);
    expect(() => el.selectNearby(1.5, 0.2)).to.throw(/cell index 1.5/);
    for (const r of [0, -1, NaN, Infinity, '0.2' as unknown as number])
      expect(() => el.selectNearby(5, r)).to.throw(/selectNearby: radius must be a finite number above 0/);
    expect(() => el.selectNearby(5, 0.2, { mode: 'xor' as 'add' })).to.throw(
      /selectNearby: mode must be "replace", "add" or "subtract"/,
    );
    expect(() => el.selectNearby(5, 0.2, { pageId: 'page_9' })).to.throw(/there is no highlight page "page_9"/);
    for (const d of [0, 11, 2.5, NaN])
      await expectRejection(el.selectNeighbors(5, d), /selectNeighbors: degree must be a whole number from 1 to 10/);
    await expectRejection(el.selectNeighbors([3, 99], 1), /selectNeighbors: cell index 99/);
    await expectRejection(el.selectNeighbors(3, 1, { mode: 'both' as 'add' }), /mode must be/);
    expect(() => el.pickCell(NaN, 3)).to.throw(/pickCell: x and y must be finite numbers/);
    expect(() => el.setSelectionTool('magic' as 'box')).to.throw(
      /setSelectionTool: expected one of navigate, lasso, box, proximity, knn/,
    );
    expect(el.getViewState()).to.deep.equal(before);
    // Subtracting everything removes the selection; subtract without one selects nothing.
    expect(el.selectNearby(5, 0.2, { mode: 'subtract' })).to.equal(null);
    expect(groups(el)).to.have.length(0);
    expect(el.selectNearby(5, 0.2, { mode: 'subtract' })).to.equal(null);

    // The same dataset as if it had no connectivity graph.
    (el.datasetSource!.dataset as { connectivity: unknown }).connectivity = null;
    el.requestUpdate();
    await el.updateComplete;
    const options = [...(el.shadowRoot!.querySelector('[part="selection-tool"]') as HTMLSelectElement).options].map(
      (o) => o.value,
    );
    expect(options).to.not.include('knn');
    await expectRejection(el.selectNeighbors(5, 1), /selectNeighbors: this dataset has no connectivity graph/);
    expect(() => el.setSelectionTool('knn')).to.throw(/expected one of navigate, lasso, box, proximity\./);
  });

  it('proximity, KNN and value-window groups survive save → load exactly', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 }));
    const a = el;
    a.selectNearby(10, 0.25, { label: 'Near ten' });
    await a.selectNeighbors(50, 3);
    await a.setActiveField('obs:library_size');
    a.setSelectionTool('knn');
    click(a, await screenOf(a, 33), { altKey: true });
    a.selectNearby(20, 0.1);
    await a.selectNeighbors([1, 2], 1, { mode: 'add' });
    expect(groups(a).map((g) => g.type)).to.deep.equal(['proximity', 'knn', 'annotation', 'combined']);
    await expectRoundTrip(a, (b) => {
      for (const g of groups(a)) expect([...b.getHighlightCells(g.id)]).to.deep.equal([...a.getHighlightCells(g.id)]);
    });
  });
});
