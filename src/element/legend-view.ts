// The legend inside the element. Labels come from the dataset: they are bound as text,
// never parsed as HTML.
import { html, nothing, type TemplateResult } from 'lit';
import { fieldRef } from '../core/state/field-ref.js';
import { legendRow, type LegendModel } from '../core/state/legend-model.js';
import { COLORMAP_IDS, colormapLabel, rgbToHex, sampleColormap } from '../core/color/index.js';
import { moveHandle, panelStyle, type PanelMoveActions } from './panel-mover.js';
import { closeIcon, duplicateIcon, foldIcon, highlightIcon, renameIcon } from './icons.js';

/** What the legend's own controls change. */
export interface LegendActions {
  setColormap(id: string): void;
  setLogScale(on: boolean): void;
  setCategoryVisible(index: number, visible: boolean): void;
  setCategoryColor(index: number, color: string): void;
  /** Makes a highlight group of a category's visible cells, or of the cells in a value range. */
  highlightCategory(index: number): void;
  highlightRange(range: { min: number; max: number }): void;
  setAllCategoriesVisible(visible: boolean): void;
  setRange(range: { min: number; max: number } | null): void;
  setOutlierThreshold(threshold: number): void;
  setFilterEnabled(id: string, enabled: boolean): void;
  removeFilter(id: string): void;
  clearFilters(): void;
  currentRange(): { min: number; max: number } | null;
  outlierThreshold(): number | null;
  activeFilters(): Array<{ id: string; text: string; enabled: boolean }>;
  /** Display names: what is being renamed now, and the rename itself. */
  editing(): LegendEdit | null;
  startEdit(edit: LegendEdit): void;
  finishEdit(value: string | null): void;
  /** Hides the field from the menus (shown again from the Color by menu). */
  hideField(): void;
  /** A copy of the field, under "Your fields". */
  duplicateField(): void;
  /** How far the category list is scrolled (px); `scrollRows` sets it, then focuses a row's control (a selector). */
  rowsScroll(): number;
  scrollRows(px: number, focus?: string): void;
  /** False in a figure (`ui="figure"`): categories can be shown and hidden, nothing is edited. */
  editable(): boolean;
  /** The legend folds to its title row. */
  open(): boolean;
  setOpen(open: boolean): void;
  mover: PanelMoveActions;
}

export type LegendEdit = { kind: 'field' } | { kind: 'category'; index: number };

/** An inline name editor: Enter or leaving the box saves, Escape cancels. */
function renderNameEditor(current: string, label: string, actions: LegendActions): TemplateResult {
  let done = false;
  const finish = (value: string | null) => {
    if (done) return;
    done = true;
    actions.finishEdit(value);
  };
  return html`<input
    class="name-editor"
    .value=${current}
    aria-label=${label}
    maxlength="256"
    @keydown=${(e: KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Enter') finish((e.target as HTMLInputElement).value);
      if (e.key === 'Escape') finish(null);
    }}
    @blur=${(e: Event) => finish((e.target as HTMLInputElement).value)}
  />`;
}

/** The legend's title with its rename, duplicate and hide buttons, or the title editor. */
function renderTitle(title: string, suffix: string, actions: LegendActions): TemplateResult {
  if (actions.editing()?.kind === 'field')
    return html`<h2 class="legend-title">${renderNameEditor(title, 'Field name', actions)}</h2>`;
  return html`<h2 class="legend-title">
    ${panelToggle(actions.open(), 'legend', (open) => actions.setOpen(open))}${moveHandle('legend', actions.mover)}<span
      class="legend-title-text"
      >${title}${suffix}</span
    >
    ${actions.editable() ? renderFieldButtons(actions) : nothing}
  </h2>`;
}

function renderFieldButtons(actions: LegendActions): TemplateResult {
  return html`<button
      type="button"
      class="icon-button rename-field"
      title="Rename this field"
      aria-label="Rename this field"
      @click=${() => actions.startEdit({ kind: 'field' })}
    >
      ${renameIcon}
    </button>
    <button
      type="button"
      class="icon-button duplicate-field"
      title="Duplicate this field"
      aria-label="Duplicate this field"
      @click=${() => actions.duplicateField()}
    >
      ${duplicateIcon}
    </button>
    <button
      type="button"
      class="icon-button hide-field"
      title="Hide this field (the Color by menu shows it again)"
      aria-label="Hide this field"
      @click=${() => actions.hideField()}
    >
      ${closeIcon}
    </button>`;
}

/** The "active filters" list: each can be switched off without losing its settings, or removed. */
function renderActiveFilters(actions: LegendActions): TemplateResult | typeof nothing {
  const filters = actions.activeFilters();
  if (filters.length === 0) return nothing;
  return html`<div part="active-filters" class="active-filters">
    <h3 class="legend-subtitle">Active filters</h3>
    <ul>
      ${filters.map(
        (f) =>
          html`<li>
            <label
              ><input
                type="checkbox"
                .checked=${f.enabled}
                ?disabled=${f.id === 'outliers'}
                @change=${(e: Event) =>
                  actions.setFilterEnabled(filterKeyOf(f.id), (e.target as HTMLInputElement).checked)}
              />
              ${f.text}</label
            >
            <button type="button" aria-label=${`Remove filter: ${f.text}`} @click=${() => actions.removeFilter(f.id)}>
              ${closeIcon}
            </button>
          </li>`,
      )}
    </ul>
    <button type="button" @click=${() => actions.clearFilters()}>Clear filters</button>
  </div>`;
}

/** Active-filter ids ("category:key", "range:obs:key") to the filter keys of getViewState(). */
function filterKeyOf(id: string): string {
  if (id.startsWith('category:')) return fieldRef('obs', id.slice(9));
  if (id.startsWith('range:')) return id.slice(6);
  return id;
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

/** Min/max of the value range filter; "Filter" applies it, "All" removes it. */
function renderRangeForm(model: Extract<LegendModel, { kind: 'continuous' }>, actions: LegendActions): TemplateResult {
  const current = actions.currentRange();
  const read = (form: HTMLFormElement) => {
    const min = Number((form.elements.namedItem('min') as HTMLInputElement).value);
    const max = Number((form.elements.namedItem('max') as HTMLInputElement).value);
    return Number.isFinite(min) && Number.isFinite(max) && min <= max ? { min, max } : null;
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const range = read(e.target as HTMLFormElement);
    if (range) actions.setRange(range);
  };
  const highlight = (e: Event) => {
    const range = read((e.target as HTMLButtonElement).form!);
    if (range) actions.highlightRange(range);
  };
  return html`<form part="range-filter" class="legend-controls" @submit=${submit}>
    <label>Min <input name="min" type="number" step="any" .value=${String(current?.min ?? model.min)} /></label>
    <label>Max <input name="max" type="number" step="any" .value=${String(current?.max ?? model.max)} /></label>
    <button type="submit">Filter</button>
    <button type="button" @click=${() => actions.setRange(null)}>All</button>
    <button type="button" class="highlight-range" @click=${highlight}>Highlight</button>
  </form>`;
}

/** The fold button of a panel: aria-expanded tells assistive technology what it does. */
export function panelToggle(open: boolean, what: string, setOpen: (open: boolean) => void): TemplateResult {
  return html`<button
    type="button"
    class="icon-button panel-toggle"
    aria-expanded=${String(open)}
    aria-label=${`${open ? 'Fold' : 'Unfold'} the ${what}`}
    @click=${() => setOpen(!open)}
  >
    ${foldIcon(open)}
  </button>`;
}

/**
 * The category list scrolls past 12 rows of one height (the styles'), and only the rows near the
 * scrolled-to place are made: an empty item above and one below stand for the others.
 */
const ROW_PX = 22;
const SHOWN_ROWS = 32;

const spacer = (rows: number) => html`<li aria-hidden="true" style=${`height:${rows * ROW_PX}px`}></li>`;

/** Arrow keys on a category's checkbox go to the next or previous category, scrolling it into view. */
function moveFocus(e: KeyboardEvent, order: Uint32Array, actions: LegendActions): void {
  const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
  const box = e.target as HTMLElement;
  if (!step || !box.matches('.category-toggle')) return;
  e.preventDefault();
  const at = order.indexOf(Number(box.closest('li')!.dataset.category)) + step;
  if (at < 0 || at >= order.length) return;
  const list = e.currentTarget as HTMLElement;
  const top = Math.min(list.scrollTop, at * ROW_PX);
  actions.scrollRows(
    Math.max(top, (at + 1) * ROW_PX - list.clientHeight),
    `[data-category="${order[at]}"] .category-toggle`,
  );
}

export function renderLegend(model: LegendModel | null, actions: LegendActions): TemplateResult | typeof nothing {
  if (!model || model.kind === 'none') return nothing;
  if (!actions.open()) {
    return html`<section
      part="legend"
      class="panel legend"
      data-rove
      style=${panelStyle(actions.mover.position('legend'))}
      aria-label=${`Legend: ${model.title}`}
    >
      <h2 class="legend-title">
        ${panelToggle(false, 'legend', (open) => actions.setOpen(open))}${moveHandle('legend', actions.mover)}<span
          class="legend-title-text"
          >${model.title}</span
        >
      </h2>
    </section>`;
  }
  const editable = actions.editable();
  if (model.kind === 'category') {
    const { order } = model;
    const first = Math.max(0, Math.min(Math.floor(actions.rowsScroll() / ROW_PX) - 8, order.length - SHOWN_ROWS));
    const shown = Array.from(order.subarray(first, first + SHOWN_ROWS), (i) => legendRow(model, i));
    return html`<section
      part="legend"
      class="panel legend"
      data-rove
      style=${panelStyle(actions.mover.position('legend'))}
      aria-label=${`Legend: ${model.title}`}
    >
      ${renderTitle(model.title, '', actions)}
      <ul
        class="legend-rows"
        tabindex="-1"
        .scrollTop=${actions.rowsScroll()}
        @scroll=${({ target }: Event) => {
          // Not the scroll this legend set itself: the rows are made again, and the focus stays on
          // its category's control (the elements are reused for other rows).
          const list = target as HTMLElement;
          const active = (list.getRootNode() as ShadowRoot).activeElement;
          const focused = active?.closest('li')?.dataset.category;
          if (Math.abs(list.scrollTop - actions.rowsScroll()) >= 1)
            actions.scrollRows(
              list.scrollTop,
              focused && `[data-category="${focused}"] .${[...active!.classList].pop()}`,
            );
        }}
        @keydown=${(e: KeyboardEvent) => moveFocus(e, order, actions)}
      >
        ${spacer(first)}
        ${shown.map(
          (row) =>
            html`<li class="legend-row" data-category=${row.index}>
              <input
                type="checkbox"
                class="category-toggle"
                .checked=${!row.hidden}
                aria-label=${`Show ${row.label}`}
                @change=${(e: Event) => actions.setCategoryVisible(row.index, (e.target as HTMLInputElement).checked)}
                @keydown=${(e: KeyboardEvent) => {
                  if (e.key === 'F2') actions.startEdit({ kind: 'category', index: row.index });
                }}
              />
              ${
                editable
                  ? html`<input
                      type="color"
                      class="swatch"
                      aria-label=${`Colour of ${row.label}`}
                      .value=${rgbToHex(row.color)}
                      @change=${(e: Event) => actions.setCategoryColor(row.index, (e.target as HTMLInputElement).value)}
                    />`
                  : html`<span class="swatch" style=${`background:${rgbToHex(row.color)}`}></span>`
              }
              ${(() => {
                const edit = actions.editing();
                if (edit?.kind === 'category' && edit.index === row.index)
                  return renderNameEditor(row.label, `New name of ${row.label}`, actions);
                return editable
                  ? html`<span
                      class="legend-label"
                      title="Double-click (or F2 on its checkbox) to rename"
                      @dblclick=${() => actions.startEdit({ kind: 'category', index: row.index })}
                      >${row.label}</span
                    >`
                  : html`<span class="legend-label" title=${row.label}>${row.label}</span>`;
              })()}
              <span class="legend-count"
                >${row.visible.toLocaleString('en-US')} / ${row.total.toLocaleString('en-US')}</span
              >
              ${
                editable
                  ? html`<button
                      type="button"
                      class="icon-button highlight-category"
                      title="Highlight these cells"
                      aria-label=${`Highlight ${row.label}`}
                      ?disabled=${row.visible === 0}
                      @click=${() => actions.highlightCategory(row.index)}
                    >
                      ${highlightIcon}
                    </button>`
                  : nothing
              }
            </li>`,
        )}
        ${spacer(order.length - first - shown.length)}
      </ul>
      ${
        model.missing > 0
          ? html`<p class="legend-missing">${model.missing.toLocaleString('en-US')} cells without a value (gray)</p>`
          : nothing
      }
      <div class="legend-controls">
        <button type="button" @click=${() => actions.setAllCategoriesVisible(true)}>Show all</button>
        <button type="button" @click=${() => actions.setAllCategoriesVisible(false)}>Hide all</button>
      </div>
      ${
        editable && model.hasOutliers
          ? html`<label class="legend-controls"
              >Outlier threshold
              <input
                part="outlier-threshold"
                type="range"
                min="0"
                max="1"
                step="0.01"
                .value=${String(actions.outlierThreshold() ?? 1)}
                @change=${(e: Event) => actions.setOutlierThreshold(Number((e.target as HTMLInputElement).value))}
              />
              <span
                >${actions.outlierThreshold() === null ? 'off' : formatValue(actions.outlierThreshold()!)}</span
              ></label
            >`
          : nothing
      }
      ${editable ? renderActiveFilters(actions) : nothing}
    </section>`;
  }
  return html`<section
    part="legend"
    class="panel legend"
    data-rove
    style=${panelStyle(actions.mover.position('legend'))}
    aria-label=${`Legend: ${model.title}`}
  >
    ${renderTitle(model.title, model.log ? ' (log10)' : '', actions)}
    <div part="colorbar" class="colorbar" style=${`background: ${colormapGradient(model.colormap)}`}></div>
    <div class="colorbar-labels">
      <span class="legend-min">${formatValue(model.min)}</span>
      <span class="legend-max">${formatValue(model.max)}</span>
    </div>
    ${editable ? renderScaleControls(model, actions) : nothing}
    ${
      model.missing > 0
        ? html`<p class="legend-missing">${model.missing.toLocaleString('en-US')} cells without a value (gray)</p>`
        : nothing
    }
  </section>`;
}

/** Colormap, log scale, the range filter and the active filters of a continuous field. */
function renderScaleControls(model: Extract<LegendModel, { kind: 'continuous' }>, actions: LegendActions) {
  return html`<div class="legend-controls">
      <select
        part="colormap-select"
        aria-label="Colormap"
        @change=${(e: Event) => actions.setColormap((e.target as HTMLSelectElement).value)}
      >
        ${COLORMAP_IDS.map(
          (id) => html`<option value=${id} ?selected=${id === model.colormap}>${colormapLabel(id)}</option>`,
        )}
      </select>
      <label
        ><input
          part="log-scale"
          type="checkbox"
          .checked=${model.log}
          @change=${(e: Event) => actions.setLogScale((e.target as HTMLInputElement).checked)}
        />
        Log scale</label
      >
    </div>
    ${renderRangeForm(model, actions)} ${renderActiveFilters(actions)}`;
}
