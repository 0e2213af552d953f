// The Cellucid app's words for a view: its filter lines and its label, exactly as the app computes
// them when it replays a snapshot (it refuses a snapshot whose saved words differ). Lines come from
// the fields in the app's order (continuous obs fields, categorical ones, user-defined ones; deleted
// fields left out), then the coloured gene's range; names are the displayed ones.
import type { ActiveField } from './active-field.js';
import type { PersistedFilters } from './persisted-view.js';
import { fieldKey } from './field-ref.js';
import { own } from '../session/safe-json.js';

/** A field as the app lists it: `ref` names it in the viewer's filters, `key` is what the app shows. */
export interface ListedField {
  ref: string;
  key: string;
  kind: 'category' | 'continuous';
  /** Continuous: the range a filter starts from. */
  min?: number | null;
  max?: number | null;
  /** Categorical: the viewer's names in code order, and the displayed labels. */
  names?: readonly string[];
  labels?: readonly string[];
}

const NO_FILTERS = 'No filters active';

/** A range filter the app would save (it writes one only when a bound moved by more than 1e-6). */
export function rangeMoved(r: { min: number; max: number }, f: Pick<ListedField, 'min' | 'max'>): boolean {
  return !(Math.abs(r.min - (f.min ?? NaN)) <= 1e-6 && Math.abs(r.max - (f.max ?? NaN)) <= 1e-6);
}

export function filterLines(
  filters: PersistedFilters,
  active: ActiveField | null,
  obs: readonly ListedField[],
  gene: (key: string) => ListedField | undefined,
): string[] {
  const lines: string[] = [];
  const add = (text: string, enabled: boolean) => lines.push(enabled ? text : `${text} (disabled)`);
  const range = (f: ListedField) => {
    const r = own(filters.ranges, f.ref);
    if (r && rangeMoved(r, f)) add(`${f.key}: ${r.min.toFixed(2)} – ${r.max.toFixed(2)}`, r.enabled);
  };
  for (const f of obs) {
    if (f.kind === 'continuous') range(f);
    else {
      const key = fieldKey(f.ref);
      const c = own(filters.categories, key);
      const hidden = f.names!.flatMap((name, i) => (c?.hidden.includes(name) ? [f.labels![i]] : []));
      if (hidden.length)
        add(
          `${f.key}: hiding ${hidden.slice(0, 4).join(', ')}${hidden.length > 4 ? ` +${hidden.length - 4} more` : ''}`,
          c!.enabled,
        );
    }
  }
  const g = active?.source === 'var' ? gene(active.key) : undefined;
  if (g) range(g);
  return lines.length ? lines : [NO_FILTERS];
}

/** "cell_type • cell_type: hiding B, NK", "score: 0.20 – 0.80", "All cells". */
export function viewLabel(fieldKey: string | null, lines: readonly string[]): string {
  const parts = [fieldKey, lines[0] === NO_FILTERS ? null : lines[0]].filter((p) => p);
  return parts.join(' • ') || 'All cells';
}
