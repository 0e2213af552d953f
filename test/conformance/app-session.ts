// Does the newest Cellucid web app accept this session? The app's rules, written out independently
// of the viewer's code: the closed control inventory, snapshot replay (labels and filter lines),
// filters and what they may refer to, user-defined field shapes, the chunk registry, and the
// writing rules ("modified only", displayed names). Returns every problem found, in plain words;
// an empty list means the file follows the rules. Runs in Node and in the browser.
import { openSessionBundle } from '../../src/core/session/index.js';
import { APP_CONTROLS as CONTROLS } from './app-controls.js';

/** The dataset the session was written for, as the app sees it (fields in its order). */
export interface AppDataset {
  cellCount: number;
  /** Continuous fields as obs_manifest.json lists them, then categorical ones. */
  obs: Array<{ key: string; kind: 'category' | 'continuous'; min?: number; max?: number; categories?: string[] }>;
  genes: Array<{ key: string; min: number; max: number }>;
  vectorFields: string[];
}

type Obj = Record<string, unknown>;
interface ControlSpec {
  type: string;
  min?: string;
  max?: string;
  options?: string[];
}

const CONTRIBUTORS = [
  'field-overlays',
  'user-defined-codes',
  'cinematic-camera',
  'core-state',
  'dockable-layout',
  'analysis-windows',
  'highlights-meta',
  'highlights-cells',
  'analysis-artifacts',
];
const SINGLETONS = [
  'core/field-overlays',
  'core/state',
  'ui/dockable-layout',
  'analysis/windows',
  'highlights/meta',
  'analysis/cache-inventory',
  'cinematic/camera',
];
const RECORD_KEYS: Record<string, string> = {
  checkbox: 'checked, type',
  details: 'open, type',
  'pressed-group': 'pressedId, type',
};
const CATEGORY_FILTER_KEYS = 'colormapId, colors, filterEnabled, kind, visibility';
const CONTINUOUS_FILTER_KEYS =
  'colorRange, colormapId, filter, filterEnabled, kind, outlierFilterEnabled, outlierThreshold, ' +
  'useFilterColorRange, useLogScale';
const CATEGORY_ITEM_KEYS =
  'id, source, kind, key, categories, isDeleted, isPurged, codesLength, codesType, centroidsByDim, normalizedDims, ' +
  'sourceField, operation, sourcePages, overlapStrategy, overlapLabel, intersectionLabels, uncoveredLabel, createdAt';
const CONTINUOUS_ITEM_KEYS = 'id, source, kind, key, isDeleted, isPurged, sourceField, operation, createdAt';
const SNAPSHOT_KEYS = 'activeFields, cameraState, dimensionLevel, fieldKey, fieldKind, filters, id, label, meta';

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const keys = (o: Obj, sorted = true) => (sorted ? Object.keys(o).sort() : Object.keys(o)).join(', ');
const trimmed = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.trim() === v;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The app's field-name rule (StateValidator.validateFieldKey). */
function badFieldKey(key: unknown): string | null {
  if (typeof key !== 'string' || !key) return 'must be a non-empty string';
  if (key.trim() !== key) return 'has leading or trailing whitespace';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u200b\u2060\ufeff]/.test(key)) return 'contains a control or zero-width character';
  return null;
}

/** Every problem the app (and the Python reader, for user-defined fields) would find in this session. */
export async function appSessionProblems(file: Blob | Uint8Array, dataset: AppDataset): Promise<string[]> {
  const problems: string[] = [];
  const say = (m: string) => problems.push(m);
  const opened = await openSessionBundle(file);
  const payloads = new Map<string, unknown>();
  const labels = new Map<string, string>();
  const ids: string[] = [];
  for await (const chunk of opened.chunks()) {
    const { id, contributorId, label } = chunk.meta as { id: string; contributorId: string; label?: string };
    ids.push(id);
    if (!CONTRIBUTORS.includes(contributorId)) say(`contributor "${contributorId}" of chunk "${id}" is not registered`);
    if (!chunk.ok) say(`chunk "${id}" cannot be read: ${chunk.error?.message}`);
    else payloads.set(id, chunk.payload);
    labels.set(id, label ?? '');
  }
  for (const id of SINGLETONS) {
    const n = ids.filter((x) => x === id).length;
    if (n !== 1) say(`singleton chunk "${id}" appears ${n} times`);
  }
  const overlays = payloads.get('core/field-overlays');
  const state = payloads.get('core/state');
  if (!isObj(overlays) || !isObj(state)) return [...problems, 'core/field-overlays or core/state is not an object'];

  const inventory = fieldInventory(overlays, dataset, say);
  checkUserFields(overlays, dataset, ids, labels, say);
  checkControls(state.uiControls, dataset, say);
  const filters = (where: string, v: unknown) => checkFilters(where, v, inventory, say);
  filters('filters', state.filters);
  const active = checkActive('activeFields', state.activeFields, inventory, say);
  void active;
  const mv = state.multiview;
  if (!isObj(mv)) return [...problems, 'core/state.multiview is not an object'];
  if (keys(mv) !== 'camerasLocked, layout, liveCameraState, snapshots') say(`multiview has keys ${keys(mv)}`);
  const layout = isObj(mv.layout) ? mv.layout : {};
  if (keys(layout) !== 'activeId, liveViewHidden, mode') say(`multiview.layout has keys ${keys(layout)}`);
  if (layout.mode !== 'single' && layout.mode !== 'grid') say(`multiview layout mode is ${String(layout.mode)}`);
  const snapshots = Array.isArray(mv.snapshots) ? mv.snapshots : [];
  const snapIds = new Set<unknown>();
  snapshots.forEach((s: unknown, i) => {
    const where = `snapshot ${i}`;
    if (!isObj(s)) return say(`${where} is not an object`);
    if (keys(s) !== SNAPSHOT_KEYS) say(`${where} has keys ${keys(s)}`);
    if (typeof s.id !== 'string' || !/^snap_[1-9]\d*$/.test(s.id)) say(`${where} id ${String(s.id)} is not snap_<n>`);
    if (snapIds.has(s.id)) say(`${where} id ${String(s.id)} is duplicated`);
    snapIds.add(s.id);
    if (!trimmed(s.label)) say(`${where} label must be a non-empty trimmed string`);
    if (![null, 'category', 'continuous'].includes(s.fieldKind as string)) say(`${where} fieldKind is invalid`);
    if ((s.fieldKey === null) !== (s.fieldKind === null))
      say(`${where} fieldKey and fieldKind must both be null or set`);
    const meta = isObj(s.meta) ? s.meta : {};
    if (keys(meta) !== 'filtersText') say(`${where} meta has keys ${keys(meta)}`);
    filters(`${where} filters`, s.filters);
    const field = checkActive(`${where} activeFields`, s.activeFields, inventory, say);
    if (isObj(s.activeFields) && s.activeFields.activeFieldKey !== s.fieldKey)
      say(`${where} active field does not match its fieldKey`);
    // Replay: the app recomputes the descriptor from the snapshot's own filters and field.
    const lines = filterLines(isObj(s.filters) ? s.filters : {}, field, inventory);
    const label = [field?.key, lines[0] === 'No filters active' ? null : lines[0]].filter(Boolean).join(' • ');
    if (s.label !== (label || 'All cells')) say(`${where} label "${String(s.label)}" is not the app's "${label}"`);
    if (JSON.stringify(meta.filtersText) !== JSON.stringify(lines))
      say(`${where} filtersText ${JSON.stringify(meta.filtersText)} is not the app's ${JSON.stringify(lines)}`);
    if ((field?.kind ?? null) !== s.fieldKind) say(`${where} fieldKind is not its field's`);
  });
  if (layout.activeId !== 'live' && !snapIds.has(layout.activeId)) say(`multiview activeId is not a snapshot`);
  if (layout.liveViewHidden === true && layout.activeId === 'live') say('a hidden live view needs an active snapshot');
  const render =
    isObj(state.uiControls) && isObj(state.uiControls['render-mode']) ? state.uiControls['render-mode'] : {};
  if (render.value === 'smoke' && snapshots.length) say('a smoke-mode session cannot hold snapshots');
  return problems;
}

interface Field {
  source: 'obs' | 'var';
  /** Displayed key. */
  key: string;
  kind: 'category' | 'continuous';
  deleted: boolean;
  min?: number;
  max?: number;
  /** Displayed category labels. */
  categories?: unknown[];
}

/** Every field as the app lists it (displayed keys, app order), with duplicate keys reported. */
function fieldInventory(o: Obj, ds: AppDataset, say: (m: string) => void): Field[] {
  const renames = isObj(o.renames) ? o.renames : {};
  if (keys(renames) !== 'categories, fields') say(`renames has keys ${keys(renames)}`);
  const fieldRenames = isObj(renames.fields) ? renames.fields : {};
  const catRenames = isObj(renames.categories) ? renames.categories : {};
  for (const [k, v] of [...Object.entries(fieldRenames), ...Object.entries(catRenames)])
    if (!trimmed(k) || !trimmed(v)) say(`rename "${k}" → "${String(v)}" must use non-empty trimmed strings`);
  for (const v of Object.values(fieldRenames)) {
    const bad = badFieldKey(v);
    if (bad) say(`renamed field name ${JSON.stringify(v)} ${bad}`);
  }
  const del = isObj(o.deletedFields) ? o.deletedFields : {};
  if (keys(del) !== 'deleted, purged') say(`deletedFields has keys ${keys(del)}`);
  const deleted = Array.isArray(del.deleted) ? (del.deleted as unknown[]) : [];
  const purged = Array.isArray(del.purged) ? (del.purged as unknown[]) : [];
  if (new Set(deleted).size !== deleted.length) say('deletedFields.deleted has duplicates');
  for (const x of [...deleted, ...purged])
    if (typeof x !== 'string' || !/^(obs|var):./.test(x)) say(`deleted field id ${JSON.stringify(x)} is not obs:/var:`);
  for (const x of purged) if (!deleted.includes(x)) say(`purged field ${String(x)} is not deleted`);
  const shown = (source: string, key: string) => {
    const r = fieldRenames[`${source}:${key}`];
    return typeof r === 'string' ? r : key;
  };
  const label = (key: string, c: string) => {
    const r = catRenames[`obs:${key.length}:${key}:s:${c}`];
    return typeof r === 'string' ? r : c;
  };
  const out: Field[] = [
    ...ds.obs.map((f) => ({
      source: 'obs' as const,
      key: shown('obs', f.key),
      kind: f.kind,
      deleted: deleted.includes(`obs:${f.key}`),
      min: f.min,
      max: f.max,
      categories: f.categories?.map((c) => label(f.key, c)),
    })),
    ...ds.genes.map((g) => ({
      source: 'var' as const,
      key: shown('var', g.key),
      kind: 'continuous' as const,
      deleted: deleted.includes(`var:${g.key}`),
      min: g.min,
      max: g.max,
    })),
  ];
  for (const u of Array.isArray(o.userDefinedFields) ? o.userDefinedFields : []) {
    if (!isObj(u) || u.isPurged === true) continue;
    const sf = isObj(u.sourceField) ? u.sourceField : {};
    const from = out.find((f) => f.source === u.source && f.key === shown(String(u.source), String(sf.sourceKey)));
    out.push({
      source: u.source === 'var' ? 'var' : 'obs',
      key: String(u.key),
      kind: u.kind === 'category' ? 'category' : 'continuous',
      deleted: u.isDeleted === true,
      min: from?.min,
      max: from?.max,
      categories: Array.isArray(u.categories) ? u.categories : undefined,
    });
  }
  for (const side of ['obs', 'var'] as const) {
    const seen = new Set<string>();
    for (const f of out.filter((x) => x.source === side)) {
      if (seen.has(f.key)) say(`the ${side} inventory has the key "${f.key}" twice`);
      seen.add(f.key);
    }
  }
  return out;
}

/** A filter or active field names a current, not deleted field by its displayed key. */
function lookUp(ref: unknown, inventory: Field[]): Field | string {
  if (typeof ref !== 'string' || !/^(obs|var):/.test(ref)) return `"${String(ref)}" is not source:key`;
  const f = inventory.find((x) => `${x.source}:${x.key}` === ref);
  if (!f || f.deleted) return `names "${ref}", which is not a current field (deleted, renamed or unknown)`;
  return f;
}

function checkFilters(where: string, v: unknown, inventory: Field[], say: (m: string) => void): void {
  if (!isObj(v)) return say(`${where} is not an object`);
  for (const [ref, e] of Object.entries(v)) {
    const at = `${where}["${ref}"]`;
    const f = lookUp(ref, inventory);
    if (typeof f === 'string') {
      say(`${at} ${f}`);
      continue;
    }
    if (!isObj(e)) {
      say(`${at} is not an object`);
      continue;
    }
    if (e.kind !== f.kind) say(`${at} must declare kind "${f.kind}"`);
    if (f.kind === 'category') {
      if (keys(e) !== CATEGORY_FILTER_KEYS) say(`${at} has keys ${keys(e)}`);
      const vis = Array.isArray(e.visibility) ? e.visibility : [];
      const colors = Array.isArray(e.colors) ? e.colors : [];
      const positions: number[] = [];
      for (const item of vis) {
        if (!isObj(item) || keys(item) !== 'categoryName, visible' || item.visible !== false)
          say(`${at} visibility items must be exactly {categoryName, visible: false}`);
        const i = isObj(item) ? (f.categories ?? []).indexOf(item.categoryName) : -1;
        if (i < 0) say(`${at} hides ${JSON.stringify(isObj(item) && item.categoryName)}, not a category it shows`);
        positions.push(i);
      }
      if (new Set(positions).size !== positions.length) say(`${at} repeats a visibility category`);
      if (positions.some((p, i) => i > 0 && p < positions[i - 1])) say(`${at} visibility is not in category order`);
      for (const item of colors) {
        const rgb = isObj(item) ? item.color : null;
        if (!isObj(item) || keys(item) !== 'categoryName, color')
          say(`${at} colour items must be {categoryName, color}`);
        else if (!(f.categories ?? []).includes(item.categoryName))
          say(`${at} colours ${JSON.stringify(item.categoryName)}, not a category it shows`);
        if (!Array.isArray(rgb) || rgb.length !== 3 || !rgb.every((c) => finite(c) && c >= 0 && c <= 1))
          say(`${at} colours must be [r, g, b] in 0…1`);
      }
      if (!(e.filterEnabled === null || e.filterEnabled === false)) say(`${at} filterEnabled must be null or false`);
      if (vis.length === 0 && colors.length === 0 && e.colormapId === null && e.filterEnabled === null)
        say(`${at} changes nothing`);
    } else {
      if (keys(e) !== CONTINUOUS_FILTER_KEYS) say(`${at} has keys ${keys(e)}`);
      for (const k of ['filter', 'colorRange']) {
        const r = e[k];
        if (r === null) continue;
        if (!isObj(r) || keys(r) !== 'max, min' || !finite(r.min) || !finite(r.max) || r.min > r.max)
          say(`${at}.${k} must be {min, max} with min ≤ max`);
      }
      const r = e.filter as { min: number; max: number } | null;
      if (r && f.min !== undefined && Math.abs(r.min - f.min) <= 1e-6 && Math.abs(r.max - f.max!) <= 1e-6)
        say(`${at}.filter is the field's own range (the app writes only what changed)`);
      if (![null, true].includes(e.useLogScale as boolean)) say(`${at} useLogScale must be null or true`);
      for (const k of ['useFilterColorRange', 'outlierFilterEnabled', 'filterEnabled'])
        if (![null, false].includes(e[k] as boolean)) say(`${at}.${k} must be null or false`);
      const t = e.outlierThreshold;
      if (t !== null && !(finite(t) && t >= 0 && t < 0.9999)) say(`${at}.outlierThreshold must be in [0, 0.9999)`);
      if (e.colormapId !== null && (!trimmed(e.colormapId) || e.colormapId === 'viridis'))
        say(`${at}.colormapId must be null or a colormap other than viridis`);
      if (
        [
          'filter',
          'colorRange',
          'useLogScale',
          'useFilterColorRange',
          'outlierFilterEnabled',
          'outlierThreshold',
          'colormapId',
        ].every((k) => e[k] === null)
      )
        say(`${at} changes nothing`);
    }
  }
}

function checkActive(where: string, v: unknown, inventory: Field[], say: (m: string) => void): Field | null {
  if (!isObj(v) || keys(v) !== 'activeFieldKey, activeFieldSource') {
    say(`${where} must be exactly {activeFieldKey, activeFieldSource}`);
    return null;
  }
  if (v.activeFieldKey === null) return null;
  const f = lookUp(`${String(v.activeFieldSource)}:${String(v.activeFieldKey)}`, inventory);
  if (typeof f === 'string') say(`${where} ${f}`);
  return typeof f === 'string' ? null : f;
}

/** §2.1: the filter lines the app computes for a view. */
function filterLines(filters: Obj, active: Field | null, inventory: Field[]): string[] {
  const lines: string[] = [];
  const entry = (f: Field) => {
    const e = filters[`${f.source}:${f.key}`];
    return isObj(e) ? e : null;
  };
  const suffix = (e: Obj) => (e.filterEnabled === false ? ' (disabled)' : '');
  const range = (f: Field) => {
    const e = entry(f);
    const r = e && (e.filter as { min: number; max: number } | null);
    if (e && r && (r.min !== f.min || r.max !== f.max))
      lines.push(`${f.key}: ${r.min.toFixed(2)} – ${r.max.toFixed(2)}${suffix(e)}`);
  };
  for (const f of inventory.filter((x) => x.source === 'obs' && !x.deleted)) {
    if (f.kind === 'continuous') range(f);
    else {
      const e = entry(f);
      const hidden = (f.categories ?? []).filter((c) =>
        (Array.isArray(e?.visibility) ? e.visibility : []).some(
          (v: Obj) => v.categoryName === c && v.visible === false,
        ),
      );
      const more = hidden.length > 4 ? ` +${hidden.length - 4} more` : '';
      if (e && hidden.length)
        lines.push(`${f.key}: hiding ${hidden.slice(0, 4).map(String).join(', ')}${more}${suffix(e)}`);
    }
  }
  if (active?.source === 'var') range(active);
  return lines.length ? lines : ['No filters active'];
}

function checkControls(v: unknown, ds: AppDataset, say: (m: string) => void): void {
  if (!isObj(v)) return say('uiControls is not an object');
  const specs = CONTROLS as Record<string, ControlSpec>;
  for (const id of Object.keys(v)) if (!Object.hasOwn(specs, id)) say(`UI control "${id}" does not exist in the app`);
  for (const [id, spec] of Object.entries(specs)) {
    const c = v[id];
    if (!isObj(c)) {
      say(`UI state is missing control "${id}"`);
      continue;
    }
    if (c.type !== spec.type) say(`UI control "${id}" must declare type "${spec.type}"`);
    const want = RECORD_KEYS[spec.type] ?? 'type, value';
    if (keys(c) !== want) say(`UI control "${id}" must contain exactly ${want}`);
    if (spec.type === 'checkbox' && typeof c.checked !== 'boolean') say(`UI control "${id}" checked must be boolean`);
    if (spec.type === 'details' && typeof c.open !== 'boolean') say(`UI control "${id}" open must be boolean`);
    if (spec.type === 'pressed-group' && !spec.options!.includes(c.pressedId as string))
      say(`UI control "${id}" presses "${String(c.pressedId)}"`);
    const value = c.value;
    if (spec.type === 'range') {
      const n = typeof value === 'string' && value.trim() ? Number(value) : NaN;
      if (!Number.isFinite(n) || n < Number(spec.min) || n > Number(spec.max))
        say(`UI control "${id}" value ${JSON.stringify(value)} is outside ${spec.min}…${spec.max}`);
    }
    if (spec.type === 'color' && !/^#[0-9a-f]{6}$/.test(String(value)))
      say(`UI control "${id}" colour ${String(value)}`);
    if (spec.type === 'select') {
      const options = id === 'velocity-field' ? ds.vectorFields : spec.options!;
      if (!(options.includes(value as string) || (options.length === 0 && value === '')))
        say(`UI select "${id}" has no option ${JSON.stringify(value)}`);
    }
  }
}

function checkUserFields(
  o: Obj,
  ds: AppDataset,
  ids: string[],
  labels: Map<string, string>,
  say: (m: string) => void,
): void {
  const items = Array.isArray(o.userDefinedFields) ? o.userDefinedFields : [];
  const seen = new Set<unknown>();
  items.forEach((u: unknown, i) => {
    const at = `user-defined field ${i}`;
    if (!isObj(u)) return say(`${at} is not an object`);
    if (seen.has(u.id)) say(`${at} id is duplicated`);
    seen.add(u.id);
    if (typeof u.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,179}$/.test(u.id))
      say(`${at} id ${JSON.stringify(u.id)} is not one the Python reader accepts`);
    const badKey = badFieldKey(u.key);
    if (badKey) say(`${at} key ${badKey}`);
    if (!finite(u.createdAt)) say(`${at} createdAt must be a finite number`);
    if (u.isPurged === true && u.isDeleted !== true) say(`${at} is purged but not deleted`);
    const sf = u.sourceField;
    if (sf !== null) {
      const kinds = ['continuous-obs', 'gene-expression', 'categorical-obs'];
      if (!isObj(sf) || !kinds.includes(sf.kind as string) || !trimmed(sf.sourceKey))
        say(`${at} sourceField must be {kind: ${kinds.join('|')}, sourceKey}`);
      else if (Object.keys(sf).some((k) => !['kind', 'sourceKey', 'sourceIndex'].includes(k)))
        say(`${at} sourceField has keys ${keys(sf)}`);
      const op = u.operation;
      if (!isObj(op) || keys(op, false) !== 'type, source, sourceKey' || op.type !== 'copy-field')
        say(`${at} operation must be {type: "copy-field", source, sourceKey}`);
      else if (isObj(sf) && (op.sourceKey !== sf.sourceKey || op.source !== u.source))
        say(`${at} operation does not name its source field`);
    }
    if (u.kind === 'continuous') {
      if (keys(u, false) !== CONTINUOUS_ITEM_KEYS) say(`${at} has keys ${keys(u, false)}`);
      if (sf === null) say(`${at} is continuous without a sourceField`);
      return;
    }
    if (keys(u, false) !== CATEGORY_ITEM_KEYS) say(`${at} has keys ${keys(u, false)}`);
    if (u.isPurged === true) say(`${at} is a purged categorical field (the app refuses it)`);
    if (u.source !== 'obs') say(`${at} categorical fields are obs fields`);
    const cats = Array.isArray(u.categories) ? u.categories : [];
    if (!cats.length || new Set(cats).size !== cats.length) say(`${at} categories must be non-empty and unique`);
    if (u.codesLength !== ds.cellCount) say(`${at} codesLength is not the cell count`);
    if (u.codesType !== 'Uint8Array' && u.codesType !== 'Uint16Array') say(`${at} codesType is invalid`);
    const chunk = `user-defined/codes/${String(u.id)}`;
    if (ids.filter((x) => x === chunk).length !== 1) say(`${at} needs exactly one "${chunk}" chunk`);
    else if (labels.get(chunk) !== `User-defined codes: ${String(u.key)}`) say(`${at} codes chunk label is wrong`);
    if (ids.indexOf(chunk) >= 0 && ids.indexOf(chunk) < ids.indexOf('core/field-overlays'))
      say(`${at} codes chunk comes before core/field-overlays`);
    const pages = Array.isArray(u.sourcePages) ? u.sourcePages : null;
    if (!pages) say(`${at} sourcePages must be a list`);
    else if (sf === null) {
      // From highlight pages: a category per page, named by the page.
      if (!pages.length) say(`${at} is neither a copy nor made from pages`);
      pages.forEach((p: unknown, k) => {
        if (!isObj(p) || keys(p) !== 'label, pageId' || !trimmed(p.label) || typeof p.pageId !== 'string')
          say(`${at} sourcePages[${k}] must be {pageId, label}`);
        else if (cats[k] !== p.label) say(`${at} category ${k} is not page "${p.label}"`);
      });
    }
    if (!['first', 'last', 'overlap-label', 'intersections'].includes(u.overlapStrategy as string))
      say(`${at} overlapStrategy is invalid`);
    if (!isObj(u.centroidsByDim)) say(`${at} centroidsByDim must be an object`);
  });
}
