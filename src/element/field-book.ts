// The viewer's field overlays: user-defined fields beside the export's, display names of fields
// and categories, and soft-deleted fields. It answers "which fields exist, under which name" for
// the menus, the legend, the API and restored sessions. Its changes go to the store (notify).
import type { CategoricalFieldData, DatasetSource, FieldData } from '../core/dataset/types.js';
import type { ActiveField } from '../core/state/active-field.js';
import {
  categoryRenameId,
  cleanName,
  copyOfField,
  emptyOverlays,
  fieldFromHighlightPages,
  nextUserFieldId,
  userFieldData,
  userFieldRef,
  type FieldOverlayState,
  type UserField,
} from '../core/state/field-overlays.js';
import type { HighlightPage } from '../core/state/highlights.js';
import { fieldKey, fieldRef, formatFieldRef, isObsRef, readFieldRef, type FieldRef } from '../core/state/field-ref.js';

/** What getViewState() reports about user-defined fields. */
export interface UserFieldSummary {
  id: string;
  /** How the methods name it: "obs:<name>" for a cell field; a copy of a gene is "var:<name>". */
  field: FieldRef;
  kind: 'category' | 'continuous';
  /** Categories of a categorical field (empty for a continuous one). */
  categories: string[];
  /** The field or gene a continuous copy reads its values from (null for a categorical field). */
  copyOf: FieldRef | null;
}

/** Most user-defined fields a viewer holds: each is one code per cell. */
const MAX_USER_FIELDS = 64;

export class FieldBook {
  #state: FieldOverlayState = emptyOverlays();
  readonly #dataCache = new Map<UserField, CategoricalFieldData>();

  /** The store, told of every change (store-types.ts imports this module's types, so no import back). */
  readonly #store: { notify(book: 'fields'): void };

  constructor(store: { notify(book: 'fields'): void }) {
    this.#store = store;
  }

  get current(): FieldOverlayState {
    return this.#state;
  }

  replace(state: FieldOverlayState): void {
    this.#state = state;
    this.#dataCache.clear();
    this.#store.notify('fields');
  }

  reset(): void {
    this.replace(emptyOverlays());
  }

  /** The user field "obs:key" / "var:key" (a bare key means the cell side). */
  userField(ref: string): UserField | undefined {
    const full = readFieldRef(ref) ? ref : fieldRef('obs', ref);
    return this.#state.userFields.find((f) => userFieldRef(f) === full);
  }

  /** A categorical or continuous obs field, a gene or a user field, decoded. */
  async load(source: DatasetSource, field: ActiveField, signal?: AbortSignal): Promise<FieldData> {
    const user = this.userField(formatFieldRef(field));
    if (user?.kind === 'continuous') {
      const data = await (user.source === 'var'
        ? source.loadGene(user.sourceKey, signal)
        : source.loadObsField(user.sourceKey, signal));
      return { ...data, key: user.key };
    }
    if (user) {
      let data = this.#dataCache.get(user);
      if (!data) this.#dataCache.set(user, (data = userFieldData(user)));
      return data;
    }
    return field.source === 'var' ? source.loadGene(field.key, signal) : source.loadObsField(field.key, signal);
  }

  /** Category names of a categorical obs or user field, or undefined. */
  categoriesOf(source: DatasetSource, key: string): readonly string[] | undefined {
    const user = this.userField(key);
    if (user) return user.kind === 'category' ? user.categories : undefined;
    const info = source.dataset.obsFields.find((f) => f.key === key);
    return info?.kind === 'category' ? info.categories : undefined;
  }

  /** Whether a field (export or user-defined) is categorical or continuous; undefined when there is none. */
  kindOf(source: DatasetSource, field: ActiveField): 'category' | 'continuous' | undefined {
    const user = this.userField(formatFieldRef(field));
    if (user) return user.kind;
    if (field.source === 'var') return source.dataset.genes.some((g) => g.key === field.key) ? 'continuous' : undefined;
    return source.dataset.obsFields.find((f) => f.key === field.key)?.kind;
  }

  exists(source: DatasetSource, field: ActiveField): boolean {
    return this.kindOf(source, field) !== undefined;
  }

  /** User fields on one side, in the order they were made. */
  userRefs(side: 'obs' | 'var'): string[] {
    return this.#state.userFields.filter((f) => f.source === side).map(userFieldRef);
  }

  displayName(ref: string): string {
    return this.#state.fieldRenames.get(ref) ?? fieldKey(ref);
  }

  isDeleted(ref: string): boolean {
    return this.#state.deleted.has(ref);
  }

  /** The field's data with its categories under their display labels (for the legend). */
  displayData(field: ActiveField | null, data: FieldData | null): FieldData | null {
    if (!field || !data || data.kind !== 'category' || this.#state.categoryRenames.size === 0) return data;
    const categories = data.categories.map(
      (c) => this.#state.categoryRenames.get(categoryRenameId(field.source, field.key, c)) ?? c,
    );
    return { ...data, categories };
  }

  renameField(source: DatasetSource, ref: string, name: string | null): void {
    const shown = name === null ? fieldKey(ref) : cleanName('renameField', name, 'field');
    if (this.taken(source, isObsRef(ref) ? 'obs' : 'var', shown, ref))
      throw new Error(`renameField: a field named "${shown}" exists already (the Cellucid app needs names to differ).`);
    if (name === null) this.#state.fieldRenames.delete(ref);
    else this.#state.fieldRenames.set(ref, shown);
    this.#store.notify('fields');
  }

  /**
   * Whether another field on this side goes by `name` where the Cellucid app looks (the name a field
   * shows; a user field also by its own key, which is the app's name for it). A new field (no
   * `renamed`) may not take an export field's key either: the viewer names fields by those.
   */
  taken(source: DatasetSource, side: 'obs' | 'var', name: string, renamed?: string): boolean {
    const keys = side === 'obs' ? source.dataset.obsFields : source.dataset.genes;
    const user = this.userRefs(side);
    return (
      (!renamed && this.exists(source, { source: side, key: name })) ||
      [...keys.map((f) => fieldRef(side, f.key)), ...user].some(
        (ref) => ref !== renamed && (this.displayName(ref) === name || (user.includes(ref) && fieldKey(ref) === name)),
      )
    );
  }

  renameCategory(source: 'obs' | 'var', fieldKey: string, category: string, name: string | null): void {
    const id = categoryRenameId(source, fieldKey, category);
    if (name === null) this.#state.categoryRenames.delete(id);
    else this.#state.categoryRenames.set(id, cleanName('renameCategory', name, 'category'));
    this.#store.notify('fields');
  }

  setDeleted(ref: string, deleted: boolean): void {
    if (deleted) this.#state.deleted.add(ref);
    else this.#state.deleted.delete(ref);
    this.#store.notify('fields');
  }

  /** A user field with a category per highlight page; returns its key. */
  addFromHighlightPages(source: DatasetSource, pages: readonly HighlightPage[], name: string): string {
    const key = cleanName('createFieldFromHighlights', name, 'field');
    if (this.taken(source, 'obs', key))
      throw new Error(`createFieldFromHighlights: a field named "${key}" exists already.`);
    if (this.#state.userFields.length >= MAX_USER_FIELDS)
      throw new Error(`createFieldFromHighlights: at most ${MAX_USER_FIELDS} user-defined fields.`);
    let field: UserField;
    try {
      field = fieldFromHighlightPages(pages, source.dataset.cellCount, nextUserFieldId(this.#state.userFields), key);
    } catch (err) {
      throw new Error(`createFieldFromHighlights: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    this.#state.userFields.push(field);
    this.#store.notify('fields');
    return key;
  }

  /**
   * A copy of a field under a new name (default "<name> copy"), on the same side: categorical
   * codes are copied, a continuous field or gene is read from its source. Returns the copy's key.
   */
  async addCopy(source: DatasetSource, from: ActiveField, name?: string): Promise<string> {
    const method = 'duplicateField';
    const ref = formatFieldRef(from);
    const user = this.userField(ref);
    const original: ActiveField = user?.kind === 'continuous' ? { source: user.source, key: user.sourceKey } : from;
    let key: string;
    if (name === undefined) {
      const base = cleanName(method, `${this.displayName(ref)} copy`, 'field');
      key = base;
      for (let n = 2; this.taken(source, from.source, key); n++) key = `${base} ${n}`;
    } else {
      key = cleanName(method, name, 'field');
      if (this.taken(source, from.source, key)) throw new Error(`${method}: a field named "${key}" exists already.`);
    }
    if (this.#state.userFields.length >= MAX_USER_FIELDS)
      throw new Error(`${method}: at most ${MAX_USER_FIELDS} user-defined fields.`);
    const data = await this.load(source, original);
    const labels = data.kind === 'category' ? (this.displayData(original, data) as typeof data).categories : null;
    // Another call may have taken the name while the source field loaded.
    if (this.taken(source, from.source, key)) throw new Error(`${method}: a field named "${key}" exists already.`);
    this.#state.userFields.push(
      copyOfField(
        data,
        { source: original.source, key: rootKey(user) ?? original.key },
        labels,
        nextUserFieldId(this.#state.userFields),
        key,
      ),
    );
    this.#store.notify('fields');
    return key;
  }

  /** Removes a user-defined field for good (an export field can only be soft-deleted). */
  removeUserField(ref: string): void {
    this.#state.userFields = this.#state.userFields.filter((f) => userFieldRef(f) !== ref);
    this.#state.deleted.delete(ref);
    this.#state.fieldRenames.delete(ref);
    this.#store.notify('fields');
  }

  summary(): {
    fieldRenames: Record<FieldRef, string>;
    categoryRenames: Record<string, string>;
    hiddenFields: FieldRef[];
    userFields: UserFieldSummary[];
  } {
    return {
      fieldRenames: Object.fromEntries([...this.#state.fieldRenames].sort(([a], [b]) => (a < b ? -1 : 1))),
      categoryRenames: Object.fromEntries([...this.#state.categoryRenames].sort(([a], [b]) => (a < b ? -1 : 1))),
      hiddenFields: [...this.#state.deleted].sort() as FieldRef[],
      userFields: this.#state.userFields.map((f) => ({
        id: f.id,
        field: formatFieldRef(f),
        kind: f.kind,
        categories: f.kind === 'category' ? [...f.categories] : [],
        copyOf: f.kind === 'continuous' ? formatFieldRef({ source: f.source, key: f.sourceKey }) : null,
      })),
    };
  }
}

/** The export field a copied categorical user field comes from, when it names one (copies of copies name the first). */
function rootKey(f: UserField | undefined): string | undefined {
  const sf = f?.kind === 'category' ? (f.extra.sourceField as { sourceKey?: unknown } | null) : null;
  return typeof sf?.sourceKey === 'string' ? sf.sourceKey : undefined;
}
