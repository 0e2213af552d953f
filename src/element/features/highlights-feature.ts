// Highlights and selection: highlight pages and groups (made by a script, a legend click, a lasso,
// a box, or a click with the proximity or KNN tool), their rings, the highlights panel and the X
// key. Groups persist in the session's highlight chunks.
import type { SelectionMode } from '../../core/state/selection.js';
import { cellSet, ringCellsInSteps } from '../../core/state/highlights.js';
import type { FieldRef } from '../../core/state/field-ref.js';
import { categoryOf, continuousField } from '../field-args.js';
import { HighlightBook } from '../highlight-book.js';
import { renderHighlights, type HighlightActions } from '../highlight-view.js';
import { isFormControl } from '../input-events.js';
import { nextTask, runInSlices } from '../next-task.js';
import { SelectionController } from '../selection-controller.js';
import { Selector, type SelectionTool, type SelectOptions } from '../selector.js';
import { FiltersFeature } from './filters-feature.js';

export class HighlightsFeature extends FiltersFeature {
  /** Settles once the rings of the latest highlight change are uploaded. */
  protected ringsDrawn: Promise<void> = Promise.resolve();
  /** Rings of the changed highlights are waiting for their task. */
  #ringsPending = false;
  readonly #selection: SelectionController;
  readonly #panelActions: HighlightActions = {
    setEnabled: (id, on) => this.setHighlightEnabled(id, on),
    rename: (id, label) => this.store.guard(() => this.renameHighlight(id, label)),
    remove: (id) => this.deleteHighlight(id),
    clear: () => this.clearHighlights(),
    addPage: () => this.addHighlightPage(),
    makeField: () => this.store.guard(() => this.#fieldFromPages()),
    open: () => this.panelOpen('highlights'),
    setOpen: (open: boolean) => this.setPanelOpen('highlights', open),
    mover: this.panelMover,
    setActivePage: (id) => this.setActiveHighlightPage(id),
  };

  constructor() {
    super();
    const { store } = this;
    const highlights = (store.highlights = new HighlightBook(store));
    const selector = (store.selector = new Selector(store, () => this.effectivePointSize()));
    // Made before the camera's input, so a selection drag claims the pointer first.
    this.#selection = new SelectionController(store);
    store.register({
      highlights: () => this.#highlightsChanged(),
      close: () => highlights.reset(),
      open: (source) => {
        if (!source.dataset.connectivity && selector.tool === 'knn') selector.tool = 'navigate';
      },
      save: (view) => (view.highlights = highlights.current),
      apply: async (view) => {
        if (!view.highlights) return;
        highlights.replace(view.highlights);
        await nextTask(); // the ring mask: a task of its own
      },
      describe: (state) => (state.highlights = highlights.summary()),
    });
    this.addEventListener('keydown', (e) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isFormControl(e) || !store.source) return;
      if (e.key === 'x' || e.key === 'X') {
        e.preventDefault();
        this.clearHighlights();
        store.announce('Highlights cleared.');
      }
    });
  }

  /**
   * Makes a highlight group of the given cells (indices into the dataset's cell order) on the
   * active page or on `pageId`; returns its id. Throws for an index past the cell count and changes nothing.
   */
  createHighlight(indices: ArrayLike<number>, options: { label?: string; pageId?: string } = {}): string {
    const source = this.store.requireSource('createHighlight');
    const cells = cellSet(indices, source.dataset.cellCount, 'createHighlight');
    return this.store.highlights.create(cells, 'annotation', options.label, options.pageId);
  }

  /** Highlights the visible cells of one category of a categorical cell field; resolves with the group id. */
  async highlightCategory(
    field: FieldRef,
    category: string | number,
    options: { label?: string; pageId?: string } = {},
  ): Promise<string> {
    const { store } = this;
    const { key, index, name } = categoryOf(store, 'highlightCategory', field, category);
    const data = await store.fields.load(store.requireSource('highlightCategory'), { source: 'obs', key });
    return this.store.selector.category('highlightCategory', key, index, name, data, options);
  }

  /**
   * Highlights the visible cells whose value of a continuous field or gene lies in [min, max]; resolves with the
   * group id.
   */
  async highlightRange(
    field: FieldRef,
    range: { min: number; max: number },
    options: { label?: string; pageId?: string } = {},
  ): Promise<string> {
    const f = continuousField(this.store, 'highlightRange', field);
    if (!range || !Number.isFinite(range.min) || !Number.isFinite(range.max) || range.min > range.max) {
      throw new Error('highlightRange: expected {min, max} with finite numbers and min ≤ max.');
    }
    const data = await this.store.fields.load(this.store.requireSource('highlightRange'), f);
    return this.store.selector.range('highlightRange', f, range, data, options);
  }

  /**
   * Selects the visible cells inside a shape given in CSS pixels of the element's box, as a lasso
   * drag would: `replace` makes a new group, `add` and `subtract` change the current selection.
   * Returns the selection's group id, or null when nothing is selected.
   */
  selectInShape(polygon: ReadonlyArray<readonly [number, number]>, mode: SelectionMode = 'replace'): string | null {
    return this.store.selector.inShape(polygon, mode);
  }

  /**
   * The visible cell drawn nearest to a point given in CSS pixels of the element's box (in the view
   * under it), at most max(6, point size / 2) pixels away; null when there is none.
   */
  pickCell(x: number, y: number): number | null {
    return this.store.selector.pick(x, y);
  }

  /**
   * Selects the visible cells within `radius` of a cell (Euclidean, in the normalised embedding
   * coordinates drawn now) as a "proximity" group. `mode` as for selectInShape. Returns the group id,
   * or null when nothing is selected. Throws for an unknown cell or a bad radius and changes nothing.
   */
  selectNearby(cellIndex: number, radius: number, options: SelectOptions = {}): string | null {
    return this.store.selector.nearby(cellIndex, radius, options);
  }

  /**
   * Selects the visible cells at most `degree` (1–10) steps from the given cell(s) in the dataset's
   * connectivity graph as a "knn" group. `mode` as for selectInShape. Resolves with the group id, or
   * null when nothing is selected. Rejects for unknown cells, a bad degree or a dataset without
   * connectivity and changes nothing.
   */
  async selectNeighbors(
    cells: number | ArrayLike<number>,
    degree: number,
    options: SelectOptions = {},
  ): Promise<string | null> {
    return this.store.selector.neighbors(cells, degree, options);
  }

  /** A copy of a highlight group's cell indices. */
  getHighlightCells(groupId: string): Uint32Array {
    return this.store.highlights.cells(groupId);
  }

  /** Shows or hides a group's rings without deleting it. */
  setHighlightEnabled(groupId: string, enabled: boolean): void {
    this.store.highlights.setEnabled(groupId, enabled);
  }

  renameHighlight(groupId: string, label: string): void {
    this.store.highlights.rename(groupId, label);
  }

  /** Deletes a highlight group for good. */
  deleteHighlight(groupId: string): void {
    this.store.highlights.remove(groupId);
  }

  /** Deletes every group of the active highlight page (the X key). */
  clearHighlights(): void {
    this.store.highlights.clearActivePage();
  }

  /** Adds a highlight page, makes it the active one and returns its id. */
  addHighlightPage(name?: string): string {
    return this.store.highlights.addPage(name);
  }

  /** Chooses which page's groups are drawn and receive new groups. */
  setActiveHighlightPage(pageId: string): void {
    this.store.highlights.setActivePage(pageId);
  }

  /**
   * What a plain drag or click does: `navigate` (default), `lasso` or `box` selection by dragging, or
   * `proximity` or `knn` (with connectivity only) selection around a clicked cell. Alt-drag always
   * selects and Alt+click always selects the clicked cell's category or value.
   */
  setSelectionTool(tool: SelectionTool): void {
    if (!this.selectionTools().includes(tool))
      throw new Error(`setSelectionTool: expected one of ${this.selectionTools().join(', ')}.`);
    this.store.selector.tool = tool;
    this.requestUpdate();
  }

  /** Selection tools this dataset offers. */
  protected selectionTools(): SelectionTool[] {
    const knn = this.store.source?.dataset.connectivity ? (['knn'] as const) : [];
    return ['navigate', 'lasso', 'box', 'proximity', ...knn];
  }

  /** The lasso or box being drawn. */
  protected renderSelection() {
    return this.#selection.renderOverlay();
  }

  protected renderHighlightsPanel() {
    return this.store.source ? renderHighlights(this.store.highlights.summary(), this.#panelActions) : null;
  }

  /** The highlight panel's "Make field": a category per page with groups, as in the app; then coloured by it. */
  async #fieldFromPages(): Promise<void> {
    const { store } = this;
    const source = store.requireSource('createFieldFromHighlights');
    const pageIds = store.highlights.current.pages.filter((p) => p.groups.length).map((p) => p.id);
    let name = 'Highlights';
    for (let n = 2; store.fields.taken(source, 'obs', name); n++) name = `Highlights (${n})`;
    const field = this.createFieldFromHighlights({ name, pageIds });
    store.announce(`New field ${name}: one category per highlight page.`);
    await this.setActiveField(field);
  }

  #highlightsChanged(): void {
    const { store } = this;
    this.requestUpdate();
    if (store.source) store.changed();
    // The rings follow in a task of their own (once for a burst of changes): a lasso over a
    // million cells already spends tens of milliseconds selecting.
    if (this.#ringsPending) return;
    this.#ringsPending = true;
    // One listing at a time, each of the state as it starts: the last upload is of the latest change.
    // The cells are listed a group per task (a million took tens of milliseconds on a cold page).
    this.ringsDrawn = this.ringsDrawn.then(nextTask, nextTask).then(async () => {
      this.#ringsPending = false;
      const n = store.source?.dataset.cellCount;
      store.renderer.setHighlight(n ? await runInSlices(ringCellsInSteps(store.highlights.current, n)) : null);
    });
  }
}
