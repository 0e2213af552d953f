// The live view's filters (spec §4.1): hidden categories per categorical field, value ranges per
// continuous field or gene, the outlier threshold of the coloured categorical field, each
// switchable off without losing its settings. Checks arguments, computes visibility, and turns
// the set into the names getViewState() and sessions use.
import type { DatasetSource, FieldData } from '../core/dataset/types.js';
import type { ActiveField } from '../core/state/active-field.js';
import { fieldRef, formatFieldRef, parseFieldRef } from '../core/state/field-ref.js';
import {
  computeVisibility,
  describeFilters,
  emptyFilters,
  fieldsNeeded,
  OUTLIER_OFF,
  type FilterSet,
} from '../core/state/filters.js';
import type { PersistedFilters } from '../core/state/persisted-view.js';
import type { FieldBook } from './field-book.js';

/** A filter as getViewState() reports it, keyed "obs:<key>" / "var:<gene>" (and "outliers"). */
export type FilterSummary =
  | { kind: 'category'; hidden: string[]; enabled: boolean }
  | { kind: 'continuous'; min: number; max: number; enabled: boolean }
  | { kind: 'outliers'; threshold: number };

export class FilterBook {
  current: FilterSet = emptyFilters();

  readonly #fields: FieldBook;

  constructor(fields: FieldBook) {
    this.#fields = fields;
  }

  reset(): void {
    this.current = emptyFilters();
  }

  setCategoryHidden(fieldKey: string, index: number, hidden: boolean): void {
    const entry = this.current.categories.get(fieldKey) ?? { hidden: new Set<number>(), enabled: true };
    if (hidden) entry.hidden.add(index);
    else entry.hidden.delete(index);
    entry.enabled = true;
    if (entry.hidden.size) this.current.categories.set(fieldKey, entry);
    else this.current.categories.delete(fieldKey);
  }

  /** Hides or shows every category of a field at once ("Hide all" / "Show all"). */
  setAllHidden(fieldKey: string, categoryCount: number, hidden: boolean): void {
    if (hidden)
      this.current.categories.set(fieldKey, {
        hidden: new Set(Array.from({ length: categoryCount }, (_, i) => i)),
        enabled: true,
      });
    else this.current.categories.delete(fieldKey);
  }

  setRange(ref: string, range: { min: number; max: number } | null): void {
    if (range === null) {
      this.current.ranges.delete(ref);
      return;
    }
    if (!range || !Number.isFinite(range.min) || !Number.isFinite(range.max) || range.min > range.max) {
      throw new Error('setRange: expected {min, max} with finite numbers and min ≤ max, or null.');
    }
    this.current.ranges.set(ref, { min: range.min, max: range.max, enabled: true });
  }

  setOutlierThreshold(threshold: number | null): void {
    if (threshold !== null && !(typeof threshold === 'number' && threshold >= 0 && threshold <= 1)) {
      throw new Error('setOutlierThreshold: expected a number from 0 to 1, or null.');
    }
    this.current.outlierThreshold = threshold === null || threshold >= OUTLIER_OFF ? null : threshold;
  }

  /** `filterKey` as in getViewState().filters ("obs:key", "var:gene"). */
  setEnabled(filterKey: string, enabled: boolean): void {
    const field = parseFieldRef(filterKey, 'setFilterEnabled');
    const category = field.source === 'obs' ? this.current.categories.get(field.key) : undefined;
    const range = this.current.ranges.get(filterKey);
    if (!category && !range) throw new Error(`setFilterEnabled: there is no filter on "${filterKey}".`);
    if (category) category.enabled = Boolean(enabled);
    if (range) range.enabled = Boolean(enabled);
  }

  /** Removes one filter of the active-filters list (ids "outliers", "category:<key>", "range:<ref>"). */
  remove(id: string): void {
    if (id === 'outliers') this.current.outlierThreshold = null;
    else if (id.startsWith('category:')) this.current.categories.delete(id.slice(9));
    else if (id.startsWith('range:')) this.current.ranges.delete(id.slice(6));
  }

  /** Hidden categories of the coloured field, for its legend rows. */
  hiddenOf(field: ActiveField | null, filters: FilterSet = this.current): ReadonlySet<number> | undefined {
    const entry = field?.source === 'obs' ? filters.categories.get(field.key) : undefined;
    return entry?.enabled ? entry.hidden : undefined;
  }

  describe(field: ActiveField | null): Array<{ id: string; text: string; enabled: boolean }> {
    return describeFilters(this.current, field);
  }

  /** Loads what the filters need, then computes per-cell visibility for the coloured field. */
  async visibility(
    source: DatasetSource,
    field: ActiveField | null,
    data: FieldData | null,
    signal?: AbortSignal,
    filters: FilterSet = this.current,
  ): Promise<Uint8Array | null> {
    const loaded = new Map<string, FieldData>();
    if (field && data) loaded.set(formatFieldRef(field), data);
    for (const ref of fieldsNeeded(filters, field))
      if (!loaded.has(ref)) loaded.set(ref, await this.#fields.load(source, parseFieldRef(ref, 'filters'), signal));
    return computeVisibility(source.dataset.cellCount, filters, field, (ref) => loaded.get(ref));
  }

  summary(source: DatasetSource | null): Record<string, FilterSummary> {
    const out: Record<string, FilterSummary> = {};
    for (const [key, c] of this.current.categories) {
      const names = (source && this.#fields.categoriesOf(source, key)) ?? [];
      out[fieldRef('obs', key)] = {
        kind: 'category',
        hidden: [...c.hidden].sort((a, b) => a - b).map((i) => names[i] ?? String(i)),
        enabled: c.enabled,
      };
    }
    for (const [ref, r] of this.current.ranges)
      out[ref] = { kind: 'continuous', min: r.min, max: r.max, enabled: r.enabled };
    if (this.current.outlierThreshold !== null)
      out.outliers = { kind: 'outliers', threshold: this.current.outlierThreshold };
    return out;
  }

  /** Persisted filters (categories by name) as a filter set of this dataset (categories by index). */
  fromPersisted(source: DatasetSource, persisted: PersistedFilters, outlierThreshold: number | null): FilterSet {
    const next = emptyFilters();
    for (const [key, c] of Object.entries(persisted.categories)) {
      const names = this.#fields.categoriesOf(source, key);
      if (!names) continue;
      const hidden = new Set(c.hidden.map((name) => names.indexOf(name)).filter((i) => i >= 0));
      if (hidden.size) next.categories.set(key, { hidden, enabled: c.enabled });
    }
    for (const [ref, r] of Object.entries(persisted.ranges)) next.ranges.set(ref, { ...r });
    next.outlierThreshold = outlierThreshold;
    return next;
  }
}
