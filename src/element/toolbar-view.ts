// The toolbar: field picker (cell fields, your fields, genes, hidden fields), gene search,
// embedding, drag tool, point size, background, theme, reset, and the session buttons. Names
// come from the dataset: they are bound as text, never parsed as HTML.
import { html, nothing, type TemplateResult } from 'lit';
import { pointSizeToSlider, sliderToPointSize } from '../core/color/point-size.js';
import type { Dimension, LoadedDataset } from '../core/dataset/types.js';
import { fieldRef, readFieldRef } from '../core/state/field-ref.js';
import type { SelectionTool } from './selector.js';
import type { FieldBook } from './field-book.js';

/** A gene list longer than this is searched by name instead of listed in the menu. */
const MAX_LISTED_GENES = 200;

const TOOL_LABELS: Record<SelectionTool, string> = {
  navigate: 'Navigate',
  lasso: 'Lasso select',
  box: 'Box select',
  proximity: 'Click: nearby',
  knn: 'Click: neighbours',
};

export interface ToolbarModel {
  dataset: Pick<LoadedDataset, 'obsFields' | 'genes' | 'dimensions'>;
  /** The coloured field as "obs:key" / "var:gene", or ''. */
  current: string;
  fields: Pick<FieldBook, 'displayName' | 'isDeleted' | 'userRefs' | 'userField' | 'current'>;
  dimension: Dimension;
  tools: SelectionTool[];
  tool: SelectionTool;
  /** Proximity radius and KNN degree. */
  toolAmount: { proximity: number; knn: number };
  pointSize: number;
  background: string;
  theme: 'light' | 'dark';
  /** Save and load buttons (the `controls` attribute). */
  controls: boolean;
  restoring: boolean;
  restoreProgress: { loaded: number; total: number } | null;
  viewTabs: TemplateResult | typeof nothing;
  /** Controls that features add after the point size (each a labelled input). */
  extraControls: unknown[];
  /** In a small viewer the toolbar folds into its Menu button (styles.ts's container query). */
  folded: boolean;
}

/** What the toolbar's controls change. */
export interface ToolbarActions {
  /** A menu value: '' (no field), "obs:key", "var:gene" or "show:<ref>" (a hidden field). */
  chooseField(value: string): void;
  searchGene(name: string): void;
  setDimension(dimension: Dimension): void;
  setTool(tool: SelectionTool): void;
  setToolAmount(tool: 'proximity' | 'knn', amount: number): void;
  setPointSize(pixels: number): void;
  setBackground(color: string): void;
  setTheme(theme: 'light' | 'dark'): void;
  resetCamera(): void;
  setFolded(folded: boolean): void;
  save(): void;
  pickSessionFile(): void;
  loadSessionFile(file: File): void;
}

const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function renderToolbar(m: ToolbarModel, a: ToolbarActions): TemplateResult {
  const { obsFields, genes, dimensions } = m.dataset;
  const { fields, current } = m;
  const listedGenes = genes.length <= MAX_LISTED_GENES ? genes : [];
  const option = (ref: string) =>
    html`<option value=${ref} ?selected=${current === ref}>${fields.displayName(ref)}</option>`;
  const gene = readFieldRef(current)?.source === 'var';
  const geneInList =
    gene && (listedGenes.some((g) => fieldRef('var', g.key) === current) || fields.userField(current) !== undefined);
  const tool = m.tool;
  // The field select's value is a new String each render, so lit sets it every time: a choice the
  // viewer refused (or a field that failed) goes back to the field shown, as lit's live() did
  // without the directive machinery in the bundle.
  return html`<div
    part="toolbar"
    class=${m.folded ? 'panel toolbar folded' : 'panel toolbar'}
    role="toolbar"
    aria-label="Viewer controls"
    data-rove
  >
    <button
      data-rove
      part="menu-button"
      type="button"
      class="menu-button"
      aria-expanded=${String(!m.folded)}
      @click=${() => a.setFolded(!m.folded)}
    >
      Menu
    </button>
    <label
      >Color by
      <select part="field-select" @change=${(e: Event) => a.chooseField(valueOf(e))} .value=${new String(current)}>
        <option value="" ?selected=${current === ''}>None</option>
        <optgroup label="Cell fields">
          ${obsFields
            .map((f) => fieldRef('obs', f.key))
            .filter((ref) => !fields.isDeleted(ref))
            .map(option)}
        </optgroup>
        ${
          fields.current.userFields.length
            ? html`<optgroup label="Your fields">
                ${[...fields.userRefs('obs'), ...fields.userRefs('var')]
                  .filter((ref) => !fields.isDeleted(ref))
                  .map(option)}
              </optgroup>`
            : nothing
        }
        ${
          listedGenes.length
            ? html`<optgroup label="Genes">
                ${listedGenes
                  .map((g) => fieldRef('var', g.key))
                  .filter((ref) => !fields.isDeleted(ref))
                  .map(option)}
              </optgroup>`
            : nothing
        }
        ${
          fields.current.deleted.size
            ? html`<optgroup label="Hidden fields (choose to show)">
                ${[...fields.current.deleted].map(
                  (ref) => html`<option value=${`show:${ref}`}>${fields.displayName(ref)}</option>`,
                )}
              </optgroup>`
            : nothing
        }
        ${
          gene && !geneInList
            ? html`<option value=${current} selected>${fields.displayName(current)}</option>`
            : nothing
        }
      </select>
    </label>
    ${
      genes.length > MAX_LISTED_GENES
        ? html`<label
            >Gene
            <input
              part="gene-search"
              type="search"
              list="gene-list"
              placeholder="Search genes"
              @change=${(e: Event) => a.searchGene(valueOf(e).trim())}
              autocomplete="off"
            />
            <datalist id="gene-list">${genes.map((g) => html`<option value=${g.key}></option>`)}</datalist>
          </label>`
        : nothing
    }
    ${
      dimensions.length > 1
        ? html`<label
            >View
            <select
              part="dimension-select"
              @change=${(e: Event) => a.setDimension(Number(valueOf(e)) as Dimension)}
              .value=${String(m.dimension)}
            >
              ${dimensions.map((d) => html`<option value=${d} ?selected=${d === m.dimension}>${d}-D</option>`)}
            </select>
          </label>`
        : nothing
    }
    <label
      >Drag
      <select part="selection-tool" @change=${(e: Event) => a.setTool(valueOf(e) as SelectionTool)}>
        ${m.tools.map((t) => html`<option value=${t} ?selected=${t === tool}>${TOOL_LABELS[t]}</option>`)}
      </select>
    </label>
    ${
      tool === 'proximity' || tool === 'knn'
        ? html`<input
            part="selection-amount"
            type="number"
            aria-label=${tool === 'knn' ? 'Degree' : 'Radius'}
            min="0"
            step=${tool === 'knn' ? 1 : 0.01}
            .value=${String(m.toolAmount[tool])}
            @change=${(e: Event) => a.setToolAmount(tool, Number(valueOf(e)))}
          />`
        : nothing
    }
    <label
      >Size
      <input
        part="point-size"
        type="range"
        min="-24"
        max="100"
        step="0.5"
        .value=${String(pointSizeToSlider(m.pointSize))}
        aria-valuetext=${`${m.pointSize.toPrecision(3)} pixels`}
        @change=${(e: Event) => a.setPointSize(sliderToPointSize(Number(valueOf(e))))}
      />
    </label>
    ${m.extraControls}
    <input
      part="background-color"
      type="color"
      aria-label="Background colour"
      .value=${m.background}
      @change=${(e: Event) => a.setBackground(valueOf(e))}
    />
    <select
      part="theme-select"
      aria-label="Theme"
      @change=${(e: Event) => a.setTheme(valueOf(e) === 'dark' ? 'dark' : 'light')}
    >
      <option value="light" ?selected=${m.theme !== 'dark'}>Light</option>
      <option value="dark" ?selected=${m.theme === 'dark'}>Dark</option>
    </select>
    <button part="reset-button" type="button" @click=${() => a.resetCamera()} title="Reset camera (R)">
      Reset view
    </button>
    ${
      m.controls
        ? html`<button part="save-button" type="button" @click=${() => a.save()}>Save state</button>
            <button part="load-button" type="button" ?disabled=${m.restoring} @click=${() => a.pickSessionFile()}>
              Load state
            </button>
            <input
              class="file-input"
              type="file"
              accept=".cellucid-session,application/octet-stream"
              hidden
              @change=${(e: Event) => {
                const input = e.target as HTMLInputElement;
                const file = input.files?.[0];
                input.value = '';
                if (file) a.loadSessionFile(file);
              }}
            />`
        : nothing
    }
    ${m.viewTabs}
    ${
      m.restoring
        ? html`<span part="restore-progress" role="status"
            >Restoring
            session${m.restoreProgress ? ` ${m.restoreProgress.loaded}/${m.restoreProgress.total}` : ''}…</span
          >`
        : nothing
    }
  </div>`;
}
