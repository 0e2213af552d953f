// Colouring: the field the cells are coloured by, each continuous field's colormap and log scale,
// and category colours chosen over the palette. All three persist in sessions (the active field
// and the filter entries' colour settings).
import { COLORMAP_IDS, HEX_COLOR, colormapLabel, isColormap, type ColormapId } from '../../core/color/index.js';
import { dict } from '../../core/dict.js';
import { formatFieldRef, type FieldRef } from '../../core/state/field-ref.js';
import type { PersistedView } from '../../core/state/persisted-view.js';
import { ColoringController } from '../coloring-controller.js';
import { categoryOf, existingField } from '../field-args.js';
import type { ViewState } from '../view-state.js';
import { FieldsFeature } from './fields-feature.js';

export class ColoringFeature extends FieldsFeature {
  constructor() {
    super();
    const { store } = this;
    const coloring = (store.coloring = new ColoringController(store));
    store.register({
      close: () => {
        coloring.clear();
        coloring.categoryColors.clear();
      },
      open: (source) => coloring.reset(source.dataset.cellCount),
      save: (view) => {
        const colorScales: PersistedView['colorScales'] = dict();
        for (const [ref, scale] of coloring.colorScales) colorScales[ref] = { ...scale };
        view.colorScales = colorScales;
        view.categoryColors = coloring.categoryColorSummary();
        view.activeField = coloring.field && { ...coloring.field };
      },
      apply: (view) => {
        if (view.categoryColors) {
          coloring.categoryColors.clear();
          for (const [key, byName] of Object.entries(view.categoryColors))
            coloring.categoryColors.set(key, new Map(Object.entries(byName)));
        }
        if (view.colorScales) {
          coloring.colorScales.clear();
          for (const [ref, scale] of Object.entries(view.colorScales)) coloring.colorScales.set(ref, { ...scale });
        }
      },
      // The restore's one colouring, once every other part is in place.
      settle: async (view, source) => {
        const field = view.activeField !== undefined ? view.activeField : coloring.field;
        try {
          await coloring.colorBy(source, field);
          return [];
        } catch (err) {
          // The colouring reported it (one field error); the rest of the view stands, with the cells gray.
          if (!field) throw err;
          await coloring.colorBy(source, null);
          return [`${formatFieldRef(field)}: ${(err as Error).message}`];
        }
      },
      describe: (state) => {
        const categoryColors: ViewState['categoryColors'] = {};
        for (const [key, byName] of Object.entries(coloring.categoryColorSummary()))
          categoryColors[formatFieldRef({ source: 'obs', key })] = byName;
        state.activeField = coloring.field && formatFieldRef(coloring.field);
        state.categoryColors = categoryColors;
        state.visibleCount = coloring.visibleCount;
      },
    });
  }

  /**
   * Colours the cells by a cell field or a gene (`null`: every cell gray). Rejects for an unknown
   * field and changes nothing; resolves once the new colours are drawn.
   */
  async setActiveField(field: FieldRef | null): Promise<void> {
    const source = this.store.requireSource('setActiveField');
    return this.store.coloring.colorBy(
      source,
      field === null ? null : existingField(this.store, 'setActiveField', field),
    );
  }

  /** Colormap of the coloured continuous field or gene. Throws when the coloured field is not continuous. */
  setColormap(colormap: ColormapId): void {
    if (!isColormap(colormap))
      throw new Error(`setColormap: unknown colormap "${colormap}" (choose one of ${COLORMAP_IDS.join(', ')}).`);
    this.#updateColorScale({ colormap });
  }

  /** Colours the coloured continuous field on a log10 scale (values ≤ 0 turn gray). */
  setLogScale(on: boolean): void {
    this.#updateColorScale({ log: Boolean(on) });
  }

  /**
   * Draws one category of a categorical cell field in a colour of your choice (`#rrggbb`), or in
   * its palette colour again with `null`. Throws for an unknown field, category or colour.
   */
  setCategoryColor(field: FieldRef, category: string | number, color: string | null): void {
    const { store } = this;
    const { key, name } = categoryOf(store, 'setCategoryColor', field, category);
    if (color !== null && !(typeof color === 'string' && HEX_COLOR.test(color)))
      throw new Error('setCategoryColor: expected a colour as "#rrggbb", or null.');
    const { coloring } = store;
    const byName = coloring.categoryColors.get(key) ?? new Map<string, string>();
    if (color === null) byName.delete(name);
    else byName.set(name, color.toLowerCase());
    if (byName.size) coloring.categoryColors.set(key, byName);
    else coloring.categoryColors.delete(key);
    const source = store.source;
    if (source && coloring.field?.source === 'obs' && coloring.field.key === key) coloring.recolor(source);
    store.changed();
  }

  #updateColorScale(change: Partial<{ colormap: ColormapId; log: boolean }>): void {
    const { coloring, source } = this.store;
    const field = coloring.field;
    if (!field || !source || coloring.data?.kind !== 'continuous') {
      throw new Error(
        'The coloured field is not continuous: colormaps and log scale apply to continuous fields and genes.',
      );
    }
    coloring.colorScales.set(formatFieldRef(field), { ...coloring.scaleOf(field), ...change });
    const scale = coloring.scaleOf(field);
    coloring.recolor(source);
    this.store.announce(`${field.key}: ${colormapLabel(scale.colormap)} colormap${scale.log ? ', log scale' : ''}.`);
    this.store.changed();
  }
}
