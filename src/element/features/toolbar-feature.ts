// The toolbar: the "Color by" menu and gene search, the embedding, the selection tool, point
// size, background and theme, Reset view, Save/Load state (with `controls`) and the view tabs.
// Features add controls of their own with toolbarControls().
import { formatFieldRef, parseFieldRef } from '../../core/state/field-ref.js';
import type { DatasetSource } from '../../core/dataset/types.js';
import type { TemplateResult, nothing } from 'lit';
import { renderToolbar, type ToolbarActions } from '../toolbar-view.js';
import { LegendFeature } from './legend-feature.js';

export class ToolbarFeature extends LegendFeature {
  readonly #actions: ToolbarActions;
  /** The toolbar folded into its Menu button (only a small viewer shows the fold). */
  #folded = true;

  constructor() {
    super();
    const { store } = this;
    this.#actions = {
      chooseField: (value) => {
        const source = store.source;
        if (!source) return;
        if (value.startsWith('show:')) {
          value = value.slice(5);
          store.fields.setDeleted(value, false);
        }
        const field = value === '' ? null : parseFieldRef(value, 'Color by');
        store.coloring.colorBy(source, field).catch(() => {});
      },
      searchGene: (name) => {
        const genes = store.source?.dataset.genes;
        if (!genes || !name) return;
        const gene = genes.find((g) => g.key === name) ?? genes.find((g) => g.key.toLowerCase() === name.toLowerCase());
        if (!gene) store.announce(`No gene named ${name} in this dataset.`);
        else store.coloring.colorBy(store.source!, { source: 'var', key: gene.key }).catch(() => {});
      },
      setDimension: (d) => store.guard(() => this.setDimension(d), 'dataset'),
      setTool: (tool) => this.setSelectionTool(tool),
      setToolAmount: (tool, amount) => (store.selector.amount[tool] = amount),
      setPointSize: (px) => (this.pointSize = px),
      setBackground: (color) => (this.background = color),
      setTheme: (theme) => (this.theme = theme),
      resetCamera: () => this.resetCamera(),
      setFolded: (folded) => {
        this.#folded = folded;
        this.requestUpdate();
      },
      save: () => store.guard(() => this.downloadState(), 'session'),
      pickSessionFile: () => (this.renderRoot.querySelector('.file-input') as HTMLInputElement | null)?.click(),
      loadSessionFile: (file) => this.loadSessionFile(file),
    };
  }

  /** Controls a feature adds to the toolbar, after the point size; a feature overrides it and adds to super's. */
  protected toolbarControls(): unknown[] {
    return [];
  }

  protected renderToolbarPanel(source: DatasetSource): TemplateResult | typeof nothing {
    const { store } = this;
    return renderToolbar(
      {
        dataset: source.dataset,
        current: store.coloring.field ? formatFieldRef(store.coloring.field) : '',
        fields: store.fields,
        dimension: store.dimension,
        tools: this.selectionTools(),
        tool: store.selector.tool,
        toolAmount: store.selector.amount,
        pointSize: this.effectivePointSize(),
        background: this.validBackground() ?? (this.theme === 'dark' ? '#141619' : '#f6f6f7'),
        theme: this.theme,
        controls: this.controls,
        restoring: store.session.restoring,
        restoreProgress: store.session.progress,
        viewTabs: store.views.renderTabs(),
        extraControls: this.toolbarControls(),
        folded: this.#folded,
      },
      this.#actions,
    );
  }
}
