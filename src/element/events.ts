// The element's public events. All are CustomEvents that bubble and cross the shadow boundary.
import type { Dimension } from '../core/dataset/types.js';

export interface LoadEventDetail {
  datasetId: string;
  cellCount: number;
  varCount: number;
  dimensions: Dimension[];
}

export type ErrorPhase = 'dataset' | 'field' | 'render' | 'session' | 'autosave';

export interface ErrorEventDetail {
  phase: ErrorPhase;
  message: string;
}

export interface CellucidEventMap {
  'cellucid-load': CustomEvent<LoadEventDetail>;
  'cellucid-error': CustomEvent<ErrorEventDetail>;
}

/** `cellucid-state-change`: detail is the new getViewState(). */
export function dispatchState(target: EventTarget, state: unknown): void {
  target.dispatchEvent(new CustomEvent('cellucid-state-change', { detail: state, bubbles: true, composed: true }));
}

export function dispatch<K extends keyof CellucidEventMap>(
  target: EventTarget,
  name: K,
  detail: CellucidEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
