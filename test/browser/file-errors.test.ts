// A file dropped onto a viewer with controls that is no session is refused in plain words over the
// plot; the cellucid-error event keeps the reader's own message.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { DEMO, SESSIONS, mountViewer, waitForEvent } from './helpers.js';

function drop(target: Element, file: File): void {
  const dataTransfer = new DataTransfer();
  dataTransfer.items.add(file);
  target.dispatchEvent(new DragEvent('drop', { dataTransfer, bubbles: true, composed: true, cancelable: true }));
}

describe('<cellucid-viewer> files a person drops', () => {
  it('a PNG dropped as a session: "not a Cellucid session file", and the view stays', async () => {
    const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, controls: '' });
    try {
      const before = el.getViewState();
      const failed = waitForEvent<{ kind: string; message: string }>(el, 'cellucid-error');
      const png = await (await el.toBlob()).arrayBuffer();
      drop(el, new File([png], 'figure.png', { type: 'image/png' }));
      const { detail } = await failed;
      expect(detail).to.deep.equal({ kind: 'session', message: 'Invalid session file (bad MAGIC header).' });
      await el.updateComplete;
      const banner = el.shadowRoot!.querySelector('[part="error"]')!.textContent!;
      expect(banner).to.contain('figure.png is not a Cellucid session file.');
      expect(banner).to.contain('Choose a .cellucid-session saved by this viewer or the Cellucid app.');
      expect(el.getViewState()).to.deep.equal(before);
    } finally {
      el.remove();
    }
  });

  it('a session dropped onto the viewer is restored', async () => {
    const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, controls: '' });
    try {
      const file = await (await fetch(`${SESSIONS}app-exact-2d.cellucid-session`)).blob();
      const restored = waitForEvent<{ phase: string }>(el, 'cellucid-restore');
      drop(el, new File([file], 'app.cellucid-session'));
      expect((await restored).detail.phase).to.equal('eager');
    } finally {
      el.remove();
    }
  });
});
