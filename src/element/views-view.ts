// The view tabs (live view and snapshots, "Keep view", layout and camera lock) and, in a grid,
// a caption on each tile. Labels come from users and sessions: bound as text, never HTML.
import { html, nothing, type TemplateResult } from 'lit';
import { rgbToHex } from '../core/color/index.js';
import type { CategoryLegend, LegendModel } from '../core/state/legend-model.js';
import { LIVE_VIEW_ID, MAX_SNAPSHOTS, type Rect, type ViewsState } from '../core/state/views.js';
import { closeIcon } from './icons.js';
import { colormapGradient, formatValue } from './legend-view.js';

export interface ViewActions {
  keep(): void;
  remove(id: string): void;
  activate(id: string): void;
  setLayout(layout: 'single' | 'grid'): void;
  setLocked(locked: boolean): void;
  /** Caption of a view: its label and coloured field. */
  caption(id: string): string;
  /** The legend a snapshot was coloured with (none for the live view: it has the legend panel). */
  legend(id: string): LegendModel | null;
}

export function renderViewTabs(views: ViewsState, actions: ViewActions): TemplateResult {
  const ids = [LIVE_VIEW_ID, ...views.snapshots.map((s) => s.id)];
  return html`<div part="views" class="views" role="group" aria-label="Views">
    <button
      type="button"
      part="keep-view"
      ?disabled=${views.snapshots.length >= MAX_SNAPSHOTS}
      title=${`Freeze this view beside the live one (up to ${MAX_SNAPSHOTS})`}
      @click=${() => actions.keep()}
    >
      Keep view
    </button>
    ${
      views.snapshots.length
        ? html`${ids.map(
              (id) =>
                html`<span class="view-tab">
                  <button
                    type="button"
                    class="view-tab-button"
                    data-view=${id}
                    aria-pressed=${String(views.activeId === id)}
                    @click=${() => actions.activate(id)}
                  >
                    ${id === LIVE_VIEW_ID ? 'Live' : views.snapshots.find((s) => s.id === id)!.label}
                  </button>
                  ${
                    id === LIVE_VIEW_ID
                      ? nothing
                      : html`<button
                          type="button"
                          class="icon-button"
                          aria-label=${`Remove view ${actions.caption(id)}`}
                          @click=${() => actions.remove(id)}
                        >
                          ${closeIcon}
                        </button>`
                  }
                </span>`,
            )}
            <select
              part="layout-select"
              aria-label="Layout"
              @change=${(e: Event) => actions.setLayout((e.target as HTMLSelectElement).value as 'single' | 'grid')}
            >
              <option value="single" ?selected=${views.layout === 'single'}>Single</option>
              <option value="grid" ?selected=${views.layout === 'grid'}>Grid</option>
            </select>
            <label
              ><input
                type="checkbox"
                part="lock-cameras"
                .checked=${views.camerasLocked}
                @change=${(e: Event) => actions.setLocked((e.target as HTMLInputElement).checked)}
              />
              Lock cameras</label
            >`
        : nothing
    }
  </div>`;
}

/** Captions over grid tiles (positions in % of the element, so they follow resizes). */
export function renderViewCaptions(
  tiles: Array<{ id: string; rect: Rect }>,
  width: number,
  height: number,
  activeId: string,
  actions: ViewActions,
): TemplateResult | typeof nothing {
  if (tiles.length < 2) return nothing;
  return html`${tiles.map(
    ({ id, rect }) =>
      html`<div
          part="view-label"
          class=${`view-label${id === activeId ? ' active' : ''}`}
          style=${
            `left: ${(rect.x / width) * 100}%; top: ${(rect.y / height) * 100}%; width: ` +
            `${(rect.width / width) * 100}%; height: ${(rect.height / height) * 100}%`
          }
        >
          <span>${actions.caption(id)}</span>
        </div>
        ${renderPaneLegend(actions.legend(id), rect, width, height)}`,
  )}`;
}

/** Names listed in a compact legend's tooltip, and the tooltip's length, at most. */
const TIP_NAMES = 40;
const TIP_CHARS = 1500;

/**
 * The categories a pane's legend lists: those drawn in it, most cells first, as many rows as two
 * fifths of the pane's height (CSS px) hold, the last one giving way to "+N more" when some are left.
 */
export function paneLegendRows(model: CategoryLegend, paneHeight: number): { shown: number[]; rows: number[] } {
  const shown = Array.from(model.order).filter((i) => model.visible[i] > 0);
  shown.sort((a, b) => model.visible[b] - model.visible[a]);
  const room = Math.max(1, Math.min(8, Math.floor((paneHeight * 0.4 - 18) / 16)));
  return { shown, rows: shown.length > room ? shown.slice(0, room - 1) : shown };
}

/** A pane legend's width (CSS px) in a pane this wide. */
export const paneLegendWidth = (paneWidth: number) => Math.round(Math.min(200, Math.max(72, paneWidth * 0.4)));

/**
 * A pane's compact, read-only legend in its top-right corner: the categories drawn in the pane
 * (most cells first, as many rows as two fifths of the pane's height hold, then "+N more"; the
 * tooltip names them all, bounded), or the colour bar with its minimum and maximum.
 */
function renderPaneLegend(
  model: LegendModel | null,
  rect: Rect,
  width: number,
  height: number,
): TemplateResult | typeof nothing {
  if (!model || model.kind === 'none') return nothing;
  const style =
    `right: calc(${((width - rect.x - rect.width) / width) * 100}% + 6px); ` +
    `top: calc(${(rect.y / height) * 100}% + 6px); ` +
    `max-width: ${paneLegendWidth(rect.width)}px`;
  if (model.kind === 'continuous') {
    const range = `${formatValue(model.min)} – ${formatValue(model.max)}`;
    return html`<div part="pane-legend" class="panel pane-legend" style=${style} title=${`${model.title}: ${range}`}>
      <div><b>${model.title}${model.log ? ' (log10)' : ''}</b></div>
      <div class="colorbar" style=${`background: ${colormapGradient(model.colormap, 8)}`}></div>
      <div class="colorbar-labels"><span>${formatValue(model.min)}</span><span>${formatValue(model.max)}</span></div>
    </div>`;
  }
  const { shown, rows } = paneLegendRows(model, rect.height);
  const names = shown.slice(0, TIP_NAMES).map((i) => model.labels[i]);
  if (shown.length > TIP_NAMES) names.push(`+${shown.length - TIP_NAMES} more`);
  return html`<div
    part="pane-legend"
    class="panel pane-legend"
    style=${style}
    title=${`${model.title}: ${names.join(', ')}`.slice(0, TIP_CHARS)}
  >
    <div><b>${model.title}</b></div>
    ${rows.map(
      (i) =>
        html`<div class="pane-legend-row">
          <span class="swatch" style=${`background:${rgbToHex(model.colors[i])}`}></span>${model.labels[i]}
        </div>`,
    )}
    ${shown.length > rows.length ? html`<div>+${shown.length - rows.length} more</div>` : nothing}
  </div>`;
}
