// The conformance check itself: a file shaped exactly as the Cellucid app writes one passes; files
// that break its rules are caught, each rule by its own problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appSessionProblems } from '../conformance/app-session.js';
import { appDataset } from '../conformance/datasets.js';
import { FIXTURE_DATASETS, FIXTURE_SESSIONS } from '../fixtures/paths.js';
import { defaultPersistedView, documentToView, viewToDocument } from '../../src/core/state/session-mapping.js';
import { fieldFromHighlightPages } from '../../src/core/state/field-overlays.js';
import { readSessionDocument, writeSessionBundle } from '../../src/core/session/index.js';
import { DEMO_FINGERPRINT as FP } from './session/build-session.js';
import { same } from './plain.js';

const TWO_D = path.join(FIXTURE_DATASETS, 'cellucid-demo/synthetic-cell-types-2d');
const dataset = () => appDataset(async (file) => JSON.parse(readFileSync(path.join(TWO_D, file), 'utf8')));
const session = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURE_SESSIONS, `${name}.cellucid-session`)));

test('a session shaped exactly as the app writes one has no problem', async () => {
  assert.deepEqual(await appSessionProblems(session('app-exact-2d'), await dataset()), []);
});

test('the strict fixture is framed right but its contents break the app’s rules', async () => {
  const problems = await appSessionProblems(session('strict-full'), await dataset());
  const has = (re: RegExp) =>
    assert.ok(
      problems.some((p) => re.test(p)),
      `${re} in ${problems.join('\n')}`,
    );
  has(/UI control "cellucid-viewer:|UI state is missing control "point-size"/);
  has(/snapshot 0 label/);
});

test('what the viewer writes follows the rules: renames, deletions, user fields, filters, snapshots', async () => {
  const ds = await dataset();
  const view = defaultPersistedView(2, { source: 'obs', key: 'cell_type' });
  const page = {
    id: 'page_1',
    name: 'Left',
    color: '#dc2626',
    groups: [{ id: 'highlight_1', type: 'lasso' as const, label: 'a', enabled: true, cells: Uint32Array.from([1, 2]) }],
  };
  view.highlights = { pages: [page], activePageId: 'page_1' };
  view.overlays.userFields.push(fieldFromHighlightPages([page], 72, 'udf_1', 'mine'));
  view.overlays.fieldRenames.set('obs:cell_type', 'Cell type');
  view.overlays.categoryRenames.set('obs:9:cell_type:s:type-b', 'B cells');
  view.overlays.deleted.add('obs:batch');
  view.filters.categories.cell_type = { hidden: ['type-c', 'type-b'], enabled: true };
  view.filters.categories.batch = { hidden: ['batch-1'], enabled: true };
  view.filters.ranges['obs:quality_score'] = { min: 0.75, max: 0.8, enabled: false };
  view.filters.ranges['obs:library_size'] = { min: 900, max: 1285, enabled: true };
  view.colorScales['var:SYN_MARKER_A'] = { colormap: 'magma', log: true };
  view.views.snapshots.push({
    id: 'snap_1',
    label: 'my view',
    activeField: { source: 'var', key: 'SYN_MARKER_A' },
    fieldKind: 'continuous',
    dimension: 2,
    camera: view.camera,
    filters: {
      categories: { cell_type: { hidden: ['type-b'], enabled: true } },
      ranges: { 'var:SYN_MARKER_A': { min: 2, max: 5, enabled: true } },
    },
    filtersText: [],
  });
  const doc = viewToDocument(view, { dataset: ds, base: null });
  const bytes = await writeSessionBundle(doc, { fingerprint: FP });
  assert.deepEqual(await appSessionProblems(bytes, ds), []);
  const [snap] = doc.coreState!.multiview!.snapshots;
  assert.equal(snap.label, 'SYN_MARKER_A • Cell type: hiding B cells');
  assert.deepEqual(snap.meta.filtersText, ['Cell type: hiding B cells', 'SYN_MARKER_A: 2.00 – 5.00']);
  assert.deepEqual(Object.keys(doc.coreState!.filters).sort(), [
    'obs:Cell type',
    'obs:quality_score',
    'var:SYN_MARKER_A',
  ]);
});

test('an app session saved unchanged keeps what the viewer does not model; a change changes only itself', async () => {
  const ds = await dataset();
  const expected = JSON.parse(readFileSync(path.join(FIXTURE_SESSIONS, 'app-exact-2d.expected.json'), 'utf8'));
  const { document: base } = await readSessionDocument(session('app-exact-2d'), { current: FP });
  const catalog = {
    obs: new Set(ds.obs.map((f) => f.key)),
    var: new Set(ds.genes.map((g) => g.key)),
    categories: new Map(ds.obs.flatMap((f) => (f.categories ? [[f.key, f.categories] as const] : []))),
    dimensions: [2] as const,
    cellCount: 72,
  };
  const view = defaultPersistedView(2);
  Object.assign(view, documentToView(base, catalog).view, documentToView(base, catalog, 'complete').view);
  const resave = async (v: typeof view) => {
    const bytes = await writeSessionBundle(viewToDocument(v, { dataset: ds, base }), { fingerprint: FP });
    assert.deepEqual(await appSessionProblems(bytes, ds), []);
    return (await readSessionDocument(bytes, { current: FP })).document;
  };
  const again = await resave(view);
  same(again.cinematicCamera, base.cinematicCamera);
  same(again.dockableLayout, base.dockableLayout);
  same(again.analysisWindows, base.analysisWindows);
  same(again.analysisInventory, base.analysisInventory);
  same(again.coreState!.uiControls, base.coreState!.uiControls);
  const controls = again.coreState!.uiControls;
  for (const [id, value] of Object.entries(expected.roundTrip.uiControlsChanged)) {
    const c = controls[id] as { value?: unknown; checked?: unknown; open?: unknown; pressedId?: unknown };
    assert.equal(c.value ?? c.checked ?? c.open ?? c.pressedId, value, id);
  }
  same(again.coreState!.multiview, base.coreState!.multiview);
  same(again.highlights, base.highlights);
  // The user switches to the dark theme: that control, and nothing else, differs.
  const dark = await resave({ ...view, theme: 'dark' });
  const changed = Object.keys(controls).filter(
    (id) => JSON.stringify(dark.coreState!.uiControls[id]) !== JSON.stringify(controls[id]),
  );
  assert.deepEqual(changed, ['theme-select']);
  same(dark.cinematicCamera, base.cinematicCamera);
  same(dark.analysisWindows, base.analysisWindows);
});
