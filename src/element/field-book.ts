// The viewer's field overlays: user-defined fields beside the export's, display names of fields
// and categories, and soft-deleted fields. It answers "which fields exist, under which name" for
// the menus, the legend, the API and restored sessions.
import type { CategoricalFieldData, DatasetSource, FieldData } from '../core/dataset/types.js';
import type { ActiveField } from '../core/state/active-field.js';
import {
  categoryRenameId,
  cleanName,
  emptyOverlays,
  fieldFromHighlightPage,
  nextUserFieldId,
  userFieldData,
  type FieldOverlayState,
  type UserField,
} from '../core/state/field-overlays.js';
import type { HighlightPage } from '../core/state/highlights.js';

/** What getViewState() reports about user-defined fields. */
export interface UserFieldSummary {
  id: string;
  key: string;
  categories: string[];
}

/** Most user-defined fields a viewer holds: each is one code per cell. */
const MAX_USER_FIELDS = 64;

export class FieldBook {
  private state: FieldOverlayState = emptyOverlays();
  private readonly dataCache = new Map<UserField, CategoricalFieldData>();

  constructor(private readonly onChange: () => void) {}

  get current(): FieldOverlayState {
    return this.state;
  }

  replace(state: FieldOverlayState): void {
    this.state = state;
    this.dataCache.clear();
    this.onChange();
  }

  reset(): void {
    this.replace(emptyOverlays());
  }

  userField(key: string): UserField | undefined {
    return this.state.userFields.find((f) => f.key === key);
  }

  /** A categorical or continuous obs field, a gene or a user field, decoded. */
  async load(source: DatasetSource, field: ActiveField, signal?: AbortSignal): Promise<FieldData> {
    if (field.source === 'var') return source.loadGene(field.key, signal);
    const user = this.userField(field.key);
    if (user) {
      let data = this.dataCache.get(user);
      if (!data) this.dataCache.set(user, (data = userFieldData(user)));
      return data;
    }
    return source.loadObsField(field.key, signal);
  }

  /** Category names of a categorical obs or user field, or undefined. */
  categoriesOf(source: DatasetSource, key: string): readonly string[] | undefined {
    const user = this.userField(key);
    if (user) return user.categories;
    const info = source.dataset.obsFields.find((f) => f.key === key);
    return info?.kind === 'category' ? info.categories : undefined;
  }

  exists(source: DatasetSource, field: ActiveField): boolean {
    if (field.source === 'var') return source.dataset.genes.some((g) => g.key === field.key);
    return this.userField(field.key) !== undefined || source.dataset.obsFields.some((f) => f.key === field.key);
  }

  displayName(ref: string): string {
    return this.state.fieldRenames.get(ref) ?? ref.slice(4);
  }

  isDeleted(ref: string): boolean {
    return this.state.deleted.has(ref);
  }

  /** The field's data with its categories under their display labels (for the legend). */
  displayData(field: ActiveField | null, data: FieldData | null): FieldData | null {
    if (!field || !data || data.kind !== 'category' || this.state.categoryRenames.size === 0) return data;
    const categories = data.categories.map((c) => this.state.categoryRenames.get(categoryRenameId(field.source, field.key, c)) ?? c);
    return { ...data, categories };
  }

  renameField(ref: string, name: string | null): void {
    if (name === null) this.state.fieldRenames.delete(ref);
    else this.state.fieldRenames.set(ref, cleanName('renameField', name, 'field'));
    this.onChange();
  }

  renameCategory(source: 'obs' | 'var', fieldKey: string, category: string, name: string | null): void {
    const id = categoryRenameId(source, fieldKey, category);
    if (name === null) this.state.categoryRenames.delete(id);
    else this.state.categoryRenames.set(id, cleanName('renameCategory', name, 'category'));
    this.onChange();
  }

  setDeleted(ref: string, deleted: boolean): void {
    if (deleted) this.state.deleted.add(ref);
    else this.state.deleted.delete(ref);
    this.onChange();
  }

  /** A user field from a highlight page's groups; returns its key. */
  addFromHighlightPage(source: DatasetSource, page: HighlightPage, name: string): string {
    const key = cleanName('createFieldFromHighlights', name, 'field');
    if (this.exists(source, { source: 'obs', key })) throw new Error(`createFieldFromHighlights: a field named "${key}" exists already.`);
    if (this.state.userFields.length >= MAX_USER_FIELDS) throw new Error(`createFieldFromHighlights: at most ${MAX_USER_FIELDS} user-defined fields.`);
    let field: UserField;
    try {
      field = fieldFromHighlightPage(page, source.dataset.cellCount, nextUserFieldId(this.state.userFields), key);
    } catch (err) {
      throw new Error(`createFieldFromHighlights: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.state.userFields.push(field);
    this.onChange();
    return key;
  }

  /** Removes a user-defined field for good (an export field can only be soft-deleted). */
  removeUserField(key: string): void {
    this.state.userFields = this.state.userFields.filter((f) => f.key !== key);
    this.state.deleted.delete(`obs:${key}`);
    this.state.fieldRenames.delete(`obs:${key}`);
    this.onChange();
  }

  summary(): { fieldRenames: Record<string, string>; categoryRenames: Record<string, string>; deletedFields: string[]; userFields: UserFieldSummary[] } {
    return {
      fieldRenames: Object.fromEntries([...this.state.fieldRenames].sort(([a], [b]) => (a < b ? -1 : 1))),
      categoryRenames: Object.fromEntries([...this.state.categoryRenames].sort(([a], [b]) => (a < b ? -1 : 1))),
      deletedFields: [...this.state.deleted].sort(),
      userFields: this.state.userFields.map((f) => ({ id: f.id, key: f.key, categories: [...f.categories] })),
    };
  }
}
