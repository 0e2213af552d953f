// Faults on the restore side: a session whose field cannot be loaded reports it once, and a
// restore cancelled part-way (by its signal, a newer restore or another dataset) leaves the viewer
// as it was before it began.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import type { ErrorEventDetail, RestoreEventDetail } from '../../src/element/events.js';
import { fieldOnlySession } from './session-files.js';
import { DATASETS, DEMO, SESSIONS, differingPixels, mountViewer, pngPixels, waitForEvent } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;
const BAD_CODE_MESSAGE = 'obs/0.codes.u8.gz: cell 5 has category code 9 but the field has only 3 categories';

describe('<cellucid-viewer> restore faults', () => {
  const mounted: CellucidViewer[] = [];
  afterEach(() => mounted.splice(0).forEach((el) => el.remove()));
  const mount = async (url = TWO_D) => {
    const { el } = await mountViewer({ 'dataset-url': url }, { width: 200, height: 150 });
    mounted.push(el);
    return el;
  };

  it('a session colouring a field with a bad code byte fires one field error and restores the rest', async () => {
    // The same cells and positions as the demo dataset, with one code of cell_type out of range.
    const good = await mount();
    await good.setActiveField('obs:cell_type');
    const camera = good.getCamera();
    good.setCamera({ ...camera, orbit: { ...camera.orbit, radius: 2.7, targetRadius: 2.7 } });
    const session = await good.saveState();

    const el = document.createElement('cellucid-viewer') as CellucidViewer;
    el.style.cssText = 'width: 200px; height: 150px';
    el.setAttribute('autosave', 'off');
    el.setAttribute('dataset-url', '/hostile/bad-code/');
    el.setAttribute('session-url', URL.createObjectURL(session));
    const errors: Array<[string, string]> = [];
    el.addEventListener('cellucid-error', (e) => {
      const { kind, message } = (e as CustomEvent<ErrorEventDetail>).detail;
      errors.push([kind, message]);
    });
    // The load's own colouring of cell_type fails first (reported once, before cellucid-load).
    el.addEventListener('cellucid-load', () => errors.splice(0), { once: true });
    // Settled by the restore's end, or by a failure of the restore as a whole.
    const settled = new Promise<RestoreEventDetail | null>((resolve) => {
      el.addEventListener('cellucid-restore', (e) => {
        const { detail } = e as CustomEvent<RestoreEventDetail>;
        if (detail.phase === 'complete') resolve(detail);
      });
      el.addEventListener('cellucid-error', (e) => {
        if ((e as CustomEvent<ErrorEventDetail>).detail.kind === 'session') resolve(null);
      });
    });
    document.body.appendChild(el);
    mounted.push(el);
    const startup = await settled;
    expect(errors).to.deep.equal([['field', BAD_CODE_MESSAGE]]);
    expect(startup?.report.notShown.join(' ')).to.contain('obs:cell_type');
    expect(el.getViewState().camera.orbit.radius).to.equal(2.7);
    expect(el.getViewState().activeField).to.equal(null);
    expect(el.getViewState().visibleCount).to.equal(72);

    // The same through loadState: it resolves, and the failure is one event.
    errors.splice(0);
    const report = await el.loadState(session);
    expect(errors).to.deep.equal([['field', BAD_CODE_MESSAGE]]);
    expect(report.notShown.join(' ')).to.contain(BAD_CODE_MESSAGE);
    // Nothing else comes later for the same failure.
    await waitForEvent(el, 'cellucid-state-change');
    expect(errors.length).to.equal(1);
  });

  /** A view with a field, a hidden category, a highlight group, a snapshot and a moved camera. */
  const arrange = async (el: CellucidViewer) => {
    await el.setActiveField('obs:library_size');
    await el.setCategoryVisible('obs:batch', 'batch-2', false);
    const camera = el.getCamera();
    el.setCamera({ ...camera, orbit: { ...camera.orbit, radius: 2.9, targetRadius: 2.9 } });
    el.createHighlight([1, 2, 3, 40], { label: 'mine' });
    el.addSnapshot({ label: 'before' });
  };
  /** Calls `act` when the restore's eager phase has been applied (the first correct picture). */
  const onEager = (el: CellucidViewer, act: () => void) => {
    const listener = (e: Event) => {
      if ((e as CustomEvent<RestoreEventDetail>).detail.phase !== 'eager') return;
      el.removeEventListener('cellucid-restore', listener);
      act();
    };
    el.addEventListener('cellucid-restore', listener);
  };

  it('a restore aborted after its eager phase puts back the view from before it: state and picture', async () => {
    const el = await mount();
    await arrange(el);
    const before = el.getViewState();
    const picture = await pngPixels(await el.toBlob());
    const abort = new AbortController();
    let eager = false;
    onEager(el, () => {
      eager = true;
      // The session's field and highlight pages are in by now.
      expect(el.getViewState().activeField).to.equal('obs:quality_score');
      abort.abort();
    });
    const error = await el.loadState(`${SESSIONS}strict-full.cellucid-session`, { signal: abort.signal }).then(
      () => null,
      (e: Error) => e,
    );
    expect(eager).to.equal(true);
    expect(error?.name).to.equal('AbortError');
    expect(el.getViewState()).to.deep.equal(before);
    const after = await pngPixels(await el.toBlob());
    expect(after.data.length).to.equal(picture.data.length);
    expect(after.data.every((v, i) => v === picture.data[i])).to.equal(true);
  });

  it('a session loaded during another restore applies onto the view from before the first', async () => {
    const [a, b] = [await mount(), await mount()];
    await arrange(a);
    await arrange(b);
    // The second session colours by batch and says nothing of groups, snapshots or renames: what
    // the first one brought of those must not stay.
    const batchOnly = new Blob([(await fieldOnlySession('batch')) as BlobPart]);
    let second: Promise<unknown> = Promise.resolve();
    onEager(a, () => (second = a.loadState(batchOnly)));
    const first = await a.loadState(`${SESSIONS}strict-full.cellucid-session`).then(
      () => null,
      (e: Error) => e,
    );
    expect(first?.name).to.equal('AbortError');
    await second;
    await b.loadState(batchOnly);
    expect(b.getViewState().activeField).to.equal('obs:batch');
    expect(a.getViewState()).to.deep.equal(b.getViewState());
    expect(await differingPixels(a, b)).to.equal(0);
  });

  it('a dataset opened during a restore shows that dataset as it opens, with nothing of the session', async () => {
    const el = await mount();
    const other = `${DATASETS}synthetic-cell-types-2d-keybased/`;
    let reloaded: Promise<unknown> = Promise.resolve();
    onEager(el, () => {
      reloaded = waitForEvent(el, 'cellucid-load');
      el.setAttribute('dataset-url', other);
    });
    const error = await el.loadState(`${SESSIONS}strict-full.cellucid-session`).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.name).to.equal('AbortError');
    await reloaded;
    const fresh = await mount(other);
    expect(el.getViewState()).to.deep.equal(fresh.getViewState());
  });
});
