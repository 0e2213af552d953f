// Maps what this viewer shows to and from a SessionDocument. Pure: no DOM, no GL.
// The viewer persists the camera, the embedding shown, the coloured field, filters, each
// continuous field's colormap and log scale, highlights, field overlays, snapshot views and its
// own interface state (point size, theme). Each family's mapping has its own module; parts of a
// session this viewer or dataset cannot show are reported in plain words, never silently dropped.
import { validateCameraState } from '../camera/camera.js';
import type { CoreState, SessionDocument } from '../session/document.js';
import { dict } from '../dict.js';
import { emptyDocument } from '../session/document.js';
import { highlightsFromDocument, highlightsToDocument } from './highlight-mapping.js';
import { declaredUserFields, overlaysFromDocument, overlaysToDocument } from './overlay-mapping.js';
import { entriesToFilters, filtersToEntries } from './filter-mapping.js';
import { multiviewToViews, viewsToMultiview } from './view-mapping.js';
import { emptyViews, type ViewsState } from './views.js';

import type { FieldCatalog, PersistedFilters, PersistedView } from './persisted-view.js';

export {
  defaultPersistedView,
  type FieldCatalog,
  type PersistedFilters,
  type PersistedView,
} from './persisted-view.js';

const UI_POINT_SIZE = 'cellucid-viewer:point-size';
const UI_THEME = 'cellucid-viewer:theme';
const UI_BACKGROUND = 'cellucid-viewer:background';
const UI_OUTLIER_THRESHOLD = 'cellucid-viewer:outlier-threshold';
const UI_LEGEND_OPEN = 'cellucid-viewer:legend-open';
const UI_HIGHLIGHTS_OPEN = 'cellucid-viewer:highlights-open';
const UI_LEGEND_POSITION = 'cellucid-viewer:legend-position';
const UI_HIGHLIGHTS_POSITION = 'cellucid-viewer:highlights-position';
/** Farthest a saved panel position may be from the element's corner, in CSS pixels. */
const MAX_PANEL_OFFSET = 100_000;

export function viewToDocument(view: PersistedView): SessionDocument {
  const doc = emptyDocument();
  const filters = filtersToEntries(view.filters, view.colorScales, view.categoryColors);
  // Modified-only, like the Cellucid app: a session saved in the default light theme does not
  // switch a page that shows its viewer dark.
  const uiControls: CoreState['uiControls'] = dict();
  if (view.theme !== 'light') uiControls[UI_THEME] = { type: 'select', value: view.theme };
  if (view.background !== null) uiControls[UI_BACKGROUND] = { type: 'color', value: view.background };
  if (view.pointSize !== null) uiControls[UI_POINT_SIZE] = { type: 'number', value: String(view.pointSize) };
  uiControls[UI_LEGEND_OPEN] = { type: 'checkbox', checked: view.panels.legend };
  uiControls[UI_HIGHLIGHTS_OPEN] = { type: 'checkbox', checked: view.panels.highlights };
  const { legend, highlights } = view.panelPositions;
  if (legend) uiControls[UI_LEGEND_POSITION] = { type: 'text', value: `${legend.x},${legend.y}` };
  if (highlights) uiControls[UI_HIGHLIGHTS_POSITION] = { type: 'text', value: `${highlights.x},${highlights.y}` };
  if (view.outlierThreshold !== null)
    uiControls[UI_OUTLIER_THRESHOLD] = { type: 'number', value: String(view.outlierThreshold) };
  highlightsToDocument(view.highlights, doc);
  const overlays = overlaysToDocument(view.overlays);
  doc.fieldOverlays = overlays.fieldOverlays;
  doc.userDefinedCodes = overlays.codes;
  doc.coreState = {
    camera: view.camera,
    liveDimensionLevel: view.dimension,
    uiControls,
    filters,
    activeFields: {
      activeFieldKey: view.activeField?.key ?? null,
      activeFieldSource: view.activeField?.source ?? null,
    },
    multiview: viewsToMultiview(view.views, view.camera),
  };
  return doc;
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
export function documentToView(
  datasetDoc: SessionDocument,
  datasetFields: FieldCatalog & { cellCount?: number },
  phase: 'eager' | 'complete' = 'eager',
): RestoredView {
  const doc = datasetDoc;
  // User-defined fields count as fields of the dataset, whether or not their codes have arrived.
  const declared = declaredUserFields(doc, datasetFields.obs);
  const lateSkipped: string[] = [];
  const overlays = overlaysFromDocument(doc, datasetFields, phase === 'complete', lateSkipped);
  // Continuous user fields need no codes: they are there from the first phase on.
  const copies = overlays.userFields.filter((f) => f.kind === 'continuous');
  const copyKeys = (side: 'obs' | 'var') => copies.filter((f) => f.source === side).map((f) => f.key);
  const fields: FieldCatalog = {
    ...datasetFields,
    obs: new Set([...datasetFields.obs, ...declared.keys(), ...copyKeys('obs')]),
    var: new Set([...datasetFields.var, ...copyKeys('var')]),
    categories: new Map([...datasetFields.categories, ...declared]),
  };
  const view: Partial<PersistedView> = {};
  const skipped: string[] = [];
  const readyUserFields = new Set(overlays.userFields.map((f) => f.key));
  const waiting = (key: string) => declared.has(key) && !readyUserFields.has(key);
  const cs = doc.coreState;
  if (cs) {
    if (cs.camera) view.camera = validateCameraState(cs.camera);
    if (cs.liveDimensionLevel !== null) {
      if (fields.dimensions.includes(cs.liveDimensionLevel)) view.dimension = cs.liveDimensionLevel;
      else
        skipped.push(`the ${cs.liveDimensionLevel}-D view (this dataset has no ${cs.liveDimensionLevel}-D embedding)`);
    }
    const { activeFieldKey: key, activeFieldSource: source } = cs.activeFields;
    if (key === null || source === null) view.activeField = null;
    else if ((source === 'obs' ? fields.obs : fields.var).has(key)) view.activeField = { source, key };
    else skipped.push(`colouring by ${source === 'var' ? 'gene' : 'field'} "${key}" (not in this dataset)`);
    const { filters, scales, colors } = entriesToFilters(cs.filters, fields, skipped);
    view.categoryColors = colors;
    view.colorScales = scales;
    view.filters = filters;
    const size = cs.uiControls[UI_POINT_SIZE];
    if (size && size.type === 'number' && Number(size.value) > 0) view.pointSize = Number(size.value);
    const background = cs.uiControls[UI_BACKGROUND];
    view.background =
      background && background.type === 'color' && /^#[0-9a-f]{6}$/.test(background.value) ? background.value : null;
    const theme = cs.uiControls[UI_THEME];
    if (theme && theme.type === 'select' && (theme.value === 'light' || theme.value === 'dark'))
      view.theme = theme.value;
    const open = (id: string) => {
      const c = cs.uiControls[id];
      return c && c.type === 'checkbox' ? c.checked : true;
    };
    view.panels = { legend: open(UI_LEGEND_OPEN), highlights: open(UI_HIGHLIGHTS_OPEN) };
    const position = (id: string) => {
      const c = cs.uiControls[id];
      const m = c && c.type === 'text' ? /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(c.value) : null;
      if (!m) return null;
      const [x, y] = [Number(m[1]), Number(m[2])];
      return Math.abs(x) <= MAX_PANEL_OFFSET && Math.abs(y) <= MAX_PANEL_OFFSET ? { x, y } : null;
    };
    view.panelPositions = { legend: position(UI_LEGEND_POSITION), highlights: position(UI_HIGHLIGHTS_POSITION) };
    const outliers = cs.uiControls[UI_OUTLIER_THRESHOLD];
    const threshold = outliers && outliers.type === 'number' ? Number(outliers.value) : NaN;
    view.outlierThreshold = threshold >= 0 && threshold < 0.9999 ? threshold : null;
    view.views = cs.multiview ? multiviewToViews(cs.multiview, fields, view.camera ?? null, skipped) : emptyViews();
  }
  view.overlays = overlays;
  const userActive = view.activeField?.source === 'obs' && declared.has(view.activeField.key);
  const userFilters = Object.keys(view.filters?.categories ?? {}).some((key) => declared.has(key));
  // Snapshots that need a user field wait for the complete phase, all together.
  const needsUser = (s: ViewsState['snapshots'][number]) =>
    (s.activeField?.source === 'obs' && declared.has(s.activeField.key)) ||
    Object.keys(s.filters.categories).some((k) => declared.has(k));
  const userViews = view.views?.snapshots.some(needsUser) ?? false;
  if (phase === 'complete') {
    // Lazy chunks are read now: user fields, what depends on them, and highlight memberships.
    const late: Partial<PersistedView> = {
      overlays,
      highlights: highlightsFromDocument(doc, datasetFields.cellCount ?? Number.MAX_SAFE_INTEGER, lateSkipped),
    };
    if (userActive) late.activeField = view.activeField;
    if (userFilters) late.filters = view.filters;
    if (userViews) late.views = view.views;
    return { view: late, skipped: lateSkipped };
  }
  // Eager: what needs user-field codes still on their way waits for the complete phase.
  if (userActive && waiting(view.activeField!.key)) delete view.activeField;
  if (view.filters)
    for (const key of Object.keys(view.filters.categories)) if (waiting(key)) delete view.filters.categories[key];
  if (
    userViews &&
    view.views!.snapshots.some(
      (s) => needsUser(s) && (waiting(s.activeField?.key ?? '') || Object.keys(s.filters.categories).some(waiting)),
    )
  )
    delete view.views;
  return { view, skipped };
}

/** The viewer's filter summary (getViewState().filters) as it persists. */
export function persistedFilters(
  state: Record<string, { kind: string; hidden?: string[]; min?: number; max?: number; enabled?: boolean }>,
): PersistedFilters {
  const out: PersistedFilters = { categories: dict(), ranges: dict() };
  for (const [ref, f] of Object.entries(state)) {
    if (f.kind === 'category' && f.hidden)
      out.categories[ref.slice(4)] = { hidden: [...f.hidden], enabled: f.enabled !== false };
    if (f.kind === 'continuous' && f.min !== undefined && f.max !== undefined)
      out.ranges[ref] = { min: f.min, max: f.max, enabled: f.enabled !== false };
  }
  return out;
}
