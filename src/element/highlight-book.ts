// Highlight pages and groups: the scripting operations behind createHighlight & co, the "current
// selection" that Shift/Ctrl-lasso extends, and the ring mask the renderer draws. Its changes go to the
// store (notify).
import {
  emptyHighlights,
  findGroup,
  nextGroupId,
  PAGE_COLORS,
  type GroupOrigin,
  type HighlightGroup,
  type HighlightState,
  type HighlightType,
} from '../core/state/highlights.js';
import { combineSelection, type SelectionMode } from '../core/state/selection.js';
import { plainText } from '../core/state/plain-text.js';

/** A highlight group as getViewState() reports it. */
export interface HighlightGroupSummary {
  id: string;
  type: HighlightType;
  label: string;
  enabled: boolean;
  cellCount: number;
}

export interface HighlightsSummary {
  activePageId: string;
  pages: Array<{ id: string; name: string; color: string; groups: HighlightGroupSummary[] }>;
}

/** Longest group label or page name kept: labels are shown in the interface and saved. */
const MAX_LABEL = 200;

export class HighlightBook {
  #state: HighlightState = emptyHighlights();
  /** The group Shift+Alt / Ctrl+Alt selections extend; the newest selection's group. */
  #selectionId: string | null = null;

  /** The store, told of every change (store-types.ts imports this module's types, so no import back). */
  readonly #store: { notify(book: 'highlights'): void };

  constructor(store: { notify(book: 'highlights'): void }) {
    this.#store = store;
  }

  get current(): HighlightState {
    return this.#state;
  }

  /** Replaces everything (a restored session, or a new dataset). */
  replace(state: HighlightState): void {
    this.#state = state;
    this.#selectionId = null;
    this.#store.notify('highlights');
  }

  reset(): void {
    this.replace(emptyHighlights());
  }

  create(
    cells: Uint32Array,
    type: HighlightType,
    label: string | undefined,
    pageId: string | undefined,
    origin: GroupOrigin = {},
  ): string {
    const page = this.page('createHighlight', pageId);
    const id = nextGroupId(this.#state);
    const text = cleanLabel(label) || defaultLabel(type, this.#state);
    page.groups.push({ id, type, label: text, enabled: true, cells, ...origin });
    this.#store.notify('highlights');
    return id;
  }

  /**
   * A selection (lasso, box, proximity, KNN, Alt+click), combined with the current selection group as
   * the modifiers say: replace makes a new group on `pageId` (default the active page). Cells of
   * another kind joined in make the group "combined". Returns the group id, or null when nothing is selected.
   */
  select(
    method: string,
    picked: Uint32Array,
    mode: SelectionMode,
    type: HighlightType,
    options: { label?: string; pageId?: string } = {},
    origin?: GroupOrigin,
  ): string | null {
    const page = this.page(method, options.pageId);
    const current = this.#selectionId ? findGroup(this.#state, this.#selectionId) : undefined;
    if (mode === 'replace' || !current || !page.groups.includes(current)) {
      if (mode === 'subtract' || picked.length === 0) return null;
      return (this.#selectionId = this.create(picked, type, options.label, page.id, origin));
    }
    const cells = combineSelection(mode, current.cells, picked);
    if (cells.length === 0) {
      this.remove(current.id);
      return null;
    }
    const { id, label, enabled } = current;
    // A category or value group changed by hand is no longer that category or window.
    const same = current.type === type && current.fieldKey === undefined;
    page.groups[page.groups.indexOf(current)] = same
      ? { ...current, cells }
      : { id, type: 'combined', label, enabled, cells };
    this.#store.notify('highlights');
    return id;
  }

  setEnabled(id: string, enabled: boolean): void {
    this.#group('setHighlightEnabled', id).enabled = Boolean(enabled);
    this.#store.notify('highlights');
  }

  rename(id: string, label: string): void {
    const text = cleanLabel(label);
    if (!text) throw new Error('renameHighlight: a label needs at least one visible character.');
    this.#group('renameHighlight', id).label = text;
    this.#store.notify('highlights');
  }

  remove(id: string): void {
    this.#group('deleteHighlight', id);
    for (const p of this.#state.pages) p.groups = p.groups.filter((g) => g.id !== id);
    if (this.#selectionId === id) this.#selectionId = null;
    this.#store.notify('highlights');
  }

  /** Removes every group of the active page (the X key). */
  clearActivePage(): void {
    this.#activePage().groups = [];
    this.#selectionId = null;
    this.#store.notify('highlights');
  }

  cells(id: string): Uint32Array {
    return this.#group('getHighlightCells', id).cells.slice();
  }

  addPage(name?: string): string {
    let n = 0;
    for (const p of this.#state.pages) n = Math.max(n, Number(/^page_(\d+)$/.exec(p.id)?.[1] ?? 0));
    const id = `page_${n + 1}`;
    this.#state.pages.push({
      id,
      name: cleanLabel(name) || `Page ${n + 1}`,
      color: PAGE_COLORS[this.#state.pages.length % PAGE_COLORS.length],
      groups: [],
    });
    this.#state.activePageId = id;
    this.#selectionId = null;
    this.#store.notify('highlights');
    return id;
  }

  setActivePage(id: string): void {
    this.page('setActiveHighlightPage', id);
    this.#state.activePageId = id;
    this.#selectionId = null;
    this.#store.notify('highlights');
  }

  summary(): HighlightsSummary {
    return {
      activePageId: this.#state.activePageId,
      pages: this.#state.pages.map((p) => ({
        id: p.id,
        name: p.name,
        color: p.color,
        groups: p.groups.map((g) => ({
          id: g.id,
          type: g.type,
          label: g.label,
          enabled: g.enabled,
          cellCount: g.cells.length,
        })),
      })),
    };
  }

  #activePage() {
    return this.#state.pages.find((p) => p.id === this.#state.activePageId) ?? this.#state.pages[0];
  }

  /** The page `id` (the active page when undefined); `method` names the caller in the error. */
  page(method: string, id: string | undefined) {
    if (id === undefined) return this.#activePage();
    const page = this.#state.pages.find((p) => p.id === id);
    if (!page)
      throw new Error(
        `${method}: there is no highlight page "${id}" (pages: ${this.#state.pages.map((p) => p.id).join(', ')}).`,
      );
    return page;
  }

  #group(method: string, id: string): HighlightGroup {
    const group = findGroup(this.#state, id);
    if (!group) throw new Error(`${method}: there is no highlight group "${id}".`);
    return group;
  }
}

const cleanLabel = (label: string | undefined) => plainText(label, MAX_LABEL);

function defaultLabel(type: HighlightType, state: HighlightState): string {
  const n = state.pages.reduce((sum, p) => sum + p.groups.length, 0) + 1;
  return type === 'annotation' ? `Group ${n}` : `Selection ${n}`;
}
