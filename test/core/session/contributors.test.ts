// Each chunk family's contributor: capture writes the newest shape, restore reads it back, and
// the legacy shapes of the older generation read into the same document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { same } from '../plain.js';
import {
  CONTRIBUTORS,
  emptyDocument,
  decodeIndexSet,
  type ChunkMeta,
  type Contributor,
  type SessionDocument,
} from '../../../src/core/session/index.js';
import { chunkPayload } from '../../../src/core/session/contributor.js';
import { defaultCameraState } from '../../../src/core/camera/index.js';

const ctx = { cellCount: 10, generation: 'strict' as const };
const legacy = { cellCount: 10, generation: 'legacy' as const };
const byId = (id: string) => CONTRIBUTORS.find((c) => c.id === id) as Contributor;

function meta(id: string, contributorId: string): ChunkMeta {
  return {
    id,
    contributorId,
    priority: 'eager',
    kind: 'json',
    codec: 'gzip',
    label: id,
    datasetDependent: true,
    storedBytes: 0,
    uncompressedBytes: 0,
  };
}

/** Capture → JSON (as the writer serialises it) → restore into a fresh document. */
function roundTrip(contributor: Contributor, doc: SessionDocument, into = emptyDocument()): SessionDocument {
  for (const chunk of contributor.capture(doc, ctx)) {
    const payload = chunk.kind === 'json' ? JSON.parse(JSON.stringify(chunkPayload(chunk))) : chunkPayload(chunk);
    contributor.restore(into, meta(chunk.id, chunk.contributorId), payload, ctx);
  }
  return into;
}

test('contributors are registered in the canonical order', () => {
  same(
    CONTRIBUTORS.map((c) => c.id),
    [
      'field-overlays',
      'user-defined-codes',
      'cinematic-camera',
      'core-state',
      'dockable-layout',
      'analysis-windows',
      'highlights-meta',
      'highlights-cells',
      'analysis-artifacts',
    ],
  );
});

test('field-overlays: renames, deletions and user fields; legacy nulls read as empty', () => {
  const doc = emptyDocument();
  doc.fieldOverlays = {
    renames: { fields: { 'obs:a': 'A' }, categories: {} },
    deletedFields: { deleted: ['obs:b'], purged: [] },
    userDefinedFields: [
      {
        id: 'udf_1',
        source: 'obs',
        kind: 'category',
        key: 'k',
        isDeleted: false,
        isPurged: false,
        categories: ['x', 'y'],
        codesLength: 10,
        codesType: 'Uint8Array',
        extra: { overlapStrategy: 'first' },
      },
    ],
  };
  const back = roundTrip(byId('field-overlays'), doc);
  same(back.fieldOverlays!.renames, doc.fieldOverlays.renames);
  same(back.fieldOverlays!.userDefinedFields[0].categories, ['x', 'y']);
  const fromLegacy = emptyDocument();
  byId('field-overlays').restore(
    fromLegacy,
    meta('core/field-overlays', 'field-overlays'),
    { renames: null, deletedFields: null, userDefinedFields: [] },
    legacy,
  );
  same(fromLegacy.fieldOverlays!.renames, { fields: {}, categories: {} });
  assert.throws(
    () =>
      byId('field-overlays').restore(
        emptyDocument(),
        meta('core/field-overlays', 'field-overlays'),
        { userDefinedFields: [{ id: 'u', kind: 'category', key: 'k', categories: [], codesLength: 9 }] },
        ctx,
      ),
    /codesLength is 9/,
  );
});

test('user-defined-codes: eager when the field is coloured, codes within the categories', () => {
  const doc = emptyDocument();
  doc.fieldOverlays = {
    renames: { fields: {}, categories: {} },
    deletedFields: { deleted: [], purged: [] },
    userDefinedFields: [
      {
        id: 'udf_1',
        source: 'obs',
        kind: 'category',
        key: 'k',
        isDeleted: false,
        isPurged: false,
        categories: ['x', 'y'],
        codesLength: 10,
        codesType: 'Uint8Array',
        extra: {},
      },
    ],
  };
  doc.userDefinedCodes.set('udf_1', { encoding: 0, codes: Uint8Array.from([0, 1, 0, 1, 0, 1, 0, 1, 255, 0]) });
  const contributor = byId('user-defined-codes');
  assert.equal(contributor.capture(doc, ctx)[0].priority, 'lazy');
  doc.coreState = {
    camera: null,
    liveDimensionLevel: 2,
    uiControls: {},
    filters: {},
    activeFields: { activeFieldKey: 'k', activeFieldSource: 'obs' },
    multiview: null,
  };
  const [chunk] = contributor.capture(doc, ctx);
  assert.equal(chunk.priority, 'eager');
  assert.equal(chunk.label, 'User-defined codes: k');
  const into = emptyDocument();
  into.fieldOverlays = doc.fieldOverlays;
  roundTrip(contributor, doc, into);
  same(Array.from(into.userDefinedCodes.get('udf_1')!.codes), [0, 1, 0, 1, 0, 1, 0, 1, 255, 0]);
  const bad = emptyDocument();
  bad.fieldOverlays = doc.fieldOverlays;
  assert.throws(
    () =>
      contributor.restore(
        bad,
        meta('user-defined/codes/udf_1', 'user-defined-codes'),
        Uint8Array.from([0, 10, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0]),
        ctx,
      ),
    /code 2 but the field has 2 categories/,
  );
});

test('cinematic-camera: the 19-key payload, its mode following the core camera', () => {
  const doc = emptyDocument();
  doc.coreState = {
    camera: defaultCameraState(2),
    liveDimensionLevel: 2,
    uiControls: {},
    filters: {},
    activeFields: { activeFieldKey: null, activeFieldSource: null },
    multiview: null,
  };
  const [chunk] = byId('cinematic-camera').capture(doc, ctx);
  assert.equal(Object.keys(chunk.payload as object).length, 19);
  assert.equal((chunk.payload as { navigationMode: string }).navigationMode, 'planar');
  assert.equal(roundTrip(byId('cinematic-camera'), doc).cinematicCamera!.navigationMode, 'planar');
});

test('core-state: newest shape round-trips; legacy index-keyed visibility reads as category indices', () => {
  const doc = emptyDocument();
  doc.coreState = {
    camera: defaultCameraState(3),
    liveDimensionLevel: 3,
    uiControls: { 'point-size': { type: 'range', value: '3' } },
    filters: {
      'obs:t': {
        kind: 'category',
        filterEnabled: null,
        visibility: [{ categoryName: 'a', visible: false }],
        colors: [],
        colormapId: null,
      },
    },
    activeFields: { activeFieldKey: 't', activeFieldSource: 'obs' },
    multiview: {
      layout: { mode: 'grid', activeId: 'live', liveViewHidden: false },
      camerasLocked: true,
      liveCameraState: defaultCameraState(3),
      snapshots: [],
    },
  };
  same(roundTrip(byId('core-state'), doc).coreState, doc.coreState);
  const old = emptyDocument();
  const warnings: string[] = [];
  byId('core-state').restore(
    old,
    meta('core/state', 'core-state'),
    {
      camera: defaultCameraState(2),
      camerasLocked: true,
      activeDimensionLevel: 2,
      liveDimensionLevel: 2,
      uiControls: {},
      filters: {
        'obs:t': { kind: 'category', filterEnabled: true, visibility: { '1': false }, colors: {}, colormapId: null },
        bogus: {},
      },
      activeFields: { activeFieldKey: 't', activeFieldSource: 'obs', activeVarFieldKey: null },
      multiview: {
        layout: { mode: 'single', activeId: 'live', liveViewHidden: false },
        camerasLocked: true,
        liveCameraState: null,
        snapshots: [],
      },
    },
    { ...legacy, warn: (m) => warnings.push(m) },
  );
  same(old.coreState!.filters['obs:t'], {
    kind: 'category',
    filterEnabled: true,
    visibility: [{ categoryIndex: 1, visible: false }],
    colors: [],
    colormapId: null,
  });
  assert.equal(warnings.length, 1, 'the malformed filter key is skipped and reported');
});

test('dockable-layout: panels in canonical z/id order, the one dataset-agnostic chunk', () => {
  const doc = emptyDocument();
  doc.dockableLayout = {
    panels: [
      { id: 'b', open: true, rect: { left: 1, top: 2, width: 3, height: 4 }, z: 2 },
      { id: 'a', open: false, rect: { left: 1, top: 2, width: 3, height: 4 }, z: 2 },
    ],
  };
  const [chunk] = byId('dockable-layout').capture(doc, ctx);
  assert.equal(chunk.datasetDependent, false);
  same(
    roundTrip(byId('dockable-layout'), doc).dockableLayout!.panels.map((p) => p.id),
    ['a', 'b'],
  );
});

test('analysis-windows: kept as saved', () => {
  const doc = emptyDocument();
  doc.analysisWindows = { windows: [{ modeId: 'x' }] };
  same(roundTrip(byId('analysis-windows'), doc).analysisWindows, doc.analysisWindows);
});

test('highlights-meta and highlights-cells: pages, groups, memberships; empty groups are not written', () => {
  const doc = emptyDocument();
  doc.highlights = {
    pages: [
      {
        id: 'page_1',
        name: 'P',
        color: '#dc2626',
        highlightedGroups: [
          { id: 'highlight_1', type: 'lasso', label: 'L', enabled: true, cellCount: 3 },
          { id: 'highlight_2', type: 'lasso', label: 'Empty', enabled: true, cellCount: 0 },
        ],
      },
    ],
    activePageId: 'page_1',
  };
  doc.highlightCells.set('highlight_1', Uint32Array.from([1, 4, 9]));
  const metaBack = roundTrip(byId('highlights-meta'), doc);
  same(
    metaBack.highlights!.pages[0].highlightedGroups.map((g) => g.id),
    ['highlight_1'],
  );
  const cells = byId('highlights-cells').capture(doc, ctx);
  same(
    cells.map((c) => [c.id, c.label, c.priority]),
    [['highlights/cells/highlight_1', 'Highlight cells: L', 'lazy']],
  );
  same(Array.from(decodeIndexSet(chunkPayload(cells[0]) as Uint8Array, { cellCount: 10, strict: true })), [1, 4, 9]);
  const into = emptyDocument();
  into.highlights = metaBack.highlights;
  roundTrip(byId('highlights-cells'), doc, into);
  same(Array.from(into.highlightCells.get('highlight_1')!), [1, 4, 9]);
  assert.throws(
    () =>
      byId('highlights-cells').restore(
        emptyDocument(),
        meta('highlights/cells/x', 'highlights-cells'),
        Uint8Array.from([1, 10]),
        ctx,
      ),
    /out of range/,
  );
});

test('analysis-artifacts: an empty inventory, 18 bytes of JSON', () => {
  const [chunk] = byId('analysis-artifacts').capture(emptyDocument(), ctx);
  assert.equal(JSON.stringify(chunk.payload).length, 18);
  same(roundTrip(byId('analysis-artifacts'), emptyDocument()).analysisInventory, { artifactIds: [] });
});
