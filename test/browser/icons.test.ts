// The controls' icons are drawn as SVG lines in the text's colour, so they never depend on the
// reader's fonts: no button shows a character as its icon.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, mountViewer } from './helpers.js';

describe('<cellucid-viewer> icons', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  for (const theme of ['light', 'dark']) {
    it(`every icon button shows an SVG drawn in its text colour, no glyph (${theme} theme)`, async () => {
      ({ el } = await mountViewer(
        { 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, controls: '', theme },
        { width: 640, height: 480 },
      ));
      await el.setActiveField('obs:cell_type');
      await el.setCategoryVisible('obs:cell_type', 2, false);
      await el.highlightCategory('obs:cell_type', 0);
      el.addSnapshot();
      await el.updateComplete;
      const root = el.shadowRoot!;
      const buttons = [...root.querySelectorAll('button')].filter((b) => b.querySelector('svg'));
      // Fold, move, rename, duplicate and hide; the rows' highlight buttons; the active filter's
      // remove button; the highlight's delete button; the snapshot's remove button.
      const names = buttons.map((b) => b.getAttribute('aria-label'));
      for (const name of ['Fold the legend', 'Rename this field', 'Duplicate this field', 'Hide this field']) {
        expect(names, name).to.include(name);
      }
      expect(names.filter((n) => n?.startsWith('Move the'))).to.have.length(2);
      expect(names.filter((n) => n?.startsWith('Highlight type-'))).to.have.length(3);
      expect(names.some((n) => n?.startsWith('Remove filter'))).to.equal(true);
      expect(names.some((n) => n?.startsWith('Delete cell_type'))).to.equal(true);
      expect(names.some((n) => n?.startsWith('Remove view'))).to.equal(true);
      for (const button of buttons) {
        const name = button.getAttribute('aria-label');
        expect(button.textContent!.trim(), `${name}: text`).to.equal('');
        expect(getComputedStyle(button, '::before').content, `${name}: ::before`).to.equal('none');
        const icon = button.querySelector('svg')!;
        expect(icon.getAttribute('aria-hidden'), `${name}: hidden from assistive technology`).to.equal('true');
        const box = icon.getBoundingClientRect();
        expect(box.width, `${name}: width`).to.be.within(10, 20);
        expect(box.height, `${name}: height`).to.be.within(10, 20);
        const path = icon.querySelector('path')!;
        expect(path.getTotalLength(), `${name}: a drawn line`).to.be.greaterThan(4);
        const style = getComputedStyle(path);
        expect(style.stroke, `${name}: stroke`).to.equal(getComputedStyle(button).color);
        expect(style.fill, `${name}: fill`).to.equal('none');
      }
    });
  }
});
