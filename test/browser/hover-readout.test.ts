// The hover read-out: a mouse over a cell shows its value of the coloured field; nothing over empty
// canvas, and nothing in `ui="none"`.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { projectToScreen } from '../../src/core/camera/index.js';
import type { CategoricalFieldData } from '../../src/core/dataset/types.js';
import { DEMO, mountViewer, until } from './helpers.js';

const W = 400;
const H = 300;

/** Moves the mouse to (x, y) of the element's box, then to a second point, and back. */
function hover(el: CellucidViewer, x: number, y: number): void {
  const box = el.getBoundingClientRect();
  const init = { pointerType: 'mouse', clientX: box.left + x, clientY: box.top + y, bubbles: true, composed: true };
  el.shadowRoot!.querySelector('canvas')!.dispatchEvent(new PointerEvent('pointermove', init));
}

/** A cell and where it is drawn: one that is the nearest cell to its own centre on screen. */
async function pickableCell(el: CellucidViewer): Promise<{ cell: number; at: [number, number] }> {
  const positions = await el.datasetSource!.loadPositions(2);
  for (let i = 0; i < el.datasetSource!.dataset.cellCount; i++) {
    const p = projectToScreen(el.getCamera(), W, H, [positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]]);
    if (p && el.pickCell(p[0], p[1]) === i) return { cell: i, at: [p[0], p[1]] };
  }
  throw new Error('no cell is the nearest to its own centre');
}

describe('<cellucid-viewer> hover read-out', () => {
  let el: CellucidViewer;
  afterEach(() => el.remove());

  it("shows the coloured field's value of the cell under the mouse", async () => {
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, 'point-size': '8' }));
    const { cell, at } = await pickableCell(el);
    const field = (await el.datasetSource!.loadObsField('cell_type')) as CategoricalFieldData;
    hover(el, at[0], at[1]);
    const readout = () => el.shadowRoot!.querySelector('[part="readout"]');
    await until(() => readout() !== null, 'the read-out shows');
    expect(readout()!.textContent!.trim()).to.equal(`cell_type: ${field.categories[field.codes[cell]]}`);
    // Over empty canvas (the corner) it goes.
    hover(el, 2, H - 2);
    await until(() => readout() === null, 'the read-out goes');
  });

  it('stays off with ui="none"', async () => {
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, 'point-size': '8', ui: 'none' }));
    const { at } = await pickableCell(el);
    hover(el, at[0], at[1]);
    await el.renderer.nextFrame();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="readout"]')).to.equal(null);
  });
});
