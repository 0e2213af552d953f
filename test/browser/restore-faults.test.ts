// Faults on the restore side: a session whose field cannot be loaded reports it once, and a
// restore cancelled part-way leaves the viewer as it was before it began.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import type { ErrorEventDetail, RestoreEventDetail } from '../../src/element/events.js';
import { DEMO, mountViewer, waitForEvent } from './helpers.js';

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
});
