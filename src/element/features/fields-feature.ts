// The user's work on fields: display names for fields and categories, hidden fields, and fields
// of the user's own (from highlight pages, or copies). They persist as the session's field
// overlays and user-defined codes.
import { formatFieldRef, parseFieldRef, type FieldRef } from '../../core/state/field-ref.js';
import { snapshotUses } from '../../core/state/views.js';
import { categoryOf, existingField } from '../field-args.js';
import { FieldBook } from '../field-book.js';
import { nextTask } from '../next-task.js';
import { AppearanceFeature } from './appearance-feature.js';

export class FieldsFeature extends AppearanceFeature {
  constructor() {
    super();
    const { store } = this;
    store.fields = new FieldBook(store);
    store.register({
      // Names, deletions or user fields changed: menus and legend follow. A restore recolours once, at its end.
      fields: () => {
        const source = store.source;
        if (!source) return;
        if (!store.inTransaction) store.coloring.recolor(source);
        this.requestUpdate();
        store.changed();
      },
      close: () => store.fields.reset(),
      save: (view) => (view.overlays = store.fields.current),
      apply: async (view) => {
        if (!view.overlays) return;
        store.fields.replace(view.overlays);
        await nextTask(); // user fields are decoded: a task of their own
      },
      describe: (state) => Object.assign(state, store.fields.summary()),
    });
  }

  /** Shows a field under another name in the menus and the legend (`null`: its own name). The export is unchanged. */
  renameField(field: FieldRef, name: string | null): void {
    const { store } = this;
    const source = store.requireSource('renameField');
    store.fields.renameField(source, formatFieldRef(existingField(store, 'renameField', field, true)), name);
  }

  /** Shows a category of a categorical cell field under another label (`null`: its own). */
  renameCategory(field: FieldRef, category: string | number, name: string | null): void {
    const { key, name: own } = categoryOf(this.store, 'renameCategory', field, category);
    this.store.fields.renameCategory('obs', key, own, name);
  }

  /**
   * Hides a field from the menus until `showField` (sessions keep it hidden); colouring by it stops.
   * Nothing is deleted: `deleteUserField` deletes a field of your own.
   */
  async hideField(field: FieldRef): Promise<void> {
    const { store } = this;
    const hidden = existingField(store, 'hideField', field, true);
    const ref = formatFieldRef(hidden);
    // The Cellucid app refuses a session whose snapshot names a deleted field.
    if (store.views.current.snapshots.some((s) => snapshotUses(s, ref)))
      throw new Error(`hideField: a kept view uses "${ref}"; remove that view first.`);
    store.fields.setDeleted(ref, true);
    // A deleted field has no filter in the app: its filters go with it.
    if (hidden.source === 'obs') store.filters.remove(`category:${hidden.key}`);
    store.filters.remove(`range:${ref}`);
    const active = store.coloring.field;
    const source = store.requireSource('hideField');
    if (active && formatFieldRef(active) === ref) return store.coloring.colorBy(source, null);
    return store.coloring.refilter(source);
  }

  /** Lists a hidden field in the menus again. */
  showField(field: FieldRef): void {
    this.store.fields.setDeleted(formatFieldRef(existingField(this.store, 'showField', field, true)), false);
  }

  /**
   * A new categorical cell field from highlight pages (default: the active one), as the Cellucid
   * app makes one: a category per page, named by the page, holding the cells of its enabled groups
   * (a cell on several pages takes the first one's; cells on none have no category). Returns the new
   * field (`obs:<name>`), ready for setActiveField.
   */
  createFieldFromHighlights(options: { name: string; pageId?: string; pageIds?: string[] }): FieldRef {
    const method = 'createFieldFromHighlights';
    const { store } = this;
    const source = store.requireSource(method);
    const ids = options?.pageIds ?? [options?.pageId];
    const pages = ids.map((id) => store.highlights.page(method, id));
    return formatFieldRef({ source: 'obs', key: store.fields.addFromHighlightPages(source, pages, options?.name) });
  }

  /**
   * A copy of a field under a new name (default "<name> copy"), listed under "Your fields": a
   * categorical field's codes are copied with its current category labels; a continuous field or
   * gene becomes a continuous copy that reads its source's values (sessions store it as such).
   * Resolves with the copy, on the original's side: `obs:<name>` for cell fields, `var:<name>` for genes.
   */
  async duplicateField(field: FieldRef, name?: string): Promise<FieldRef> {
    const { store } = this;
    const source = store.requireSource('duplicateField');
    const original = existingField(store, 'duplicateField', field, true);
    return formatFieldRef({ source: original.source, key: await store.fields.addCopy(source, original, name) });
  }

  /**
   * Deletes a field of your own for good (from createFieldFromHighlights or duplicateField); the export's fields can
   * only be hidden.
   */
  async deleteUserField(field: FieldRef): Promise<void> {
    const { store } = this;
    const source = store.requireSource('deleteUserField');
    const ref = formatFieldRef(parseFieldRef(field, 'deleteUserField'));
    const user = store.fields.userField(ref);
    if (!user) throw new Error(`deleteUserField: there is no field of your own named "${ref}".`);
    const active = store.coloring.field && formatFieldRef(store.coloring.field) === ref;
    const filters = store.filters.current;
    const filtered = user.source === 'obs' ? filters.categories.delete(user.key) : false;
    if ((filters.ranges.delete(ref) || filtered) && !active) await store.coloring.refilter(source);
    store.fields.removeUserField(ref);
    if (active) await store.coloring.colorBy(source, null);
  }
}
