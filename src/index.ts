// Importing this module defines <cellucid-viewer> (once, even if the bundle is loaded twice).
// Everything a page or an app needs to type its calls and its event listeners is exported here.
import { CellucidViewer } from './cellucid-viewer.js';

if (!customElements.get('cellucid-viewer')) customElements.define('cellucid-viewer', CellucidViewer);

export { CellucidViewer };
export type {
  AutosaveSummary,
  CameraState,
  ColormapId,
  Dimension,
  FieldRef,
  FilterSummary,
  HighlightGroupSummary,
  HighlightsSummary,
  LodMode,
  PanelName,
  PanelPosition,
  SelectionMode,
  SelectionTool,
  SelectOptions,
  SessionSourceInput,
  UserFieldSummary,
  ViewerRestoreReport,
  ViewerTheme,
  ViewLayout,
  ViewState,
} from './cellucid-viewer.js';
export type {
  CellucidEventMap,
  ErrorEventDetail,
  ErrorKind,
  LoadEventDetail,
  MismatchEventDetail,
  RestoreEventDetail,
  RestorePhase,
  RestoreProgressEventDetail,
  SaveEventDetail,
  ShareEventDetail,
} from './element/events.js';
export type { OmittedPart } from './core/share/share-view.js';
export type { NavigationMode } from './core/camera/camera-state.js';
export type { DatasetFingerprint } from './core/session/fingerprint.js';
export type { RestoreReport } from './core/session/restore.js';
export type { LegendModel } from './core/state/legend-model.js';
