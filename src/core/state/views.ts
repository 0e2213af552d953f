// Snapshot views: "keep view" freezes the live view (its field, filters, embedding and camera)
// beside it, up to three, shown one at a time or tiled in a grid, with cameras locked together
// or each its own. Pure layout maths and state; the element keeps each snapshot's colours.
import type { CameraState } from '../camera/camera-state.js';
import type { ActiveField } from './active-field.js';
import { fieldKey, isObsRef } from './field-ref.js';

export const LIVE_VIEW_ID = 'live';
export const MAX_SNAPSHOTS = 3;

export type ViewLayout = 'single' | 'grid';

/** A frozen view. Filters persist by category name, as the live view's do. */
export interface Snapshot {
  id: string;
  label: string;
  activeField: ActiveField | null;
  fieldKind: 'category' | 'continuous' | null;
  dimension: 1 | 2 | 3;
  camera: CameraState;
  filters: {
    categories: Record<string, { hidden: string[]; enabled: boolean }>;
    ranges: Record<string, { min: number; max: number; enabled: boolean }>;
  };
  /** Human-readable filter summary, as saved sessions carry it. */
  filtersText: string[];
}

export interface ViewsState {
  layout: ViewLayout;
  /** The view tabs show (single layout) and input goes to (unlocked cameras): "live" or a snapshot id. */
  activeId: string;
  camerasLocked: boolean;
  snapshots: Snapshot[];
}

export function emptyViews(): ViewsState {
  return { layout: 'single', activeId: LIVE_VIEW_ID, camerasLocked: true, snapshots: [] };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Grid tiles for n views, row by row: cols = n ≤ 3 ? n : ceil(√n), rows = ceil(n / cols). */
export function gridRects(n: number, width: number, height: number): Rect[] {
  if (n <= 0) return [];
  const cols = n <= 3 ? n : Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const w = width / cols;
  const h = height / rows;
  const out: Rect[] = [];
  for (let i = 0; i < n; i++) out.push({ x: (i % cols) * w, y: Math.floor(i / cols) * h, width: w, height: h });
  return out;
}

/** The views drawn now, with their rectangles: every view in a grid, else the active one alone. */
export function layoutViews(state: ViewsState, width: number, height: number): Array<{ id: string; rect: Rect }> {
  const ids = [LIVE_VIEW_ID, ...state.snapshots.map((s) => s.id)];
  if (state.layout === 'grid' && ids.length > 1)
    return gridRects(ids.length, width, height).map((rect, i) => ({ id: ids[i], rect }));
  const active = ids.includes(state.activeId) ? state.activeId : LIVE_VIEW_ID;
  return [{ id: active, rect: { x: 0, y: 0, width, height } }];
}

export function nextSnapshotId(state: ViewsState): string {
  let n = 0;
  for (const s of state.snapshots) n = Math.max(n, Number(/^snap_(\d+)$/.exec(s.id)?.[1] ?? 0));
  return `snap_${n + 1}`;
}

/** Whether a snapshot is coloured or filtered by a field ("obs:key" / "var:gene"). */
export const snapshotUses = (s: Snapshot, ref: string): boolean =>
  (s.activeField !== null && `${s.activeField.source}:${s.activeField.key}` === ref) ||
  Object.hasOwn(s.filters.ranges, ref) ||
  (isObsRef(ref) && Object.hasOwn(s.filters.categories, fieldKey(ref)));
