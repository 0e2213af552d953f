// A ShareView as the JSON a link carries (short keys: a link is measured in characters). Highlight
// cells travel separately, as index sets (see wire.ts).
import type { DatasetFingerprint } from '../session/fingerprint.js';
import { formatFieldRef } from '../state/field-ref.js';
import type { HighlightState } from '../state/highlights.js';
import type { Snapshot, ViewsState } from '../state/views.js';
import type { OmittedPart, ShareView } from './share-view.js';

function snapshotJson(s: Snapshot) {
  return {
    id: s.id,
    l: s.label,
    a: s.activeField ? formatFieldRef(s.activeField) : null,
    k: s.fieldKind,
    d: s.dimension,
    c: s.camera,
    x: s.filters,
    t: s.filtersText,
  };
}

function viewsJson(v: ViewsState) {
  return { l: v.layout, a: v.activeId, k: v.camerasLocked, s: v.snapshots.map(snapshotJson) };
}

function highlightsJson(h: HighlightState) {
  return {
    a: h.activePageId,
    p: h.pages.map((p) => ({
      id: p.id,
      n: p.name,
      c: p.color,
      g: p.groups.map(({ cells: _cells, ...meta }) => meta),
    })),
  };
}

/** Only the fingerprint's known keys: what the reader compares. */
function fingerprintJson(f: DatasetFingerprint) {
  const { sourceType, datasetId, cellCount, varCount, cellOrder } = f;
  return { sourceType, datasetId, cellCount, varCount, cellOrder };
}

export function shareJson(view: ShareView, omitted: readonly OmittedPart[]) {
  return {
    f: fingerprintJson(view.fingerprint),
    d: view.dimension,
    a: view.activeField,
    c: view.camera,
    x: view.filters,
    r: [...view.renames.fields],
    k: [...view.renames.categories],
    v: viewsJson(view.views),
    h: highlightsJson(view.highlights),
    o: omitted,
  };
}

/** The groups' cell sets in the order the JSON lists the groups. */
export function shareCellSets(view: ShareView): Uint32Array[] {
  return view.highlights.pages.flatMap((p) => p.groups.map((g) => g.cells));
}
