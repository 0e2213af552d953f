// What a share link holds: a documented subset of the persisted view (PersistedView), plus the
// dataset's fingerprint so a link opened on another dataset is reported as a session would be.
// Left out on purpose: colours, colour scales, point size, theme, background, panels and outlier
// threshold (presentation the reader's page chooses), and user-defined fields (their codes are one
// value per cell: a file's job, not a link's).
import type { CameraState } from '../camera/camera-state.js';
import type { DatasetFingerprint } from '../session/fingerprint.js';
import type { FieldRef } from '../state/field-ref.js';
import { formatFieldRef } from '../state/field-ref.js';
import type { HighlightState } from '../state/highlights.js';
import type { PersistedFilters, PersistedView } from '../state/persisted-view.js';
import type { ViewsState } from '../state/views.js';

export interface ShareRenames {
  /** "obs:key" / "var:gene" → display name. */
  fields: Map<string, string>;
  /** Category id → display label. */
  categories: Map<string, string>;
}

export interface ShareView {
  fingerprint: DatasetFingerprint;
  dimension: 1 | 2 | 3;
  activeField: FieldRef | null;
  camera: CameraState;
  filters: PersistedFilters;
  renames: ShareRenames;
  /** Snapshots and layout. */
  views: ViewsState;
  /** Highlight pages and their groups, cells included. */
  highlights: HighlightState;
}

/** A part of the view a link left out to stay within its size budget. */
export interface OmittedPart {
  part: 'highlight-group' | 'snapshots' | 'renames' | 'filters';
  /** The group's id for a highlight group. */
  id?: string;
  /** In plain words, e.g. `highlight group "T cells" (200000 cells)`. */
  description: string;
}

/** The share view of a persisted view on the dataset with this fingerprint. */
export function shareViewOf(view: PersistedView, fingerprint: DatasetFingerprint): ShareView {
  return {
    fingerprint,
    dimension: view.dimension,
    activeField: view.activeField ? formatFieldRef(view.activeField) : null,
    camera: view.camera,
    filters: view.filters,
    renames: { fields: view.overlays.fieldRenames, categories: view.overlays.categoryRenames },
    views: view.views,
    highlights: view.highlights,
  };
}
