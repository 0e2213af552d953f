// Centroid labels: the coloured categorical field's category names on the plot at the export's
// centroids (the Cellucid app's "centroid labels"), off by default, kept in sessions as the app's
// `toggle-centroid-labels` checkbox and in the PNG.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { projectToScreen } from '../../src/core/camera/camera.js';
import type { CategoricalFieldData } from '../../src/core/dataset/types.js';
import { readSessionDocument } from '../../src/core/session/index.js';
import { DEMO, mountViewer, pngPixels, until } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;

/** The labels shown: text and centre (CSS px in the element). */
function labelsOf(el: CellucidViewer): { text: string; x: number; y: number }[] {
  const layer = el.shadowRoot!.querySelector<HTMLElement>('.centroid-labels');
  if (!layer || layer.hidden) return [];
  const box = el.getBoundingClientRect();
  return [...layer.querySelectorAll('span')]
    .filter((s) => !s.hidden)
    .map((s) => {
      const r = s.getBoundingClientRect();
      return { text: s.textContent!, x: r.left + r.width / 2 - box.left, y: r.top + r.height / 2 - box.top };
    });
}
const texts = (el: CellucidViewer) => labelsOf(el).map((l) => l.text);

describe('<cellucid-viewer> centroid labels', () => {
  const mounted: CellucidViewer[] = [];
  const mount = async (attrs: Record<string, string> = {}) => {
    const { el } = await mountViewer({ 'dataset-url': TWO_D, ...attrs });
    mounted.push(el);
    await el.setActiveField('obs:cell_type');
    await el.updateComplete;
    await el.renderer.nextFrame();
    return el;
  };
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
  });

  it('are off by default, and on show one label per category at the attribute, property or checkbox', async () => {
    const el = await mount();
    expect(el.centroidLabels).to.equal(false);
    expect(el.getViewState().centroidLabels).to.equal(false);
    expect(texts(el)).to.deep.equal([]);
    const box = el.shadowRoot!.querySelector<HTMLInputElement>('[part="centroid-labels"]')!;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    expect(el.centroidLabels).to.equal(true);
    await until(() => texts(el).length === 3, 'the labels are shown');
    expect(texts(el)).to.deep.equal(['type-a', 'type-b', 'type-c']);
    expect(el.getViewState().centroidLabels).to.equal(true);
    const layer = el.shadowRoot!.querySelector('.centroid-labels')!;
    expect(layer.getAttribute('aria-hidden')).to.equal('true');
    expect(getComputedStyle(layer).pointerEvents).to.equal('none');

    el.centroidLabels = false;
    await until(() => texts(el).length === 0, 'the labels are gone');
    const byAttribute = await mount({ 'centroid-labels': '' });
    await until(() => texts(byAttribute).length === 3, 'the attribute shows the labels');
  });

  it('each sits over its own cells', async () => {
    const el = await mount({ 'centroid-labels': '' });
    await until(() => texts(el).length === 3, 'the labels are shown');
    const source = el.datasetSource!;
    const xyz = await source.loadPositions(2);
    const { codes, categories } = (await source.loadObsField('cell_type')) as CategoricalFieldData;
    const { width, height } = el.getBoundingClientRect();
    const cells = [...codes].map((_, i) =>
      projectToScreen(el.getCamera(), width, height, [...xyz.subarray(i * 3, i * 3 + 3)])!,
    );
    for (const label of labelsOf(el)) {
      // The cell drawn nearest the label's centre is of the label's category.
      let nearest = 0;
      const d = (i: number) => Math.hypot(cells[i][0] - label.x, cells[i][1] - label.y);
      for (let i = 1; i < cells.length; i++) if (d(i) < d(nearest)) nearest = i;
      expect(categories[codes[nearest]]).to.equal(label.text);
      expect(d(nearest)).to.be.lessThan(width / 4);
    }
  });

  it('follow the filters and the names, and not a continuous field', async () => {
    const el = await mount({ 'centroid-labels': '' });
    await until(() => texts(el).length === 3, 'the labels are shown');
    await el.setCategoryVisible('obs:cell_type', 'type-b', false);
    await until(() => texts(el).join() === 'type-a,type-c', 'a hidden category has no label');
    el.renameCategory('obs:cell_type', 'type-a', 'T cells <b>x</b>');
    await until(() => texts(el).includes('T cells <b>x</b>'), 'a renamed category shows its new name');
    // Text, never HTML.
    expect(el.shadowRoot!.querySelector('.centroid-labels b')).to.equal(null);
    await el.setActiveField('obs:quality_score');
    await until(() => texts(el).length === 0, 'a continuous field has no labels');
    await el.setActiveField('obs:batch');
    await until(() => texts(el).join() === 'batch-1,batch-2,batch-3', 'another categorical field has its own');
  });

  it('move with the camera, and hide behind it', async () => {
    const el = await mount({ 'centroid-labels': '' });
    await until(() => texts(el).length === 3, 'the labels are shown');
    const before = labelsOf(el)[0];
    const camera = el.getCamera();
    camera.orbit.target = [camera.orbit.target[0] + 0.3, camera.orbit.target[1], camera.orbit.target[2]];
    el.setCamera(camera);
    await until(() => labelsOf(el)[0].x < before.x - 10, 'the label moves left as the view pans right');
    expect(labelsOf(el)[0].y).to.be.closeTo(before.y, 1);
    // Looking away from the plot (the free camera's yaw π/2 faces +z): every centroid is behind it.
    el.setCamera({ ...camera, navigationMode: 'free', freefly: { position: [0, 0, 1], yaw: Math.PI / 2, pitch: 0 } });
    await until(() => texts(el).length === 0, 'labels behind the camera are hidden');
  });

  it('in a grid, are on the live tile only', async () => {
    const el = await mount({ 'centroid-labels': '' });
    await until(() => texts(el).length === 3, 'the labels are shown');
    el.addSnapshot({ label: 'kept' });
    el.setLayout('grid');
    await el.updateComplete;
    await el.renderer.nextFrame();
    const { width, height } = el.getBoundingClientRect();
    const layer = el.shadowRoot!.querySelector<HTMLElement>('.centroid-labels')!;
    const area = () => layer.getBoundingClientRect().width * layer.getBoundingClientRect().height;
    // Two tiles: the labels' layer is the live view's tile (its panels' pane), clipped to it.
    await until(() => area() < width * height * 0.75, 'the labels keep to the live tile');
    const pane = el.shadowRoot!.querySelector('.live-pane')!.getBoundingClientRect();
    const tile = layer.getBoundingClientRect();
    expect([tile.left, tile.top, tile.width, tile.height]).to.deep.equal([
      pane.left,
      pane.top,
      pane.width,
      pane.height,
    ]);
    expect(texts(el)).to.deep.equal(['type-a', 'type-b', 'type-c']);
  });

  it("go through a session as the app's checkbox and come back", async () => {
    const el = await mount({ 'centroid-labels': '' });
    const blob = await el.saveState();
    const { document } = await readSessionDocument(new Uint8Array(await blob.arrayBuffer()));
    expect(document.coreState!.uiControls['toggle-centroid-labels']).to.deep.equal({ type: 'checkbox', checked: true });
    const fresh = await mount();
    await fresh.loadState(blob);
    expect(fresh.centroidLabels).to.equal(true);
    expect(fresh.getViewState().centroidLabels).to.equal(true);
    await until(() => texts(fresh).length === 3, 'the restored labels are shown');
    const off = await mount();
    const { document: offDoc } = await readSessionDocument(new Uint8Array(await (await off.saveState()).arrayBuffer()));
    expect(offDoc.coreState!.uiControls['toggle-centroid-labels']).to.deep.equal({ type: 'checkbox', checked: false });
  });

  it('are drawn into the PNG', async () => {
    const el = await mount();
    const plain = await pngPixels(await el.toBlob());
    el.centroidLabels = true;
    await until(() => texts(el).length === 3, 'the labels are shown');
    const labelled = await pngPixels(await el.toBlob());
    expect(labelled.data.length).to.equal(plain.data.length);
    let differing = 0;
    for (let i = 0; i < plain.data.length; i++) if (plain.data[i] !== labelled.data[i]) differing++;
    expect(differing).to.be.greaterThan(100);
  });
});
