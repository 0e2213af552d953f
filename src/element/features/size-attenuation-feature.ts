// Size attenuation: how much far points shrink in 3-D, from 0 (every point the size the point-size
// slider says) to 1 (full perspective). The `size-attenuation` attribute and property, a slider in
// the toolbar, and the Cellucid app's `size-attenuation` control in sessions and the autosave.
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ToolbarFeature } from './toolbar-feature.js';

/** The Cellucid app's renderer default, and where its 0–100 slider starts (80). */
const DEFAULT_ATTENUATION = 0.65;
const DEFAULT_SLIDER = 80;

/**
 * The app's slider position for an amount: its default position is its renderer's default amount,
 * linear on either side (0 → 0, 80 → 0.65, 100 → 1), so the viewer's default writes the app's.
 */
const attenuationToSlider = (a: number): number =>
  Math.round(
    a <= DEFAULT_ATTENUATION
      ? (a / DEFAULT_ATTENUATION) * DEFAULT_SLIDER
      : DEFAULT_SLIDER + ((a - DEFAULT_ATTENUATION) / (1 - DEFAULT_ATTENUATION)) * (100 - DEFAULT_SLIDER),
  );

const sliderToAttenuation = (s: number): number =>
  s <= DEFAULT_SLIDER
    ? (s / DEFAULT_SLIDER) * DEFAULT_ATTENUATION
    : DEFAULT_ATTENUATION + ((s - DEFAULT_SLIDER) / (100 - DEFAULT_SLIDER)) * (1 - DEFAULT_ATTENUATION);

export class SizeAttenuationFeature extends ToolbarFeature {
  static override properties: PropertyDeclarations = {
    sizeAttenuation: { attribute: 'size-attenuation', type: Number },
  };

  /** How much far points shrink in 3-D: 0 (not at all) to 1 (full perspective); unset: 0.65, the Cellucid app's. */
  sizeAttenuation: number | null = null;

  constructor() {
    super();
    this.store.register({
      save: (view) => (view.controls!['size-attenuation'] = String(attenuationToSlider(this.#amount()))),
      apply: (view) => {
        const slider = view.controls?.['size-attenuation'];
        if (typeof slider === 'string') this.sizeAttenuation = sliderToAttenuation(Number(slider));
      },
      describe: (state) => (state.sizeAttenuation = this.#amount()),
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!changed.has('sizeAttenuation')) return;
    this.store.renderer.setSizeAttenuation(this.#amount());
    if (changed.get('sizeAttenuation') !== undefined) this.store.changed();
  }

  protected override toolbarControls(): unknown[] {
    return [
      ...super.toolbarControls(),
      html`<label
        >Depth
        <input
          part="size-attenuation"
          type="range"
          min="0"
          max="1"
          step="0.05"
          title="How much far points shrink"
          .value=${String(this.#amount())}
          @change=${(e: Event) => (this.sizeAttenuation = Number((e.target as HTMLInputElement).value))}
      /></label>`,
    ];
  }

  /** The attribute when it is a number from 0 to 1 (anything else is ignored). */
  #amount(): number {
    const a = this.sizeAttenuation;
    return a !== null && a >= 0 && a <= 1 ? a : DEFAULT_ATTENUATION;
  }
}
