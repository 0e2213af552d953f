// The coloured field and what follows from it: per-cell colours (alpha = visibility), the
// legend, the visible count, and the colour choices (colormap and log scale per continuous
// field, category colours over the palette). A million cells are coloured in slices, so the page
// keeps answering while a field changes or a session is restored.
import { formatFieldRef } from '../core/state/field-ref.js';
import { DEFAULT_COLORMAP, hexToRgb } from '../core/color/index.js';
import type { DatasetSource, FieldData } from '../core/dataset/types.js';
import { type ActiveField, sameField } from '../core/state/active-field.js';
import { colorCells, colorCellsInSteps, countVisible } from '../core/state/coloring.js';
import type { FilterSet } from '../core/state/filters.js';
import type { LegendModel } from '../core/state/legend-model.js';
import type { Snapshot } from '../core/state/views.js';
import type { FieldBook } from './field-book.js';
import type { FilterBook } from './filter-book.js';
import { nextTask, runInSlices } from './next-task.js';
import type { RenderController } from './render-controller.js';
import type { StoreServices } from './store-types.js';

/** What colouring uses of the store. */
type ColoringStore = StoreServices & { fields: FieldBook; filters: FilterBook; renderer: RenderController };

/** Has no lifecycle of its own: it asks the host to render when what it holds changes. */
export class ColoringController {
  /** The coloured field, or null (every cell gray). */
  field: ActiveField | null = null;
  data: FieldData | null = null;
  /** The drawn colours; never written while drawn (a recolour fills it and uploads it again). */
  colors: Uint8Array | null = null;
  /** Per-cell visibility under the filters (0 hidden), or null when every cell is shown. */
  visible: Uint8Array | null = null;
  visibleCount = 0;
  legend: LegendModel | null = null;
  /** Category colours chosen over the palette: field key → category name → '#rrggbb'. */
  readonly categoryColors = new Map<string, Map<string, string>>();
  /** Colormap and log scale chosen per continuous field ("obs:key" / "var:gene"). */
  readonly colorScales = new Map<string, { colormap: string; log: boolean }>();
  #request = 0;
  /** Counts synchronous recolourings, so a colouring spread over several tasks knows it was overtaken. */
  #recolorCount = 0;

  readonly #store: ColoringStore;

  constructor(store: ColoringStore) {
    this.#store = store;
  }

  get #fields(): FieldBook {
    return this.#store.fields;
  }

  get #filters(): FilterBook {
    return this.#store.filters;
  }

  get #renderer(): RenderController {
    return this.#store.renderer;
  }

  /** A dataset closed: nothing is coloured, and its colour choices go. */
  clear(): void {
    this.field = null;
    this.legend = null;
    this.colorScales.clear();
  }

  /** A dataset opened: every cell visible until a field and filters say otherwise. */
  reset(cellCount: number): void {
    this.visible = null;
    this.visibleCount = cellCount;
  }

  /** Colours the cells by `field` (loading it first) under the current filters, and draws. */
  async colorBy(source: DatasetSource, field: ActiveField | null, signal?: AbortSignal): Promise<void> {
    const request = ++this.#request;
    const stale = () => !!signal?.aborted || request !== this.#request || this.#store.source !== source;
    let data: FieldData | null = null;
    try {
      if (field) data = await this.#fields.load(source, field, signal);
    } catch (err) {
      if (signal?.aborted || request !== this.#request) return;
      const detail = err instanceof Error ? err.message : String(err);
      const what = field!.source === 'var' ? `gene ${field!.key}` : `the field ${field!.key}`;
      const kept = this.field ? ` The cells keep the colours of ${this.field.key}.` : '';
      // The page's event keeps the technical detail; the banner says what happened, in words.
      this.#store.fail('field', detail, `Could not colour by ${what}: its data could not be read (${detail}).${kept}`);
      throw err;
    }
    if (stale()) return;
    this.visible = await this.#filters.visibility(source, field, data, signal);
    // Filtering a million cells takes tens of milliseconds too: the colouring starts in a new task.
    await nextTask();
    if (stale()) return;
    const n = source.dataset.cellCount;
    // Into a buffer of its own: the drawn one may be recoloured meanwhile.
    const recolored = this.#recolorCount;
    let result = await runInSlices(
      colorCellsInSteps(...this.#coloringArgs(n, field, data, this.visible, this.#filters.current)),
      stale,
    );
    if (!result) return;
    // A filter or colour edit recoloured the old field in the meantime: colour again with it, at once.
    if (this.#recolorCount !== recolored)
      result = colorCells(...this.#coloringArgs(n, field, data, this.visible, this.#filters.current));
    this.colors = result.rgba;
    this.data = data;
    this.legend = result.legend;
    this.visibleCount = countVisible(n, this.visible);
    const changed = !sameField(this.field, field);
    this.field = field;
    this.#renderer.setColors(result.rgba, result.legend);
    this.#store.element.requestUpdate();
    if (changed) {
      this.#store.announce(describeColoring(field, data));
      this.#store.changed();
    }
    await this.#renderer.nextFrame();
  }

  /** Recomputes colours, legend and visible count from the loaded field and the current visibility. */
  recolor(source: DatasetSource): void {
    this.#recolorCount++;
    const result = colorCells(
      ...this.#coloringArgs(
        source.dataset.cellCount,
        this.field,
        this.data,
        this.visible,
        this.#filters.current,
        this.colors ?? undefined,
      ),
    );
    this.colors = result.rgba;
    this.legend = result.legend;
    this.visibleCount = countVisible(source.dataset.cellCount, this.visible);
    this.#renderer.setColors(result.rgba, result.legend);
    this.#store.element.requestUpdate();
  }

  /** After a filter change: new visibility, same colours. */
  async refilter(source: DatasetSource): Promise<void> {
    const request = ++this.#request;
    const visible = await this.#filters.visibility(source, this.field, this.data);
    if (request !== this.#request || this.#store.source !== source) return;
    this.visible = visible;
    this.recolor(source);
    this.#store.announce(
      `${this.visibleCount.toLocaleString('en-US')} of ` +
        `${source.dataset.cellCount.toLocaleString('en-US')} cells shown.`,
    );
    this.#store.changed();
    await this.#renderer.nextFrame();
  }

  /** A restored snapshot's colours and legend, from its field and filters. */
  async snapshotColors(source: DatasetSource, s: Snapshot): Promise<{ rgba: Uint8Array; legend: LegendModel }> {
    const data = s.activeField ? await this.#fields.load(source, s.activeField) : null;
    const filters = this.#filters.fromPersisted(source, s.filters, null);
    const visible = await this.#filters.visibility(source, s.activeField, data, undefined, filters);
    return colorCells(...this.#coloringArgs(source.dataset.cellCount, s.activeField, data, visible, filters));
  }

  scaleOf(field: ActiveField | null): { colormap: string; log: boolean } {
    return (field && this.colorScales.get(formatFieldRef(field))) ?? { colormap: DEFAULT_COLORMAP, log: false };
  }

  title(field: ActiveField): string {
    return this.#fields.displayName(formatFieldRef(field));
  }

  /** The category colours as plain JSON (sorted keys; a key such as "__proto__" stays a plain key). */
  categoryColorSummary(): Record<string, Record<string, string>> {
    const sorted = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(
      sorted(this.categoryColors).map(([key, byName]) => [key, Object.fromEntries(sorted(byName))]),
    );
  }

  /** What colours a field under these filters: its display names, scale and category colours. */
  #coloringArgs(
    cellCount: number,
    field: ActiveField | null,
    data: FieldData | null,
    visible: Uint8Array | null,
    filters: FilterSet,
    reuse?: Uint8Array,
  ): Parameters<typeof colorCells> {
    const scale = this.scaleOf(field);
    const title = field ? this.title(field) : 'No field';
    return [
      cellCount,
      this.#fields.displayData(field, data),
      title,
      {
        colormap: scale.colormap,
        log: scale.log,
        visible,
        hiddenCategories: this.#filters.hiddenOf(field, filters),
        categoryColors: this.#overrides(field),
      },
      reuse,
    ];
  }

  /** The field's colour overrides by category index. */
  #overrides(field: ActiveField | null): Map<number, [number, number, number]> | undefined {
    const byName = field?.source === 'obs' ? this.categoryColors.get(field.key) : undefined;
    const source = this.#store.source;
    const names = byName && source ? this.#fields.categoriesOf(source, field!.key) : undefined;
    if (!byName || !names) return undefined;
    const out = new Map<number, [number, number, number]>();
    for (const [name, hex] of byName) {
      const i = names.indexOf(name);
      if (i >= 0) out.set(i, hexToRgb(hex));
    }
    return out;
  }
}

function describeColoring(field: ActiveField | null, data: FieldData | null): string {
  if (!field || !data) return 'Cells are not coloured by any field.';
  if (data.kind === 'category') return `Coloured by ${field.key}: ${data.categories.length} categories.`;
  const what = field.source === 'var' ? 'gene' : 'field';
  return `Coloured by ${what} ${field.key}, from ${data.min.toPrecision(4)} to ${data.max.toPrecision(4)}.`;
}
