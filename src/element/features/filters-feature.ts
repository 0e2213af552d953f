// Filters: hidden categories, value ranges, the categorical outlier threshold, each switched on
// or off without losing its settings. They persist as the session's filter entries (the outlier
// threshold, which the Cellucid app has no place for, only in the autosave).
import { formatFieldRef, parseFieldRef, type FieldRef } from '../../core/state/field-ref.js';
import { persistedFilters } from '../../core/state/persisted-view.js';
import { categoryOf, continuousField } from '../field-args.js';
import { FilterBook } from '../filter-book.js';
import type { ViewState } from '../view-state.js';
import { ColoringFeature } from './coloring-feature.js';

export class FiltersFeature extends ColoringFeature {
  constructor() {
    super();
    const { store } = this;
    const filters = (store.filters = new FilterBook(store.fields));
    store.register({
      close: () => filters.reset(),
      save: (view) => {
        view.filters = persistedFilters(filters.summary(store.source));
        view.outlierThreshold = filters.current.outlierThreshold;
      },
      apply: (view, source) => {
        if (view.filters) filters.current = filters.fromPersisted(source, view.filters, view.outlierThreshold ?? null);
        else if (view.outlierThreshold !== undefined) filters.current.outlierThreshold = view.outlierThreshold;
      },
      describe: (state) => (state.filters = filters.summary(store.source) as ViewState['filters']),
    });
  }

  /**
   * Shows or hides one category (by name or index) of a categorical cell field. Cells with a
   * missing value are never hidden. Rejects for an unknown field or category and changes nothing.
   */
  async setCategoryVisible(field: FieldRef, category: string | number, visible: boolean): Promise<void> {
    const { key, index } = categoryOf(this.store, 'setCategoryVisible', field, category);
    this.store.filters.setCategoryHidden(key, index, !visible);
    return this.refilter();
  }

  /**
   * Keeps only cells whose value lies in [min, max] for a continuous cell field, or for a gene
   * while it is coloured; `null` removes the range. Rejects for an unknown field and changes nothing.
   */
  async setRange(field: FieldRef, range: { min: number; max: number } | null): Promise<void> {
    this.store.filters.setRange(formatFieldRef(continuousField(this.store, 'setRange', field)), range);
    return this.refilter();
  }

  /**
   * Hides cells of the coloured categorical field whose outlier quantile is above `threshold` (0–1); null or ≥ 0.9999
   * turns it off.
   */
  async setOutlierThreshold(threshold: number | null): Promise<void> {
    this.store.filters.setOutlierThreshold(threshold);
    return this.refilter();
  }

  /** Switches a field's filter off or on without losing its settings (the fields getViewState().filters lists). */
  async setFilterEnabled(field: FieldRef, enabled: boolean): Promise<void> {
    this.store.filters.setEnabled(formatFieldRef(parseFieldRef(field, 'setFilterEnabled')), enabled);
    return this.refilter();
  }

  /** Removes every filter. */
  async clearFilters(): Promise<void> {
    this.store.filters.reset();
    return this.refilter();
  }

  /** After a filter change: new visibility, same colours. */
  protected refilter(): Promise<void> {
    return this.store.coloring.refilter(this.store.requireSource('filters'));
  }
}
