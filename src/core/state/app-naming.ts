// The names the Cellucid app knows fields and categories by: the displayed ones (after renames),
// in its field order, without deleted fields. The viewer keeps the export's names inside and
// translates on the way out (writing) and in (reading).
import type { FieldOverlays } from '../session/document.js';
import { categoryRenameId, userFieldRef, type FieldOverlayState } from './field-overlays.js';
import type { DatasetFields } from './persisted-view.js';
import type { ListedField } from './view-label.js';
import { fieldKey, fieldRef, isObsRef } from './field-ref.js';

export interface AppNaming {
  /** Obs fields as the app lists them, for filter lines. */
  obs: ListedField[];
  /** The viewer's "obs:key" / "var:gene" as the app knows it; undefined when deleted or unknown. */
  field(ref: string, kind?: ListedField['kind']): ListedField | undefined;
}

export function appNaming(o: FieldOverlayState, dataset: DatasetFields | null): AppNaming {
  const shown = (ref: string) => o.fieldRenames.get(ref) ?? fieldKey(ref);
  const listed = (ref: string, kind: ListedField['kind'], extra: Partial<ListedField> = {}, own = false) => {
    // The app applies renames to the export's fields; its own (user) fields go by their key and labels.
    const names = extra.names;
    const labels = own
      ? names
      : names?.map((n) => o.categoryRenames.get(categoryRenameId('obs', fieldKey(ref), n)) ?? n);
    return { ref, key: own ? fieldKey(ref) : shown(ref), kind, ...extra, labels } as ListedField;
  };
  const all = new Map<string, ListedField>();
  const add = (f: ListedField) => !o.deleted.has(f.ref) && all.set(f.ref, f);
  for (const f of dataset?.obs ?? [])
    add(listed(fieldRef('obs', f.key), f.kind, { min: f.min, max: f.max, names: f.categories }));
  for (const g of dataset?.genes ?? []) add(listed(fieldRef('var', g.key), 'continuous', { min: g.min, max: g.max }));
  for (const f of o.userFields) {
    const source = f.kind === 'continuous' ? all.get(fieldRef(f.source, f.sourceKey)) : undefined;
    const extra = f.kind === 'category' ? { names: f.categories } : { min: source?.min, max: source?.max };
    add(listed(userFieldRef(f), f.kind, extra, true));
  }
  const obs = [...all.values()].filter((f) => isObsRef(f.ref));
  return {
    obs,
    // Without the dataset (tests of the mapping alone), every field not deleted is taken as it is.
    field: (ref, kind = 'continuous') =>
      all.get(ref) ?? (dataset || o.deleted.has(ref) ? undefined : listed(ref, kind)),
  };
}

export interface ViewerNaming {
  /** "obs:<shown key>" → "obs:<export key>". */
  field(ref: string): string;
  /** A category's shown label → its export label (`ref` as the viewer names the field). */
  category(ref: string, label: string): string;
}

/** From the app's names back to the viewer's: fields by their export key, categories by their export label. */
export function viewerNaming(o: FieldOverlays | null): ViewerNaming {
  const fields = new Map<string, string>();
  const labels = new Map<string, string>();
  for (const [ref, shown] of Object.entries(o?.renames.fields ?? {})) fields.set(`${ref.slice(0, 4)}${shown}`, ref);
  for (const [id, shown] of Object.entries(o?.renames.categories ?? {})) {
    // "<source>:<key length>:<key>:<tag>:<label>"
    const m = /^(obs|var):(\d+):/.exec(id);
    if (!m) continue;
    const start = m[0].length;
    const key = id.slice(start, start + Number(m[2]));
    const label = id.slice(start + key.length + 3);
    labels.set(`${m[1]}:${key}\u0000${shown}`, label);
  }
  return {
    field: (ref) => fields.get(ref) ?? ref,
    category: (ref, label) => labels.get(`${ref}\u0000${label}`) ?? label,
  };
}
