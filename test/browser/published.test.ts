// Start-up restore from the session a dataset publishes in state-snapshots.json, on a dataset
// served under /published/<case>/ by the test server (see web-test-runner.config.mjs).
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { mountViewer, noPublishedSession } from './helpers.js';

const mountPublished = (name: string) => mountViewer({ 'dataset-url': `/published/${name}/` });

/** Resolves at the next restore that reaches its complete phase. */
function nextCompleteRestore(): Promise<void> {
  return new Promise((resolve) => {
    const listener = (e: Event) => {
      if ((e as CustomEvent).detail.phase !== 'complete') return;
      document.removeEventListener('cellucid-restore', listener);
      resolve();
    };
    document.addEventListener('cellucid-restore', listener);
  });
}

/**
 * URLs of this page's requests for a state-snapshots.json started since `since` (a request of an
 * earlier test can end, and be listed, after this test began).
 */
const snapshotRequests = (since: number) =>
  performance
    .getEntriesByType('resource')
    .filter((e) => e.startTime >= since)
    .map((e) => e.name)
    .filter((url) => url.includes('state-snapshots.json'));

describe('<cellucid-viewer> published sessions (state-snapshots.json)', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('an object with a "states" list: the last entry is restored after the dataset loads', async () => {
    const complete = nextCompleteRestore();
    ({ el } = await mountPublished('object-list'));
    await complete;
    const state = el.getViewState();
    expect(state.activeField).to.deep.equal('obs:quality_score');
    expect(state.visibleCount).to.equal(40);
    expect(state.fieldRenames).to.deep.equal({ 'obs:quality_score': 'Quality' });
  });

  it('a bare list of objects: the suffix matches case-insensitively, query and hash ignored, last wins', async () => {
    const complete = nextCompleteRestore();
    ({ el } = await mountPublished('bare-list'));
    await complete;
    expect(el.getViewState().activeField).to.deep.equal('obs:my_label');
    expect(el.getViewState().visibleCount).to.equal(48);
  });

  for (const name of ['html-instead', 'broken-json', 'no-sessions', 'missing']) {
    it(`${name}: a quiet no-op with a console hint; the default view stays`, async () => {
      const errors: string[] = [];
      const onError = (e: Event) => errors.push((e as CustomEvent).detail.message);
      document.addEventListener('cellucid-error', onError);
      let hint: string;
      try {
        // The hint is the start-up's last step when it finds nothing to restore.
        const hinted = noPublishedSession();
        ({ el } = await mountPublished(name));
        hint = await hinted;
      } finally {
        document.removeEventListener('cellucid-error', onError);
      }
      expect(errors).to.deep.equal([]);
      expect(el.getViewState().activeField).to.deep.equal('obs:cell_type');
      expect(hint).to.contain('state-snapshots.json');
    });
  }

  it('session-url wins over the published session', async () => {
    const complete = nextCompleteRestore();
    const since = performance.now();
    ({ el } = await mountViewer({
      'dataset-url': '/published/object-list/',
      'session-url': '/test/fixtures/sessions/legacy-full.cellucid-session',
    }));
    await complete;
    expect(el.getViewState().activeField).to.deep.equal('obs:my_label');
    // The published list is not even read: no second restore can follow.
    expect(snapshotRequests(since)).to.deep.equal([]);
  });
});
