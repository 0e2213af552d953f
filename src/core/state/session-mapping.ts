// Maps what this viewer shows to and from a SessionDocument. Pure: no DOM, no GL.
// The viewer persists the camera, the embedding shown, the coloured field, filters, each
// continuous field's colormap and log scale, highlights, field overlays, snapshot views and its
// own interface state (point size, theme). Each family's mapping has its own module; parts of a
// session this viewer or dataset cannot show are reported in plain words, never silently dropped.
import { validateCameraState } from '../camera/camera.js';
import type { SessionDocument } from '../session/document.js';
import { emptyDocument } from '../session/document.js';
import { highlightsFromDocument, highlightsToDocument } from './highlight-mapping.js';
import { declaredUserFields, overlaysFromDocument, overlaysToDocument } from './overlay-mapping.js';
import { entriesToFilters, filtersToEntries } from './filter-mapping.js';
import { multiviewToViews, viewsToMultiview } from './view-mapping.js';
import { emptyViews, type ViewsState } from './views.js';

import type { FieldCatalog, PersistedView, SaveContext } from './persisted-view.js';
import type { Dict } from '../dict.js';
import type { UiControl } from '../session/document.js';
import { defaultPointSize, pointSizeToSlider, sliderToPointSize } from '../color/point-size.js';
import { appControls, controlValues } from './app-controls.js';
import { appNaming, viewerNaming } from './app-naming.js';
import { own } from '../session/safe-json.js';
import { fieldKey, fieldRef, formatFieldRef } from './field-ref.js';

export {
  defaultPersistedView,
  type FieldCatalog,
  type PersistedFilters,
  type PersistedView,
  type SaveContext,
  type DatasetFields,
} from './persisted-view.js';

/** The app's backgrounds the viewer can show: white and black; the grids are the theme's own. */
const BACKGROUNDS: Readonly<Record<string, string | null>> = { white: '#ffffff', black: '#000000' };
const SLIDER_STEP = 2;

/** The app's point-size slider position of a size (its 0.5 step, within its range). */
const sliderOf = (size: number) =>
  Math.min(100, Math.max(-24, Math.round(pointSizeToSlider(size) * SLIDER_STEP) / SLIDER_STEP));

/**
 * The app controls the viewer has an equivalent for, from its state: point size (the app's slider
 * position, snapped to its 0.5 step), theme, background, snapshot layout; smoke rendering, which
 * the app refuses beside snapshots, is off whenever there are snapshots.
 */
function mappedControls(view: PersistedView, cellCount: number, carried: Dict<UiControl> | null) {
  const slider = sliderOf(view.pointSize ?? defaultPointSize(cellCount));
  const grid = carried?.['background-select'];
  const keptGrid = grid?.type === 'select' && grid.value === 'grid-dark' ? grid.value : 'grid';
  const background = Object.keys(BACKGROUNDS).find((k) => BACKGROUNDS[k] === view.background);
  const mapped = new Map<string, string | boolean>([
    ['point-size', String(slider)],
    ['theme-select', view.theme],
    // A colour of the page's own (the background attribute) has no app equivalent: the theme's grid.
    ['background-select', background ?? keptGrid],
    ['view-layout-mode', view.views.layout],
  ]);
  if (view.views.snapshots.length) mapped.set('render-mode', 'points');
  // The controls features own (size attenuation, …); the ones above are the viewer's core state.
  for (const [id, value] of Object.entries(view.controls ?? {})) if (!mapped.has(id)) mapped.set(id, value);
  return mapped;
}

/**
 * The session of what the viewer shows, written as the Cellucid app writes one. With `ctx`, names
 * and filter lines are the app's for this dataset, and what the viewer does not model (the other
 * app controls, camera paths, panels and analysis windows) comes from the session last loaded.
 */
export function viewToDocument(view: PersistedView, ctx: SaveContext | null = null): SessionDocument {
  const doc = emptyDocument();
  const base = ctx?.base ?? null;
  const naming = appNaming(view.overlays, ctx?.dataset ?? null);
  const filters = filtersToEntries(view.filters, view.colorScales, view.categoryColors, naming);
  const carried = base?.coreState?.uiControls ?? null;
  const uiControls = appControls(
    mappedControls(view, ctx?.dataset.cellCount ?? 1, carried),
    carried,
    ctx?.dataset.vectorFields ?? [],
  );
  highlightsToDocument(view.highlights, doc);
  const overlays = overlaysToDocument(view.overlays);
  doc.fieldOverlays = overlays.fieldOverlays;
  doc.userDefinedCodes = overlays.codes;
  const active = view.activeField && naming.field(formatFieldRef(view.activeField));
  doc.coreState = {
    camera: view.camera,
    liveDimensionLevel: view.dimension,
    uiControls,
    filters,
    activeFields: {
      activeFieldKey: active?.key ?? null,
      activeFieldSource: active ? view.activeField!.source : null,
    },
    multiview: viewsToMultiview(view.views, view.camera, naming),
  };
  if (base) {
    doc.cinematicCamera = base.cinematicCamera;
    doc.dockableLayout = base.dockableLayout;
    doc.analysisWindows = base.analysisWindows;
    doc.analysisInventory = base.analysisInventory;
    doc.analysisArtifacts = base.analysisArtifacts;
  }
  if (view.cinematicCamera !== undefined) doc.cinematicCamera = view.cinematicCamera;
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
  const names = viewerNaming(doc.fieldOverlays);
  if (cs) {
    if (cs.camera) view.camera = validateCameraState(cs.camera);
    if (cs.liveDimensionLevel !== null) {
      if (fields.dimensions.includes(cs.liveDimensionLevel)) view.dimension = cs.liveDimensionLevel;
      else
        skipped.push(`the ${cs.liveDimensionLevel}-D view (this dataset has no ${cs.liveDimensionLevel}-D embedding)`);
    }
    const { activeFieldKey: shown, activeFieldSource: source } = cs.activeFields;
    const key = shown === null || source === null ? null : fieldKey(names.field(fieldRef(source, shown)));
    if (key === null || source === null) view.activeField = null;
    else if ((source === 'obs' ? fields.obs : fields.var).has(key)) view.activeField = { source, key };
    else skipped.push(`colouring by ${source === 'var' ? 'gene' : 'field'} "${key}" (not in this dataset)`);
    const { filters, scales, colors } = entriesToFilters(cs.filters, fields, skipped, names);
    view.categoryColors = colors;
    view.colorScales = scales;
    view.filters = filters;
    const control = (id: string) => {
      const c = own(cs.uiControls, id);
      return c && 'value' in c ? c.value : '';
    };
    const slider = control('point-size').trim() === '' ? NaN : Number(control('point-size'));
    // The slider's own size, as the toolbar sets it; the position the app picks for the dataset's
    // cell count (what an automatic size writes) stays automatic.
    const automatic =
      datasetFields.cellCount !== undefined && slider === sliderOf(defaultPointSize(datasetFields.cellCount));
    if (slider >= -24 && slider <= 100) view.pointSize = automatic ? null : sliderToPointSize(slider);
    const theme = control('theme-select');
    // The app's defaults (light, a grid) leave the page's own theme and background as they are.
    if (theme === 'dark') view.theme = theme;
    const background = control('background-select');
    if (Object.hasOwn(BACKGROUNDS, background)) view.background = BACKGROUNDS[background];
    view.views = cs.multiview
      ? multiviewToViews(cs.multiview, fields, view.camera ?? null, skipped, names)
      : emptyViews();
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

/** What features own of a session as it holds it: app controls (size attenuation, …), the camera path. */
export function ownedViewParts(doc: SessionDocument): Partial<PersistedView> {
  const parts: Partial<PersistedView> = {};
  if (doc.coreState) parts.controls = controlValues(doc.coreState.uiControls);
  if (doc.cinematicCamera) parts.cinematicCamera = doc.cinematicCamera;
  return parts;
}
