// Snapshot views to and from the session's multiview record. Snapshots are saved with their
// field and filters (not their colours): a restore colours them again from the dataset.
import { dict } from '../dict.js';
import type { CameraState } from '../camera/camera-state.js';
import { validateCameraState } from '../camera/camera.js';
import type { MultiviewState } from '../session/document.js';
import type { AppNaming, ViewerNaming } from './app-naming.js';
import { fieldKey, fieldRef, formatFieldRef } from './field-ref.js';
import { entriesToFilters, filtersToEntries } from './filter-mapping.js';
import { filterLines, viewLabel } from './view-label.js';
import type { FieldCatalog } from './persisted-view.js';
import { emptyViews, LIVE_VIEW_ID, MAX_SNAPSHOTS, type Snapshot, type ViewsState } from './views.js';

/**
 * The multiview record as the app replays it: each snapshot's label, field and filter lines are
 * those the app computes from its field and filters (a label given to addSnapshot stays in the viewer).
 */
export function viewsToMultiview(views: ViewsState, liveCamera: CameraState, naming: AppNaming): MultiviewState {
  return {
    layout: { mode: views.layout, activeId: views.activeId, liveViewHidden: false },
    camerasLocked: views.camerasLocked,
    liveCameraState: liveCamera,
    snapshots: views.snapshots.map((s) => {
      const field = s.activeField ? naming.field(formatFieldRef(s.activeField)) : undefined;
      const fieldKey = field?.key ?? null;
      const lines = filterLines(s.filters, s.activeField, naming.obs, (gene) => naming.field(fieldRef('var', gene)));
      return {
        id: s.id,
        label: viewLabel(fieldKey, lines),
        fieldKey,
        fieldKind: field?.kind ?? null,
        meta: { filtersText: lines },
        dimensionLevel: s.dimension,
        // Locked cameras are one camera: the file says so by repeating it.
        cameraState: views.camerasLocked ? liveCamera : s.camera,
        activeFields: { activeFieldKey: fieldKey, activeFieldSource: field ? s.activeField!.source : null },
        filters: filtersToEntries(s.filters, dict(), dict(), naming),
      };
    }),
  };
}

/** The snapshots this dataset can show; the others are described in `skipped`. */
export function multiviewToViews(
  mv: MultiviewState,
  fields: FieldCatalog,
  liveCamera: CameraState | null,
  skipped: string[],
  names: ViewerNaming,
): ViewsState {
  const views = emptyViews();
  views.layout = mv.layout.mode === 'grid' ? 'grid' : 'single';
  views.camerasLocked = mv.camerasLocked;
  for (const s of mv.snapshots) {
    if (views.snapshots.length >= MAX_SNAPSHOTS) {
      skipped.push(`the snapshot "${s.label}" (at most ${MAX_SNAPSHOTS} are shown)`);
      continue;
    }
    const { activeFieldKey: key, activeFieldSource: source } = s.activeFields;
    const field =
      key !== null && source !== null ? { source, key: fieldKey(names.field(fieldRef(source, key))) } : null;
    if (field && !(field.source === 'obs' ? fields.obs : fields.var).has(field.key)) {
      skipped.push(`the snapshot "${s.label}" (its field "${field.key}" is not in this dataset)`);
      continue;
    }
    if (!fields.dimensions.includes(s.dimensionLevel)) {
      skipped.push(`the snapshot "${s.label}" (this dataset has no ${s.dimensionLevel}-D embedding)`);
      continue;
    }
    const camera = views.camerasLocked || !s.cameraState ? liveCamera : s.cameraState;
    const snapshot: Snapshot = {
      id: s.id,
      label: s.label,
      activeField: field,
      fieldKind: field ? (s.fieldKind ?? (fields.categories.has(field.key) ? 'category' : 'continuous')) : null,
      dimension: s.dimensionLevel,
      camera: camera ? validateCameraState(camera) : validateCameraState(s.cameraState),
      filters: entriesToFilters(s.filters, fields, skipped, names).filters,
      filtersText: [...s.meta.filtersText],
    };
    views.snapshots.push(snapshot);
  }
  const ids = views.snapshots.map((s) => s.id);
  views.activeId = ids.includes(mv.layout.activeId) ? mv.layout.activeId : LIVE_VIEW_ID;
  return views;
}
