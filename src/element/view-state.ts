// What getViewState() returns and `cellucid-state-change` carries: what the viewer shows, as plain
// JSON. Fields are named by their FieldRef ("obs:cell_type", "var:CD3E") everywhere in it.
import type { CameraState } from '../core/camera/camera-state.js';
import type { Dimension } from '../core/dataset/types.js';
import type { FieldRef } from '../core/state/field-ref.js';
import type { ViewLayout } from '../core/state/views.js';
import type { FilterSummary } from './filter-book.js';
import type { HighlightsSummary } from './highlight-book.js';
import type { UserFieldSummary } from './field-book.js';

/** The panels' colour theme. */
export type ViewerTheme = 'light' | 'dark';

/** A moved panel's place: CSS pixels from the element's top-left; null = its default corner. */
export type PanelPosition = { x: number; y: number } | null;

export interface ViewState {
  datasetId: string | null;
  cellCount: number;
  activeField: FieldRef | null;
  camera: CameraState;
  dimension: Dimension;
  visibleCount: number;
  pointSize: number;
  /** How much far points shrink in 3-D (0–1). */
  sizeAttenuation: number;
  /** Whether the coloured categorical field's category names are written at their centroids. */
  centroidLabels: boolean;
  /** Active filters by field, plus `outliers` for the outlier threshold. */
  filters: { [field: FieldRef]: FilterSummary; outliers?: FilterSummary };
  /** Category colours chosen over the palette: field → category name → '#rrggbb'. */
  categoryColors: Record<FieldRef, Record<string, string>>;
  /** Highlight pages and their groups; the active page's enabled groups are drawn with rings. */
  highlights: HighlightsSummary;
  /** Display names given to fields. */
  fieldRenames: Record<FieldRef, string>;
  /** Display labels given to categories, by Cellucid category id ("obs:<key length>:<key>:s:<label>"). */
  categoryRenames: Record<string, string>;
  /** Fields hidden from the menus (hideField), until shown again (showField). */
  hiddenFields: FieldRef[];
  /** User-defined fields (coloured, filtered and highlighted like the export's own). */
  userFields: UserFieldSummary[];
  theme: ViewerTheme;
  /** Canvas background (#rrggbb) chosen over the theme's, or null. */
  background: string | null;
  /** Which panels are open (folded panels show only their title). */
  panels: { legend: boolean; highlights: boolean };
  panelPositions: { legend: PanelPosition; highlights: PanelPosition };
  /** The camera path's keyframes, in order (addCameraKeyframe, or a restored session's). */
  cameraPath: Array<{ id: string; label: string; duration: number | null }>;
  /** Snapshot views beside the live one. */
  views: {
    layout: ViewLayout;
    /** "live" or a snapshot's id. */
    activeId: string;
    camerasLocked: boolean;
    snapshots: Array<{ id: string; label: string; activeField: FieldRef | null; dimension: Dimension }>;
  };
}
