// Field overlays to and from a SessionDocument: renames, soft deletions and user-defined
// categorical fields with their codes.
import type { DecodedCodes } from '../session/codecs/user-codes.js';
import type { FieldOverlays, SessionDocument } from '../session/document.js';
import { emptyOverlays, type FieldOverlayState, type UserField } from './field-overlays.js';

export function overlaysToDocument(o: FieldOverlayState): { fieldOverlays: FieldOverlays; codes: Map<string, DecodedCodes> } {
  const codes = new Map<string, DecodedCodes>();
  const userDefinedFields = o.userFields.map((f) => {
    const wide = f.codes instanceof Uint16Array;
    codes.set(f.id, { encoding: wide ? 1 : 0, codes: f.codes });
    return {
      id: f.id,
      source: 'obs' as const,
      kind: 'category' as const,
      key: f.key,
      isDeleted: o.deleted.has(`obs:${f.key}`),
      isPurged: false,
      categories: [...f.categories],
      codesLength: f.codes.length,
      codesType: wide ? ('Uint16Array' as const) : ('Uint8Array' as const),
      extra: f.extra,
    };
  });
  return {
    fieldOverlays: {
      renames: { fields: Object.fromEntries(o.fieldRenames), categories: Object.fromEntries(o.categoryRenames) },
      deletedFields: { deleted: [...o.deleted].filter((ref) => !o.userFields.some((f) => `obs:${f.key}` === ref)), purged: [] },
      userDefinedFields,
    },
    codes,
  };
}

/** Categorical user fields the session declares (key → category names), whether or not their codes have arrived. */
export function declaredUserFields(doc: SessionDocument, datasetObs: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of doc.fieldOverlays?.userDefinedFields ?? []) {
    if (f.kind !== 'category' || f.isPurged || f.source !== 'obs' || datasetObs.has(f.key)) continue;
    out.set(f.key, (f.categories ?? []).map(String));
  }
  return out;
}

/**
 * The overlays a document holds, for a dataset with these fields. User fields whose codes have
 * not been read (yet) are left out; with `report`, what cannot apply is described in `skipped`.
 */
export function overlaysFromDocument(doc: SessionDocument, known: { obs: ReadonlySet<string>; var: ReadonlySet<string> }, report: boolean, skipped: string[]): FieldOverlayState {
  const state = emptyOverlays();
  const o = doc.fieldOverlays;
  if (!o) return state;
  const userKeys = new Set<string>();
  for (const f of o.userDefinedFields) {
    if (f.kind !== 'category' || f.isPurged) continue;
    const codes = doc.userDefinedCodes.get(f.id);
    if (f.source !== 'obs' || known.obs.has(f.key) || userKeys.has(f.key)) {
      if (report) skipped.push(`the user-defined field "${f.key}" (its name is taken by another field)`);
      continue;
    }
    if (!codes) {
      if (report) skipped.push(`the user-defined field "${f.key}" (its cell codes could not be read)`);
      continue;
    }
    const field: UserField = { id: f.id, key: f.key, categories: (f.categories ?? []).map(String), codes: codes.codes, extra: f.extra };
    userKeys.add(f.key);
    state.userFields.push(field);
    if (f.isDeleted) state.deleted.add(`obs:${f.key}`);
  }
  if (report) {
    const continuous = o.userDefinedFields.filter((f) => f.kind === 'continuous').length;
    if (continuous) skipped.push(`${continuous} user-defined continuous field${continuous > 1 ? 's' : ''}`);
  }
  const exists = (ref: string) => (ref.startsWith('var:') ? known.var.has(ref.slice(4)) : ref.startsWith('obs:') && (known.obs.has(ref.slice(4)) || userKeys.has(ref.slice(4))));
  for (const [ref, name] of Object.entries(o.renames.fields)) {
    if (exists(ref) && name.trim()) state.fieldRenames.set(ref, name);
    else if (report) skipped.push(`the new name of ${ref} (not in this dataset)`);
  }
  // Category ids name their field inside the id; a rename of a category this dataset lacks is inert.
  for (const [id, label] of Object.entries(o.renames.categories)) if (label.trim()) state.categoryRenames.set(id, label);
  for (const ref of o.deletedFields.deleted) if (exists(ref)) state.deleted.add(ref);
  return state;
}
