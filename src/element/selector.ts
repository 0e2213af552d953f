// What turns a gesture or a method call into a highlight group: a lasso or box shape, a clicked
// cell (proximity, graph neighbourhood, its category or value), a legend category or value range.
// Only cells visible in the view under the pointer are selected; the result joins the highlights
// as the selection mode says, and is announced.
import { cameraMatrices } from '../core/camera/camera.js';
import type { DatasetSource, FieldData } from '../core/dataset/types.js';
import type { ActiveField } from '../core/state/active-field.js';
import { buildAdjacency, checkHops, graphNeighborhood, type Adjacency } from '../core/state/graph.js';
import { cellSet, type GroupOrigin, type HighlightType } from '../core/state/highlights.js';
import { cellsNear, nearestCell } from '../core/state/picking.js';
import { cellsInPolygon, type ScreenPoint, type SelectionMode } from '../core/state/selection.js';
import { LIVE_VIEW_ID } from '../core/state/views.js';
import type { ColoringController } from './coloring-controller.js';
import type { HighlightBook } from './highlight-book.js';
import type { RenderController } from './render-controller.js';
import type { StoreServices } from './store-types.js';
import type { ViewsController } from './views-controller.js';

export type SelectionTool = 'navigate' | 'lasso' | 'box' | 'proximity' | 'knn';

/** How a selection method combines with the current selection, and what a new group is called and where it goes. */
export interface SelectOptions {
  /** `replace` (default) makes a new group; `add` and `subtract` change the current selection. */
  mode?: SelectionMode;
  label?: string;
  /** The page a new group goes to (default: the active page). */
  pageId?: string;
}

/** What the selector reads of the store: the dataset, the drawn positions, the colouring and the views. */
type SelectorStore = StoreServices & {
  renderer: Pick<RenderController, 'positionsArray' | 'viewData'>;
  coloring: Pick<ColoringController, 'visible' | 'field' | 'data'>;
  views: Pick<ViewsController, 'tileAt' | 'cameraOf'>;
  highlights: HighlightBook;
};

export class Selector {
  /** What a plain drag or click does (the toolbar's tool); Alt-drag selects with any tool. */
  tool: SelectionTool = 'navigate';
  /** What a click selects around a cell with the proximity tool (radius) and the KNN tool (degree); checked on use. */
  readonly amount = { proximity: 0.1, knn: 1 };
  /** The dataset's connectivity as an adjacency, built on the first neighbourhood selection. */
  #graph: { source: DatasetSource; adjacency: Promise<Adjacency> } | null = null;

  readonly #store: SelectorStore;
  /** The drawn point size (CSS px): a click picks a cell within half of it. */
  readonly #pointSize: () => number;

  constructor(store: SelectorStore, pointSize: () => number) {
    this.#store = store;
    this.#pointSize = pointSize;
  }

  /** A new "category" group of a category's visible cells (legend, API); throws when none is visible. */
  category(
    method: string,
    fieldKey: string,
    index: number,
    name: string,
    data: FieldData,
    options: SelectOptions,
  ): string {
    const { picked, label, origin } = this.#categoryCells(method, fieldKey, index, name, data);
    if (picked.length === 0) throw new Error(`${method}: no visible cell is in "${name}".`);
    return this.#store.highlights.create(picked, 'category', options.label ?? label, options.pageId, origin);
  }

  /** A new "range" group of the visible cells whose value lies in [min, max]; throws when there is none. */
  range(
    method: string,
    field: ActiveField,
    range: { min: number; max: number },
    data: FieldData,
    options: SelectOptions,
  ): string {
    if (data.kind !== 'continuous') throw new Error(`${method}: "${field.key}" is not continuous.`);
    const { dataset } = this.#store.requireSource(method);
    const v = data.values;
    const picked = this.#visibleWhere(dataset.cellCount, (i) => v[i] >= range.min && v[i] <= range.max);
    if (picked.length === 0)
      throw new Error(`${method}: no visible cell of ${field.key} is in ${range.min}…${range.max}.`);
    const list: ReadonlyArray<{ key: string }> = field.source === 'var' ? dataset.genes : dataset.obsFields;
    const label = options.label ?? `${field.key}: ${range.min.toPrecision(3)}–${range.max.toPrecision(3)}`;
    const origin: GroupOrigin = {
      fieldKey: field.key,
      fieldIndex: list.findIndex((f) => f.key === field.key),
      fieldSource: field.source,
      rangeMin: range.min,
      rangeMax: range.max,
    };
    return this.#store.highlights.create(picked, 'range', label, options.pageId, origin);
  }

  /** The visible cells inside a polygon (CSS px of the element) in the view under its first point. */
  inShape(polygon: ReadonlyArray<readonly [number, number]>, mode: SelectionMode): string | null {
    const [x0, y0] = polygon[0] ?? [0, 0];
    const v = this.#viewAt('selectInShape', x0, y0);
    const local = polygon.map(([x, y]) => [x - v.x0, y - v.y0] as ScreenPoint);
    return this.#select(
      'selectInShape',
      cellsInPolygon(v.xyz, v.viewProjection, v.viewport, local, v.visible),
      'lasso',
      { mode },
    );
  }

  pick(x: number, y: number): number | null {
    if (!Number.isFinite(x + y)) throw new Error('pickCell: x and y must be finite numbers.');
    const v = this.#viewAt('pickCell', x, y);
    const cell = nearestCell(
      v.xyz,
      v.viewProjection,
      v.viewport,
      [x - v.x0, y - v.y0],
      v.visible,
      Math.max(6, this.#pointSize() / 2),
    );
    return cell < 0 ? null : cell;
  }

  nearby(cellIndex: number, radius: number, options: SelectOptions): string | null {
    const [cell] = this.#seeds('selectNearby', [cellIndex]);
    if (!(Number.isFinite(radius) && radius > 0))
      throw new Error('selectNearby: radius must be a finite number above 0.');
    const xyz = this.#store.renderer.positionsArray;
    if (!xyz) throw new Error('selectNearby: nothing is drawn yet.');
    return this.#select(
      'selectNearby',
      cellsNear(xyz, cell, radius, this.#store.coloring.visible),
      'proximity',
      options,
    );
  }

  neighbors(cells: number | ArrayLike<number>, degree: number, options: SelectOptions): Promise<string | null> {
    const method = 'selectNeighbors';
    const seeds = this.#seeds(method, typeof cells === 'number' ? [cells] : cells);
    checkHops(method, degree);
    const source = this.#store.requireSource(method);
    if (!source.dataset.connectivity) throw new Error(`${method}: this dataset has no connectivity graph.`);
    selectionMode(method, options);
    if (this.#graph?.source !== source) {
      const n = source.dataset.cellCount;
      this.#graph = {
        source,
        adjacency: source.loadEdges().then((e) => buildAdjacency(n, e?.sources ?? [], e?.destinations ?? [])),
      };
    }
    return this.#graph.adjacency.then((g) =>
      this.#store.source === source
        ? this.#select(method, graphNeighborhood(g, seeds, degree, this.#store.coloring.visible), 'knn', options)
        : null,
    );
  }

  /**
   * A click at a point: with Alt, the clicked cell's category (categorical field) or a value window
   * of ±2.5 % of the field's range around its value (continuous field or gene: narrow enough to stay
   * specific, wide enough to catch cells of about the same value); else proximity or a graph
   * neighbourhood around it, as the tool and its `amount` say.
   */
  at(x: number, y: number, mode: SelectionMode, alt: boolean): unknown {
    const cell = this.pick(x, y);
    const { field, data } = this.#store.coloring;
    // No cell, no field to take a value from, or a missing category: nothing is selected.
    const name = data?.kind === 'category' ? data.categories[data.codes[cell!]] : '';
    if (cell === null || (alt && (!field || !data || name === undefined)))
      return this.#store.announce('No cells selected.');
    if (!alt)
      return this.tool === 'knn'
        ? this.neighbors(cell, this.amount.knn, { mode })
        : this.nearby(cell, this.amount.proximity, { mode });
    if (data!.kind === 'category') {
      const { picked, label, origin } = this.#categoryCells('select', field!.key, data!.codes[cell], name!, data!);
      return this.#select('select', picked, 'category', { mode, label }, origin);
    }
    const { values, min, max } = data!;
    const v = values[cell];
    const w = 0.025 * (max - min);
    // A missing value (NaN) matches nothing.
    const picked = this.#visibleWhere(values.length, (i) => Math.abs(values[i] - v) <= w);
    return this.#select('select', picked, 'annotation', {
      mode,
      label: `${field!.key}: ${(v - w).toPrecision(3)}–${(v + w).toPrecision(3)}`,
    });
  }

  #categoryCells(
    method: string,
    fieldKey: string,
    index: number,
    name: string,
    data: FieldData,
  ): { picked: Uint32Array; label: string; origin: GroupOrigin } {
    if (data.kind !== 'category') throw new Error(`${method}: "${fieldKey}" is not categorical.`);
    const { cellCount, obsFields } = this.#store.requireSource(method).dataset;
    return {
      picked: this.#visibleWhere(cellCount, (i) => data.codes[i] === index),
      label: `${fieldKey}: ${name}`,
      origin: {
        fieldKey,
        fieldIndex: obsFields.findIndex((f) => f.key === fieldKey),
        fieldSource: 'obs',
        categoryIndex: index,
        categoryName: name,
      },
    };
  }

  #visibleWhere(cellCount: number, test: (i: number) => boolean): Uint32Array {
    const out: number[] = [];
    const visible = this.#store.coloring.visible;
    for (let i = 0; i < cellCount; i++) if ((!visible || visible[i]) && test(i)) out.push(i);
    return Uint32Array.from(out);
  }

  /** The view under a point: its tile's origin and size, camera, positions and visible cells. */
  #viewAt(method: string, x: number, y: number) {
    this.#store.requireSource(method);
    const live = this.#store.renderer.positionsArray;
    if (!live) throw new Error(`${method}: nothing is drawn yet.`);
    const { id, rect } = this.#store.views.tileAt(x, y);
    const snapshot = id === LIVE_VIEW_ID ? undefined : this.#store.renderer.viewData(id);
    return {
      x0: rect.x,
      y0: rect.y,
      viewport: { width: rect.width, height: rect.height },
      viewProjection: cameraMatrices(this.#store.views.cameraOf(id), rect.width / rect.height).viewProjection,
      xyz: snapshot?.xyz ?? live,
      visible: snapshot ? alphaMask(snapshot.rgba) : this.#store.coloring.visible,
    };
  }

  /** Valid cell indices (sorted, unique) of the loaded dataset. */
  #seeds(method: string, cells: ArrayLike<number>): Uint32Array {
    return cellSet(cells, this.#store.requireSource(method).dataset.cellCount, method);
  }

  /** A selection joins the highlights as the mode says, and is announced. */
  #select(
    method: string,
    picked: Uint32Array,
    type: HighlightType,
    options: SelectOptions,
    origin?: GroupOrigin,
  ): string | null {
    const id = this.#store.highlights.select(method, picked, selectionMode(method, options), type, options, origin);
    const total = id ? this.#store.highlights.cells(id).length : 0;
    const n = this.#store.requireSource(method).dataset.cellCount;
    this.#store.announce(
      id ? `Selection: ${total.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} cells.` : 'No cells selected.',
    );
    return id;
  }
}

/** Visible cells of a snapshot: those drawn (alpha > 0) in its frozen colours. */
function alphaMask(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = rgba[4 * i + 3] === 0 ? 0 : 1;
  return out;
}

function selectionMode(method: string, { mode = 'replace' }: SelectOptions): SelectionMode {
  if (mode !== 'replace' && mode !== 'add' && mode !== 'subtract')
    throw new Error(`${method}: mode must be "replace", "add" or "subtract".`);
  return mode;
}
