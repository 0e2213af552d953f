import { test } from 'node:test';
import assert from 'node:assert/strict';
import { same } from '../plain.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  defaultPersistedView,
  documentToView,
  viewToDocument,
  type PersistedView,
} from '../../../src/core/state/session-mapping.js';
import { defaultCameraState } from '../../../src/core/camera/index.js';
import { emptyOverlays, fieldFromHighlightPages } from '../../../src/core/state/field-overlays.js';
import { emptyViews } from '../../../src/core/state/views.js';
import { emptyHighlights } from '../../../src/core/state/highlights.js';
import { readSessionDocument, writeSessionBundle } from '../../../src/core/session/index.js';
import { FIXTURE_SESSIONS } from '../../fixtures/paths.js';

const fields = {
  obs: new Set(['quality_score', 'library_size', 'cell_type', 'batch']),
  var: new Set(['SYN_MARKER_A']),
  categories: new Map([
    ['cell_type', ['type-a', 'type-b', 'type-c']],
    ['batch', ['b1', 'b2', 'b3']],
  ]),
  dimensions: [2] as const,
};
/** The 2-D demo dataset as a session for the app sees it: its fields' ranges and categories, in the app's order. */
const DATASET = {
  cellCount: 72,
  obs: [
    { key: 'quality_score', kind: 'continuous' as const, min: 0.72, max: 0.88 },
    { key: 'library_size', kind: 'continuous' as const, min: 900, max: 1285 },
    { key: 'cell_type', kind: 'category' as const, categories: ['type-a', 'type-b', 'type-c'] },
    { key: 'batch', kind: 'category' as const, categories: ['b1', 'b2', 'b3'] },
  ],
  genes: [{ key: 'SYN_MARKER_A', min: 1, max: 8.48 }],
  vectorFields: [],
};
const FP = {
  sourceType: 'local-demo',
  datasetId: 'synthetic-cell-types-2d',
  cellCount: 72,
  varCount: 8,
  cellOrder: { dimension: 2 as const, digest: '0f7e35eb3e7a914b' },
};

test('what the viewer shows survives a bundle round trip', async () => {
  const view: PersistedView = {
    camera: {
      ...defaultCameraState(2),
      orbit: { ...defaultCameraState(2).orbit, target: [0.1, -0.2, 0], radius: 2, targetRadius: 2 },
    },
    dimension: 2,
    activeField: { source: 'var', key: 'SYN_MARKER_A' },
    colorScales: {
      'var:SYN_MARKER_A': { colormap: 'magma', log: true },
    },
    categoryColors: { cell_type: { 'type-a': '#ff8000' }, batch: { b2: '#102030' } },
    pointSize: 7,
    theme: 'dark',
    background: '#102030',
    panels: { legend: false, highlights: true },
    panelPositions: { legend: { x: 12.5, y: 40 }, highlights: null },
    filters: {
      categories: { cell_type: { hidden: ['type-b'], enabled: false } },
      ranges: { 'obs:quality_score': { min: 0.75, max: 0.8, enabled: true } },
    },
    highlights: {
      pages: [
        {
          id: 'page_1',
          name: 'Mine',
          color: '#dc2626',
          groups: [
            { id: 'highlight_1', type: 'lasso', label: 'Left', enabled: true, cells: Uint32Array.from([0, 5, 70]) },
          ],
        },
      ],
      activePageId: 'page_1',
    },
    overlays: emptyOverlays(),
    views: {
      layout: 'grid',
      activeId: 'snap_2',
      camerasLocked: false,
      snapshots: [
        {
          id: 'snap_1',
          label: 'by cell type',
          activeField: { source: 'obs', key: 'cell_type' },
          fieldKind: 'category',
          dimension: 2,
          camera: defaultCameraState(2),
          filters: { categories: { batch: { hidden: ['b2'], enabled: true } }, ranges: {} },
          filtersText: ['batch: 1 hidden'],
        },
        {
          id: 'snap_2',
          label: 'plain',
          activeField: null,
          fieldKind: null,
          dimension: 2,
          camera: {
            ...defaultCameraState(2),
            orbit: { ...defaultCameraState(2).orbit, radius: 1.5, targetRadius: 1.5 },
          },
          filters: { categories: {}, ranges: { 'obs:quality_score': { min: 0.7, max: 0.9, enabled: false } } },
          filtersText: [],
        },
      ],
    },
    outlierThreshold: 0.5,
  };
  view.overlays.userFields.push(fieldFromHighlightPages([view.highlights.pages[0]], 72, 'udf_1', 'my_groups'));
  view.overlays.fieldRenames.set('obs:cell_type', 'Cell type');
  view.overlays.categoryRenames.set('obs:9:cell_type:s:type-a', 'Alpha');
  view.overlays.deleted.add('obs:library_size');
  const doc = viewToDocument(view, { dataset: DATASET, base: null });
  // Snapshots carry the app's own words for them, whatever the viewer calls them.
  same(
    doc.coreState!.multiview!.snapshots.map((s) => [s.label, s.fieldKey, s.meta.filtersText]),
    [
      ['Cell type • batch: hiding b2', 'Cell type', ['batch: hiding b2']],
      ['quality_score: 0.70 – 0.90 (disabled)', null, ['quality_score: 0.70 – 0.90 (disabled)']],
    ],
  );
  const bytes = await writeSessionBundle(doc, { fingerprint: FP });
  const { document, report } = await readSessionDocument(bytes, { current: FP });
  same(report.failed, []);
  const back = documentToView(document, { ...fields, dimensions: [2] });
  same(back.skipped, []);
  const later = documentToView(document, { ...fields, dimensions: [2], cellCount: 72 }, 'complete');
  same(appSide({ ...back.view, ...later.view }), appSide(view));
});

/**
 * What a session holds of a view: not the viewer's own settings (autosave keeps those), the point
 * size only to the app slider's step, snapshots under the app's labels.
 */
function appSide(v: Partial<PersistedView>) {
  const { panels: _p, panelPositions: _pp, background: _b, outlierThreshold: _o, pointSize: _s, ...rest } = v;
  return {
    ...rest,
    views: v.views && { ...v.views, snapshots: v.views.snapshots.map((s) => ({ ...s, label: '', filtersText: [] })) },
  };
}

test('an active user-defined field whose codes come late is applied in the complete phase', async () => {
  const highlights = {
    pages: [
      {
        id: 'page_1',
        name: 'P',
        color: '#2563eb',
        groups: [
          { id: 'highlight_1', type: 'lasso' as const, label: 'Left', enabled: true, cells: Uint32Array.from([0, 1]) },
        ],
      },
    ],
    activePageId: 'page_1',
  };
  const overlays = emptyOverlays();
  overlays.userFields.push(fieldFromHighlightPages([highlights.pages[0]], 72, 'udf_1', 'mine'));
  const doc = viewToDocument({
    camera: defaultCameraState(2),
    dimension: 2,
    activeField: { source: 'obs', key: 'mine' },
    colorScales: {},
    categoryColors: {},
    pointSize: null,
    theme: 'light',
    background: null,
    panels: { legend: true, highlights: true },
    panelPositions: { legend: null, highlights: null },
    filters: { categories: { mine: { hidden: ['P'], enabled: true } }, ranges: {} },
    highlights,
    overlays,
    views: emptyViews(),
    outlierThreshold: null,
  });
  const codes = doc.userDefinedCodes.get('udf_1')!;
  doc.userDefinedCodes.delete('udf_1');
  const eager = documentToView(doc, { ...fields, dimensions: [2] });
  assert.equal(eager.view.activeField, undefined);
  same(eager.view.filters!.categories, {});
  same(eager.skipped, []);
  doc.userDefinedCodes.set('udf_1', codes);
  const late = documentToView(doc, { ...fields, dimensions: [2], cellCount: 72 }, 'complete');
  same(late.view.activeField, { source: 'obs', key: 'mine' });
  same(late.view.filters!.categories, { mine: { hidden: ['P'], enabled: true } });
  same(
    late.view.overlays!.userFields.map((f) =>
      f.kind === 'category' ? [f.key, f.categories, f.codes[0], f.codes[2]] : [f.key, f.kind],
    ),
    [['mine', ['P'], 0, 255]],
  );
});

test("an automatic point size is saved as the app's position for the cell count and read back as automatic", () => {
  const view = (pointSize: number | null) =>
    viewToDocument(
      {
        camera: defaultCameraState(2),
        dimension: 2,
        activeField: null,
        colorScales: {},
        categoryColors: {},
        pointSize,
        theme: 'light',
        background: null,
        panels: { legend: true, highlights: true },
        panelPositions: { legend: null, highlights: null },
        filters: { categories: {}, ranges: {} },
        highlights: emptyHighlights(),
        overlays: emptyOverlays(),
        views: emptyViews(),
        outlierThreshold: null,
      },
      { dataset: DATASET, base: null },
    );
  const auto = view(null);
  same(auto.coreState!.uiControls['point-size'], { type: 'range', value: '81' });
  assert.equal(documentToView(auto, { ...fields, dimensions: [2], cellCount: 72 }).view.pointSize, null);
  // Without the cell count (or for another dataset's count) the position is a size like any other.
  assert.ok(Math.abs(documentToView(auto, { ...fields, dimensions: [2] }).view.pointSize! - 56.16) < 0.01);
  assert.ok(Math.abs(documentToView(view(7), { ...fields, dimensions: [2], cellCount: 72 }).view.pointSize! - 7) < 0.2);
});

test("the fixtures' user-defined field and renames are restored", async () => {
  for (const name of ['strict-full', 'legacy-full']) {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURE_SESSIONS, `${name}.cellucid-session`)));
    const { document } = await readSessionDocument(bytes, { current: FP });
    const { view } = documentToView(document, { ...fields, dimensions: [2], cellCount: 72 }, 'complete');
    same(
      view.overlays!.userFields.map((f) =>
        f.kind === 'category' ? [f.id, f.key, f.categories, f.codes.length] : [f.id, f.key, f.kind],
      ),
      [['udf_1', 'my_label', ['A', 'B', 'C'], 72]],
    );
    if (name === 'strict-full') same([...view.overlays!.fieldRenames], [['obs:quality_score', 'Quality']]);
  }
});

test('the strict fixture maps to its field, camera and colormap; what cannot be shown is reported', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURE_SESSIONS, 'strict-full.cellucid-session')));
  const { document } = await readSessionDocument(bytes, { current: FP });
  const { view, skipped } = documentToView(document, { ...fields, dimensions: [2] });
  same(view.activeField, { source: 'obs', key: 'quality_score' });
  assert.equal(view.camera!.navigationMode, 'planar');
  same(view.colorScales, { 'obs:quality_score': { colormap: 'magma', log: false } });
  same(view.filters!.ranges, {
    'obs:quality_score': { min: 0.7596850395202637, max: 0.8396850228309631, enabled: true },
  });
  const h = documentToView(document, { ...fields, dimensions: [2], cellCount: 72 }, 'complete').view.highlights!;
  same(
    h.pages.map((p) => [p.id, p.groups.map((g) => [g.id, g.cells.length, g.enabled])]),
    [
      ['page_1', [['highlight_1', 24, true]]],
      ['page_2', [['highlight_2', 24, false]]],
    ],
  );
  same(
    view.views!.snapshots.map((s) => [s.id, s.label, s.activeField, s.dimension]),
    [['snap_1', 'by cell_type', { source: 'obs', key: 'cell_type' }, 2]],
  );
  assert.equal(view.views!.layout, 'grid');
  same(skipped, []);
});

test('fields and embeddings the dataset lacks are skipped with a reason', async () => {
  const doc = viewToDocument({
    camera: defaultCameraState(3),
    dimension: 3,
    activeField: { source: 'obs', key: 'nope' },
    colorScales: {},
    categoryColors: {},
    pointSize: null,
    theme: 'light',
    background: null,
    panels: { legend: true, highlights: true },
    panelPositions: { legend: null, highlights: null },
    filters: { categories: {}, ranges: {} },
    highlights: { pages: [{ id: 'page_1', name: 'Page 1', color: '#2563eb', groups: [] }], activePageId: 'page_1' },
    overlays: emptyOverlays(),
    views: emptyViews(),
    outlierThreshold: null,
  });
  const { view, skipped } = documentToView(doc, { ...fields, dimensions: [2] });
  assert.equal(view.activeField, undefined);
  assert.equal(view.dimension, undefined);
  assert.equal(skipped.length, 2);
});

test('the legacy fixture hides its category by index, read as a name', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURE_SESSIONS, 'legacy-full.cellucid-session')));
  const { document } = await readSessionDocument(bytes, { current: FP });
  const { view } = documentToView(document, { ...fields, dimensions: [2] });
  same(view.filters!.categories, { cell_type: { hidden: ['type-b'], enabled: true } });
});

test(
  'continuous user fields (copies of a field or gene) come back in the first phase, with what refers ' + 'to them',
  async () => {
    const overlays = emptyOverlays();
    const copyOfScore = {
      kind: 'continuous' as const,
      source: 'obs' as const,
      id: 'udf_1',
      key: 'score copy',
      sourceKey: 'quality_score',
      extra: {
        sourceField: { sourceKey: 'quality_score', sourceIndex: 0, kind: 'continuous' },
        operation: { type: 'copy' },
        createdAt: 5,
      },
    };
    const copyOfGene = {
      kind: 'continuous' as const,
      source: 'var' as const,
      id: 'udf_2',
      key: 'marker copy',
      sourceKey: 'SYN_MARKER_A',
      extra: {
        sourceField: { sourceKey: 'SYN_MARKER_A', kind: 'continuous' },
        operation: { type: 'copy' },
        createdAt: 6,
      },
    };
    overlays.userFields.push(copyOfScore, copyOfGene);
    overlays.deleted.add('var:marker copy');
    const view: PersistedView = {
      camera: defaultCameraState(2),
      dimension: 2,
      activeField: { source: 'obs', key: 'score copy' },
      colorScales: { 'obs:score copy': { colormap: 'magma', log: false } },
      categoryColors: {},
      pointSize: null,
      theme: 'light',
      background: null,
      panels: { legend: true, highlights: true },
      panelPositions: { legend: null, highlights: null },
      filters: { categories: {}, ranges: { 'obs:score copy': { min: 0.7, max: 0.8, enabled: true } } },
      highlights: emptyHighlights(),
      overlays,
      views: emptyViews(),
      outlierThreshold: null,
    };
    const doc = viewToDocument(view);
    const written = doc.fieldOverlays!.userDefinedFields;
    same(
      written.map((f) => [f.id, f.source, f.kind, f.key, f.isDeleted]),
      [
        ['udf_1', 'obs', 'continuous', 'score copy', false],
        ['udf_2', 'var', 'continuous', 'marker copy', true],
      ],
    );
    assert.equal(doc.userDefinedCodes.size, 0, 'a continuous copy has no codes chunk');
    const bytes = await writeSessionBundle(doc, { fingerprint: FP });
    const { document, report } = await readSessionDocument(bytes, { current: FP });
    same(report.failed, []);
    const eager = documentToView(document, { ...fields, dimensions: [2] });
    same(eager.skipped, []);
    same(eager.view.activeField, { source: 'obs', key: 'score copy' });
    same(eager.view.filters!.ranges, view.filters.ranges);
    same(eager.view.overlays, overlays);
    // On a dataset without the source field, the copy and what refers to it are skipped and said.
    const without = { ...fields, obs: new Set(['cell_type', 'batch']), dimensions: [2] as const, cellCount: 72 };
    const late = documentToView(document, without, 'complete');
    same(
      late.view.overlays!.userFields.map((f) => f.key),
      ['marker copy'],
    );
    assert.ok(
      late.skipped.some((s) => s.includes('"score copy"') && s.includes('"quality_score"')),
      late.skipped.join('; '),
    );
    assert.ok(documentToView(document, without).skipped.some((s) => s.includes('score copy')));
    // A name given to a user field is kept beside it: the app shows its own fields under their key.
    overlays.fieldRenames.set('obs:score copy', 'Score (mine)');
    const renamed = viewToDocument(view).fieldOverlays!;
    same(
      renamed.userDefinedFields.map((f) => f.key),
      ['score copy', 'marker copy'],
    );
    same(renamed.renames.fields, { 'obs:score copy': 'Score (mine)' });
  },
);

test('proximity, KNN, annotation and combined highlight groups survive a bundle round trip exactly', async () => {
  const cells = (...i: number[]) => Uint32Array.from(i);
  const highlights: PersistedView['highlights'] = {
    activePageId: 'page_2',
    pages: [
      {
        id: 'page_1',
        name: 'Page 1',
        color: '#2563eb',
        groups: [
          { id: 'highlight_1', type: 'proximity', label: 'Near 5', enabled: true, cells: cells(4, 5, 6) },
          { id: 'highlight_2', type: 'knn', label: 'Neighbours of 0', enabled: false, cells: cells(0, 1, 5, 6, 18) },
        ],
      },
      {
        id: 'page_2',
        name: 'Values',
        color: '#dc2626',
        groups: [
          {
            id: 'highlight_3',
            type: 'annotation',
            label: 'quality_score: 0.76–0.80',
            enabled: true,
            cells: cells(2, 3, 71),
          },
          { id: 'highlight_4', type: 'combined', label: 'Selection 4', enabled: true, cells: cells(10, 11) },
        ],
      },
    ],
  };
  const view: PersistedView = { ...defaultPersistedView(2), highlights };
  const bytes = await writeSessionBundle(viewToDocument(view), { fingerprint: FP });
  const { document } = await readSessionDocument(bytes, { current: FP });
  const eager = documentToView(document, fields);
  const later = documentToView(document, { ...fields, cellCount: 72 }, 'complete');
  same(eager.skipped, []);
  same({ ...eager.view, ...later.view }.highlights, highlights);
});
