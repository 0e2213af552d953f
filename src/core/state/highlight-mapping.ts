// Highlight pages and groups to and from a SessionDocument. Memberships arrive in lazy chunks.
import type { SessionDocument } from '../session/document.js';
import { cellSet, emptyHighlights, type GroupOrigin, type HighlightState } from './highlights.js';

export function highlightsToDocument(state: HighlightState, doc: SessionDocument): void {
  doc.highlights = {
    pages: state.pages.map((p) => ({
      id: p.id,
      name: p.name,
      color: p.color,
      highlightedGroups: p.groups.map((g) => ({
        id: g.id,
        type: g.type,
        label: g.label,
        enabled: g.enabled,
        cellCount: g.cells.length,
        ...groupProvenance(g),
      })),
    })),
    activePageId: state.activePageId,
  };
  for (const p of state.pages) for (const g of p.groups) doc.highlightCells.set(g.id, g.cells);
}

/** Where a group came from (field, category, range): copied only when present. */
function groupProvenance(g: GroupOrigin) {
  const out: GroupOrigin = {};
  for (const k of [
    'fieldKey',
    'fieldIndex',
    'fieldSource',
    'categoryIndex',
    'categoryName',
    'rangeMin',
    'rangeMax',
  ] as const) {
    if (g[k] !== undefined) (out as Record<string, unknown>)[k] = g[k];
  }
  return out;
}

export function highlightsFromDocument(doc: SessionDocument, cellCount: number, skipped: string[]): HighlightState {
  // A session is the whole picture: one without highlights (or with unreadable ones) clears them.
  if (!doc.highlights) return emptyHighlights();
  const state: HighlightState = { pages: [], activePageId: doc.highlights.activePageId };
  for (const p of doc.highlights.pages) {
    const groups = [];
    for (const g of p.highlightedGroups) {
      const cells = doc.highlightCells.get(g.id);
      if (!cells || cells.length === 0) {
        skipped.push(`highlight group "${g.label}" (its cells could not be read)`);
        continue;
      }
      let set: Uint32Array;
      try {
        set = cellSet(cells, cellCount, 'highlight');
      } catch {
        skipped.push(`highlight group "${g.label}" (cells outside this dataset)`);
        continue;
      }
      groups.push({
        id: g.id,
        type: g.type,
        label: g.label,
        enabled: g.enabled,
        cells: set,
        ...groupProvenance(g),
      });
    }
    state.pages.push({ id: p.id, name: p.name, color: p.color, groups });
  }
  if (state.pages.length === 0) return emptyHighlights();
  if (!state.pages.some((p) => p.id === state.activePageId)) state.activePageId = state.pages[0].id;
  return state;
}
