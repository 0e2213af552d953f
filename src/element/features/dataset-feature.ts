// Opening a dataset: the `dataset-url` and `dataset` attributes, loading (one at a time, a newer
// request aborts the older one), the first coloured frame and `cellucid-load`, the progress and
// error panels, and the element's accessible name.
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { DatasetSource } from '../../core/dataset/types.js';
import type { ActiveField } from '../../core/state/active-field.js';
import { DatasetController } from '../dataset-controller.js';
import { renderDetail } from '../plain-errors.js';
import { dispatch } from '../events.js';
import { RenderController } from '../render-controller.js';
import { ViewerBase } from './viewer-base.js';

export class DatasetFeature extends ViewerBase {
  static override properties: PropertyDeclarations = {
    datasetUrl: { attribute: 'dataset-url', reflect: true },
    catalogEntry: { attribute: 'dataset', reflect: true },
    alt: {},
    sourceType: { attribute: 'source-type' },
    stallTimeout: { attribute: 'stall-timeout', type: Number },
  };

  /** URL of a Cellucid export folder (holding dataset_identity.json) or of a folder holding a datasets.json catalog. */
  datasetUrl: string | null = null;

  /**
   * Catalog entry to open when `dataset-url` points at a datasets.json catalog (default: the
   * catalog's default). The attribute is `dataset`; the property has another name because
   * `HTMLElement.dataset` is the element's data-* map.
   */
  catalogEntry: string | null = null;

  /** Accessible name of the viewer; defaults to the dataset's name. */
  alt: string | null = null;

  /**
   * Recorded in saved sessions as the data source type; default: `github-repo` for GitHub-hosted exports, else
   * `local-demo`.
   */
  sourceType: string | null = null;

  /** Seconds a download may go without 1 KiB arriving before the load fails (unset: 30). */
  stallTimeout: number | null = null;

  constructor() {
    super();
    const store = this.store;
    store.datasets = new DatasetController(store);
    store.renderer = new RenderController(store);
    store.register({ open: (source, signal) => this.#open(source, signal) });
  }

  /** @internal The benchmarks' fence: its `readPixel` resolves once the frames before it are drawn. */
  get renderer(): RenderController {
    return this.store.renderer;
  }

  /** The loaded dataset's source (for advanced scripting), or null while none is loaded. */
  get datasetSource(): DatasetSource | null {
    return this.store.source;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    if (!this.hasAttribute('role')) this.setAttribute('role', 'application');
    this.setAttribute('aria-roledescription', 'single-cell viewer');
    this.#updateAccessibleName();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('datasetUrl') || changed.has('catalogEntry')) {
      // First, while the old dataset's picture is still up: every feature lets go of it.
      this.store.closeDataset();
      this.store.renderer.clearData();
      this.store.datasets.request(this.datasetUrl, this.catalogEntry);
      if (this.datasetUrl) this.store.renderer.prepare();
    }
    if (changed.has('alt')) this.#updateAccessibleName();
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    this.store.renderer.attach(this.renderRoot.querySelector('canvas')!);
  }

  /** The field a dataset opens coloured by (and resetState returns to). */
  protected initialField(source: DatasetSource): ActiveField | null {
    return defaultField(source);
  }

  /** Its part of the store's opening (the dimension and camera at their defaults): the first coloured frame. */
  async #open(source: DatasetSource, signal: AbortSignal): Promise<void> {
    const { store } = this;
    const ds = source.dataset;
    // Fetch the first field while the positions download: both are needed for the first frame.
    const firstField = this.initialField(source);
    if (firstField) source.loadObsField(firstField.key, signal).catch(() => {});
    const positions = await source.loadPositions(store.dimension, signal);
    if (signal.aborted) return;
    store.renderer.setPositions(positions, store.dimension);
    this.#updateAccessibleName();
    // Copying a million positions to the renderer and colouring a million cells are each some
    // milliseconds: give the page a turn between them so they do not add up to one long task.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (signal.aborted) return;
    // colorBy resolves once the coloured frame is drawn: that frame is the first one. A field that
    // cannot be read is reported (once, as a field error) and the cells are drawn gray.
    const { coloring } = store;
    await coloring.colorBy(source, firstField, signal).catch(() => coloring.colorBy(source, null, signal));
    if (signal.aborted) return;
    store.announce(`Loaded ${ds.identity.name || ds.identity.id}: ${ds.cellCount.toLocaleString('en-US')} cells.`);
    dispatch(this, 'cellucid-load', {
      datasetId: ds.identity.id,
      cellCount: ds.cellCount,
      varCount: ds.varCount,
      dimensions: [...ds.dimensions],
    });
  }

  /** The loading progress and the error panel. */
  protected renderStatus() {
    const { datasets, error, errorDetail } = this.store;
    return html`${
      datasets.status === 'loading'
        ? html`<div part="progress" class="panel progress">
            <progress
              max="1"
              .value=${datasets.progress ?? 0}
              ?indeterminate=${datasets.progress === null}
              aria-label="Loading progress"
            ></progress>
            <span>${datasets.progressLabel}</span>
          </div>`
        : nothing
    }
    ${
      error
        ? html`<div part="error" class="panel error" role="alert" data-rove>
            ${error} ${renderDetail(errorDetail)}
            ${
              datasets.source
                ? html`<button type="button" @click=${() => this.store.dismissError()}>Dismiss</button>`
                : nothing
            }
          </div>`
        : nothing
    }`;
  }

  #updateAccessibleName(): void {
    const name = this.alt ?? this.store.source?.dataset.identity.name ?? 'Single-cell dataset';
    this.setAttribute('aria-label', name);
  }
}

/** The field a dataset opens coloured by: its first categorical cell field, else its first field. */
function defaultField(source: DatasetSource): ActiveField | null {
  const fields = source.dataset.obsFields;
  const first = fields.find((f) => f.kind === 'category') ?? fields[0];
  return first ? { source: 'obs', key: first.key } : null;
}
