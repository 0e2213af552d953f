import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, SESSIONS, mountViewer, pngPixels, differingPixels, expectRoundTrip } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;

/** A hash of the pixels in one rectangle of the PNG, to tell pictures apart. */
function region(img: ImageData, x0: number, y0: number, w: number, h: number): string {
  let hash = 0;
  let inked = 0;
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const i = (y * img.width + x) * 4;
      hash = (Math.imul(hash, 31) + img.data[i] * 65536 + img.data[i + 1] * 256 + img.data[i + 2]) | 0;
      if (Math.abs(img.data[i] - img.data[i + 1]) > 30 || Math.abs(img.data[i + 1] - img.data[i + 2]) > 30) inked++;
    }
  }
  return `${hash}:${inked > 20 ? 'coloured' : 'plain'}:${inked}`;
}

/** A drag that ends still (no inertia afterwards). */
async function drag(el: CellucidViewer, from: [number, number], to: [number, number]) {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const r = el.getBoundingClientRect();
  const ev = (type: string, [x, y]: [number, number]) =>
    canvas.dispatchEvent(
      new PointerEvent(type, {
        bubbles: true,
        composed: true,
        cancelable: true,
        clientX: r.left + x,
        clientY: r.top + y,
        pointerId: 3,
        button: 0,
        buttons: 1,
        pointerType: 'mouse',
      }),
    );
  ev('pointerdown', from);
  ev('pointermove', [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]);
  ev('pointermove', to);
  await new Promise((r) => setTimeout(r, 80));
  ev('pointerup', to);
}

describe('<cellucid-viewer> snapshot views', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('Keep view freezes the live view; the grid shows both, the snapshot keeps its colours', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 400, height: 200 }));
    await el.setActiveField('obs:cell_type');
    await el.updateComplete;
    (el.shadowRoot!.querySelector('[part="keep-view"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const views = el.getViewState().views;
    expect(views).to.deep.equal({
      layout: 'single',
      activeId: 'live',
      camerasLocked: true,
      snapshots: [{ id: 'snap_1', label: 'by cell_type', activeField: 'obs:cell_type', dimension: 2 }],
    });
    const tabs = [...el.shadowRoot!.querySelectorAll('.view-tab-button')].map((b) => b.textContent!.trim());
    expect(tabs).to.deep.equal(['Live', 'by cell_type']);
    el.setLayout('grid');
    const first = await el.toBlob().then(pngPixels);
    // The PNG is the canvas with the legend to its right: tiles split the canvas part.
    const w = el.shadowRoot!.querySelector('canvas')!.width / 2;
    const h = first.height;
    expect(region(first, 0, 0, w, h).split(':')[1]).to.equal('coloured');
    expect(region(first, w, 0, w, h).split(':')[1]).to.equal('coloured');
    // The live view changes; the snapshot does not.
    await el.setActiveField(null);
    const second = await el.toBlob().then(pngPixels);
    expect(region(second, 0, 0, w, h).split(':')[1], region(second, 0, 0, w, h)).to.equal('plain');
    expect(region(second, w, 0, w, h)).to.equal(region(first, w, 0, w, h));
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('[part="view-label"]')].map((c) => c.textContent!.trim())).to.deep.equal(
      ['Live', 'by cell_type'],
    );
    // Single layout shows the active view over the whole canvas.
    el.setLayout('single');
    el.setActiveView('snap_1');
    const single = await el.toBlob().then(pngPixels);
    expect(region(single, 0, 0, 2 * w, single.height).split(':')[1]).to.equal('coloured');
  });

  it('at most three snapshots; bad arguments throw and change nothing; remove returns to live', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    const a = el.addSnapshot({ label: 'one' });
    el.addSnapshot();
    el.addSnapshot({ label: '<b>three</b>' });
    const before = el.getViewState();
    expect(() => el.addSnapshot()).to.throw(/at most 3/);
    expect(() => el.setLayout('mosaic' as never)).to.throw(/single" or "grid/);
    expect(() => el.setActiveView('snap_9')).to.throw(/no snapshot view "snap_9"/);
    expect(() => el.removeSnapshot('nope')).to.throw(/no snapshot view/);
    expect(el.getViewState()).to.deep.equal(before);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.views b')).to.equal(null);
    expect((el.shadowRoot!.querySelector('[part="keep-view"]') as HTMLButtonElement).disabled).to.equal(true);
    el.setActiveView(a);
    el.removeSnapshot(a);
    expect(el.getViewState().views.activeId).to.equal('live');
    expect(el.getViewState().views.snapshots.map((s) => s.label)).to.deep.equal(['by cell_type', '<b>three</b>']);
  });

  it('locked cameras move together; unlocked, a drag on a tile moves only that view', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 400, height: 200 }));
    el.addSnapshot();
    el.setLayout('grid');
    const start = el.getCamera();
    await drag(el, [300, 100], [340, 120]);
    expect(el.getCamera().orbit.target, 'locked: the live camera moved').to.not.deep.equal(start.orbit.target);
    el.setCamerasLocked(false);
    const live = el.getCamera();
    const snapBefore = await el.toBlob().then(pngPixels);
    await drag(el, [300, 100], [260, 80]);
    expect(el.getViewState().views.activeId).to.equal('snap_1');
    expect(el.getCamera(), 'unlocked: the live camera stayed').to.deep.equal(live);
    const snapAfter = await el.toBlob().then(pngPixels);
    const w = el.shadowRoot!.querySelector('canvas')!.width / 2;
    expect(region(snapAfter, 0, 0, w, snapAfter.height)).to.equal(region(snapBefore, 0, 0, w, snapBefore.height));
    expect(region(snapAfter, w, 0, w, snapAfter.height)).to.not.equal(region(snapBefore, w, 0, w, snapBefore.height));
  });

  it('save → load restores the views exactly and draws the same picture', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 400, height: 200 }));
    const a = el;
    await a.setActiveField('obs:cell_type');
    await a.setCategoryVisible('obs:cell_type', 'type-b', false);
    a.addSnapshot({ label: 'types' });
    await a.clearFilters();
    await a.setActiveField('obs:quality_score');
    a.setLayout('grid');
    a.setCamerasLocked(false);
    await expectRoundTrip(a, async (b) => expect(await differingPixels(a, b)).to.equal(0));
  });

  it('the strict fixture restores its snapshot in a grid', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    await el.loadState(`${SESSIONS}strict-full.cellucid-session`);
    expect(el.getViewState().views).to.deep.equal({
      layout: 'grid',
      activeId: 'live',
      camerasLocked: true,
      snapshots: [{ id: 'snap_1', label: 'by cell_type', activeField: 'obs:cell_type', dimension: 2 }],
    });
  });
});
