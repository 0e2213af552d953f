// Importing this module defines <cellucid-viewer> (once, even if the bundle is loaded twice).
import { CellucidViewer } from './cellucid-viewer.js';

if (!customElements.get('cellucid-viewer')) customElements.define('cellucid-viewer', CellucidViewer);

export { CellucidViewer };
export type { ViewState, ActiveField, CameraState } from './cellucid-viewer.js';
export type { LoadEventDetail, ErrorEventDetail, ErrorPhase } from './element/events.js';
export type { LegendModel } from './core/state/legend-model.js';
