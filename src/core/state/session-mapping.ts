// Maps what this viewer shows to and from a SessionDocument. Pure: no DOM, no GL.
// The viewer persists the camera, the embedding shown, the coloured field, each continuous
// field's colormap and log scale, and its own interface state (point size, theme). Parts of a
// session it cannot show yet (filters that hide cells, highlight groups, snapshot views,
// user-defined fields) are reported, never silently dropped.
import type { CameraState } from '../camera/camera-state.js';
import { validateCameraState } from '../camera/camera.js';
import { isColormap, DEFAULT_COLORMAP } from '../color/index.js';
import type { ContinuousFilter, CoreState, SessionDocument } from '../session/document.js';
import { emptyDocument } from '../session/document.js';
import type { ActiveField } from './active-field.js';
import type { FieldOverlayState } from './field-overlays.js';
import { highlightsFromDocument, highlightsToDocument } from './highlight-mapping.js';
import type { HighlightState } from './highlights.js';
import { declaredUserFields, overlaysFromDocument, overlaysToDocument } from './overlay-mapping.js';

/** Filters as they persist: hidden categories by name, ranges by field reference. */
export interface PersistedFilters {
  categories: Record<string, { hidden: string[]; enabled: boolean }>;
  ranges: Record<string, { min: number; max: number; enabled: boolean }>;
}

export interface PersistedView {
  camera: CameraState;
  dimension: 1 | 2 | 3;
  activeField: ActiveField | null;
  /** Colormap and log scale by "obs:key" / "var:gene". */
  colorScales: Record<string, { colormap: string; log: boolean }>;
  /** null = chosen from the cell count. */
  pointSize: number | null;
  theme: 'light' | 'dark';
  filters: PersistedFilters;
  highlights: HighlightState;
  overlays: FieldOverlayState;
}

export const UI_POINT_SIZE = 'cellucid-viewer:point-size';
export const UI_THEME = 'cellucid-viewer:theme';

export function viewToDocument(view: PersistedView): SessionDocument {
  const doc = emptyDocument();
  const filters: CoreState['filters'] = {};
  for (const [key, f] of Object.entries(view.filters.categories)) {
    if (f.hidden.length === 0) continue;
    filters[`obs:${key}`] = {
      kind: 'category',
      filterEnabled: f.enabled ? null : false,
      visibility: f.hidden.map((categoryName) => ({ categoryName, visible: false })),
      colors: [],
      colormapId: null,
    };
  }
  for (const [ref, r] of Object.entries(view.filters.ranges)) {
    filters[ref] = { kind: 'continuous', filterEnabled: r.enabled ? null : false, filter: { min: r.min, max: r.max }, colorRange: null, useLogScale: null, useFilterColorRange: null, outlierFilterEnabled: null, outlierThreshold: null, colormapId: null };
  }
  for (const [key, s] of Object.entries(view.colorScales)) {
    if (s.colormap === DEFAULT_COLORMAP && !s.log) continue;
    const existing = filters[key];
    if (existing?.kind === 'continuous') {
      existing.useLogScale = s.log ? true : null;
      existing.colormapId = s.colormap === DEFAULT_COLORMAP ? null : s.colormap;
      continue;
    }
    // "Modified only": only what differs from the defaults is written.
    const entry: ContinuousFilter = {
      kind: 'continuous',
      filterEnabled: null,
      filter: null,
      colorRange: null,
      useLogScale: s.log ? true : null,
      useFilterColorRange: null,
      outlierFilterEnabled: null,
      outlierThreshold: null,
      colormapId: s.colormap === DEFAULT_COLORMAP ? null : s.colormap,
    };
    filters[key] = entry;
  }
  const uiControls: CoreState['uiControls'] = { [UI_THEME]: { type: 'select', value: view.theme } };
  if (view.pointSize !== null) uiControls[UI_POINT_SIZE] = { type: 'number', value: String(view.pointSize) };
  highlightsToDocument(view.highlights, doc);
  const overlays = overlaysToDocument(view.overlays);
  doc.fieldOverlays = overlays.fieldOverlays;
  doc.userDefinedCodes = overlays.codes;
  doc.coreState = {
    camera: view.camera,
    liveDimensionLevel: view.dimension,
    uiControls,
    filters,
    activeFields: { activeFieldKey: view.activeField?.key ?? null, activeFieldSource: view.activeField?.source ?? null },
    multiview: { layout: { mode: 'single', activeId: 'live', liveViewHidden: false }, camerasLocked: true, liveCameraState: view.camera, snapshots: [] },
  };
  return doc;
}

export interface FieldCatalog {
  obs: ReadonlySet<string>;
  /** Category names of each categorical obs field, in code order. */
  categories: ReadonlyMap<string, readonly string[]>;
  var: ReadonlySet<string>;
  dimensions: ReadonlyArray<1 | 2 | 3>;
}

export interface RestoredView {
  /** Only the parts the session holds; absent parts keep their current value. */
  view: Partial<PersistedView>;
  /** What the session holds that this viewer skipped, in plain words. */
  skipped: string[];
}

/**
 * The parts of a document this viewer can show, checked against the open dataset. `eager`: what
 * the first picture needs. `complete` (the whole session is read): user-defined fields, what
 * depends on them (an active field or filter), and highlight memberships.
 */
export function documentToView(datasetDoc: SessionDocument, datasetFields: FieldCatalog & { cellCount?: number }, phase: 'eager' | 'complete' = 'eager'): RestoredView {
  const doc = datasetDoc;
  // User-defined fields count as fields of the dataset, whether or not their codes have arrived.
  const declared = declaredUserFields(doc, datasetFields.obs);
  const fields: FieldCatalog = {
    ...datasetFields,
    obs: new Set([...datasetFields.obs, ...declared.keys()]),
    categories: new Map([...datasetFields.categories, ...declared]),
  };
  const view: Partial<PersistedView> = {};
  const skipped: string[] = [];
  const lateSkipped: string[] = [];
  const overlays = overlaysFromDocument(doc, datasetFields, phase === 'complete', lateSkipped);
  const readyUserFields = new Set(overlays.userFields.map((f) => f.key));
  const waiting = (key: string) => declared.has(key) && !readyUserFields.has(key);
  const cs = doc.coreState;
  if (cs) {
    if (cs.camera) view.camera = validateCameraState(cs.camera);
    if (cs.liveDimensionLevel !== null) {
      if (fields.dimensions.includes(cs.liveDimensionLevel)) view.dimension = cs.liveDimensionLevel;
      else skipped.push(`the ${cs.liveDimensionLevel}-D view (this dataset has no ${cs.liveDimensionLevel}-D embedding)`);
    }
    const { activeFieldKey: key, activeFieldSource: source } = cs.activeFields;
    if (key === null || source === null) view.activeField = null;
    else if ((source === 'obs' ? fields.obs : fields.var).has(key)) view.activeField = { source, key };
    else skipped.push(`colouring by ${source === 'var' ? 'gene' : 'field'} "${key}" (not in this dataset)`);
    const scales: PersistedView['colorScales'] = {};
    const filters: PersistedFilters = { categories: {}, ranges: {} };
    for (const [ref, f] of Object.entries(cs.filters)) {
      const [source, key] = [ref.slice(0, 3), ref.slice(4)];
      const known = (source === 'obs' ? fields.obs : fields.var).has(key);
      if (!known) {
        skipped.push(`the filter on ${ref} (not in this dataset)`);
        continue;
      }
      if (f.kind !== 'continuous') {
        const names = fields.categories.get(key);
        if (!names) {
          skipped.push(`the category filter on ${ref} (not a categorical field here)`);
          continue;
        }
        const hidden: string[] = [];
        for (const v of f.visibility) {
          if (v.visible) continue;
          const name = v.categoryName ?? (v.categoryIndex !== undefined ? names[v.categoryIndex] : undefined);
          if (name !== undefined && names.includes(name)) hidden.push(name);
          else skipped.push(`hiding the unknown category ${JSON.stringify(v.categoryName ?? v.categoryIndex)} of ${ref}`);
        }
        if (hidden.length) filters.categories[key] = { hidden, enabled: f.filterEnabled !== false };
        if (f.colors.length) skipped.push(`custom category colours of ${ref}`);
        continue;
      }
      if (f.filter) filters.ranges[ref] = { min: f.filter.min, max: f.filter.max, enabled: f.filterEnabled !== false };
      if (f.outlierThreshold !== null) skipped.push(`the outlier filter on ${ref}`);
      if (f.colormapId !== null || f.useLogScale) {
        const colormap = f.colormapId && isColormap(f.colormapId) ? f.colormapId : DEFAULT_COLORMAP;
        if (f.colormapId && !isColormap(f.colormapId)) skipped.push(`the colormap "${f.colormapId}" of ${ref} (shown with viridis)`);
        scales[ref] = { colormap, log: f.useLogScale === true };
      }
    }
    view.colorScales = scales;
    view.filters = filters;
    const size = cs.uiControls[UI_POINT_SIZE];
    if (size && size.type === 'number' && Number(size.value) > 0) view.pointSize = Number(size.value);
    const theme = cs.uiControls[UI_THEME];
    if (theme && theme.type === 'select' && (theme.value === 'light' || theme.value === 'dark')) view.theme = theme.value;
    const snapshots = cs.multiview?.snapshots.length ?? 0;
    if (snapshots) skipped.push(`${snapshots} snapshot view${snapshots > 1 ? 's' : ''}`);
  }
  view.overlays = overlays;
  const userActive = view.activeField?.source === 'obs' && declared.has(view.activeField.key);
  const userFilters = Object.keys(view.filters?.categories ?? {}).some((key) => declared.has(key));
  if (phase === 'complete') {
    // Lazy chunks are read now: user fields, what depends on them, and highlight memberships.
    const late: Partial<PersistedView> = { overlays, highlights: highlightsFromDocument(doc, datasetFields.cellCount ?? Number.MAX_SAFE_INTEGER, lateSkipped) };
    if (userActive) late.activeField = view.activeField;
    if (userFilters) late.filters = view.filters;
    return { view: late, skipped: lateSkipped };
  }
  // Eager: what needs user-field codes still on their way waits for the complete phase.
  if (userActive && waiting(view.activeField!.key)) delete view.activeField;
  if (view.filters) for (const key of Object.keys(view.filters.categories)) if (waiting(key)) delete view.filters.categories[key];
  return { view, skipped };
}

/** The viewer's filter summary (getViewState().filters) as it persists. */
export function persistedFilters(
  state: Record<string, { kind: string; hidden?: string[]; min?: number; max?: number; enabled?: boolean }>,
): PersistedFilters {
  const out: PersistedFilters = { categories: {}, ranges: {} };
  for (const [ref, f] of Object.entries(state)) {
    if (f.kind === 'category' && f.hidden) out.categories[ref.slice(4)] = { hidden: [...f.hidden], enabled: f.enabled !== false };
    if (f.kind === 'continuous' && f.min !== undefined && f.max !== undefined) out.ranges[ref] = { min: f.min, max: f.max, enabled: f.enabled !== false };
  }
  return out;
}

