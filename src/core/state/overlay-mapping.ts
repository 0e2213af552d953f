// Field overlays to and from a SessionDocument: renames, soft deletions, user-defined
// categorical fields with their codes, and continuous user fields (copies of a source field).
import { dict } from '../dict.js';
import type { DecodedCodes } from '../session/codecs/user-codes.js';
import type { FieldOverlays, Json, SessionDocument, UserDefinedField } from '../session/document.js';
import { emptyOverlays, userFieldRef, type FieldOverlayState, type UserField } from './field-overlays.js';
import { fieldKey, fieldRef, isObsRef, readFieldRef } from './field-ref.js';

export function overlaysToDocument(o: FieldOverlayState): {
  fieldOverlays: FieldOverlays;
  codes: Map<string, DecodedCodes>;
} {
  const codes = new Map<string, DecodedCodes>();
  const userRefs = new Set(o.userFields.map(userFieldRef));
  const userDefinedFields = o.userFields.map((f): UserDefinedField => {
    const isDeleted = o.deleted.has(userFieldRef(f));
    const key = f.key;
    if (f.kind === 'continuous')
      return { id: f.id, source: f.source, kind: 'continuous', key, isDeleted, isPurged: false, extra: f.extra };
    const wide = f.codes instanceof Uint16Array;
    codes.set(f.id, { encoding: wide ? 1 : 0, codes: f.codes });
    return {
      id: f.id,
      source: 'obs',
      kind: 'category',
      key,
      isDeleted,
      isPurged: false,
      categories: [...f.categories],
      codesLength: f.codes.length,
      codesType: wide ? 'Uint16Array' : 'Uint8Array',
      extra: f.extra,
    };
  });
  return {
    fieldOverlays: {
      // Names given to user fields are kept here too: the app shows its own fields under their key.
      renames: { fields: dict(o.fieldRenames), categories: dict(o.categoryRenames) },
      deletedFields: {
        deleted: [...o.deleted].filter((ref) => !userRefs.has(ref)),
        purged: [],
      },
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

/** The export field or gene a continuous user field copies: `sourceField.sourceKey`, on the field's own side. */
function copiedKey(f: UserDefinedField): string | null {
  const sf = f.extra.sourceField as { [k: string]: Json } | null | undefined;
  const key = sf && typeof sf === 'object' && !Array.isArray(sf) ? sf.sourceKey : null;
  return typeof key === 'string' && key ? key : null;
}

/**
 * The overlays a document holds, for a dataset with these fields. Categorical user fields whose
 * codes have not been read (yet) are left out; continuous ones need only their source field.
 * With `report`, what cannot apply is described in `skipped`.
 */
export function overlaysFromDocument(
  doc: SessionDocument,
  known: { obs: ReadonlySet<string>; var: ReadonlySet<string>; categories: ReadonlyMap<string, unknown> },
  report: boolean,
  skipped: string[],
): FieldOverlayState {
  const state = emptyOverlays();
  const o = doc.fieldOverlays;
  if (!o) return state;
  const userRefs = new Set<string>();
  const skip = (f: UserDefinedField, why: string) =>
    report && skipped.push(`the user-defined field "${f.key}" (${why})`);
  for (const f of o.userDefinedFields) {
    if (f.isPurged) continue;
    const ref = fieldRef(f.source, f.key);
    if (
      (f.source === 'obs' ? known.obs : known.var).has(f.key) ||
      userRefs.has(ref) ||
      (f.kind === 'category' && f.source !== 'obs')
    ) {
      skip(f, 'its name is taken by another field');
      continue;
    }
    let field: UserField;
    if (f.kind === 'continuous') {
      const sourceKey = copiedKey(f);
      const present =
        sourceKey !== null &&
        (f.source === 'var' ? known.var.has(sourceKey) : known.obs.has(sourceKey) && !known.categories.has(sourceKey));
      if (!present) {
        skip(
          f,
          sourceKey
            ? `it copies "${sourceKey}", not a continuous ${f.source === 'var' ? 'gene' : 'field'} of this dataset`
            : 'it names no source field',
        );
        continue;
      }
      field = { kind: 'continuous', source: f.source, id: f.id, key: f.key, sourceKey, extra: f.extra };
    } else {
      const codes = doc.userDefinedCodes.get(f.id);
      if (!codes) {
        skip(f, 'its cell codes could not be read');
        continue;
      }
      field = {
        kind: 'category',
        source: 'obs',
        id: f.id,
        key: f.key,
        categories: (f.categories ?? []).map(String),
        codes: codes.codes,
        extra: f.extra,
      };
    }
    userRefs.add(ref);
    state.userFields.push(field);
    if (f.isDeleted) state.deleted.add(ref);
  }
  const exists = (ref: string) =>
    userRefs.has(ref) || (readFieldRef(ref) !== null && known[isObsRef(ref) ? 'obs' : 'var'].has(fieldKey(ref)));
  for (const [ref, name] of Object.entries(o.renames.fields)) {
    if (exists(ref) && name.trim()) state.fieldRenames.set(ref, name);
    else if (report) skipped.push(`the new name of ${ref} (not in this dataset)`);
  }
  // Category ids name their field inside the id; a rename of a category this dataset lacks is inert.
  for (const [id, label] of Object.entries(o.renames.categories))
    if (label.trim()) state.categoryRenames.set(id, label);
  for (const ref of o.deletedFields.deleted) if (exists(ref)) state.deleted.add(ref);
  return state;
}
