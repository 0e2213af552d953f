// Sessions and datasets that name fields, categories, groups and pages "__proto__",
// "constructor", "prototype" or "toString": the session ↔ view mapping treats them as any other
// name, keeps them through a saved bundle, and never touches a prototype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { same } from '../plain.js';
import {
  defaultPersistedView,
  documentToView,
  viewToDocument,
  type PersistedView,
} from '../../../src/core/state/session-mapping.js';
import { fieldFromHighlightPages } from '../../../src/core/state/field-overlays.js';
import { readSessionDocument, writeSessionBundle } from '../../../src/core/session/index.js';
import { encodeUserCodes } from '../../../src/core/session/codecs/user-codes.js';
import { buildSession, DEMO_FINGERPRINT, json } from '../session/build-session.js';

const NAMES = ['__proto__', 'constructor', 'prototype', 'toString'];
const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Object];

/** Every own property of the built-in prototypes (and of Object), value or accessor. */
function prototypeProperties() {
  return PROTOTYPES.map((p) =>
    Reflect.ownKeys(p).map((k) => {
      const d = Object.getOwnPropertyDescriptor(p, k)!;
      return [k, d.value, d.get, d.set] as const;
    }),
  );
}

function assertPrototypesUnchanged(before: ReturnType<typeof prototypeProperties>): void {
  const after = prototypeProperties();
  assert.deepEqual(
    after.map((p) => p.map(([k]) => String(k))),
    before.map((p) => p.map(([k]) => String(k))),
  );
  after.forEach((props, i) => props.forEach((e, j) => e.forEach((v, k) => assert.equal(v, before[i][j][k]))));
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
  assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
}

/** What a session holds of a view: not the viewer's own settings (autosave keeps those), nor the point size. */
const appSide = (v: Partial<PersistedView>) => {
  const {
    pointSize: _s,
    theme: _t,
    panels: _p,
    panelPositions: _pp,
    background: _b,
    outlierThreshold: _o,
    ...rest
  } = v;
  return rest;
};

/** A dataset whose categorical fields, their categories, continuous fields and genes all bear the names. */
const hostileDataset = {
  obs: new Set(['__proto__', 'constructor', 'prototype', 'toString', 'score']),
  var: new Set(['__proto__', 'toString']),
  categories: new Map([
    ['__proto__', NAMES],
    ['constructor', ['valueOf', '__proto__', 'hasOwnProperty']],
  ]),
  dimensions: [2] as const,
  cellCount: 8,
};
const FP = { ...DEMO_FINGERPRINT, cellCount: 8 };

test('a dataset with prototype-named fields, categories and genes keeps its view through a saved bundle', async () => {
  const before = prototypeProperties();
  const view = defaultPersistedView(2, { source: 'obs', key: '__proto__' });
  view.filters.categories['__proto__'] = { hidden: ['__proto__', 'toString'], enabled: true };
  view.filters.categories['constructor'] = { hidden: ['__proto__'], enabled: false };
  view.filters.ranges['obs:toString'] = { min: 1, max: 2, enabled: true };
  view.filters.ranges['var:__proto__'] = { min: 0, max: 3, enabled: true };
  view.categoryColors['__proto__'] = Object.assign(Object.create(null), { constructor: '#ff0000' });
  view.categoryColors['__proto__']['__proto__'] = '#00ff00';
  view.colorScales['var:toString'] = { colormap: 'magma', log: true };
  view.overlays.fieldRenames.set('obs:prototype', 'toString copy');
  view.overlays.categoryRenames.set('obs:9:__proto__:s:constructor', '__proto__ too');
  view.overlays.deleted.add('obs:score');
  view.highlights = {
    pages: NAMES.map((name, i) => ({
      id: `page_${i + 1}`,
      name,
      color: '#2563eb',
      groups: NAMES.map((label, j) => ({
        id: `highlight_${i * 4 + j + 1}`,
        type: 'lasso' as const,
        label,
        enabled: j % 2 === 0,
        cells: Uint32Array.from([j, j + 1]),
      })),
    })),
    activePageId: 'page_1',
  };
  const bytes = await writeSessionBundle(viewToDocument(view), { fingerprint: FP });
  const { document, report } = await readSessionDocument(bytes, { current: FP });
  assert.deepEqual(report.failed, []);
  const eager = documentToView(document, hostileDataset);
  const late = documentToView(document, hostileDataset, 'complete');
  assert.deepEqual(eager.skipped, []);
  same(appSide({ ...eager.view, ...late.view }), appSide(view));
  // A hidden category of the field named "__proto__" is a filter like any other.
  assert.deepEqual(Object.keys(eager.view.filters!.categories), ['__proto__', 'constructor']);
  assertPrototypesUnchanged(before);
});

test('user fields, categories, groups and pages named like prototype properties round-trip', async () => {
  const before = prototypeProperties();
  const plainDataset = { ...hostileDataset, obs: new Set(['score']), var: new Set<string>(), categories: new Map() };
  const view = defaultPersistedView(2, null);
  const page = {
    id: 'page_1',
    name: '__proto__',
    color: '#2563eb',
    groups: NAMES.map((label, j) => ({
      id: `highlight_${j + 1}`,
      type: 'lasso' as const,
      label,
      enabled: true,
      cells: Uint32Array.from([j * 2, j * 2 + 1]),
    })),
  };
  view.highlights = { pages: [page], activePageId: 'page_1' };
  for (const [i, key] of NAMES.entries())
    view.overlays.userFields.push(fieldFromHighlightPages([{ ...page, name: key }], 8, `udf_${i + 1}`, key));
  view.activeField = { source: 'obs', key: 'toString' };
  // Each page is a category of its name: the field "__proto__" has the category "__proto__".
  view.filters.categories['__proto__'] = { hidden: ['__proto__'], enabled: true };
  view.categoryColors['constructor'] = Object.assign(Object.create(null), { constructor: '#ff0000' });
  const bytes = await writeSessionBundle(viewToDocument(view), { fingerprint: FP });
  const { document } = await readSessionDocument(bytes, { current: FP });
  const eager = documentToView(document, plainDataset);
  const late = documentToView(document, plainDataset, 'complete');
  assert.deepEqual(late.skipped, []);
  same(appSide({ ...eager.view, ...late.view }), appSide(view));
  assertPrototypesUnchanged(before);
});

test('a session colouring a category of a user field keyed "__proto__" changes no prototype', async () => {
  const before = prototypeProperties();
  const codes = new Uint8Array(72);
  const bytes = buildSession([
    {
      id: 'core/field-overlays',
      contributorId: 'field-overlays',
      kind: 'json',
      raw: [
        '{"renames":{"fields":{"__proto__":"x"},"categories":{"toString":"y"}},',
        '"deletedFields":{"deleted":[],"purged":[]},"userDefinedFields":[{"id":"u1","source":"obs",',
        '"kind":"category","key":"__proto__","categories":["isAdmin","toString"],"codesLength":72,',
        '"codesType":"Uint8Array","isDeleted":false,"isPurged":false}]}',
      ].join(''),
    },
    { id: 'user-defined/codes/u1', contributorId: 'user-defined-codes', kind: 'binary', raw: encodeUserCodes(codes) },
    {
      id: 'core/state',
      contributorId: 'core-state',
      kind: 'json',
      raw: json({
        uiControls: JSON.parse('{"__proto__":{"type":"text","value":"x"}}'),
        filters: JSON.parse(
          [
            '{"obs:__proto__":{"kind":"category","filterEnabled":null,',
            '"visibility":[{"categoryName":"toString","visible":false}],',
            '"colors":[{"categoryName":"isAdmin","color":[1,0,0]},{"categoryName":"toString","color":[0,1,0]}],',
            '"colormapId":null}}',
          ].join(''),
        ),
        activeFields: { activeFieldKey: '__proto__', activeFieldSource: 'obs' },
      }),
    },
  ]);
  const { document } = await readSessionDocument(bytes, { current: DEMO_FINGERPRINT });
  const datasetFields = {
    obs: new Set(['score']),
    var: new Set<string>(),
    categories: new Map(),
    dimensions: [2] as const,
  };
  const eager = documentToView(document, datasetFields);
  const late = documentToView(document, { ...datasetFields, cellCount: 72 }, 'complete');
  assertPrototypesUnchanged(before);
  assert.equal(typeof ({} as { toString: unknown }).toString, 'function');
  same(eager.view.categoryColors, JSON.parse('{"__proto__":{"isAdmin":"#ff0000","toString":"#00ff00"}}'));
  assert.deepEqual(late.view.activeField, { source: 'obs', key: '__proto__' });
  same(late.view.filters!.categories, JSON.parse('{"__proto__":{"hidden":["toString"],"enabled":true}}'));
});

test('a user field a session declares under a dataset field’s key never stands in for that field', async () => {
  const bytes = buildSession([
    {
      id: 'core/field-overlays',
      contributorId: 'field-overlays',
      kind: 'json',
      raw: json({
        renames: { fields: {}, categories: {} },
        deletedFields: { deleted: [], purged: [] },
        userDefinedFields: [
          { id: 'u1', source: 'obs', kind: 'category', key: 'constructor', categories: ['forged'], codesLength: 72 },
        ],
      }),
    },
    {
      id: 'user-defined/codes/u1',
      contributorId: 'user-defined-codes',
      kind: 'binary',
      raw: encodeUserCodes(new Uint8Array(72)),
    },
    {
      id: 'core/state',
      contributorId: 'core-state',
      kind: 'json',
      raw: json({
        filters: {
          'obs:constructor': {
            kind: 'category',
            filterEnabled: null,
            visibility: [{ categoryName: 'forged', visible: false }],
            colors: [],
            colormapId: null,
          },
        },
      }),
    },
  ]);
  const { document } = await readSessionDocument(bytes, { current: DEMO_FINGERPRINT });
  const eager = documentToView(document, { ...hostileDataset, cellCount: 72 });
  const late = documentToView(document, { ...hostileDataset, cellCount: 72 }, 'complete');
  same(eager.view.filters!.categories, {});
  assert.deepEqual(late.view.overlays!.userFields, []);
  assert.ok(eager.skipped.some((s) => s.includes('"forged"')));
  assert.ok(late.skipped.some((s) => s.includes('"constructor"') && s.includes('taken')));
});
