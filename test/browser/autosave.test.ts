import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, mountViewer, noPublishedSession, until, waitForEvent } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;

/** Resolves with the number of autosaves once there is one (autosave waits for a quiet moment first). */
async function waitForAutosave(el: CellucidViewer, timeoutMs = 30000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const list = await el.listAutosaves();
    if (list.length > 0) return list.length;
    if (performance.now() > deadline) throw new Error('no autosave was written');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('<cellucid-viewer> autosave', () => {
  const mounted: CellucidViewer[] = [];
  afterEach(async () => {
    for (const el of mounted.splice(0)) {
      await el.clearAutosaves().catch(() => {});
      el.remove();
    }
  });

  it('fires debounced cellucid-state-change events after changes', async () => {
    const { el } = await mountViewer({ 'dataset-url': TWO_D });
    mounted.push(el);
    const change = waitForEvent<{ activeField: unknown }>(el, 'cellucid-state-change');
    await el.setActiveField('obs:batch');
    expect((await change).detail.activeField).to.deep.equal('obs:batch');
  });

  it('restores the last autosave after a reload, says so, and resetState returns to the published view', async () => {
    const first = await mountViewer({ 'dataset-url': TWO_D, id: 'autosave-test', autosave: 'on' });
    mounted.push(first.el);
    await first.el.clearAutosaves();
    await first.el.setActiveField('obs:library_size');
    first.el.setColormap('plasma');
    expect(await waitForAutosave(first.el)).to.equal(1);
    const saved = first.el.getViewState();
    first.el.remove();

    const restored = new Promise<void>((resolve) => {
      const onRestore = (e: Event) => {
        if ((e as CustomEvent).detail.phase !== 'complete') return;
        document.removeEventListener('cellucid-restore', onRestore);
        resolve();
      };
      document.addEventListener('cellucid-restore', onRestore);
    });
    const second = await mountViewer({ 'dataset-url': TWO_D, id: 'autosave-test', autosave: 'on' });
    mounted.push(second.el);
    await restored;
    expect(second.el.getViewState()).to.deep.equal(saved);
    await until(() => second.el.shadowRoot!.querySelector('[part="notice"]') !== null, 'the notice shows');
    expect(second.el.shadowRoot!.querySelector('[part="notice"]')!.textContent).to.contain('Restored your last view');
    await second.el.resetState();
    expect(second.el.getViewState().activeField).to.deep.equal('obs:cell_type');
    expect((await second.el.listAutosaves()).length).to.be.greaterThan(0, 'reset keeps the autosave history');
    await second.el.clearAutosaves();
    expect(await second.el.listAutosaves()).to.deep.equal([]);
  });

  it('autosave="off" neither restores nor writes', async () => {
    const a = await mountViewer({ 'dataset-url': TWO_D, id: 'autosave-off', autosave: 'on' });
    mounted.push(a.el);
    await a.el.setActiveField('obs:batch');
    await waitForAutosave(a.el);
    a.el.remove();
    // Without autosave, start-up goes on to the published session, and the dataset publishes none.
    const startupDone = noPublishedSession();
    const b = await mountViewer({ 'dataset-url': TWO_D, id: 'autosave-off', autosave: 'off' });
    mounted.push(b.el);
    await startupDone;
    expect(b.el.getViewState().activeField).to.deep.equal('obs:cell_type');
  });

  it('a full quota turns autosave off with cellucid-error {kind: "autosave"} and nothing else breaks', async () => {
    const { el } = await mountViewer({ 'dataset-url': TWO_D, id: 'autosave-quota', autosave: 'on' });
    mounted.push(el);
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const error = waitForEvent<{ kind: string; message: string }>(el, 'cellucid-error', 10000);
      await el.setActiveField('obs:batch');
      const { detail } = await error;
      expect(detail.kind).to.equal('autosave');
      expect(detail.message).to.match(/Autosave is off/);
    } finally {
      IDBObjectStore.prototype.put = original;
    }
    await el.setActiveField('obs:quality_score');
    expect(el.getViewState().activeField).to.deep.equal('obs:quality_score');
  });
});
