// Everything a session holds, normalised to the newest payload shapes. Readers of either
// generation fill it; the writer encodes it. The viewer maps its own state to and from it.
import type { CameraState } from '../camera/camera-state.js';
import type { DecodedCodes } from './codecs/user-codes.js';
import type { DecodedTable } from './codecs/table.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface FieldOverlays {
  renames: { fields: Record<string, string>; categories: Record<string, string> };
  deletedFields: { deleted: string[]; purged: string[] };
  userDefinedFields: UserDefinedField[];
}

/** A user-defined field, kept with all of its saved keys (the category kind is what readers turn into columns). */
export interface UserDefinedField {
  id: string;
  source: 'obs' | 'var';
  kind: 'category' | 'continuous';
  key: string;
  isDeleted: boolean;
  isPurged: boolean;
  categories?: Array<string | number | boolean>;
  codesLength?: number;
  codesType?: 'Uint8Array' | 'Uint16Array';
  /** Remaining saved keys (centroidsByDim, sourcePages, overlapStrategy, …), kept as they were. */
  extra: Record<string, Json>;
}

export type UiControl =
  | { type: 'checkbox'; checked: boolean }
  | { type: 'range' | 'number' | 'color' | 'text' | 'select'; value: string }
  | { type: 'details'; open: boolean }
  | { type: 'pressed-group'; pressedId: string };

export interface CategoryFilter {
  kind: 'category';
  filterEnabled: boolean | null;
  /** Hidden (or shown) categories, by name; legacy files name them by index only. */
  visibility: Array<{ categoryName?: string; categoryIndex?: number; visible: boolean }>;
  colors: Array<{ categoryName?: string; categoryIndex?: number; color: [number, number, number] }>;
  colormapId: string | null;
}

export interface ContinuousFilter {
  kind: 'continuous';
  filterEnabled: boolean | null;
  filter: { min: number; max: number } | null;
  colorRange: { min: number; max: number } | null;
  useLogScale: boolean | null;
  useFilterColorRange: boolean | null;
  outlierFilterEnabled: boolean | null;
  outlierThreshold: number | null;
  colormapId: string | null;
}

export type FilterEntry = CategoryFilter | ContinuousFilter;

export interface ActiveFields {
  activeFieldKey: string | null;
  activeFieldSource: 'obs' | 'var' | null;
}

export interface SnapshotState {
  id: string;
  label: string;
  fieldKey: string | null;
  fieldKind: 'category' | 'continuous' | null;
  meta: { filtersText: string[] };
  dimensionLevel: 1 | 2 | 3;
  cameraState: CameraState | null;
  activeFields: ActiveFields;
  filters: Record<string, FilterEntry>;
}

export interface MultiviewState {
  layout: { mode: 'single' | 'grid'; activeId: string; liveViewHidden: boolean };
  camerasLocked: boolean;
  liveCameraState: CameraState | null;
  snapshots: SnapshotState[];
}

export interface CoreState {
  camera: CameraState | null;
  liveDimensionLevel: 1 | 2 | 3 | null;
  uiControls: Record<string, UiControl>;
  filters: Record<string, FilterEntry>;
  activeFields: ActiveFields;
  multiview: MultiviewState | null;
}

export type HighlightGroupType = 'annotation' | 'category' | 'combined' | 'knn' | 'lasso' | 'proximity' | 'range';

export interface HighlightGroupMeta {
  id: string;
  type: HighlightGroupType;
  label: string;
  enabled: boolean;
  cellCount: number;
  fieldKey?: string;
  fieldIndex?: number;
  fieldSource?: 'obs' | 'var';
  categoryIndex?: number;
  categoryName?: string;
  rangeMin?: number;
  rangeMax?: number;
}

export interface HighlightPage {
  id: string;
  name: string;
  color: string;
  highlightedGroups: HighlightGroupMeta[];
}

export interface HighlightsMeta {
  pages: HighlightPage[];
  activePageId: string;
}

export interface DockablePanel {
  id: string;
  open: boolean;
  rect: { left: number; top: number; width: number; height: number };
  z: number;
}

export interface AnalysisArtifact {
  metadata: Record<string, Json> | null;
  table: DecodedTable;
}

export interface SessionDocument {
  fieldOverlays: FieldOverlays | null;
  userDefinedCodes: Map<string, DecodedCodes>;
  cinematicCamera: Record<string, Json> | null;
  coreState: CoreState | null;
  dockableLayout: { panels: DockablePanel[] } | null;
  analysisWindows: { windows: Json[] } | null;
  highlights: HighlightsMeta | null;
  highlightCells: Map<string, Uint32Array>;
  analysisInventory: { artifactIds: string[] } | null;
  analysisArtifacts: Map<string, AnalysisArtifact>;
}

export function emptyDocument(): SessionDocument {
  return {
    fieldOverlays: null,
    userDefinedCodes: new Map(),
    cinematicCamera: null,
    coreState: null,
    dockableLayout: null,
    analysisWindows: null,
    highlights: null,
    highlightCells: new Map(),
    analysisInventory: null,
    analysisArtifacts: new Map(),
  };
}
