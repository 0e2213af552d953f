// How much interface a viewer shows: `ui="full"` (everything), `figure` (a figure in a docs page:
// the legend, where categories can be shown and hidden but nothing is edited, Reset view and
// Full screen) or `none` (the plot alone). `color-by` names the field a dataset opens coloured by.
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { DatasetSource } from '../../core/dataset/types.js';
import type { ActiveField } from '../../core/state/active-field.js';
import { parseFieldRef, type FieldRef } from '../../core/state/field-ref.js';
import { SizeAttenuationFeature } from './size-attenuation-feature.js';

/** How much interface a viewer shows. */
export type ViewerUi = 'full' | 'figure' | 'none';

export class FigureFeature extends SizeAttenuationFeature {
  static override properties: PropertyDeclarations = {
    ui: { reflect: true },
    colorBy: { attribute: 'color-by' },
  };

  /** `full` (default): every panel; `figure`: a read-only legend, Reset view, Full screen; `none`: the plot alone. */
  ui: ViewerUi = 'full';

  /** The field a dataset opens coloured by (`obs:cell_type`, `var:CD3E`); unset: its first categorical field. */
  colorBy: FieldRef | null = null;

  constructor() {
    super();
    // Entering or leaving full screen (the button, or the Escape key): the button says which.
    this.addEventListener('fullscreenchange', () => this.requestUpdate());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A new color-by on an open dataset colours by it at once.
    if (changed.has('colorBy') && changed.get('colorBy') !== undefined && this.colorBy && this.store.source)
      this.store.guard(() => this.setActiveField(this.colorBy!));
  }

  protected override initialField(source: DatasetSource): ActiveField | null {
    const wanted = this.colorBy;
    if (!wanted) return super.initialField(source);
    try {
      const field = parseFieldRef(wanted, 'color-by');
      if (this.store.fields.exists(source, field)) return field;
    } catch {
      // reported below, as for a field that is not there
    }
    const fallback = super.initialField(source);
    this.store.fail(
      'field',
      `color-by: this dataset has no field "${wanted}"; coloured by ${fallback ? fallback.key : 'nothing'} instead.`,
    );
    return fallback;
  }

  protected override legendEditable(): boolean {
    return this.#ui() === 'full';
  }

  protected override renderLegendPanel() {
    return this.#ui() === 'none' ? nothing : super.renderLegendPanel();
  }

  protected override renderHighlightsPanel() {
    return this.#ui() === 'full' ? super.renderHighlightsPanel() : nothing;
  }

  protected override renderToolbarPanel(source: DatasetSource) {
    const ui = this.#ui();
    if (ui === 'full') return super.renderToolbarPanel(source);
    if (ui === 'none') return nothing;
    const full = this.ownerDocument.fullscreenElement === this;
    return html`<div
      part="toolbar"
      class="panel toolbar figure-bar"
      role="toolbar"
      aria-label="Viewer controls"
      data-rove
    >
      <button part="reset-button" type="button" @click=${() => this.resetCamera()}>Reset view</button>
      <button
        part="fullscreen-button"
        type="button"
        aria-pressed=${String(full)}
        @click=${() => this.store.guard(() => this.#toggleFullscreen(full))}
      >
        ${full ? 'Exit full screen' : 'Full screen'}
      </button>
      ${this.figureControls()}
    </div>`;
  }

  /** Controls a feature adds to the figure toolbar; a feature overrides it and adds to super's. */
  protected figureControls(): unknown[] {
    return [];
  }

  #toggleFullscreen(full: boolean): Promise<void> {
    return full ? this.ownerDocument.exitFullscreen() : this.requestFullscreen();
  }

  /** The attribute when it is one of the three (anything else is `full`). */
  #ui(): ViewerUi {
    return this.ui === 'figure' || this.ui === 'none' ? this.ui : 'full';
  }
}
