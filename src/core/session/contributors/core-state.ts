// core/state: camera, live dimension, interface controls, filters, active field and views.
import { validateCameraState } from '../../camera/camera.js';
import type { CameraState } from '../../camera/camera-state.js';
import type { Contributor } from '../contributor.js';
import { jsonChunk } from '../contributor.js';
import type {
  ActiveFields,
  CategoryFilter,
  ContinuousFilter,
  CoreState,
  FilterEntry,
  Json,
  MultiviewState,
  SnapshotState,
  UiControl,
} from '../document.js';
import { dict } from '../../dict.js';
import { arr, bool, field, int, num, obj, optBool, optNum, optStr, str } from '../shape.js';

const ID = 'core/state';
const MAX_SNAPSHOTS = 3;

function camera(v: unknown): CameraState | null {
  if (v === null || v === undefined) return null;
  return validateCameraState(v);
}

function dimension(v: unknown, where: string): 1 | 2 | 3 | null {
  if (v === null || v === undefined) return null;
  return int(v, where, 1, 3) as 1 | 2 | 3;
}

function rgb(v: unknown, where: string): [number, number, number] {
  const a = arr(v, where, 4);
  if (a.length < 3) throw new Error(`${where} must be [r, g, b]`);
  return [num(a[0], where), num(a[1], where), num(a[2], where)];
}

function range(v: unknown, where: string): { min: number; max: number } | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, where);
  const min = num(field(o, 'min'), `${where}.min`);
  const max = num(field(o, 'max'), `${where}.max`);
  if (min > max) throw new Error(`${where}.min is greater than its max`);
  return { min, max };
}

/**
 * A category filter's `visibility` or `colors` (at `where`), each entry's `key` read by `read`:
 * newest, a list naming (or numbering) each category; legacy, a map keyed by category index.
 */
function perCategory<K extends string, V>(
  v: unknown,
  where: string,
  key: K,
  read: (value: unknown, where: string) => V,
  valueWhere: (i: number) => string,
): Array<{ categoryName?: string; categoryIndex?: number } & Record<K, V>> {
  if (Array.isArray(v))
    return v.map((x, i) => {
      const e = obj(x, `${where}[${i}]`);
      const name = field(e, 'categoryName');
      return {
        ...(name !== undefined
          ? { categoryName: str(name, 'categoryName') }
          : { categoryIndex: int(field(e, 'categoryIndex'), 'categoryIndex') }),
        [key]: read(field(e, key), valueWhere(i)),
      } as { categoryName?: string; categoryIndex?: number } & Record<K, V>;
    });
  if (v === null || v === undefined) return [];
  return Object.entries(obj(v, where)).map(
    ([k, value]) =>
      ({ categoryIndex: int(Number(k), `${where} key`), [key]: read(value, `${where}["${k}"]`) }) as {
        categoryIndex: number;
      } & Record<K, V>,
  );
}

/** Both generations: newest lists keyed by category name; legacy maps keyed by category index. */
function readFilter(v: unknown, where: string): FilterEntry {
  const o = obj(v, where);
  const kind = field(o, 'kind');
  if (kind === 'category') {
    const entry: CategoryFilter = {
      kind,
      filterEnabled: optBool(field(o, 'filterEnabled'), `${where}.filterEnabled`),
      visibility: [],
      colors: [],
      colormapId: optStr(field(o, 'colormapId'), `${where}.colormapId`),
    };
    entry.visibility = perCategory(field(o, 'visibility'), `${where}.visibility`, 'visible', bool, () => 'visible');
    entry.colors = perCategory(
      field(o, 'colors'),
      `${where}.colors`,
      'color',
      rgb,
      (i) => `${where}.colors[${i}].color`,
    );
    return entry;
  }
  if (kind === 'continuous') {
    const threshold = optNum(field(o, 'outlierThreshold'), `${where}.outlierThreshold`);
    if (threshold !== null && (threshold < 0 || threshold > 1))
      throw new Error(`${where}.outlierThreshold must be between 0 and 1`);
    const entry: ContinuousFilter = {
      kind,
      filterEnabled: optBool(field(o, 'filterEnabled'), `${where}.filterEnabled`),
      filter: range(field(o, 'filter'), `${where}.filter`),
      colorRange: range(field(o, 'colorRange'), `${where}.colorRange`),
      useLogScale: optBool(field(o, 'useLogScale'), `${where}.useLogScale`),
      useFilterColorRange: optBool(field(o, 'useFilterColorRange'), `${where}.useFilterColorRange`),
      outlierFilterEnabled: optBool(field(o, 'outlierFilterEnabled'), `${where}.outlierFilterEnabled`),
      outlierThreshold: threshold,
      colormapId: optStr(field(o, 'colormapId'), `${where}.colormapId`),
    };
    return entry;
  }
  throw new Error(`${where}.kind must be "category" or "continuous"`);
}

/** One bad filter entry is skipped and reported; the rest of the state still restores. */
function readFilters(v: unknown, where: string, warn?: (m: string) => void): Record<string, FilterEntry> {
  const out = dict<FilterEntry>();
  if (v === null || v === undefined) return out;
  for (const [k, f] of Object.entries(obj(v, where))) {
    if (!/^(obs|var):./.test(k)) {
      warn?.(`${where}: skipped the entry "${k}" (filter keys start with obs: or var:)`);
      continue;
    }
    try {
      out[k] = readFilter(f, `${where}["${k}"]`);
    } catch (err) {
      warn?.(`${where}: skipped "${k}" (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return out;
}

function readActiveFields(v: unknown, where: string): ActiveFields {
  if (v === null || v === undefined) return { activeFieldKey: null, activeFieldSource: null };
  const o = obj(v, where);
  const key = optStr(field(o, 'activeFieldKey'), `${where}.activeFieldKey`);
  const source = field(o, 'activeFieldSource') ?? (key === null ? null : 'obs');
  if (source !== null && source !== 'obs' && source !== 'var')
    throw new Error(`${where}.activeFieldSource must be "obs", "var" or null`);
  return { activeFieldKey: source === null ? null : key, activeFieldSource: key === null ? null : source };
}

function readUiControls(v: unknown): Record<string, UiControl> {
  const out = dict<UiControl>();
  if (v === null || v === undefined) return out;
  for (const [id, raw] of Object.entries(obj(v, 'uiControls'))) {
    const o = obj(raw, `uiControls["${id}"]`);
    const type = field(o, 'type');
    let control: UiControl;
    if (type === 'checkbox') control = { type, checked: bool(field(o, 'checked'), `uiControls["${id}"].checked`) };
    else if (type === 'details') control = { type, open: bool(field(o, 'open'), `uiControls["${id}"].open`) };
    else if (type === 'pressed-group')
      control = { type, pressedId: str(field(o, 'pressedId'), `uiControls["${id}"].pressedId`) };
    else if (type === 'range' || type === 'number' || type === 'color' || type === 'text' || type === 'select')
      control = { type, value: String(field(o, 'value') ?? '') };
    else throw new Error(`uiControls["${id}"].type ${JSON.stringify(type)} is unknown`);
    out[id] = control;
  }
  return out;
}

function readMultiview(v: unknown, warn?: (m: string) => void): MultiviewState | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, 'multiview');
  const layout = obj(
    field(o, 'layout') ?? { mode: 'single', activeId: 'live', liveViewHidden: false },
    'multiview.layout',
  );
  const mode = field(layout, 'mode') ?? 'single';
  if (mode !== 'single' && mode !== 'grid') throw new Error('multiview.layout.mode must be "single" or "grid"');
  const snapshots = arr(field(o, 'snapshots') ?? [], 'multiview.snapshots', MAX_SNAPSHOTS).map(
    (s, i): SnapshotState => {
      const where = `multiview.snapshots[${i}]`;
      const so = obj(s, where);
      const fieldKind = field(so, 'fieldKind') ?? null;
      if (fieldKind !== null && fieldKind !== 'category' && fieldKind !== 'continuous')
        throw new Error(`${where}.fieldKind is invalid`);
      const meta = field(so, 'meta');
      return {
        id: str(field(so, 'id'), `${where}.id`),
        label: str(field(so, 'label') ?? '', `${where}.label`),
        fieldKey: optStr(field(so, 'fieldKey'), `${where}.fieldKey`),
        fieldKind,
        meta: {
          filtersText: meta
            ? arr(field(obj(meta, `${where}.meta`), 'filtersText') ?? [], `${where}.meta.filtersText`, 1000).map((t) =>
                String(t),
              )
            : [],
        },
        dimensionLevel: dimension(field(so, 'dimensionLevel'), `${where}.dimensionLevel`) ?? 3,
        cameraState: camera(field(so, 'cameraState')),
        activeFields: readActiveFields(field(so, 'activeFields'), `${where}.activeFields`),
        filters: readFilters(field(so, 'filters'), `${where}.filters`, warn),
      };
    },
  );
  const ids = new Set(snapshots.map((s) => s.id));
  if (ids.size !== snapshots.length) throw new Error('multiview snapshot ids must be unique');
  const activeId = str(field(layout, 'activeId') ?? 'live', 'multiview.layout.activeId');
  if (activeId !== 'live' && !ids.has(activeId))
    throw new Error(`multiview.layout.activeId "${activeId}" is not a view`);
  return {
    layout: { mode, activeId, liveViewHidden: field(layout, 'liveViewHidden') === true },
    camerasLocked:
      field(o, 'camerasLocked') === undefined ? true : bool(field(o, 'camerasLocked'), 'multiview.camerasLocked'),
    liveCameraState: camera(field(o, 'liveCameraState')),
    snapshots,
  };
}

/** A filter entry's category: by name, else (legacy) by index. */
const category = (e: { categoryName?: string; categoryIndex?: number }) =>
  e.categoryName !== undefined ? { categoryName: e.categoryName } : { categoryIndex: e.categoryIndex ?? 0 };

function writeFilter(f: FilterEntry): Json {
  if (f.kind === 'category') {
    return {
      kind: 'category',
      filterEnabled: f.filterEnabled,
      visibility: f.visibility.map((v) => ({ ...category(v), visible: v.visible })),
      colors: f.colors.map((c) => ({ ...category(c), color: c.color })),
      colormapId: f.colormapId,
    } as unknown as Json;
  }
  return { ...f } as unknown as Json;
}

function writeFilters(filters: Record<string, FilterEntry>): Json {
  const out = dict<Json>();
  for (const [k, f] of Object.entries(filters)) out[k] = writeFilter(f);
  return out;
}

export const coreStateContributor: Contributor = {
  id: 'core-state',
  owns: (chunkId) => chunkId === ID,
  capture(doc) {
    const cs: CoreState = doc.coreState ?? {
      camera: null,
      liveDimensionLevel: null,
      uiControls: dict(),
      filters: dict(),
      activeFields: { activeFieldKey: null, activeFieldSource: null },
      multiview: null,
    };
    const cam = cs.camera as unknown as Json;
    const mv = cs.multiview;
    return [
      jsonChunk(ID, 'core-state', 'Core state', {
        camera: cam,
        liveDimensionLevel: cs.liveDimensionLevel ?? 3,
        uiControls: cs.uiControls as unknown as Json,
        filters: writeFilters(cs.filters),
        activeFields: {
          activeFieldKey: cs.activeFields.activeFieldKey,
          activeFieldSource: cs.activeFields.activeFieldSource,
        },
        multiview: {
          layout: mv ? { ...mv.layout } : { mode: 'single', activeId: 'live', liveViewHidden: false },
          camerasLocked: mv ? mv.camerasLocked : true,
          liveCameraState: ((mv?.liveCameraState ?? cs.camera) as unknown as Json) ?? null,
          snapshots: (mv?.snapshots ?? []).map((s) => ({
            id: s.id,
            label: s.label,
            fieldKey: s.fieldKey,
            fieldKind: s.fieldKind,
            meta: { filtersText: s.meta.filtersText },
            dimensionLevel: s.dimensionLevel,
            cameraState: s.cameraState as unknown as Json,
            activeFields: {
              activeFieldKey: s.activeFields.activeFieldKey,
              activeFieldSource: s.activeFields.activeFieldSource,
            },
            filters: writeFilters(s.filters),
          })),
        },
      }),
    ];
  },
  restore(doc, _meta, payload, ctx) {
    const p = obj(payload, 'payload');
    doc.coreState = {
      camera: camera(field(p, 'camera')),
      liveDimensionLevel: dimension(
        field(p, 'liveDimensionLevel') ?? field(p, 'activeDimensionLevel'),
        'liveDimensionLevel',
      ),
      uiControls: readUiControls(field(p, 'uiControls')),
      filters: readFilters(field(p, 'filters'), 'filters', ctx.warn),
      activeFields: readActiveFields(field(p, 'activeFields'), 'activeFields'),
      multiview: readMultiview(field(p, 'multiview'), ctx.warn),
    };
  },
};
