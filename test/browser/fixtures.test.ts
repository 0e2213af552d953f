// Every session fixture gives the outcome its .expected.json describes, the viewer part included.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, SESSIONS, mountViewer } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;
const NAMES = [
  'bad-magic',
  'chunk-length-mismatch',
  'corrupt-lazy-chunk',
  'indices-out-of-range',
  'legacy-full',
  'manifest-length-huge',
  'mismatch-other-dataset',
  'proto-pollution',
  'strict-full',
  'truncated',
  'unknown-contributor',
  'zip-bomb',
];

interface Expected {
  readable: boolean | 'partial';
  datasetMatches?: boolean;
  errorIncludes?: string;
  viewer?: {
    activeField?: { source: string; key: string };
    navigationMode?: string;
    visibleCount?: number;
    highlightGroups?: Record<string, number>;
    activeHighlightPage?: string;
    snapshots?: number;
    layout?: string;
    fieldRenames?: Record<string, string>;
    failedChunks?: string[];
    skippedChunks?: string[];
    mismatchReported?: boolean;
    objectPrototypePolluted?: boolean;
  };
}

describe('<cellucid-viewer> session fixtures', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  for (const name of NAMES) {
    it(`${name}: as its expectations say`, async () => {
      const expected: Expected = await (await fetch(`${SESSIONS}${name}.expected.json`)).json();
      ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
      const before = el.getViewState();
      const errors: string[] = [];
      el.addEventListener('cellucid-error', (e) => errors.push((e as CustomEvent).detail.message));
      const outcome = await el.loadState(`${SESSIONS}${name}.cellucid-session`).then(
        (report) => ({ report, error: null as Error | null }),
        (error: Error) => ({ report: null, error }),
      );
      if (expected.readable === false) {
        expect(outcome.error, 'an unreadable file rejects').to.be.instanceOf(Error);
        expect(outcome.error!.message.toLowerCase()).to.contain(expected.errorIncludes!.toLowerCase());
        expect(el.getViewState(), 'and changes nothing').to.deep.equal(before);
        return;
      }
      if (expected.readable === 'partial') {
        // Framing breaks part-way: a clear error or a report with failures, never a crash.
        if (outcome.error)
          expect(outcome.error.message.toLowerCase()).to.contain(expected.errorIncludes!.toLowerCase());
        else expect(outcome.report!.failed.length).to.be.above(0);
        return;
      }
      expect(outcome.error).to.equal(null);
      const report = outcome.report!;
      const v = expected.viewer!;
      expect(report.datasetMatches).to.equal(expected.datasetMatches);
      const state = el.getViewState();
      if (v.mismatchReported) {
        expect(report.mismatch).to.not.equal(undefined);
        const { camera: _c, ...rest } = state;
        const { camera: _b, ...restBefore } = before;
        expect(rest).to.deep.equal(restBefore);
        return;
      }
      // The expectations name the field as the session does; the viewer names it by its FieldRef.
      const field = v.activeField && `${v.activeField.source}:${v.activeField.key}`;
      expect(state.activeField).to.equal(field);
      expect(state.camera.navigationMode).to.equal(v.navigationMode);
      expect(state.visibleCount).to.equal(v.visibleCount);
      const groups = Object.fromEntries(
        state.highlights.pages.flatMap((p) => p.groups.map((g) => [g.id, g.cellCount])),
      );
      expect(groups).to.deep.equal(v.highlightGroups);
      if (v.activeHighlightPage) expect(state.highlights.activePageId).to.equal(v.activeHighlightPage);
      if (v.fieldRenames) expect(state.fieldRenames).to.deep.equal(v.fieldRenames);
      expect(state.views.snapshots.length).to.equal(v.snapshots);
      if (v.layout) expect(state.views.layout).to.equal(v.layout);
      expect(report.failed.map((f) => f.id)).to.deep.equal(v.failedChunks ?? []);
      for (const id of v.skippedChunks ?? []) expect(report.skipped).to.include(id);
      if (v.objectPrototypePolluted === false) expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(errors).to.deep.equal([]);
    });
  }
});
