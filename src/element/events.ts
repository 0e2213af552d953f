// The element's public events. All are CustomEvents that bubble and cross the shadow boundary.
// They are declared in the DOM's event maps, so `el.addEventListener('cellucid-load', (e) => …)`
// knows `e.detail` (on the element, its ancestors and the document alike).
import type { DatasetFingerprint } from '../core/session/fingerprint.js';
import type { Dimension } from '../core/dataset/types.js';
import type { RestoreReport } from '../core/session/restore.js';
import type { OmittedPart } from '../core/share/share-view.js';
import type { ViewState } from './view-state.js';

export interface ViewerRestoreReport extends RestoreReport {
  /** Parts of the session this viewer cannot show yet, in plain words. */
  notShown: string[];
}

/** `cellucid-load`: the first frame of a dataset is drawn. */
export interface LoadEventDetail {
  datasetId: string;
  cellCount: number;
  varCount: number;
  dimensions: Dimension[];
}

/** What failed: loading the dataset, colouring or filtering by a field, drawing, a session, autosave. */
export type ErrorKind = 'dataset' | 'field' | 'render' | 'session' | 'autosave';

/** `cellucid-error`: the message is also shown inside the element (autosave's only announced). */
export interface ErrorEventDetail {
  kind: ErrorKind;
  message: string;
}

/** `cellucid-save`: saveState() wrote a bundle of `totalBytes` bytes in `totalChunks` chunks. */
export interface SaveEventDetail {
  totalBytes: number;
  totalChunks: number;
}

/** `cellucid-restore-progress`: one more chunk of a session was read. */
export interface RestoreProgressEventDetail {
  loadedChunks: number;
  totalChunks: number;
  loadedBytes: number;
  /** The file's size when known (a download without a length: null). */
  totalBytes: number | null;
}

/** `eager`: the chunks for the first correct picture are applied; `complete`: all of them. */
export type RestorePhase = 'eager' | 'complete';

/** `cellucid-restore`: a restore reached a phase. */
export interface RestoreEventDetail {
  phase: RestorePhase;
  report: ViewerRestoreReport;
}

/** `cellucid-mismatch`: the session was saved on another dataset; only dataset-agnostic parts apply. */
export interface MismatchEventDetail {
  saved: DatasetFingerprint | null;
  current: DatasetFingerprint;
}

/** `cellucid-camera-path`: a camera path started playing, reached a keyframe, or ended (or was stopped). */
export type CameraPathEventDetail =
  | { type: 'play'; keyframes: number; durationMs: number; loop: boolean }
  | { type: 'keyframe'; index: number; id: string; label: string }
  | { type: 'end'; stopped: boolean };

/** `cellucid-share`: shareLink() made a link; `omitted` lists what it left out to fit its size budget. */
export interface ShareEventDetail {
  url: string;
  omitted: OmittedPart[];
}

/** Every event of `<cellucid-viewer>`, by name. */
export interface CellucidEventMap {
  'cellucid-load': CustomEvent<LoadEventDetail>;
  'cellucid-error': CustomEvent<ErrorEventDetail>;
  /** What the viewer shows changed (debounced); the detail is the new getViewState(). */
  'cellucid-state-change': CustomEvent<ViewState>;
  'cellucid-save': CustomEvent<SaveEventDetail>;
  'cellucid-restore-progress': CustomEvent<RestoreProgressEventDetail>;
  'cellucid-restore': CustomEvent<RestoreEventDetail>;
  'cellucid-mismatch': CustomEvent<MismatchEventDetail>;
  'cellucid-camera-path': CustomEvent<CameraPathEventDetail>;
  'cellucid-share': CustomEvent<ShareEventDetail>;
}

declare global {
  // As Shoelace does: HTMLElementEventMap and DocumentEventMap both extend this one.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface merge, not a type
  interface GlobalEventHandlersEventMap extends CellucidEventMap {}
}

export function dispatch<K extends keyof CellucidEventMap>(
  target: EventTarget,
  name: K,
  detail: CellucidEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
