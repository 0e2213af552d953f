import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import {
  DEMO,
  mountViewer,
  pngPixels,
  waitForEvent,
  differingPixels,
  changeControl,
  expectRoundTrip,
} from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;

describe('<cellucid-viewer> interface state', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it(
    'point size, theme and folded panels change from the toolbar, fire state changes and survive save → ' + 'load',
    async () => {
      ({ el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 }));
      const a = el;
      await a.updateComplete;
      const root = a.shadowRoot!;
      const b4camera = a.getCamera();
      const before = await a.toBlob().then(pngPixels);
      let changed = waitForEvent(a, 'cellucid-state-change');
      changeControl<HTMLInputElement>(a, '[part="point-size"]', '40');
      await changed;
      expect(a.getViewState().pointSize).to.be.closeTo(0.25 * Math.pow(800, 0.4), 0.01);
      const smaller = await a.toBlob().then(pngPixels);
      // Pixels of the canvas part (the legend is drawn to its right) that differ from the background.
      const canvasWidth = root.querySelector('canvas')!.width;
      const inked = [before, smaller].map((img) => {
        let n = 0;
        for (let y = 0; y < img.height; y++) {
          for (let x = 0; x < canvasWidth; x++) {
            const i = (y * img.width + x) * 4;
            if (Math.abs(img.data[i] - 246) + Math.abs(img.data[i + 1] - 246) + Math.abs(img.data[i + 2] - 247) > 30)
              n++;
          }
        }
        return n;
      });
      // 72 cells get large points by default (≈56 px); 3.6 px points cover far fewer pixels.
      expect(inked[1], 'smaller points cover fewer pixels').to.be.below(inked[0] / 2);
      changed = waitForEvent(a, 'cellucid-state-change');
      changeControl<HTMLSelectElement>(a, '[part="theme-select"]', 'dark');
      await changed;
      expect(a.theme).to.equal('dark');
      expect(a.getViewState().theme).to.equal('dark');
      // A background colour of its own, over the theme's.
      changed = waitForEvent(a, 'cellucid-state-change');
      changeControl<HTMLInputElement>(a, '[part="background-color"]', '#203040');
      await changed;
      expect(a.getViewState().background).to.equal('#203040');
      const corner = await a.toBlob().then(pngPixels);
      expect([...corner.data.slice(0, 3)]).to.deep.equal([0x20, 0x30, 0x40]);
      a.background = 'url(javascript:alert(1))';
      await a.updateComplete;
      expect(a.getViewState().background, 'anything but #rrggbb is ignored').to.equal(null);
      a.background = '#203040';
      (root.querySelector('[part="legend"] .panel-toggle') as HTMLButtonElement).click();
      await a.updateComplete;
      expect(a.getViewState().panels).to.deep.equal({ legend: false, highlights: true });
      expect(root.querySelector('.legend-rows'), 'a folded legend shows only its title').to.equal(null);
      expect(
        (root.querySelector('[part="legend"] .panel-toggle') as HTMLButtonElement).getAttribute('aria-expanded'),
      ).to.equal('false');
      a.createHighlight([1, 2]);
      await a.updateComplete;
      // The highlights panel moves by dragging its handle, and with the arrow keys.
      const handle = root.querySelector('[part="highlights"] .move-handle') as HTMLButtonElement;
      const panel = root.querySelector('[part="highlights"]') as HTMLElement;
      const start = { x: panel.offsetLeft, y: panel.offsetTop };
      const hr = handle.getBoundingClientRect();
      const pointer = (type: string, dx: number, dy: number) =>
        handle.dispatchEvent(
          new PointerEvent(type, {
            bubbles: true,
            composed: true,
            clientX: hr.left + 4 + dx,
            clientY: hr.top + 4 + dy,
            pointerId: 9,
            button: 0,
            buttons: 1,
          }),
        );
      pointer('pointerdown', 0, 0);
      pointer('pointermove', 30, -40);
      pointer('pointerup', 30, -40);
      await a.updateComplete;
      expect(a.getViewState().panelPositions.highlights).to.deep.equal({ x: start.x + 30, y: start.y - 40 });
      expect(a.getCamera(), 'moving a panel does not move the camera').to.deep.equal(b4camera);
      handle.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true, cancelable: true }),
      );
      await a.updateComplete;
      expect(a.getViewState().panelPositions.highlights).to.deep.equal({ x: start.x + 40, y: start.y - 40 });
      expect(panel.offsetLeft).to.equal(start.x + 40);
      a.movePanel('legend', { x: -50, y: 10_000 });
      expect(a.getViewState().panelPositions.legend, 'kept inside the element').to.deep.equal({ x: 0, y: 240 - 24 });
      expect(() => a.movePanel('legend', { x: NaN, y: 0 })).to.throw(/x, y/);
      a.setPanelOpen('highlights', false);
      await a.updateComplete;
      expect(root.querySelector('.highlight-groups')).to.equal(null);
      expect(() => a.setPanelOpen('toolbar' as never, false)).to.throw(/legend" or "highlights/);
      // Panels and a background colour of the page's own are the viewer's settings: the Cellucid app has
      // no control for them, so autosave keeps them and session files do not.
      a.background = null;
      a.setPanelOpen('legend', true);
      a.setPanelOpen('highlights', true);
      a.movePanel('legend', null);
      a.movePanel('highlights', null);
      await a.updateComplete;
      await expectRoundTrip(a, async (b) => {
        expect(b.theme).to.equal('dark');
        expect(await differingPixels(a, b)).to.equal(0);
      });
    },
  );
});
