import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, mountViewer, pngPixels, changeControl } from './helpers.js';

function pointer(el: Element, type: string, x: number, y: number, init: PointerEventInit = {}) {
  el.dispatchEvent(
    new PointerEvent(type, {
      bubbles: true,
      composed: true,
      clientX: x,
      clientY: y,
      pointerId: init.pointerId ?? 1,
      button: 0,
      buttons: 1,
      pointerType: 'mouse',
      ...init,
    }),
  );
}

function key(el: Element, k: string, init: KeyboardEventInit = {}) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...init }));
}

describe('<cellucid-viewer> interaction', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('drag rotates the orbit camera, right-drag pans, the wheel zooms', async () => {
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-development-3d/` }));
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const r = canvas.getBoundingClientRect();
    const before = el.getCamera();
    pointer(canvas, 'pointerdown', r.left + 100, r.top + 100);
    pointer(canvas, 'pointermove', r.left + 140, r.top + 100);
    pointer(canvas, 'pointerup', r.left + 140, r.top + 100);
    const rotated = el.getCamera();
    expect(rotated.orbit.theta).to.be.closeTo(before.orbit.theta + 40 * 0.005, 0.02);
    pointer(canvas, 'pointerdown', r.left + 100, r.top + 100, { button: 2, pointerId: 2 });
    pointer(canvas, 'pointermove', r.left + 120, r.top + 110, { pointerId: 2 });
    pointer(canvas, 'pointerup', r.left + 120, r.top + 110, { pointerId: 2 });
    expect(el.getCamera().orbit.target).to.not.deep.equal([0, 0, 0]);
    canvas.dispatchEvent(
      new WheelEvent('wheel', {
        deltaY: -100,
        bubbles: true,
        composed: true,
        cancelable: true,
        clientX: r.left + 50,
        clientY: r.top + 50,
      }),
    );
    expect(el.getCamera().orbit.targetRadius).to.be.below(before.orbit.targetRadius);
  });

  it('an Alt-drag does not move the camera (it is reserved for selection)', async () => {
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-development-3d/` }));
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const before = el.getCamera();
    pointer(canvas, 'pointerdown', 100, 100, { altKey: true });
    pointer(canvas, 'pointermove', 160, 130, { altKey: true });
    pointer(canvas, 'pointerup', 160, 130, { altKey: true });
    expect(el.getCamera()).to.deep.equal(before);
  });

  it('the keyboard does what the pointer does: rotate, zoom, modes, reset', async () => {
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-development-3d/` }));
    el.focus();
    const start = el.getCamera();
    key(el, 'ArrowRight');
    expect(el.getCamera().orbit.theta).to.be.above(start.orbit.theta);
    key(el, '=');
    expect(el.getCamera().orbit.radius).to.be.below(start.orbit.radius);
    key(el, 'g');
    expect(el.getCamera().navigationMode).to.equal('free');
    key(el, 'w');
    expect(el.getCamera().freefly.position).to.not.deep.equal(start.freefly.position);
    key(el, 'p');
    expect(el.getCamera().navigationMode).to.equal('planar');
    key(el, 'r');
    expect(el.getCamera()).to.deep.equal(start);
  });

  it('planar wheel zoom keeps the point under the cursor in place', async () => {
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` }, { width: 400, height: 300 }));
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const r = canvas.getBoundingClientRect();
    canvas.dispatchEvent(
      new WheelEvent('wheel', {
        deltaY: -100,
        bubbles: true,
        composed: true,
        cancelable: true,
        clientX: r.left + 300,
        clientY: r.top + 75,
      }),
    );
    const c = el.getCamera();
    expect(c.orbit.radius).to.be.below(3);
    expect(c.orbit.target[0]).to.be.above(0);
    expect(c.orbit.target[1]).to.be.above(0);
  });

  it('changes the colormap and log scale of a continuous field from the legend', async () => {
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` }));
    await el.setActiveField('obs:library_size');
    await el.updateComplete;
    changeControl<HTMLSelectElement>(el, '[part="colormap-select"]', 'magma');
    await el.updateComplete;
    expect((el.shadowRoot!.querySelector('[part="colorbar"]') as HTMLElement).style.background).to.contain(
      'rgb(0, 0, 4)',
    );
    const log = el.shadowRoot!.querySelector('[part="log-scale"]') as HTMLInputElement;
    log.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.legend-title')!.textContent).to.contain('log10');
    // @ts-expect-error -- not a colormap of the viewer's
    expect(() => el.setColormap('rainbow-unicorn')).to.throw(/unknown colormap/);
  });

  it('several viewers on one page each draw their own dataset', async () => {
    const a = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` }, { width: 200, height: 150 });
    const b = await mountViewer(
      { 'dataset-url': `${DEMO}synthetic-trajectory-1d/`, theme: 'dark' },
      { width: 200, height: 150 },
    );
    el = a.el;
    try {
      expect(a.load.cellCount).to.equal(72);
      expect(b.load.cellCount).to.equal(48);
      const [pa, pb] = await Promise.all([a.el.toBlob(), b.el.toBlob()]);
      expect(pa.size).to.be.above(100);
      expect(pb.size).to.be.above(100);
      // The dark theme clears the canvas to its own background colour.
      const image = await pngPixels(pb);
      expect(Array.from(image.data.slice(0, 3))).to.deep.equal([20, 22, 25]);
    } finally {
      b.el.remove();
    }
  });

  it('switching the dataset URL loads the new dataset', async () => {
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` }));
    const next = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('cellucid-load', (e) => resolve(e as CustomEvent), { once: true }),
    );
    el.datasetUrl = `${DEMO}synthetic-development-3d/`;
    expect((await next).detail.datasetId).to.equal('synthetic-development-3d');
    expect(el.getViewState().dimension).to.equal(3);
  });
});
