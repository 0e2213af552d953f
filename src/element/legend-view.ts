// The legend inside the element. Labels come from the dataset: they are bound as text,
// never parsed as HTML.
import { html, nothing, type TemplateResult } from 'lit';
import type { LegendModel } from '../core/state/legend-model.js';
import { COLORMAP_IDS, colormapLabel, sampleColormap } from '../core/color/index.js';

/** What the legend's own controls change. */
export interface LegendActions {
  setColormap(id: string): void;
  setLogScale(on: boolean): void;
}

const fmt = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

export function formatValue(v: number): string {
  return Number.isFinite(v) ? fmt.format(v) : '–';
}

/** CSS gradient of a colormap, sampled finely enough to look continuous. */
export function colormapGradient(colormap: string, steps = 16): string {
  const stops: string[] = [];
  for (let i = 0; i < steps; i++) {
    const t = i / (steps - 1);
    const [r, g, b] = sampleColormap(colormap, t);
    stops.push(`rgb(${r}, ${g}, ${b}) ${(t * 100).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

export function renderLegend(model: LegendModel | null, actions: LegendActions): TemplateResult | typeof nothing {
  if (!model || model.kind === 'none') return nothing;
  if (model.kind === 'category') {
    return html`<section part="legend" class="panel legend" aria-label=${`Legend: ${model.title}`}>
      <h2 class="legend-title">${model.title}</h2>
      <ul class="legend-rows">
        ${model.rows.map(
          (row) => html`<li class="legend-row" data-category=${row.index}>
            <span class="swatch" style=${`background: rgb(${row.color.join(',')})`}></span>
            <span class="legend-label">${row.label}</span>
            <span class="legend-count">${row.visible.toLocaleString('en-US')} / ${row.total.toLocaleString('en-US')}</span>
          </li>`,
        )}
      </ul>
      ${model.missing > 0
        ? html`<p class="legend-missing">${model.missing.toLocaleString('en-US')} cells without a value (gray)</p>`
        : nothing}
    </section>`;
  }
  return html`<section part="legend" class="panel legend" aria-label=${`Legend: ${model.title}`}>
    <h2 class="legend-title">${model.title}${model.log ? ' (log10)' : ''}</h2>
    <div part="colorbar" class="colorbar" style=${`background: ${colormapGradient(model.colormap)}`}></div>
    <div class="colorbar-labels">
      <span class="legend-min">${formatValue(model.min)}</span>
      <span class="legend-max">${formatValue(model.max)}</span>
    </div>
    <div class="legend-controls">
      <select part="colormap-select" aria-label="Colormap" @change=${(e: Event) => actions.setColormap((e.target as HTMLSelectElement).value)}>
        ${COLORMAP_IDS.map((id) => html`<option value=${id} ?selected=${id === model.colormap}>${colormapLabel(id)}</option>`)}
      </select>
      <label><input part="log-scale" type="checkbox" .checked=${model.log}
        @change=${(e: Event) => actions.setLogScale((e.target as HTMLInputElement).checked)} /> Log scale</label>
    </div>
    ${model.missing > 0
      ? html`<p class="legend-missing">${model.missing.toLocaleString('en-US')} cells without a value (gray)</p>`
      : nothing}
  </section>`;
}
