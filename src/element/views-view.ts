// The view tabs (live view and snapshots, "Keep view", layout and camera lock) and, in a grid,
// a caption on each tile. Labels come from users and sessions: bound as text, never HTML.
import { html, nothing, type TemplateResult } from 'lit';
import { LIVE_VIEW_ID, MAX_SNAPSHOTS, type Rect, type ViewsState } from '../core/state/views.js';
import { closeIcon } from './icons.js';

export interface ViewActions {
  keep(): void;
  remove(id: string): void;
  activate(id: string): void;
  setLayout(layout: 'single' | 'grid'): void;
  setLocked(locked: boolean): void;
  /** Caption of a view: its label and coloured field. */
  caption(id: string): string;
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
      </div>`,
  )}`;
}
