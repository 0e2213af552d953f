// Which cells are drawn: the AND of every active filter (the Cellucid rules).
// - hidden categories of any categorical field (cells with a missing code stay visible);
// - a value range on a cell field, or on a gene while that gene is coloured (NaN fails);
// - the outlier threshold of the coloured categorical field (below 0.9999; no quantile passes).
import type { CategoricalFieldData, ContinuousFieldData, FieldData } from '../dataset/types.js';
import type { ActiveField } from './active-field.js';
import { fieldKey, fieldRef, formatFieldRef, isObsRef } from './field-ref.js';

export interface CategoryFilter {
  hidden: Set<number>;
  enabled: boolean;
}

export interface RangeFilter {
  min: number;
  max: number;
  enabled: boolean;
}

export interface FilterSet {
  /** By obs field key. */
  categories: Map<string, CategoryFilter>;
  /** By "obs:key" / "var:gene". */
  ranges: Map<string, RangeFilter>;
  /** Outlier threshold for the coloured categorical field, or null (off). */
  outlierThreshold: number | null;
}

export const OUTLIER_OFF = 0.9999;

export function emptyFilters(): FilterSet {
  return { categories: new Map(), ranges: new Map(), outlierThreshold: null };
}

/** The field payloads the filters need (the caller loads them first). */
export function fieldsNeeded(f: FilterSet, active: ActiveField | null): string[] {
  const refs = new Set<string>();
  for (const [key, c] of f.categories) if (c.enabled && c.hidden.size) refs.add(fieldRef('obs', key));
  for (const [ref, r] of f.ranges) if (r.enabled && appliesRange(ref, active)) refs.add(ref);
  if (f.outlierThreshold !== null && active?.source === 'obs') refs.add(fieldRef('obs', active.key));
  return [...refs];
}

function appliesRange(ref: string, active: ActiveField | null): boolean {
  return isObsRef(ref) || (active !== null && ref === formatFieldRef(active));
}

/** Per-cell visibility (1 drawn, 0 hidden), or null when no filter is active. */
export function computeVisibility(
  cellCount: number,
  f: FilterSet,
  active: ActiveField | null,
  field: (ref: string) => FieldData | undefined,
): Uint8Array | null {
  let visible: Uint8Array | null = null;
  const mask = () => (visible ??= new Uint8Array(cellCount).fill(1));
  for (const [key, c] of f.categories) {
    if (!c.enabled || c.hidden.size === 0) continue;
    const data = field(fieldRef('obs', key)) as CategoricalFieldData | undefined;
    if (!data || data.kind !== 'category') continue;
    const hide = new Uint8Array(data.categories.length);
    for (const i of c.hidden) if (i < hide.length) hide[i] = 1;
    const v = mask();
    const codes = data.codes;
    for (let i = 0; i < cellCount; i++) {
      const code = codes[i];
      if (code !== 65535 && hide[code]) v[i] = 0;
    }
  }
  for (const [ref, r] of f.ranges) {
    if (!r.enabled || !appliesRange(ref, active)) continue;
    const data = field(ref) as ContinuousFieldData | undefined;
    if (!data || data.kind !== 'continuous') continue;
    const v = mask();
    const values = data.values;
    for (let i = 0; i < cellCount; i++) {
      const x = values[i];
      if (!(x >= r.min && x <= r.max)) v[i] = 0;
    }
  }
  if (f.outlierThreshold !== null && f.outlierThreshold < OUTLIER_OFF && active?.source === 'obs') {
    const data = field(fieldRef('obs', active.key));
    if (data?.kind === 'category' && data.outlierQuantiles) {
      const v = mask();
      const q = data.outlierQuantiles;
      const t = f.outlierThreshold;
      for (let i = 0; i < cellCount; i++) if (q[i] >= 0 && q[i] > t) v[i] = 0;
    }
  }
  return visible;
}

/** "obs:cell_type": 2 hidden categories, … — the active-filters list. */
export function describeFilters(
  f: FilterSet,
  active: ActiveField | null,
): Array<{ id: string; text: string; enabled: boolean }> {
  const out: Array<{ id: string; text: string; enabled: boolean }> = [];
  for (const [key, c] of f.categories)
    if (c.hidden.size)
      out.push({
        id: `category:${key}`,
        text: `${key}: ${c.hidden.size} hidden categor${c.hidden.size === 1 ? 'y' : 'ies'}`,
        enabled: c.enabled,
      });
  for (const [ref, r] of f.ranges) {
    const key = fieldKey(ref);
    const note = appliesRange(ref, active) ? '' : ' (applies while coloured)';
    out.push({ id: `range:${ref}`, text: `${key}: ${fmt(r.min)} to ${fmt(r.max)}${note}`, enabled: r.enabled });
  }
  if (f.outlierThreshold !== null)
    out.push({ id: 'outliers', text: `outliers above ${fmt(f.outlierThreshold)} hidden`, enabled: true });
  return out;
}

const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));
