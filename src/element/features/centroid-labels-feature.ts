// Centroid labels: the coloured categorical field's category names written on the plot at their
// centroids (the export's centroidsByDim, spec §2.12), as the Cellucid app's centroid labels. The
// `centroid-labels` attribute and property, a "Labels" checkbox in the toolbar, and the app's
// `toggle-centroid-labels` control in sessions and the autosave. The labels are text over the
// canvas, moved at each frame the renderer is sent (no Lit update per frame).
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { screenProjector } from '../../core/camera/camera.js';
import { normalizedCentroids } from '../../core/dataset/centroids.js';
import { centroidsOf } from '../../core/dataset/manifests.js';
import { formatFieldRef } from '../../core/state/field-ref.js';
import type { LegendModel } from '../../core/state/legend-model.js';
import { LIVE_VIEW_ID } from '../../core/state/views.js';
import type { ViewToDraw } from '../store-types.js';
import { ShareFeature } from './share-feature.js';

type Xyz = [number, number, number];

/** Most labels written: the largest categories' (a field may have 65,535). */
const MAX_LABELS = 300;

/** A label as drawn: its text and where it is (CSS px in the element), for the PNG. */
export interface DrawnLabel {
  text: string;
  x: number;
  y: number;
}

export class CentroidLabelsFeature extends ShareFeature {
  static override properties: PropertyDeclarations = {
    centroidLabels: { attribute: 'centroid-labels', type: Boolean },
  };

  /** Writes the coloured categorical field's category names at their centroids (the Cellucid app's labels). */
  centroidLabels = false;

  /** The open dataset's normalised centroids by dimension and field key (null: the field has none there). */
  readonly #centroids = new Map<string, Map<string, Xyz> | null>();
  #centroidsOf: unknown = null;
  /** The labels in the layer's order, and what they were made from. */
  #labels: { text: string; xyz: Xyz }[] = [];
  #madeFrom: unknown[] = [];
  /** The live view of the last frame, and each label's place in it (null: behind the camera). */
  #live: ViewToDraw | null = null;
  #placed: ([number, number] | null)[] = [];

  constructor() {
    super();
    this.store.register({
      save: (view) => (view.controls!['toggle-centroid-labels'] = this.centroidLabels),
      apply: (view) => {
        const on = view.controls?.['toggle-centroid-labels'];
        if (typeof on === 'boolean') this.centroidLabels = on;
      },
      describe: (state) => (state.centroidLabels = this.centroidLabels),
      frame: (views) => this.#place(views),
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { source, coloring, dimension } = this.store;
    // The normalisation is known once the embedding's positions are: labels wait for it.
    const from = [this.centroidLabels, source, coloring.legend, coloring.field, source?.normalization(dimension)];
    if (from.some((v, i) => v !== this.#madeFrom[i])) {
      this.#madeFrom = from;
      this.#labels = this.#make(coloring.legend);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#place();
    if (changed.has('centroidLabels') && changed.get('centroidLabels') !== undefined) this.store.changed();
  }

  protected override toolbarControls(): unknown[] {
    return [
      ...super.toolbarControls(),
      html`<label title="Category names on the plot"
        ><input
          part="centroid-labels"
          type="checkbox"
          .checked=${this.centroidLabels}
          @change=${(e: Event) => (this.centroidLabels = (e.target as HTMLInputElement).checked)}
        />Labels</label
      >`,
    ];
  }

  /** The labels' layer over the canvas (text only: names come from the dataset). */
  protected renderCentroidLabels() {
    return html`<div class="centroid-labels" aria-hidden="true">
      ${this.#labels.map((l) => html`<span>${l.text}</span>`)}
    </div>`;
  }

  /** The labels as drawn now (those whose centre is in the live view's tile), for the PNG. */
  protected drawnCentroidLabels(): DrawnLabel[] {
    const r = this.#live?.rect;
    return this.#labels.flatMap(({ text }, i) => {
      const at = this.#placed[i];
      const inside = r && at && at[0] >= r.x && at[0] <= r.x + r.width && at[1] >= r.y && at[1] <= r.y + r.height;
      return inside ? [{ text, x: at[0], y: at[1] }] : [];
    });
  }

  /** One label per shown category of the coloured export field with a centroid in this dimension. */
  #make(legend: LegendModel | null): { text: string; xyz: Xyz }[] {
    const { source, coloring, dimension, fields } = this.store;
    const field = coloring.field;
    if (!this.centroidLabels || !source || legend?.kind !== 'category' || field?.source !== 'obs') return [];
    const info = source.dataset.obsFields.find((f) => f.key === field.key);
    const norm = source.normalization(dimension);
    if (info?.kind !== 'category' || !norm || fields.userField(formatFieldRef(field))) return [];
    if (this.#centroidsOf !== source) this.#centroids.clear();
    this.#centroidsOf = source;
    const key = `${dimension}:${field.key}`;
    let at = this.#centroids.get(key);
    if (at === undefined) {
      let list;
      try {
        list = centroidsOf(info)[dimension];
      } catch {
        // Centroids the app could not read either: no labels, the plot is unharmed.
      }
      this.#centroids.set(key, (at = list ? normalizedCentroids(list, norm) : null));
    }
    const shown: number[] = [];
    info.categories.forEach((name, i) => {
      if (at?.has(name) && !legend.hidden.has(i)) shown.push(i);
    });
    if (shown.length > MAX_LABELS) shown.sort((a, b) => legend.totals[b] - legend.totals[a]).length = MAX_LABELS;
    return shown.map((i) => ({ text: legend.labels[i], xyz: at!.get(info.categories[i])! }));
  }

  /** Moves the labels to where the live view's camera puts their centroids (`views`: a frame's). */
  #place(views?: readonly ViewToDraw[]): void {
    if (views) this.#live = views.find((v) => v.id === LIVE_VIEW_ID) ?? null;
    const layer = this.renderRoot.querySelector<HTMLElement>('.centroid-labels');
    const live = this.#live;
    if (!layer || !live || !this.#labels.length) {
      this.#placed = [];
      if (layer) layer.hidden = true;
      return;
    }
    const { x, y, width, height } = live.rect;
    layer.hidden = false;
    layer.style.cssText = `left:${x}px;top:${y}px;width:${width}px;height:${height}px`;
    const project = screenProjector(live.camera, width, height);
    const spans = layer.children;
    this.#placed = this.#labels.map(({ xyz }, i) => {
      const p = project(xyz);
      const span = spans[i] as HTMLElement | undefined;
      if (span) {
        span.hidden = !p;
        if (p) span.style.transform = `translate(${p[0]}px,${p[1]}px) translate(-50%,-50%)`;
      }
      return p && [x + p[0], y + p[1]];
    });
  }
}
