// The legend panel: categories with counts (show, hide, recolour, rename, highlight one), or a
// colour bar with its colormap, log scale, range filter and highlight; the field's own actions
// (rename, hide, duplicate). Its only state is the name being edited and the list's scroll.
import type { PropertyDeclarations } from 'lit';
import type { ColormapId } from '../../core/color/index.js';
import { formatFieldRef, type FieldRef } from '../../core/state/field-ref.js';
import { renderLegend, type LegendActions, type LegendEdit } from '../legend-view.js';
import { PersistenceFeature } from './persistence-feature.js';

export class LegendFeature extends PersistenceFeature {
  static override properties: PropertyDeclarations = {
    legendEdit: { state: true, attribute: false },
  };

  /** The legend name being edited (the field's or a category's), or null. */
  private legendEdit: LegendEdit | null = null;
  /** How far the legend's category list is scrolled, and for which legend. */
  #rowsScroll = { title: '', px: 0 };
  readonly #actions: LegendActions;

  constructor() {
    super();
    const { store } = this;
    const { coloring, filters } = store;
    /** Runs `act` with the coloured field's reference, if a field is coloured; errors are shown. */
    const withField = (act: (ref: FieldRef) => unknown) => {
      const field = coloring.field;
      if (field) store.guard(() => act(formatFieldRef(field)));
    };
    this.#actions = {
      rowsScroll: () => (this.#rowsScroll.title === coloring.legend?.title ? this.#rowsScroll.px : 0),
      scrollRows: (px: number, focus?: string) => {
        this.#rowsScroll = { title: coloring.legend?.title ?? '', px };
        this.requestUpdate();
        if (focus)
          void this.updateComplete.then(() =>
            this.renderRoot.querySelector<HTMLElement>(focus)?.focus({ preventScroll: true }),
          );
      },
      setColormap: (id: ColormapId) => this.setColormap(id),
      setLogScale: (on: boolean) => this.setLogScale(on),
      setCategoryVisible: (index, visible) => withField((ref) => this.setCategoryVisible(ref, index, visible)),
      setAllCategoriesVisible: (visible: boolean) => {
        const field = coloring.field;
        if (!field || field.source !== 'obs' || coloring.data?.kind !== 'category') return;
        filters.setAllHidden(field.key, coloring.data.categories.length, !visible);
        store.guard(() => this.refilter());
      },
      setCategoryColor: (index, color) => withField((ref) => this.setCategoryColor(ref, index, color)),
      highlightCategory: (index) => withField((ref) => this.highlightCategory(ref, index)),
      highlightRange: (range) => withField((ref) => this.highlightRange(ref, range)),
      setRange: (range) => withField((ref) => this.setRange(ref, range)),
      setOutlierThreshold: (t: number) => store.guard(() => this.setOutlierThreshold(t)),
      setFilterEnabled: (id: string, on: boolean) => store.guard(() => this.setFilterEnabled(id as FieldRef, on)),
      removeFilter: (id: string) => {
        filters.remove(id);
        store.guard(() => this.refilter());
      },
      clearFilters: () => store.guard(() => this.clearFilters()),
      currentRange: () =>
        coloring.field ? (filters.current.ranges.get(formatFieldRef(coloring.field)) ?? null) : null,
      outlierThreshold: () => filters.current.outlierThreshold,
      activeFilters: () => filters.describe(coloring.field),
      editing: () => this.legendEdit,
      startEdit: (edit: LegendEdit) => {
        this.legendEdit = edit;
        // The editor is rendered on the next update; focus it there so typing goes to it.
        this.updateComplete.then(() =>
          (this.renderRoot.querySelector('.name-editor') as HTMLInputElement | null)?.select(),
        );
      },
      finishEdit: (value: string | null) => {
        const edit = this.legendEdit;
        this.legendEdit = null;
        const field = coloring.field;
        if (!edit || !field || value === null) return;
        const ref = formatFieldRef(field);
        store.guard(() => {
          if (edit.kind === 'field') return this.renameField(ref, value.trim() === field.key ? null : value);
          const own = store.fields.categoriesOf(store.requireSource('renameCategory'), field.key)?.[edit.index];
          if (own !== undefined) this.renameCategory(ref, edit.index, value.trim() === own ? null : value);
        });
      },
      editable: () => this.legendEditable(),
      open: () => this.panelOpen('legend'),
      setOpen: (open: boolean) => this.setPanelOpen('legend', open),
      mover: this.panelMover,
      hideField: () => withField((ref) => this.hideField(ref)),
      // From the legend the copy is coloured at once, ready to be renamed or edited.
      duplicateField: () => withField(async (ref) => this.setActiveField(await this.duplicateField(ref))),
    };
  }

  /** Whether the legend offers editing (names, colours, filters, highlights); a figure's does not. */
  protected legendEditable(): boolean {
    return true;
  }

  protected renderLegendPanel() {
    return renderLegend(this.store.coloring.legend, this.#actions);
  }
}
