// Panels fit the viewer's own size: in an embed or on a phone they leave most of the plot to the
// cells (measured by what is under points spread over the viewer), and the toolbar folds into Menu.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, mountViewer } from './helpers.js';

/** The share of the viewer's area under a panel: a 40 × 40 grid of points, each asking what is on top. */
function coveredShare(el: CellucidViewer): number {
  const box = el.getBoundingClientRect();
  let covered = 0;
  const n = 40;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = box.left + ((i + 0.5) / n) * box.width;
      const y = box.top + ((j + 0.5) / n) * box.height;
      const hit = el.shadowRoot!.elementFromPoint(x, y);
      if (hit && hit.tagName !== 'CANVAS') covered++;
    }
  return covered / (n * n);
}

describe('<cellucid-viewer> layout at its own size', () => {
  const mounted: CellucidViewer[] = [];
  afterEach(() => mounted.splice(0).forEach((el) => el.remove()));
  const mount = async (attrs: Record<string, string>, size: { width: number; height: number }) => {
    const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, ...attrs }, size);
    mounted.push(el);
    await el.updateComplete;
    return el;
  };

  it('an embed (480 × 320) keeps three quarters of its area for the cells; Menu unfolds the toolbar', async () => {
    const el = await mount({}, { width: 480, height: 320 });
    expect(coveredShare(el)).to.be.at.most(0.25);
    const menu = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="menu-button"]')!;
    expect(getComputedStyle(menu).display).to.not.equal('none');
    expect(el.shadowRoot!.querySelector('[part="field-select"]')!.getClientRects().length).to.equal(0);
    menu.click();
    await el.updateComplete;
    expect(menu.getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[part="field-select"]')!.getClientRects().length).to.equal(1);
  });

  it('a phone (360 × 640) with controls keeps at least 60 % for the cells, nothing outside the viewer', async () => {
    const el = await mount({ controls: '' }, { width: 360, height: 640 });
    expect(coveredShare(el)).to.be.at.most(0.4);
    const box = el.getBoundingClientRect();
    for (const panel of el.shadowRoot!.querySelectorAll('.panel')) {
      const r = panel.getBoundingClientRect();
      if (r.width === 0) continue;
      expect(r.left).to.be.at.least(box.left);
      expect(r.right).to.be.at.most(box.right + 0.5);
      expect(r.bottom).to.be.at.most(box.bottom + 0.5);
    }
  });

  it('a desktop-sized viewer shows the whole toolbar without a Menu button', async () => {
    const el = await mount({}, { width: 1000, height: 600 });
    const menu = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="menu-button"]')!;
    expect(getComputedStyle(menu).display).to.equal('none');
    expect(el.shadowRoot!.querySelector('[part="field-select"]')!.getClientRects().length).to.equal(1);
  });
});
