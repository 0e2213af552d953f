// On a phone a page scrolls past an inactive viewer: one finger is the page's until a tap activates
// the viewer; a press outside gives it back. A mouse always turns the cells.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, mountViewer } from './helpers.js';

function touch(target: Element, type: string, x: number, y: number, pointerType = 'touch'): void {
  const init = { pointerId: 7, pointerType, isPrimary: true, clientX: x, clientY: y, button: 0 };
  target.dispatchEvent(new PointerEvent(type, { ...init, bubbles: true, composed: true }));
}

/** A one-finger drag across the canvas; resolves whether it turned the camera. */
function dragTurns(el: CellucidViewer, pointerType = 'touch'): boolean {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const before = JSON.stringify(el.getCamera());
  touch(canvas, 'pointerdown', 150, 150, pointerType);
  touch(canvas, 'pointermove', 190, 160, pointerType);
  touch(canvas, 'pointermove', 230, 170, pointerType);
  touch(canvas, 'pointerup', 230, 170, pointerType);
  const turned = JSON.stringify(el.getCamera()) !== before;
  el.resetCamera();
  return turned;
}

describe('<cellucid-viewer> on a touch screen', () => {
  let el: CellucidViewer;
  beforeEach(async () => ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-development-3d/` })));
  afterEach(() => el.remove());

  it('lets one finger scroll the page until a tap activates it, and again after a press outside', async () => {
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    expect(getComputedStyle(canvas).touchAction).to.equal('pan-x pan-y');
    expect(dragTurns(el), 'an inactive viewer leaves a one-finger drag to the page').to.equal(false);

    touch(canvas, 'pointerdown', 120, 120);
    touch(canvas, 'pointerup', 121, 120);
    expect(getComputedStyle(canvas).touchAction).to.equal('none');
    expect(dragTurns(el), 'after a tap one finger turns the cells').to.equal(true);

    touch(document.body, 'pointerdown', 5, 5);
    expect(getComputedStyle(canvas).touchAction).to.equal('pan-x pan-y');
    expect(dragTurns(el)).to.equal(false);
  });

  it('turns with a mouse whether or not it was tapped', () => {
    expect(dragTurns(el, 'mouse')).to.equal(true);
  });
});
