import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, SESSIONS, mountViewer, waitForEvent, differingPixels } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;

describe('<cellucid-viewer> save and restore', () => {
  const mounted: CellucidViewer[] = [];
  afterEach(() => mounted.splice(0).forEach((el) => el.remove()));
  const mount = async (attrs: Record<string, string>) => {
    const { el } = await mountViewer(attrs, { width: 320, height: 240 });
    mounted.push(el);
    return el;
  };

  it('save → load onto a fresh viewer gives the same view state and the same picture', async () => {
    const a = await mount({ 'dataset-url': TWO_D });
    await a.setActiveField('obs:library_size');
    a.setColormap('magma');
    a.setLogScale(true);
    const cam = a.getCamera();
    a.setCamera({ ...cam, orbit: { ...cam.orbit, radius: 2.4, targetRadius: 2.4, target: [0.2, -0.1, 0] } });
    const saved = waitForEvent<{ totalBytes: number; totalChunks: number }>(a, 'cellucid-save');
    const blob = await a.saveState();
    const { detail } = await saved;
    expect(detail.totalBytes).to.equal(blob.size);
    expect(detail.totalChunks).to.equal(7);
    const b = await mount({ 'dataset-url': TWO_D });
    const report = await b.loadState(blob);
    expect(report.datasetMatches).to.equal(true);
    expect(report.failed).to.deep.equal([]);
    expect(b.getViewState()).to.deep.equal(a.getViewState());
    expect(await differingPixels(a, b)).to.equal(0);
  });

  it('a save after a selection grew holds the grown selection, not the one saved before', async () => {
    const a = await mount({ 'dataset-url': TWO_D });
    const id = a.selectInShape([
      [0, 0],
      [160, 0],
      [160, 240],
      [0, 240],
    ])!;
    const before = a.getHighlightCells(id).length;
    await a.saveState();
    expect(
      a.selectInShape(
        [
          [0, 0],
          [320, 0],
          [320, 240],
          [0, 240],
        ],
        'add',
      ),
    ).to.equal(id);
    const after = a.getHighlightCells(id);
    expect(after.length).to.be.greaterThan(before);
    const b = await mount({ 'dataset-url': TWO_D });
    await b.loadState(await a.saveState());
    expect([...b.getHighlightCells(id)]).to.deep.equal([...after]);
  });

  it('restores the strict fixture progressively: eager phase, progress, then complete', async () => {
    const el = await mount({ 'dataset-url': TWO_D });
    const phases: string[] = [];
    let progress = 0;
    el.addEventListener('cellucid-restore', (e) => phases.push((e as CustomEvent).detail.phase));
    el.addEventListener('cellucid-restore-progress', () => progress++);
    const report = await el.loadState(`${SESSIONS}strict-full.cellucid-session`);
    expect(phases).to.deep.equal(['eager', 'complete']);
    expect(progress).to.equal(10);
    expect(report.datasetMatches).to.equal(true);
    expect(report.restored.length).to.equal(10);
    const state = el.getViewState();
    expect(state.activeField).to.deep.equal('obs:quality_score');
    expect(state.camera.navigationMode).to.equal('planar');
    expect(state.camera.orbit.radius).to.equal(2.2);
    expect(state.highlights.pages.flatMap((p) => p.groups.map((g) => g.id))).to.deep.equal([
      'highlight_1',
      'highlight_2',
    ]);
    await el.updateComplete;
    expect((el.shadowRoot!.querySelector('[part="colormap-select"]') as HTMLSelectElement).value).to.equal('magma');
  });

  it('a session from another dataset fires cellucid-mismatch, explains it and changes nothing', async () => {
    const el = await mount({ 'dataset-url': TWO_D });
    const before = el.getViewState();
    const mismatch = waitForEvent<{ saved: { datasetId: string } }>(el, 'cellucid-mismatch');
    const report = await el.loadState(`${SESSIONS}mismatch-other-dataset.cellucid-session`);
    expect((await mismatch).detail.saved.datasetId).to.equal('some-other-dataset');
    expect(report.datasetMatches).to.equal(false);
    expect(el.getViewState()).to.deep.equal(before);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="notice"]')!.textContent).to.match(/another dataset/);
  });

  it('an unreadable file rejects with a clear error and changes nothing', async () => {
    const el = await mount({ 'dataset-url': TWO_D });
    const before = el.getViewState();
    let message = '';
    try {
      await el.loadState(`${SESSIONS}bad-magic.cellucid-session`);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.match(/MAGIC/);
    expect(el.getViewState()).to.deep.equal(before);
  });

  it('a failed lazy chunk is reported while the rest restores', async () => {
    const el = await mount({ 'dataset-url': TWO_D });
    const report = await el.loadState(`${SESSIONS}corrupt-lazy-chunk.cellucid-session`);
    expect(report.failed.map((f) => f.id)).to.deep.equal(['highlights/cells/highlight_2']);
    expect(el.getViewState().camera.navigationMode).to.equal('planar');
  });

  it('a newer loadState cancels one still running', async () => {
    const el = await mount({ 'dataset-url': TWO_D });
    const first = el.loadState(`${SESSIONS}legacy-full.cellucid-session`);
    const second = el.loadState(`${SESSIONS}strict-full.cellucid-session`);
    const [r1, r2] = await Promise.allSettled([first, second]);
    expect(r1.status).to.equal('rejected');
    expect((r1 as PromiseRejectedResult).reason.name).to.equal('AbortError');
    expect(r2.status).to.equal('fulfilled');
    expect(el.getViewState().activeField).to.deep.equal('obs:quality_score');
  });

  it('session-url restores once the dataset is loaded', async () => {
    const el = document.createElement('cellucid-viewer') as CellucidViewer;
    el.style.width = '320px';
    el.style.height = '240px';
    el.setAttribute('dataset-url', TWO_D);
    el.setAttribute('session-url', `${SESSIONS}strict-full.cellucid-session`);
    mounted.push(el);
    const restored = new Promise<void>((resolve) =>
      el.addEventListener('cellucid-restore', (e) => (e as CustomEvent).detail.phase === 'complete' && resolve()),
    );
    document.body.appendChild(el);
    await restored;
    expect(el.getViewState().activeField).to.deep.equal('obs:quality_score');
  });

  it('with controls, Save state and Load state buttons are in the toolbar', async () => {
    const el = await mount({ 'dataset-url': TWO_D, controls: '' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="save-button"]')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('[part="load-button"]')).to.not.equal(null);
  });
});
