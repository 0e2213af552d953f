// The untrusted JSON of a link back to a ShareView (cells still to come: see wire.ts). Maps keyed
// by data are Maps or null-prototype records; every length is bounded before use.
import { validateCameraState } from '../camera/camera.js';
import type { CameraState } from '../camera/camera-state.js';
import type { HighlightGroupType } from '../session/document.js';
import type { DatasetFingerprint } from '../session/fingerprint.js';
import type { ActiveField } from '../state/active-field.js';
import { formatFieldRef, readFieldRef, type FieldRef } from '../state/field-ref.js';
import type { HighlightGroup, HighlightState } from '../state/highlights.js';
import type { PersistedFilters } from '../state/persisted-view.js';
import { MAX_SNAPSHOTS, type Snapshot, type ViewsState } from '../state/views.js';
import { at, fail, finite, flag, integer, list, obj, oneOf, optText, record, text, textPairs } from './json-reader.js';
import type { OmittedPart, ShareView } from './share-view.js';

const GROUP_TYPES: readonly HighlightGroupType[] = [
  'annotation',
  'category',
  'combined',
  'knn',
  'lasso',
  'proximity',
  'range',
];
const MAX_PAGES = 100;
const MAX_CELLS = 2 ** 32 - 1;

function field(v: unknown, where: string): ActiveField | null {
  return v === null ? null : (readFieldRef(text(v, where)) ?? fail(`${where} must be "obs:<field>" or "var:<gene>"`));
}

function fieldRef(v: unknown, where: string): FieldRef | null {
  const f = field(v, where);
  return f && formatFieldRef(f);
}

function camera(v: unknown, where: string): CameraState {
  try {
    return validateCameraState(v);
  } catch (err) {
    return fail(`${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function fingerprint(v: unknown): DatasetFingerprint {
  const o = obj(v, 'the dataset fingerprint');
  const out: DatasetFingerprint = {
    sourceType: optText(at(o, 'sourceType') ?? null, 'sourceType'),
    datasetId: optText(at(o, 'datasetId') ?? null, 'datasetId'),
  };
  if (at(o, 'cellCount') !== undefined) out.cellCount = integer(at(o, 'cellCount'), 'cellCount', 0, MAX_CELLS);
  if (at(o, 'varCount') !== undefined) out.varCount = integer(at(o, 'varCount'), 'varCount', 0, MAX_CELLS);
  const order = at(o, 'cellOrder');
  if (order !== undefined) {
    const c = obj(order, 'cellOrder');
    const digest = text(at(c, 'digest'), 'cellOrder.digest');
    if (!/^[0-9a-f]{16}$/.test(digest)) fail('cellOrder.digest must be 16 hexadecimal digits');
    out.cellOrder = { dimension: oneOf(at(c, 'dimension'), 'cellOrder.dimension', [1, 2, 3] as const), digest };
  }
  return out;
}

function filters(v: unknown, where: string): PersistedFilters {
  const o = obj(v, where);
  return {
    categories: record(at(o, 'categories'), `${where}.categories`, (c, w) => {
      const f = obj(c, w);
      const hidden = list(at(f, 'hidden'), `${w}.hidden`).map((h, i) => text(h, `${w}.hidden[${i}]`));
      return { hidden, enabled: flag(at(f, 'enabled'), `${w}.enabled`) };
    }),
    ranges: record(at(o, 'ranges'), `${where}.ranges`, (r, w) => {
      const f = obj(r, w);
      const [min, max] = [finite(at(f, 'min'), `${w}.min`), finite(at(f, 'max'), `${w}.max`)];
      return { min, max, enabled: flag(at(f, 'enabled'), `${w}.enabled`) };
    }),
  };
}

function snapshot(v: unknown, where: string): Snapshot {
  const s = obj(v, where);
  return {
    id: text(at(s, 'id'), `${where}.id`),
    label: text(at(s, 'l'), `${where}.label`),
    activeField: field(at(s, 'a'), `${where}.field`),
    fieldKind: oneOf(at(s, 'k'), `${where}.fieldKind`, ['category', 'continuous', null] as never[]),
    dimension: oneOf(at(s, 'd'), `${where}.dimension`, [1, 2, 3] as const),
    camera: camera(at(s, 'c'), `${where}.camera`),
    filters: filters(at(s, 'x'), `${where}.filters`),
    filtersText: list(at(s, 't'), `${where}.filtersText`).map((t, i) => text(t, `${where}.filtersText[${i}]`)),
  };
}

function views(v: unknown): ViewsState {
  const o = obj(v, 'the views');
  return {
    layout: oneOf(at(o, 'l'), 'the layout', ['single', 'grid'] as const),
    activeId: text(at(o, 'a'), 'the active view'),
    camerasLocked: flag(at(o, 'k'), 'camerasLocked'),
    snapshots: list(at(o, 's'), 'the snapshots', MAX_SNAPSHOTS).map((s, i) => snapshot(s, `snapshot ${i + 1}`)),
  };
}

function group(v: unknown, where: string): HighlightGroup {
  const g = obj(v, where);
  const out: HighlightGroup = {
    id: text(at(g, 'id'), `${where}.id`),
    type: oneOf(at(g, 'type'), `${where}.type`, GROUP_TYPES),
    label: text(at(g, 'label'), `${where}.label`),
    enabled: flag(at(g, 'enabled'), `${where}.enabled`),
    cells: new Uint32Array(0),
  };
  const has = (key: string) => at(g, key) !== undefined;
  if (has('fieldKey')) out.fieldKey = text(at(g, 'fieldKey'), `${where}.fieldKey`);
  if (has('fieldIndex')) out.fieldIndex = integer(at(g, 'fieldIndex'), `${where}.fieldIndex`, 0, MAX_CELLS);
  if (has('fieldSource'))
    out.fieldSource = oneOf(at(g, 'fieldSource'), `${where}.fieldSource`, ['obs', 'var'] as const);
  if (has('categoryIndex')) out.categoryIndex = integer(at(g, 'categoryIndex'), `${where}.categoryIndex`, 0, MAX_CELLS);
  if (has('categoryName')) out.categoryName = text(at(g, 'categoryName'), `${where}.categoryName`);
  if (has('rangeMin')) out.rangeMin = finite(at(g, 'rangeMin'), `${where}.rangeMin`);
  if (has('rangeMax')) out.rangeMax = finite(at(g, 'rangeMax'), `${where}.rangeMax`);
  return out;
}

function highlights(v: unknown): HighlightState {
  const o = obj(v, 'the highlights');
  const pages = list(at(o, 'p'), 'the highlight pages', MAX_PAGES).map((p, i) => {
    const page = obj(p, `highlight page ${i + 1}`);
    const where = `highlight page ${i + 1}`;
    return {
      id: text(at(page, 'id'), `${where}.id`),
      name: text(at(page, 'n'), `${where}.name`),
      color: text(at(page, 'c'), `${where}.color`),
      groups: list(at(page, 'g'), `${where}.groups`).map((g, j) => group(g, `${where} group ${j + 1}`)),
    };
  });
  return { pages, activePageId: text(at(o, 'a'), 'the active highlight page') };
}

function omitted(v: unknown): OmittedPart[] {
  const parts = ['highlight-group', 'snapshots', 'renames', 'filters'] as const;
  return list(v, 'the omitted parts').map((p, i) => {
    const o = obj(p, `omitted part ${i + 1}`);
    const part: OmittedPart = {
      part: oneOf(at(o, 'part'), `omitted part ${i + 1}`, parts),
      description: text(at(o, 'description'), `omitted part ${i + 1}.description`),
    };
    if (at(o, 'id') !== undefined) part.id = text(at(o, 'id'), `omitted part ${i + 1}.id`);
    return part;
  });
}

/** The view of a link's JSON, each highlight group's cells empty until the wire fills them in. */
export function readShareJson(json: unknown): { view: ShareView; omitted: OmittedPart[] } {
  const o = obj(json, 'the view');
  const view: ShareView = {
    fingerprint: fingerprint(at(o, 'f')),
    dimension: oneOf(at(o, 'd'), 'the dimension', [1, 2, 3] as const),
    activeField: fieldRef(at(o, 'a'), 'the active field'),
    camera: camera(at(o, 'c'), 'the camera'),
    filters: filters(at(o, 'x'), 'the filters'),
    renames: {
      fields: textPairs(at(o, 'r'), 'the field renames'),
      categories: textPairs(at(o, 'k'), 'the category renames'),
    },
    views: views(at(o, 'v')),
    highlights: highlights(at(o, 'h')),
  };
  return { view, omitted: omitted(at(o, 'o')) };
}
