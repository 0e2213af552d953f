// The public API's field arguments, checked against the open dataset and the user's fields: a
// FieldRef that names an existing field, a category of a categorical cell field, a continuous
// field. Each check throws an Error that names the method, and changes nothing.
import type { DatasetSource } from '../core/dataset/types.js';
import type { ActiveField } from '../core/state/active-field.js';
import { formatFieldRef, parseFieldRef, type FieldRef } from '../core/state/field-ref.js';
import type { FieldBook } from './field-book.js';

interface FieldArgsStore {
  readonly fields: FieldBook;
  requireSource(method: string): DatasetSource;
}

/** A field of this dataset (or of the user's); hidden (deleted) fields only with `hiddenToo`. */
export function existingField(store: FieldArgsStore, method: string, field: FieldRef, hiddenToo = false): ActiveField {
  const source = store.requireSource(method);
  const parsed = parseFieldRef(field, method);
  if (!store.fields.exists(source, parsed)) {
    const what = parsed.source === 'obs' ? 'cell field' : 'gene';
    throw new Error(`${method}: this dataset has no ${what} named "${parsed.key}".`);
  }
  if (!hiddenToo) visibleField(store, method, parsed);
  return parsed;
}

/** The Cellucid app refuses filters, colouring and views on a deleted (hidden) field, and so does the API. */
function visibleField(store: FieldArgsStore, method: string, field: ActiveField): void {
  const ref = formatFieldRef(field);
  if (store.fields.isDeleted(ref))
    throw new Error(`${method}: "${ref}" is hidden (deleted); showField("${ref}") lists it again.`);
}

/** A continuous cell field or gene. */
export function continuousField(store: FieldArgsStore, method: string, field: FieldRef): ActiveField {
  const parsed = existingField(store, method, field);
  if (store.fields.kindOf(store.requireSource(method), parsed) !== 'continuous')
    throw new Error(`${method}: "${formatFieldRef(parsed)}" is not a continuous field or gene.`);
  return parsed;
}

/** A categorical cell field's key and one of its categories (by name or index): its index and name. */
export function categoryOf(
  store: FieldArgsStore,
  method: string,
  field: FieldRef,
  category: string | number,
): { key: string; index: number; name: string } {
  const source = store.requireSource(method);
  const { source: side, key } = parseFieldRef(field, method);
  const names = side === 'obs' ? store.fields.categoriesOf(source, key) : undefined;
  if (!names) throw new Error(`${method}: this dataset has no categorical cell field "${field}".`);
  visibleField(store, method, { source: 'obs', key });
  const index = typeof category === 'number' ? category : names.indexOf(category);
  if (!Number.isInteger(index) || index < 0 || index >= names.length) {
    throw new Error(`${method}: "${field}" has no category ${JSON.stringify(category)}.`);
  }
  return { key, index, name: names[index] };
}
