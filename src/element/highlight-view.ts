// The highlights panel: pages, and each group of the active page with its cell count, an
// enable switch, an editable label and a delete button. Labels are bound as text, never HTML.
import { html, nothing, type TemplateResult } from 'lit';
import type { HighlightsSummary } from './highlight-book.js';
import { panelToggle } from './legend-view.js';
import { moveHandle, panelStyle, type PanelMoveActions } from './panel-mover.js';
import { closeIcon } from './icons.js';

export interface HighlightActions {
  setEnabled(id: string, enabled: boolean): void;
  rename(id: string, label: string): void;
  remove(id: string): void;
  clear(): void;
  addPage(): void;
  /** A categorical field with one category per page that has groups (its enabled groups' cells). */
  makeField(): void;
  setActivePage(id: string): void;
  open(): boolean;
  setOpen(open: boolean): void;
  mover: PanelMoveActions;
}

/** Groups the panel lists: a page of thousands (a restored session) would make every redraw of the element slow. */
const MAX_ROWS = 300;

export function renderHighlights(
  summary: HighlightsSummary,
  actions: HighlightActions,
): TemplateResult | typeof nothing {
  const page = summary.pages.find((p) => p.id === summary.activePageId);
  const anyGroups = summary.pages.some((p) => p.groups.length > 0);
  if (!page || (!anyGroups && summary.pages.length === 1)) return nothing;
  if (!actions.open()) {
    return html`<section
      part="highlights"
      class="panel highlights"
      data-rove
      style=${panelStyle(actions.mover.position('highlights'))}
      aria-label="Highlights"
    >
      ${panelToggle(false, 'highlights', (open) => actions.setOpen(open))}${moveHandle('highlights', actions.mover)}
      Highlights
    </section>`;
  }
  return html`<section
    part="highlights"
    class="panel highlights"
    data-rove
    style=${panelStyle(actions.mover.position('highlights'))}
    aria-label="Highlights"
  >
    <div class="highlight-pages">
      ${panelToggle(true, 'highlights', (open) => actions.setOpen(open))}${moveHandle('highlights', actions.mover)}
      <span class="swatch" style=${`background: ${safeColor(page.color)}`}></span>
      <select
        part="highlight-page-select"
        aria-label="Highlight page"
        @change=${(e: Event) => actions.setActivePage((e.target as HTMLSelectElement).value)}
      >
        ${summary.pages.map((p) => html`<option value=${p.id} ?selected=${p.id === page.id}>${p.name}</option>`)}
      </select>
      <button type="button" @click=${() => actions.addPage()}>New page</button>
    </div>
    <ul class="highlight-groups">
      ${page.groups.slice(0, MAX_ROWS).map(
        (g) =>
          html`<li class="highlight-group" data-group=${g.id}>
            <input
              type="checkbox"
              class="highlight-toggle"
              .checked=${g.enabled}
              aria-label=${`Show rings of ${g.label}`}
              @change=${(e: Event) => actions.setEnabled(g.id, (e.target as HTMLInputElement).checked)}
            />
            <input
              class="highlight-label"
              .value=${g.label}
              aria-label="Group name"
              maxlength="200"
              @change=${(e: Event) => actions.rename(g.id, (e.target as HTMLInputElement).value)}
            />
            <span class="legend-count">${g.cellCount.toLocaleString('en-US')}</span>
            <button type="button" aria-label=${`Delete ${g.label}`} @click=${() => actions.remove(g.id)}>
              ${closeIcon}
            </button>
          </li>`,
      )}
      ${
        page.groups.length > MAX_ROWS
          ? html`<li class="legend-missing">${(page.groups.length - MAX_ROWS).toLocaleString('en-US')} more groups</li>`
          : nothing
      }
    </ul>
    ${
      page.groups.length
        ? html`<div class="highlight-pages">
            <button
              type="button"
              class="make-field"
              title="A cell field with one category per page"
              @click=${() => actions.makeField()}
            >
              Make field
            </button>
            <button type="button" title="Clear highlights (X)" @click=${() => actions.clear()}>Clear page</button>
          </div>`
        : html`<p class="legend-missing">Alt-drag to select cells.</p>`
    }
  </section>`;
}

/** Page colours come from sessions: only plain hex colours reach a style attribute. */
function safeColor(color: string): string {
  return /^#[0-9a-f]{3,8}$/i.test(color) ? color : '#888888';
}
