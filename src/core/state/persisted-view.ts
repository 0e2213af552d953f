// What the viewer persists of its view, and what it knows of the open dataset's fields: the leaf
// types that the session, filter and view mappings share (so none of them imports another's).
import type { CameraState } from '../camera/camera-state.js';
import { defaultCameraState } from '../camera/camera.js';
import { dict } from '../dict.js';
import type { ActiveField } from './active-field.js';
import { emptyOverlays, type FieldOverlayState } from './field-overlays.js';
import { emptyHighlights, type HighlightState } from './highlights.js';
import { emptyViews, type ViewsState } from './views.js';
import { fieldKey } from './field-ref.js';
import type { Json, SessionDocument } from '../session/document.js';

/** Filters as they persist: hidden categories by name, ranges by field reference. */
export interface PersistedFilters {
  categories: Record<string, { hidden: string[]; enabled: boolean }>;
  ranges: Record<string, { min: number; max: number; enabled: boolean }>;
}

export interface PersistedView {
  camera: CameraState;
  dimension: 1 | 2 | 3;
  activeField: ActiveField | null;
  /** Category colours chosen over the palette: field key → category name → '#rrggbb'. */
  categoryColors: Record<string, Record<string, string>>;
  /** Colormap and log scale by "obs:key" / "var:gene". */
  colorScales: Record<string, { colormap: string; log: boolean }>;
  /** null = chosen from the cell count. */
  pointSize: number | null;
  theme: 'light' | 'dark';
  /** Canvas background as #rrggbb, or null for the theme's. */
  background: string | null;
  /** Which of the element's panels are open. */
  panels: { legend: boolean; highlights: boolean };
  /** Where a moved panel sits (CSS pixels from the element's top-left), or null for its corner. */
  panelPositions: { legend: { x: number; y: number } | null; highlights: { x: number; y: number } | null };
  filters: PersistedFilters;
  highlights: HighlightState;
  overlays: FieldOverlayState;
  views: ViewsState;
  /** Outlier threshold of the coloured categorical field, or null (off). */
  outlierThreshold: number | null;
  /**
   * Cellucid app controls that a feature of the viewer owns, by control id (a range's value as a
   * string, a checkbox's as a boolean). Restored: every control the session holds that the app accepts.
   */
  controls?: Record<string, string | boolean>;
  /** The camera path as the session's cinematic/camera payload, when a feature owns it (else carried). */
  cinematicCamera?: Record<string, Json> | null;
}

/** The view of a freshly opened dataset: no filters, highlights, overlays or snapshots. */
export function defaultPersistedView(dimension: 1 | 2 | 3, activeField: ActiveField | null = null): PersistedView {
  return {
    camera: defaultCameraState(dimension),
    dimension,
    activeField,
    categoryColors: dict(),
    colorScales: dict(),
    pointSize: null,
    theme: 'light',
    background: null,
    panels: { legend: true, highlights: true },
    panelPositions: { legend: null, highlights: null },
    filters: { categories: dict(), ranges: dict() },
    highlights: emptyHighlights(),
    overlays: emptyOverlays(),
    views: emptyViews(),
    outlierThreshold: null,
  };
}

export interface FieldCatalog {
  obs: ReadonlySet<string>;
  /** Category names of each categorical obs field, in code order. */
  categories: ReadonlyMap<string, readonly string[]>;
  var: ReadonlySet<string>;
  dimensions: ReadonlyArray<1 | 2 | 3>;
}

/** The open dataset as a session written for the Cellucid app needs it. */
export interface DatasetFields {
  cellCount: number;
  /** In the app's order (continuous fields, then categorical ones): ranges and category names. */
  obs: ReadonlyArray<{
    key: string;
    kind: 'category' | 'continuous';
    min?: number | null;
    max?: number | null;
    categories?: readonly string[];
  }>;
  genes: ReadonlyArray<{ key: string; min: number | null; max: number | null }>;
  /** Vector field ids: the options of the app's velocity-field control. */
  vectorFields: readonly string[];
}

/** Writing a session: the dataset, and the session last loaded onto it (for what the viewer does not model). */
export interface SaveContext {
  dataset: DatasetFields;
  base: SessionDocument | null;
}

/** The viewer's filter summary (getViewState().filters) as it persists. */
export function persistedFilters(
  state: Record<string, { kind: string; hidden?: string[]; min?: number; max?: number; enabled?: boolean }>,
): PersistedFilters {
  const out: PersistedFilters = { categories: dict(), ranges: dict() };
  for (const [ref, f] of Object.entries(state)) {
    if (f.kind === 'category' && f.hidden)
      out.categories[fieldKey(ref)] = { hidden: [...f.hidden], enabled: f.enabled !== false };
    if (f.kind === 'continuous' && f.min !== undefined && f.max !== undefined)
      out.ranges[ref] = { min: f.min, max: f.max, enabled: f.enabled !== false };
  }
  return out;
}
