// <cellucid-viewer>: shows a Cellucid export folder. The element wires its concerns together;
// each concern lives in its own controller or module under ./element and ./core.
import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { CameraState } from './core/camera/camera-state.js';
import { defaultCameraState, validateCameraState } from './core/camera/index.js';
import {
  COLORMAP_IDS,
  HEX_COLOR,
  colormapLabel,
  defaultPointSize,
  isColormap,
  type ColormapId,
} from './core/color/index.js';
import type { DatasetSource, Dimension, LoadProgress } from './core/dataset/types.js';
import type { ActiveField } from './core/state/active-field.js';
import { formatFieldRef, parseFieldRef, type FieldRef } from './core/state/field-ref.js';
import { Announcer } from './element/announcer.js';
import { nextTask, runInSlices } from './element/next-task.js';
import { CameraInputController } from './element/camera-input-controller.js';
import { cssColorToRgb } from './element/css-color.js';
import { DatasetController } from './element/dataset-controller.js';
import { dispatch, type ErrorKind, type ViewerRestoreReport } from './element/events.js';
import { renderLegend, type LegendActions, type LegendEdit } from './element/legend-view.js';
import { composePng } from './element/png-export.js';
import { renderToolbar, type ToolbarActions, type ToolbarModel } from './element/toolbar-view.js';
import { RenderController } from './element/render-controller.js';
import type { LodMode } from './render/level-of-detail.js';
export type { LodMode };
import { viewerStyles } from './element/styles.js';
import { ColoringController } from './element/coloring-controller.js';
import { SessionController, type SessionHost } from './element/session-controller.js';
import { AutosaveController, type AutosaveHost } from './element/autosave-controller.js';
import type { AutosaveSummary } from './persistence/autosave-store.js';
import { cellOrderDigestInSteps, sourceTypeForUrl } from './core/session/fingerprint.js';
import {
  defaultPersistedView,
  persistedFilters,
  type DatasetFields,
  type FieldCatalog,
  type PersistedView,
} from './core/state/session-mapping.js';
import { readViewerSettings, viewerSettings, type ViewerSettings } from './core/state/viewer-settings.js';
import { dict } from './core/dict.js';
import type { WritableFingerprint } from './core/session/bundle-writer.js';
import type { SelectionMode } from './core/state/selection.js';
import { HighlightBook } from './element/highlight-book.js';
import { cellSet, ringCellsInSteps } from './core/state/highlights.js';
import { renderHighlights, type HighlightActions } from './element/highlight-view.js';
import { SelectionController, type SelectionTool } from './element/selection-controller.js';
import { Selector, type SelectOptions } from './element/selector.js';
import { FieldBook } from './element/field-book.js';
import { FilterBook } from './element/filter-book.js';
import { snapshotUses, type Snapshot, type ViewLayout } from './core/state/views.js';
import { ViewsController, type ViewsHost } from './element/views-controller.js';
import type { PanelMoveActions, PanelName } from './element/panel-mover.js';
import type { PanelPosition, ViewState, ViewerTheme } from './element/view-state.js';
import type { SessionSourceInput } from './persistence/session-source.js';

export type { FieldRef } from './core/state/field-ref.js';
export type { CameraState } from './core/camera/camera-state.js';
export type { ColormapId } from './core/color/index.js';
export type { Dimension } from './core/dataset/types.js';
export type { ViewLayout } from './core/state/views.js';
export type { HighlightsSummary, HighlightGroupSummary } from './element/highlight-book.js';
export type { SelectionTool } from './element/selection-controller.js';
export type { SelectionMode } from './core/state/selection.js';
export type { SelectOptions } from './element/selector.js';
export type { UserFieldSummary } from './element/field-book.js';
export type { FilterSummary } from './element/filter-book.js';
export type { PanelName } from './element/panel-mover.js';
export type { PanelPosition, ViewState, ViewerTheme } from './element/view-state.js';
export type { ViewerRestoreReport } from './element/events.js';
export type { AutosaveSummary } from './persistence/autosave-store.js';
export type { SessionSourceInput } from './persistence/session-source.js';

/**
 * Shows a single-cell dataset exported in the Cellucid format: cells as points in 1-D, 2-D or
 * 3-D, coloured by any cell field or gene, navigable with mouse, touch and keyboard.
 *
 * @tag cellucid-viewer
 * @fires {CustomEvent<LoadEventDetail>} cellucid-load - The first frame of a dataset is drawn. detail:
 * `{datasetId, cellCount, varCount, dimensions}`.
 * @fires {CustomEvent<ErrorEventDetail>} cellucid-error - Loading, colouring, drawing, a session or autosave failed.
 * detail: `{kind, message}`.
 * @fires {CustomEvent<SaveEventDetail>} cellucid-save - saveState() wrote a bundle. detail:
 * `{totalBytes, totalChunks}`.
 * @fires {CustomEvent<RestoreProgressEventDetail>} cellucid-restore-progress - A session chunk was read. detail:
 * `{loadedChunks, totalChunks, loadedBytes, totalBytes}`.
 * @fires {CustomEvent<RestoreEventDetail>} cellucid-restore - A restore reached a phase. detail:
 * `{phase: 'eager' | 'complete', report}`.
 * @fires {CustomEvent<MismatchEventDetail>} cellucid-mismatch - The session belongs to another dataset. detail:
 * `{saved, current}`.
 * @fires {CustomEvent<ViewState>} cellucid-state-change - What the viewer shows changed (debounced). detail: the new
 * `getViewState()`.
 * @csspart canvas - The WebGL canvas holding the cells.
 * @csspart toolbar - The panel with the field picker.
 * @csspart field-select - The "Color by" menu.
 * @csspart gene-search - The gene search box.
 * @csspart legend - The legend panel (categories with counts, or a colorbar).
 * @csspart colorbar - The colour bar of a continuous field.
 * @csspart colormap-select - The colormap menu of a continuous field.
 * @csspart log-scale - The log-scale checkbox of a continuous field.
 * @csspart dimension-select - The embedding (1-D/2-D/3-D) menu.
 * @csspart reset-button - The "Reset view" button.
 * @csspart progress - The loading progress panel.
 * @csspart error - The error message panel.
 * @csspart notice - Messages about the last restore (another dataset, unreadable parts).
 * @csspart save-button - "Save state" (with the `controls` attribute).
 * @csspart load-button - "Load state" (with the `controls` attribute).
 * @csspart restore-progress - "Restoring session n/m…" while a session is being restored.
 * @csspart selection-tool - What a plain drag or click does: navigate, lasso, box, proximity or KNN selection.
 * @csspart selection-amount - The proximity radius or the KNN degree, beside the selection tool.
 * @csspart selection - The lasso or box being drawn.
 * @csspart highlights - The highlights panel (pages and groups).
 * @csspart highlight-page-select - The highlight page menu.
 * @csspart views - The view tabs: Keep view, one tab per view, layout and camera lock.
 * @csspart keep-view - "Keep view": freezes the live view as a snapshot.
 * @csspart layout-select - Single or grid layout of the views.
 * @csspart lock-cameras - Whether all views share one camera.
 * @csspart view-label - The caption of a view in the grid.
 * @csspart point-size - The point size slider.
 * @csspart theme-select - The light/dark theme menu.
 * @csspart background-color - The canvas background colour picker.
 * @cssprop --cellucid-background - Canvas and element background.
 * @cssprop --cellucid-foreground - Text colour.
 * @cssprop --cellucid-muted - Secondary text colour (counts, value labels).
 * @cssprop --cellucid-panel-background - Background of the toolbar and legend panels.
 * @cssprop --cellucid-panel-border - Border colour of the panels.
 * @cssprop --cellucid-accent - Focus ring and accents.
 * @cssprop --cellucid-error - Error text colour.
 * @cssprop --cellucid-font-family - Font of the panels.
 * @cssprop --cellucid-font-size - Font size of the panels.
 */
export class CellucidViewer extends LitElement implements SessionHost, AutosaveHost, ViewsHost {
  static override styles = viewerStyles;

  // Lit's reactive properties, declared here rather than with decorators (a smaller bundle).
  static override properties: PropertyDeclarations = {
    datasetUrl: { attribute: 'dataset-url', reflect: true },
    catalogEntry: { attribute: 'dataset', reflect: true },
    pointSize: { attribute: 'point-size', type: Number },
    alt: {},
    sessionUrl: { attribute: 'session-url', reflect: true },
    sourceType: { attribute: 'source-type' },
    stallTimeout: { attribute: 'stall-timeout', type: Number },
    autosave: { reflect: true },
    autosaveKeyName: { attribute: 'autosave-key' },
    controls: { type: Boolean, reflect: true },
    theme: { reflect: true },
    background: { reflect: true },
    lod: {},
    errorMessage: { state: true, attribute: false },
    dimension: { state: true, attribute: false },
    legendEdit: { state: true, attribute: false },
    selectionTool: { state: true, attribute: false },
    panels: { state: true, attribute: false },
    panelPositions: { state: true, attribute: false },
  };

  /** URL of a Cellucid export folder (holding dataset_identity.json) or of a folder holding a datasets.json catalog. */
  datasetUrl: string | null = null;

  /**
   * Catalog entry to open when `dataset-url` points at a datasets.json catalog (default: the
   * catalog's default). The attribute is `dataset`; the property has another name because
   * `HTMLElement.dataset` is the element's data-* map.
   */
  catalogEntry: string | null = null;

  /** Point size in pixels before size attenuation; unset = chosen from the cell count. */
  pointSize: number | null = null;

  /** Accessible name of the viewer; defaults to the dataset's name. */
  alt: string | null = null;

  /** A .cellucid-session to restore once the dataset has loaded; changing it restores again. */
  sessionUrl: string | null = null;

  /**
   * Recorded in saved sessions as the data source type; default: `github-repo` for GitHub-hosted exports, else
   * `local-demo`.
   */
  sourceType: string | null = null;

  /** Seconds a download may go without 1 KiB arriving before the load fails (unset: 30). */
  stallTimeout: number | null = null;

  /**
   * `on` (default): the state is autosaved in this browser and restored on the next visit; `off` always opens the
   * published view.
   */
  autosave: 'on' | 'off' = 'on';

  /** Separates autosaves of viewers on one page (default: the element's id, else its position on the page). */
  autosaveKeyName: string | null = null;

  /** Shows Save state / Load state buttons and accepts a .cellucid-session dropped onto the viewer. */
  controls = false;

  /** Colour theme of the panels and background: `light` (default) or `dark`. */
  theme: ViewerTheme = 'light';

  /** Canvas background as `#rrggbb`, over the theme's (unset: the theme's, or `--cellucid-background`). */
  background: string | null = null;

  /**
   * Level of detail while the camera moves: `auto` (default: on from 500,000 cells), `on` or `off`
   * (every frame draws every cell). At rest every cell is drawn either way.
   */
  lod: LodMode = 'auto';

  private errorMessage: string | null = null;
  private dimension: Dimension = 3;
  /** The legend name being edited (the field's or a category's), or null. */
  private legendEdit: LegendEdit | null = null;
  /** What a plain drag does; Alt-drag selects with any tool. */
  private selectionTool: SelectionTool = 'navigate';
  /** What a click selects around a cell with the proximity tool (radius) and the KNN tool (degree); checked on use. */
  #toolAmount = { proximity: 0.1, knn: 1 };

  #camera: CameraState = defaultCameraState(3);
  /** Moving the legend and highlights panels (the views call it). */
  readonly #mover: PanelMoveActions = {
    position: (panel) => this.panelPositions[panel],
    move: (panel, position) => this.movePanel(panel, position),
  };
  readonly #toolbarActions: ToolbarActions = {
    chooseField: (value) => {
      const source = this.#datasets.source;
      if (!source) return;
      if (value.startsWith('show:')) {
        value = value.slice(5);
        this.#fields.setDeleted(value, false);
      }
      const field = value === '' ? null : parseFieldRef(value, 'Color by');
      this.#coloring.colorBy(source, field).catch(() => {});
    },
    searchGene: (name) => {
      const source = this.#datasets.source;
      if (!source || !name) return;
      const gene =
        source.dataset.genes.find((g) => g.key === name) ??
        source.dataset.genes.find((g) => g.key.toLowerCase() === name.toLowerCase());
      if (!gene) this.#announcer.announce(`No gene named ${name} in this dataset.`);
      else this.#coloring.colorBy(source, { source: 'var', key: gene.key }).catch(() => {});
    },
    setDimension: (d) => this.setDimension(d).catch((err) => this.#fail('dataset', String(err?.message ?? err))),
    setTool: (tool) => this.setSelectionTool(tool),
    setToolAmount: (tool, amount) => (this.#toolAmount[tool] = amount),
    setPointSize: (px) => (this.pointSize = px),
    setBackground: (color) => (this.background = color),
    setTheme: (theme) => (this.theme = theme),
    resetCamera: () => this.resetCamera(),
    save: () => this.downloadState().catch((e) => this.#fail('session', e.message)),
    pickSessionFile: () => (this.renderRoot.querySelector('.file-input') as HTMLInputElement | null)?.click(),
    loadSessionFile: (file) => this.#loadFile(file),
  };
  /** How far the legend's category list is scrolled, and for which legend. */
  #rowsScroll = { title: '', px: 0 };
  readonly #legendActions: LegendActions = {
    rowsScroll: () => (this.#rowsScroll.title === this.#coloring.legend?.title ? this.#rowsScroll.px : 0),
    scrollRows: (px: number, focus?: number) => {
      this.#rowsScroll = { title: this.#coloring.legend?.title ?? '', px };
      this.requestUpdate();
      if (focus !== undefined)
        void this.updateComplete.then(() =>
          this.renderRoot
            .querySelector<HTMLElement>(`[data-category="${focus}"] .category-toggle`)
            ?.focus({ preventScroll: true }),
        );
    },
    setColormap: (id: ColormapId) => this.setColormap(id),
    setLogScale: (on: boolean) => this.setLogScale(on),
    setCategoryVisible: (index: number, visible: boolean) => {
      const field = this.#coloring.field;
      if (field)
        this.setCategoryVisible(formatFieldRef(field), index, visible).catch((e) => this.#fail('field', e.message));
    },
    setAllCategoriesVisible: (visible: boolean) => this.#setAllVisible(visible),
    setCategoryColor: (index: number, color: string) => {
      const field = this.#coloring.field;
      if (field) this.guard(() => this.setCategoryColor(formatFieldRef(field), index, color));
    },
    highlightCategory: (index: number) => {
      const field = this.#coloring.field;
      if (field) this.guard(() => this.highlightCategory(formatFieldRef(field), index));
    },
    highlightRange: (range: { min: number; max: number }) => {
      const field = this.#coloring.field;
      if (field) this.guard(() => this.highlightRange(formatFieldRef(field), range));
    },
    setRange: (range: { min: number; max: number } | null) => {
      const field = this.#coloring.field;
      if (field) this.setRange(formatFieldRef(field), range).catch((e) => this.#fail('field', e.message));
    },
    setOutlierThreshold: (t: number) => this.setOutlierThreshold(t).catch((e) => this.#fail('field', e.message)),
    setFilterEnabled: (id: string, on: boolean) =>
      this.setFilterEnabled(id as FieldRef, on).catch((e) => this.#fail('field', e.message)),
    removeFilter: (id: string) => this.#removeFilter(id),
    clearFilters: () => this.clearFilters().catch((e) => this.#fail('field', e.message)),
    currentRange: () =>
      this.#coloring.field ? (this.#filterBook.current.ranges.get(formatFieldRef(this.#coloring.field)) ?? null) : null,
    outlierThreshold: () => this.#filterBook.current.outlierThreshold,
    activeFilters: () => this.#filterBook.describe(this.#coloring.field),
    editing: () => this.legendEdit,
    startEdit: (edit: LegendEdit) => {
      this.legendEdit = edit;
      // The editor is rendered on the next update; focus it there so typing goes to it.
      this.updateComplete.then(() =>
        (this.renderRoot.querySelector('.name-editor') as HTMLInputElement | null)?.select(),
      );
    },
    finishEdit: (value: string | null) => {
      const edit = this.legendEdit;
      this.legendEdit = null;
      const field = this.#coloring.field;
      if (!edit || !field || value === null) return;
      this.guard(() => {
        if (edit.kind === 'field') {
          this.renameField(formatFieldRef(field), value.trim() === field.key ? null : value);
        } else {
          const own = this.#fields.categoriesOf(this.#requireSource('renameCategory'), field.key)?.[edit.index];
          if (own !== undefined)
            this.renameCategory(formatFieldRef(field), edit.index, value.trim() === own ? null : value);
        }
      });
    },
    open: () => this.panels.legend,
    setOpen: (open: boolean) => this.setPanelOpen('legend', open),
    mover: this.#mover,
    hideField: () => {
      const field = this.#coloring.field;
      if (field) this.guard(() => this.hideField(formatFieldRef(field)));
    },
    duplicateField: () => {
      const from = this.#coloring.field;
      if (!from) return;
      // From the legend the copy is coloured at once, ready to be renamed or edited.
      this.duplicateField(formatFieldRef(from))
        .then((copy) => this.setActiveField(copy))
        .catch((e) => this.#fail('field', e.message));
    },
  };
  readonly #highlights = new HighlightBook(() => this.#onHighlightsChanged());
  readonly #selector = new Selector(
    {
      source: (method) => this.#requireSource(method),
      current: () => this.#datasets.source,
      positions: () => this.#renderer.positionsArray,
      visible: () => this.#coloring.visible,
      field: () => ({ field: this.#coloring.field, data: this.#coloring.data }),
      tileAt: (x, y) => this.#views.tileAt(x, y),
      cameraOf: (id) => this.#views.cameraOf(id),
      snapshotData: (id) => this.#renderer.viewData(id),
      pointSize: () => this.#effectivePointSize(),
      announce: (message) => this.#announcer.announce(message),
    },
    this.#highlights,
  );
  readonly #highlightActions: HighlightActions = {
    setEnabled: (id, on) => this.setHighlightEnabled(id, on),
    rename: (id, label) => this.guard(() => this.renameHighlight(id, label)),
    remove: (id) => this.deleteHighlight(id),
    clear: () => this.clearHighlights(),
    addPage: () => this.addHighlightPage(),
    makeField: () => this.guard(() => this.#fieldFromPages()),
    open: () => this.panels.highlights,
    setOpen: (open: boolean) => this.setPanelOpen('highlights', open),
    mover: this.#mover,
    setActivePage: (id) => this.setActiveHighlightPage(id),
  };
  readonly #selection: SelectionController;
  readonly #views: ViewsController;
  readonly #fields = new FieldBook(() => this.#onOverlaysChanged());
  readonly #filterBook = new FilterBook(this.#fields);
  private panels = { legend: true, highlights: true };
  private panelPositions: ViewState['panelPositions'] = { legend: null, highlights: null };
  readonly #announcer = new Announcer(this);
  readonly #session = new SessionController(this);
  readonly #autosaver = new AutosaveController(this);
  #stateChangeTimer: ReturnType<typeof setTimeout> | null = null;
  /** True while a restored view is applied: it recolours once at its end. */
  #applyingView = false;
  /** Whether --cellucid-background on the host's inline style came from the background attribute. */
  #backgroundSetInline = false;
  /** True while a dataset opens: not a change by the user. */
  #settling = false;
  /** True while the start-up state (autosave or published session) is being restored. */
  #startupRestore = false;
  /** The controllers have let go (see disconnectedCallback), or never started. */
  #released = true;
  #releaseTimer?: ReturnType<typeof setTimeout>;
  /** The view a removed viewer had, shown again once its dataset is back. */
  #parkedView: PersistedView | null = null;
  readonly #digests = new Map<string, string>();
  readonly #datasets = new DatasetController(this, {
    onLoaded: (source, signal) => this.#showDataset(source, signal),
    onFailed: (message) => this.#fail('dataset', message),
    onProgress: (p: LoadProgress) => this.#onProgress(p),
  });
  readonly #renderer = new RenderController(
    this,
    () => this.#camera,
    (message) => this.#fail('render', message),
  );
  /** Rings of the changed highlights are waiting for their task. */
  #ringsPending = false;
  /** Settles once the rings of the latest highlight change are uploaded. */
  private ringsDrawn: Promise<void> = Promise.resolve();
  readonly #coloring = new ColoringController(this, this.#fields, this.#filterBook, this.#renderer);

  constructor() {
    super();
    this.#views = new ViewsController(this, this.#renderer);
    // Registered before the camera input, so a selection drag claims the pointer first.
    this.#selection = new SelectionController(this, {
      tool: () => this.selectionTool,
      select: (polygon, mode) => this.guard(() => this.selectInShape(polygon, mode)),
      pick: ([x, y], mode, alt) =>
        this.guard(() =>
          this.#selector.at(x, y, mode, alt, {
            knn: this.selectionTool === 'knn',
            amount: this.#toolAmount[this.selectionTool === 'knn' ? 'knn' : 'proximity'],
          }),
        ),
    });
    new CameraInputController(this, {
      target: () => this,
      getCamera: () => this.#views.inputCamera(),
      setCamera: (camera) => this.#views.applyInputCamera(camera),
      getViewport: () => this.viewportSize(),
      getDimension: () => this.dimension,
    });
    this.addEventListener('keydown', (e) => this.#onKeyDown(e));
    // A .cellucid-session dropped onto a viewer with controls is restored.
    this.addEventListener('dragover', (e) => {
      if (this.controls && e.dataTransfer?.types.includes('Files')) e.preventDefault();
    });
    this.addEventListener('drop', (e) => {
      const file = e.dataTransfer?.files?.[0];
      if (!this.controls || !file) return;
      e.preventDefault();
      this.#loadFile(file);
    });
  }

  override connectedCallback(): void {
    clearTimeout(this.#releaseTimer);
    if (this.#released) super.connectedCallback();
    this.#released = false;
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    if (!this.hasAttribute('role')) this.setAttribute('role', 'application');
    this.setAttribute('aria-roledescription', 'single-cell viewer');
    this.#updateAccessibleName();
  }

  /**
   * A viewer moved in the page (taken out and put back in one task) keeps its dataset, renderer
   * and state: the controllers let go a task later, and only if it is still out of the page. A
   * viewer put back after that loads its dataset again and shows the view it had.
   */
  override disconnectedCallback(): void {
    this.#releaseTimer = setTimeout(() => {
      if (this.isConnected) return;
      this.#parkedView ??= this.#datasets.status === 'ready' ? this.persistedView() : null;
      this.#released = true;
      super.disconnectedCallback();
    });
  }

  // ---------------------------------------------------------------- public API
  // Fields are named by a FieldRef ("obs:cell_type", "var:CD3E") everywhere. Every method that
  // returns a Promise reports a bad call or a missing dataset by rejecting it, never by throwing.

  /** @internal The benchmarks' fence: its `readPixel` resolves once the frames before it are drawn. */
  get renderer(): RenderController {
    return this.#renderer;
  }

  /** The loaded dataset's source (for advanced scripting), or null while none is loaded. */
  get datasetSource(): DatasetSource | null {
    return this.#datasets.source;
  }

  /**
   * Colours the cells by a cell field or a gene (`null`: every cell gray). Rejects for an unknown
   * field and changes nothing; resolves once the new colours are drawn.
   */
  async setActiveField(field: FieldRef | null): Promise<void> {
    const source = this.#requireSource('setActiveField');
    return this.#coloring.colorBy(source, field === null ? null : this.#existingField('setActiveField', field));
  }

  /** Colormap of the coloured continuous field or gene. Throws when the coloured field is not continuous. */
  setColormap(colormap: ColormapId): void {
    if (!isColormap(colormap))
      throw new Error(`setColormap: unknown colormap "${colormap}" (choose one of ${COLORMAP_IDS.join(', ')}).`);
    this.#updateColorScale({ colormap });
  }

  /** Colours the coloured continuous field on a log10 scale (values ≤ 0 turn gray). */
  setLogScale(on: boolean): void {
    this.#updateColorScale({ log: Boolean(on) });
  }

  /** The camera in the session format's shape. */
  getCamera(): CameraState {
    return structuredClone(this.#camera);
  }

  /** Moves the camera; throws for a malformed state and changes nothing. */
  setCamera(camera: CameraState): void {
    this.#applyCamera(validateCameraState(camera));
  }

  /** Returns the camera to the default framing of the current dimension. */
  resetCamera(): void {
    this.#applyCamera(defaultCameraState(this.dimension));
  }

  /** Switches the embedding shown when the dataset has it; rejects for one it has not. */
  async setDimension(dimension: Dimension): Promise<void> {
    const source = this.#requireSource('setDimension');
    if (!source.dataset.dimensions.includes(dimension)) {
      throw new Error(
        `setDimension: this dataset has no ${dimension}-D embedding (available: ` +
          `${source.dataset.dimensions.join(', ')}).`,
      );
    }
    const positions = await source.loadPositions(dimension);
    if (this.#datasets.source !== source) return;
    this.dimension = dimension;
    this.#camera = defaultCameraState(dimension);
    this.#renderer.setPositions(positions, dimension);
    this.#announcer.announce(`Showing the ${dimension}-D embedding.`);
    this.#stateChanged();
    await this.#renderer.nextFrame();
  }

  /** A JSON-serialisable description of what the viewer shows now. */
  getViewState(): ViewState {
    const source = this.#datasets.source;
    const categoryColors: ViewState['categoryColors'] = {};
    for (const [key, byName] of Object.entries(this.#coloring.categoryColorSummary()))
      categoryColors[formatFieldRef({ source: 'obs', key })] = byName;
    return {
      datasetId: source?.dataset.identity.id ?? null,
      cellCount: source?.dataset.cellCount ?? 0,
      activeField: this.#coloring.field && formatFieldRef(this.#coloring.field),
      camera: this.getCamera(),
      dimension: this.dimension,
      visibleCount: this.#coloring.visibleCount,
      pointSize: this.#effectivePointSize(),
      filters: this.#filterState(),
      categoryColors,
      highlights: this.#highlights.summary(),
      ...this.#fields.summary(),
      theme: this.theme,
      background: this.#validBackground(),
      panels: { ...this.panels },
      panelPositions: {
        legend: this.panelPositions.legend && { ...this.panelPositions.legend },
        highlights: this.panelPositions.highlights && { ...this.panelPositions.highlights },
      },
      views: this.#views.summary(),
    };
  }

  /**
   * Shows or hides one category (by name or index) of a categorical cell field. Cells with a
   * missing value are never hidden. Rejects for an unknown field or category and changes nothing.
   */
  async setCategoryVisible(field: FieldRef, category: string | number, visible: boolean): Promise<void> {
    const { key, index } = this.#category('setCategoryVisible', field, category);
    this.#filterBook.setCategoryHidden(key, index, !visible);
    return this.#refilter();
  }

  /**
   * Keeps only cells whose value lies in [min, max] for a continuous cell field, or for a gene
   * while it is coloured; `null` removes the range. Rejects for an unknown field and changes nothing.
   */
  async setRange(field: FieldRef, range: { min: number; max: number } | null): Promise<void> {
    this.#filterBook.setRange(formatFieldRef(this.#continuousField('setRange', field)), range);
    return this.#refilter();
  }

  /**
   * Hides cells of the coloured categorical field whose outlier quantile is above `threshold` (0–1); null or ≥ 0.9999
   * turns it off.
   */
  async setOutlierThreshold(threshold: number | null): Promise<void> {
    this.#filterBook.setOutlierThreshold(threshold);
    return this.#refilter();
  }

  /**
   * Draws one category of a categorical cell field in a colour of your choice (`#rrggbb`), or in
   * its palette colour again with `null`. Throws for an unknown field, category or colour.
   */
  setCategoryColor(field: FieldRef, category: string | number, color: string | null): void {
    const { key, index } = this.#category('setCategoryColor', field, category);
    if (color !== null && !(typeof color === 'string' && HEX_COLOR.test(color)))
      throw new Error('setCategoryColor: expected a colour as "#rrggbb", or null.');
    const name = this.#fields.categoriesOf(this.#requireSource('setCategoryColor'), key)![index];
    const byName = this.#coloring.categoryColors.get(key) ?? new Map<string, string>();
    if (color === null) byName.delete(name);
    else byName.set(name, color.toLowerCase());
    if (byName.size) this.#coloring.categoryColors.set(key, byName);
    else this.#coloring.categoryColors.delete(key);
    const source = this.#datasets.source;
    if (source && this.#coloring.field?.source === 'obs' && this.#coloring.field.key === key)
      this.#coloring.recolor(source);
    this.#stateChanged();
  }

  /** Switches a field's filter off or on without losing its settings (the fields getViewState().filters lists). */
  async setFilterEnabled(field: FieldRef, enabled: boolean): Promise<void> {
    this.#filterBook.setEnabled(formatFieldRef(parseFieldRef(field, 'setFilterEnabled')), enabled);
    return this.#refilter();
  }

  /** Removes every filter. */
  async clearFilters(): Promise<void> {
    this.#filterBook.reset();
    return this.#refilter();
  }

  /**
   * Makes a highlight group of the given cells (indices into the dataset's cell order) on the
   * active page or on `pageId`; returns its id. Throws for an index past the cell count and changes nothing.
   */
  createHighlight(indices: ArrayLike<number>, options: { label?: string; pageId?: string } = {}): string {
    const source = this.#requireSource('createHighlight');
    const cells = cellSet(indices, source.dataset.cellCount, 'createHighlight');
    return this.#highlights.create(cells, 'annotation', options.label, options.pageId);
  }

  /** Highlights the visible cells of one category of a categorical cell field; resolves with the group id. */
  async highlightCategory(
    field: FieldRef,
    category: string | number,
    options: { label?: string; pageId?: string } = {},
  ): Promise<string> {
    const { key, index } = this.#category('highlightCategory', field, category);
    const source = this.#requireSource('highlightCategory');
    const name = this.#fields.categoriesOf(source, key)![index];
    const data = await this.#fields.load(source, { source: 'obs', key });
    return this.#selector.category('highlightCategory', key, index, name, data, options);
  }

  /**
   * Highlights the visible cells whose value of a continuous field or gene lies in [min, max]; resolves with the
   * group id.
   */
  async highlightRange(
    field: FieldRef,
    range: { min: number; max: number },
    options: { label?: string; pageId?: string } = {},
  ): Promise<string> {
    const f = this.#continuousField('highlightRange', field);
    if (!range || !Number.isFinite(range.min) || !Number.isFinite(range.max) || range.min > range.max) {
      throw new Error('highlightRange: expected {min, max} with finite numbers and min ≤ max.');
    }
    const data = await this.#fields.load(this.#requireSource('highlightRange'), f);
    return this.#selector.range('highlightRange', f, range, data, options);
  }

  /**
   * Selects the visible cells inside a shape given in CSS pixels of the element's box, as a lasso
   * drag would: `replace` makes a new group, `add` and `subtract` change the current selection.
   * Returns the selection's group id, or null when nothing is selected.
   */
  selectInShape(polygon: ReadonlyArray<readonly [number, number]>, mode: SelectionMode = 'replace'): string | null {
    return this.#selector.inShape(polygon, mode);
  }

  /**
   * The visible cell drawn nearest to a point given in CSS pixels of the element's box (in the view
   * under it), at most max(6, point size / 2) pixels away; null when there is none.
   */
  pickCell(x: number, y: number): number | null {
    return this.#selector.pick(x, y);
  }

  /**
   * Selects the visible cells within `radius` of a cell (Euclidean, in the normalised embedding
   * coordinates drawn now) as a "proximity" group. `mode` as for selectInShape. Returns the group id,
   * or null when nothing is selected. Throws for an unknown cell or a bad radius and changes nothing.
   */
  selectNearby(cellIndex: number, radius: number, options: SelectOptions = {}): string | null {
    return this.#selector.nearby(cellIndex, radius, options);
  }

  /**
   * Selects the visible cells at most `degree` (1–10) steps from the given cell(s) in the dataset's
   * connectivity graph as a "knn" group. `mode` as for selectInShape. Resolves with the group id, or
   * null when nothing is selected. Rejects for unknown cells, a bad degree or a dataset without
   * connectivity and changes nothing.
   */
  async selectNeighbors(
    cells: number | ArrayLike<number>,
    degree: number,
    options: SelectOptions = {},
  ): Promise<string | null> {
    return this.#selector.neighbors(cells, degree, options);
  }

  /** A copy of a highlight group's cell indices. */
  getHighlightCells(groupId: string): Uint32Array {
    return this.#highlights.cells(groupId);
  }

  /** Shows or hides a group's rings without deleting it. */
  setHighlightEnabled(groupId: string, enabled: boolean): void {
    this.#highlights.setEnabled(groupId, enabled);
  }

  renameHighlight(groupId: string, label: string): void {
    this.#highlights.rename(groupId, label);
  }

  /** Deletes a highlight group for good. */
  deleteHighlight(groupId: string): void {
    this.#highlights.remove(groupId);
  }

  /** Deletes every group of the active highlight page (the X key). */
  clearHighlights(): void {
    this.#highlights.clearActivePage();
  }

  /** Adds a highlight page, makes it the active one and returns its id. */
  addHighlightPage(name?: string): string {
    return this.#highlights.addPage(name);
  }

  /** Chooses which page's groups are drawn and receive new groups. */
  setActiveHighlightPage(pageId: string): void {
    this.#highlights.setActivePage(pageId);
  }

  /**
   * What a plain drag or click does: `navigate` (default), `lasso` or `box` selection by dragging, or
   * `proximity` or `knn` (with connectivity only) selection around a clicked cell. Alt-drag always
   * selects and Alt+click always selects the clicked cell's category or value.
   */
  setSelectionTool(tool: SelectionTool): void {
    if (!this.#tools().includes(tool))
      throw new Error(`setSelectionTool: expected one of ${this.#tools().join(', ')}.`);
    this.selectionTool = tool;
  }

  /** Shows a field under another name in the menus and the legend (`null`: its own name). The export is unchanged. */
  renameField(field: FieldRef, name: string | null): void {
    const source = this.#requireSource('renameField');
    this.#fields.renameField(source, formatFieldRef(this.#existingField('renameField', field, true)), name);
  }

  /** Shows a category of a categorical cell field under another label (`null`: its own). */
  renameCategory(field: FieldRef, category: string | number, name: string | null): void {
    const { key, index } = this.#category('renameCategory', field, category);
    const source = this.#requireSource('renameCategory');
    this.#fields.renameCategory('obs', key, this.#fields.categoriesOf(source, key)![index], name);
  }

  /**
   * Hides a field from the menus until `showField` (sessions keep it hidden); colouring by it stops.
   * Nothing is deleted: `deleteUserField` deletes a field of your own.
   */
  async hideField(field: FieldRef): Promise<void> {
    const hidden = this.#existingField('hideField', field, true);
    const ref = formatFieldRef(hidden);
    // The Cellucid app refuses a session whose snapshot names a deleted field.
    if (this.#views.current.snapshots.some((s) => snapshotUses(s, ref)))
      throw new Error(`hideField: a kept view uses "${ref}"; remove that view first.`);
    this.#fields.setDeleted(ref, true);
    // A deleted field has no filter in the app: its filters go with it.
    if (hidden.source === 'obs') this.#filterBook.remove(`category:${hidden.key}`);
    this.#filterBook.remove(`range:${ref}`);
    const active = this.#coloring.field;
    if (active && active.source === hidden.source && active.key === hidden.key)
      return this.#coloring.colorBy(this.#requireSource('hideField'), null);
    return this.#refilter();
  }

  /** Lists a hidden field in the menus again. */
  showField(field: FieldRef): void {
    this.#fields.setDeleted(formatFieldRef(this.#existingField('showField', field, true)), false);
  }

  /**
   * A new categorical cell field from highlight pages (default: the active one), as the Cellucid
   * app makes one: a category per page, named by the page, holding the cells of its enabled groups
   * (a cell on several pages takes the first one's; cells on none have no category). Returns the new
   * field (`obs:<name>`), ready for setActiveField.
   */
  createFieldFromHighlights(options: { name: string; pageId?: string; pageIds?: string[] }): FieldRef {
    const method = 'createFieldFromHighlights';
    const source = this.#requireSource(method);
    const ids = options?.pageIds ?? [options?.pageId];
    const pages = ids.map((id) => this.#highlights.page(method, id));
    return formatFieldRef({ source: 'obs', key: this.#fields.addFromHighlightPages(source, pages, options?.name) });
  }

  /**
   * A copy of a field under a new name (default "<name> copy"), listed under "Your fields": a
   * categorical field's codes are copied with its current category labels; a continuous field or
   * gene becomes a continuous copy that reads its source's values (sessions store it as such).
   * Resolves with the copy, on the original's side: `obs:<name>` for cell fields, `var:<name>` for genes.
   */
  async duplicateField(field: FieldRef, name?: string): Promise<FieldRef> {
    const source = this.#requireSource('duplicateField');
    const original = this.#existingField('duplicateField', field, true);
    return formatFieldRef({ source: original.source, key: await this.#fields.addCopy(source, original, name) });
  }

  /**
   * Deletes a field of your own for good (from createFieldFromHighlights or duplicateField); the export's fields can
   * only be hidden.
   */
  async deleteUserField(field: FieldRef): Promise<void> {
    const source = this.#requireSource('deleteUserField');
    const ref = formatFieldRef(parseFieldRef(field, 'deleteUserField'));
    const user = this.#fields.userField(ref);
    if (!user) throw new Error(`deleteUserField: there is no field of your own named "${ref}".`);
    const active = this.#coloring.field && formatFieldRef(this.#coloring.field) === ref;
    const filters = this.#filterBook.current;
    const filtered = user.source === 'obs' ? filters.categories.delete(user.key) : false;
    if ((filters.ranges.delete(ref) || filtered) && !active) await this.#refilter();
    this.#fields.removeUserField(ref);
    if (active) await this.#coloring.colorBy(source, null);
  }

  /**
   * "Keep view": freezes the live view (its colours, field, filters, embedding and camera) as a
   * snapshot beside it; returns the snapshot's id. At most 3 snapshots.
   */
  addSnapshot(options: { label?: string } = {}): string {
    this.#requireSource('addSnapshot');
    return this.#views.keep(options?.label);
  }

  removeSnapshot(id: string): void {
    this.#views.remove(id);
  }

  /** `single`: one view at a time (chosen by the tabs); `grid`: all views tiled. */
  setLayout(layout: ViewLayout): void {
    this.#views.setLayout(layout);
  }

  /**
   * Locked (default): every view shares the live camera. Unlocked: each view has its own, and input moves the active
   * view's.
   */
  setCamerasLocked(locked: boolean): void {
    this.#views.setLocked(locked);
  }

  /** The view the tabs show and, with unlocked cameras, the one input moves: "live" or a snapshot id. */
  setActiveView(id: string): void {
    this.#views.setActive(id);
  }

  /** Folds (false) or unfolds (true) the legend or the highlights panel. */
  setPanelOpen(panel: PanelName, open: boolean): void {
    if (panel !== 'legend' && panel !== 'highlights')
      throw new Error('setPanelOpen: expected "legend" or "highlights".');
    this.panels = { ...this.panels, [panel]: Boolean(open) };
    this.#stateChanged();
  }

  /**
   * Moves the legend or the highlights panel to a position (CSS pixels from the element's top-left), or back to its
   * corner with null.
   */
  movePanel(panel: PanelName, position: PanelPosition): void {
    if (panel !== 'legend' && panel !== 'highlights') throw new Error('movePanel: expected "legend" or "highlights".');
    if (position !== null && !(Number.isFinite(position?.x) && Number.isFinite(position?.y)))
      throw new Error('movePanel: expected {x, y} in pixels, or null.');
    const { width, height } = this.viewportSize();
    // Kept inside the element, with at least its handle reachable.
    const at = position && {
      x: Math.round(Math.min(Math.max(0, position.x), Math.max(0, width - 48))),
      y: Math.round(Math.min(Math.max(0, position.y), Math.max(0, height - 24))),
    };
    this.panelPositions = { ...this.panelPositions, [panel]: at };
    this.#stateChanged();
  }

  /** The current state as a .cellucid-session bundle (the dataset itself is never included). */
  async saveState(): Promise<Blob> {
    return this.#session.save();
  }

  /** Saves the current state as a file, named `cellucid-session-YYYY-MM-DDTHH-MM-SS.cellucid-session` by default. */
  async downloadState(filename?: string): Promise<void> {
    return this.#session.download(filename);
  }

  /**
   * Restores a session from a Blob/File, bytes or a URL. Rejects with a clear Error for an
   * unreadable file and changes nothing; resolves with the report once the restore has finished.
   * A newer call cancels one still running.
   */
  async loadState(session: SessionSourceInput, options: { signal?: AbortSignal } = {}): Promise<ViewerRestoreReport> {
    return this.#session.load(session, options);
  }

  /** Autosaves of this viewer and dataset in this browser, newest first (at most 5). */
  async listAutosaves(): Promise<AutosaveSummary[]> {
    return this.#autosaver.list();
  }

  /** Restores one autosave (an id from listAutosaves()). */
  async restoreAutosave(id: string): Promise<ViewerRestoreReport> {
    const { bytes, viewer } = await this.#autosaver.get(id);
    const report = await this.#session.load(bytes);
    await this.applyPersistedView(readViewerSettings(viewer));
    return report;
  }

  /** Deletes this viewer's autosaves. */
  async clearAutosaves(): Promise<void> {
    return this.#autosaver.clear();
  }

  /**
   * Returns to the published view (session-url, the dataset's state-snapshots.json, or the default view); autosaves are
   * kept.
   */
  async resetState(): Promise<void> {
    const source = this.#requireSource('resetState');
    this.#session.notice = null;
    this.#session.forget();
    // The default view; the theme stays as the page set it.
    const { theme: _theme, ...fresh } = defaultPersistedView(source.dataset.defaultDimension, defaultField(source));
    await this.#applyView(fresh);
    this.#startupRestore = true;
    try {
      await this.#session.restorePublished(this.sessionUrl);
    } finally {
      this.#startupRestore = false;
    }
  }

  /** A PNG of the current view with its legend. */
  async toBlob(): Promise<Blob> {
    await this.ringsDrawn; // a PNG must show the rings of the latest change
    const image = this.#renderer.hasData && (await this.#renderer.snapshot());
    if (!image) throw new Error('toBlob: nothing is drawn yet.');
    const style = getComputedStyle(this);
    return composePng(image, this.#coloring.legend, {
      background: style.getPropertyValue('--cellucid-background').trim() || '#ffffff',
      foreground: style.getPropertyValue('--cellucid-foreground').trim() || '#000000',
    });
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('datasetUrl') || changed.has('catalogEntry')) {
      // First, while the old dataset's picture is still up: these redraw it once more.
      this.#highlights.reset();
      this.#fields.reset();
      this.#views.reset();
      this.errorMessage = null;
      this.#coloring.clear();
      this.#renderer.clearData();
      this.#digests.clear();
      this.#coloring.categoryColors.clear();
      this.#filterBook.reset();
      this.#parkedView = null;
      this.#session.cancel();
      this.#datasets.request(this.datasetUrl, this.catalogEntry);
      if (this.datasetUrl) this.#renderer.prepare();
    }
    if (changed.has('alt')) this.#updateAccessibleName();
    if (
      changed.has('sessionUrl') &&
      changed.get('sessionUrl') !== undefined &&
      this.sessionUrl &&
      this.#datasets.status === 'ready'
    ) {
      this.#restoreSession(this.sessionUrl);
    }
  }

  protected override firstUpdated(): void {
    this.#renderer.attach(this.renderRoot.querySelector('canvas')!);
    this.#syncTheme();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('pointSize')) this.#renderer.setPointSize(this.#effectivePointSize());
    if (changed.has('lod')) this.#renderer.setLod(this.lod);
    if (changed.has('theme') || changed.has('background')) this.#syncTheme();
    // Interface state a session keeps: a change from the page or the toolbar is a change of view.
    const changedByUse = (key: 'pointSize' | 'theme' | 'background') =>
      changed.has(key) && changed.get(key) !== undefined;
    if (changedByUse('pointSize') || changedByUse('theme') || changedByUse('background')) this.#stateChanged();
  }

  protected override render() {
    const source = this.#datasets.source;
    const loading = this.#datasets.status === 'loading';
    return html`
      <canvas part="canvas" aria-hidden="true"></canvas>
      ${source ? renderToolbar(this.#toolbarModel(source), this.#toolbarActions) : nothing}
      ${this.#views.renderCaptions()} ${this.#selection.renderOverlay()}
      ${renderLegend(this.#coloring.legend, this.#legendActions)}
      ${source ? renderHighlights(this.#highlights.summary(), this.#highlightActions) : nothing}
      ${
        loading
          ? html`<div part="progress" class="panel progress">
              <progress
                max="1"
                .value=${this.#datasets.progress ?? 0}
                ?indeterminate=${this.#datasets.progress === null}
                aria-label="Loading progress"
              ></progress>
              <span>${this.#datasets.progressLabel}</span>
            </div>`
          : nothing
      }
      ${
        this.errorMessage
          ? html`<div part="error" class="panel error" role="alert">
              ${this.errorMessage}
              ${
                this.#datasets.source
                  ? html`<button
                      type="button"
                      @click=${() => {
                        this.errorMessage = null;
                      }}
                    >
                      Dismiss
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        !this.errorMessage && this.#session.notice
          ? html`<div part="notice" class="panel error notice" role="status">
              ${this.#session.notice}
              <button type="button" @click=${() => this.resetState().catch((e) => this.#fail('session', e.message))}>
                Reset
              </button>
              <button
                type="button"
                @click=${() => {
                  this.#session.notice = null;
                  this.requestUpdate();
                }}
              >
                Dismiss
              </button>
            </div>`
          : nothing
      }
      <div class="sr-only" role="status" aria-live="polite">${this.#announcer.message}</div>
    `;
  }

  #toolbarModel(source: DatasetSource): ToolbarModel {
    return {
      dataset: source.dataset,
      current: this.#coloring.field ? formatFieldRef(this.#coloring.field) : '',
      fields: this.#fields,
      dimension: this.dimension,
      tools: this.#tools(),
      tool: this.selectionTool,
      toolAmount: this.#toolAmount,
      pointSize: this.#effectivePointSize(),
      background: this.#validBackground() ?? (this.theme === 'dark' ? '#141619' : '#f6f6f7'),
      theme: this.theme,
      controls: this.controls,
      restoring: this.#session.restoring,
      restoreProgress: this.#session.progress,
      viewTabs: this.#views.renderTabs(),
    };
  }

  // ---------------------------------------------------------------- internals

  async #showDataset(source: DatasetSource, signal: AbortSignal): Promise<void> {
    this.#settling = true;
    try {
      await this.#openDataset(source, signal);
    } finally {
      this.#settling = false;
    }
    const parked = this.#parkedView;
    this.#parkedView = null;
    if (signal.aborted) return;
    if (parked) await this.#autosaver.quietly(() => this.#applyView(parked));
    else this.#restoreSession(this.sessionUrl);
  }

  async #openDataset(source: DatasetSource, signal: AbortSignal): Promise<void> {
    const ds = source.dataset;
    this.#session.forget();
    this.dimension = ds.defaultDimension;
    this.#camera = defaultCameraState(this.dimension);
    this.#coloring.reset(ds.cellCount);
    if (!ds.connectivity && this.selectionTool === 'knn') this.selectionTool = 'navigate';
    // Fetch the first field while the positions download: both are needed for the first frame.
    const firstField = defaultField(source);
    if (firstField) source.loadObsField(firstField.key, signal).catch(() => {});
    const positions = await source.loadPositions(this.dimension, signal);
    if (signal.aborted) return;
    this.#renderer.setPointSize(this.#effectivePointSize());
    this.#renderer.setPositions(positions, this.dimension);
    this.#updateAccessibleName();
    // Copying a million positions to the renderer and colouring a million cells are each some
    // milliseconds: give the page a turn between them so they do not add up to one long task.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (signal.aborted) return;
    // colorBy resolves once the coloured frame is drawn: that frame is the first one. A field that
    // cannot be read is reported (once, as a field error) and the cells are drawn gray.
    await this.#coloring.colorBy(source, firstField, signal).catch(() => this.#coloring.colorBy(source, null, signal));
    if (signal.aborted) return;
    this.#announcer.announce(
      `Loaded ${ds.identity.name || ds.identity.id}: ${ds.cellCount.toLocaleString('en-US')} cells.`,
    );
    dispatch(this, 'cellucid-load', {
      datasetId: ds.identity.id,
      cellCount: ds.cellCount,
      varCount: ds.varCount,
      dimensions: [...ds.dimensions],
    });
  }

  /**
   * Start-up state: the newest autosave of this page, key and dataset, else the session the page
   * names, else the one the dataset publishes. Failures are reported, never thrown.
   */
  #restoreSession(url: string | null): void {
    // Start-up restores are not changes of the user's: applying them writes no autosave.
    const restore = async () => {
      this.#startupRestore = true;
      try {
        const autosaved = await this.#autosaver.latest();
        if (autosaved) {
          await this.#session.load(autosaved.bytes);
          await this.applyPersistedView(readViewerSettings(autosaved.viewer));
          this.#session.notice =
            'Restored your last view of this dataset from this browser. Reset returns to the published view.';
          this.requestUpdate();
          return;
        }
        await (url ? this.#session.load(url) : this.#session.restorePublished(null));
      } finally {
        this.#startupRestore = false;
      }
    };
    restore().catch((err) => {
      if (err?.name !== 'AbortError') this.#fail('session', err instanceof Error ? err.message : String(err));
    });
  }

  /** Every change of what the viewer shows: a debounced event for the page, and an autosave. */
  #stateChanged(): void {
    if (this.#settling) return;
    this.#autosaver.noteChange();
    if (this.#stateChangeTimer) clearTimeout(this.#stateChangeTimer);
    this.#stateChangeTimer = setTimeout(() => {
      this.#stateChangeTimer = null;
      if (this.#datasets.source) dispatch(this, 'cellucid-state-change', this.getViewState());
    }, 150);
  }

  /** @internal For the session and autosave controllers. */
  autosaveEnabled(): boolean {
    return this.autosave !== 'off';
  }

  /** @internal For the session and autosave controllers. */
  autosaveKey(): string {
    if (this.autosaveKeyName) return this.autosaveKeyName;
    if (this.id) return this.id;
    const index = Array.from(this.ownerDocument.querySelectorAll('cellucid-viewer')).indexOf(this);
    return `cellucid-viewer:${Math.max(0, index)}`;
  }

  /** @internal For the session and autosave controllers. */
  async stateBlob(): Promise<Blob> {
    return (await this.#session.bundle()).blob;
  }

  /** @internal For the autosave controller. */
  stateBytesNow(fingerprint: WritableFingerprint): Uint8Array {
    return this.#session.bundleNow(fingerprint);
  }

  /** @internal For the autosave controller. */
  viewerSettings(): ViewerSettings {
    return viewerSettings(this.persistedView());
  }

  /** @internal For the session and autosave controllers. */
  reportAutosaveError(message: string): void {
    this.#announcer.announce(message);
    dispatch(this, 'cellucid-error', { kind: 'autosave', message });
  }

  // ---------------------------------------------------------------- persistence host

  /** @internal For the session and autosave controllers. */
  persistedView(): PersistedView {
    const colorScales: PersistedView['colorScales'] = dict();
    for (const [ref, scale] of this.#coloring.colorScales) colorScales[ref] = { ...scale };
    return {
      camera: this.getCamera(),
      dimension: this.dimension,
      activeField: this.#coloring.field ? { ...this.#coloring.field } : null,
      colorScales,
      categoryColors: this.#coloring.categoryColorSummary(),
      pointSize: this.pointSize,
      theme: this.theme,
      background: this.#validBackground(),
      panels: { ...this.panels },
      panelPositions: { ...this.panelPositions },
      filters: persistedFilters(this.#filterState()),
      highlights: this.#highlights.current,
      overlays: this.#fields.current,
      views: this.#views.current,
      outlierThreshold: this.#filterBook.current.outlierThreshold,
    };
  }

  /** @internal For the session and autosave controllers. Resolves with what could not be shown. */
  async applyPersistedView(view: Partial<PersistedView>): Promise<string[]> {
    if (this.#startupRestore) return this.#autosaver.quietly(() => this.#applyView(view));
    return this.#applyView(view);
  }

  async #applyView(view: Partial<PersistedView>): Promise<string[]> {
    const source = this.#requireSource('loadState');
    // One frame for the whole view, drawn once it is coloured.
    this.#renderer.holdFrames();
    try {
      return await this.#applyViewSteps(source, view);
    } finally {
      this.#renderer.releaseFrames();
    }
  }

  async #applyViewSteps(source: DatasetSource, view: Partial<PersistedView>): Promise<string[]> {
    if (view.theme) this.theme = view.theme;
    if (view.background !== undefined) this.background = view.background;
    if (view.panels) this.panels = { ...view.panels };
    if (view.panelPositions) this.panelPositions = { ...view.panelPositions };
    if (view.pointSize !== undefined) this.pointSize = view.pointSize;
    if (view.categoryColors) {
      this.#coloring.categoryColors.clear();
      for (const [key, byName] of Object.entries(view.categoryColors))
        this.#coloring.categoryColors.set(key, new Map(Object.entries(byName)));
    }
    if (view.colorScales) {
      this.#coloring.colorScales.clear();
      for (const [ref, scale] of Object.entries(view.colorScales)) this.#coloring.colorScales.set(ref, { ...scale });
    }
    if (view.dimension && view.dimension !== this.dimension) {
      const positions = await source.loadPositions(view.dimension);
      this.dimension = view.dimension;
      this.#renderer.setPositions(positions, view.dimension);
    }
    if (view.camera) this.#camera = structuredClone(view.camera);
    // Each heavy step in a task of its own (ring mask, user fields); the colouring below recolours
    // once for all of them.
    if (view.highlights) {
      this.#highlights.replace(view.highlights);
      await nextTask();
    }
    if (view.overlays) {
      this.#applyingView = true;
      try {
        this.#fields.replace(view.overlays);
      } finally {
        this.#applyingView = false;
      }
      await nextTask();
    }
    if (view.filters)
      this.#filterBook.current = this.#filterBook.fromPersisted(source, view.filters, view.outlierThreshold ?? null);
    else if (view.outlierThreshold !== undefined) this.#filterBook.current.outlierThreshold = view.outlierThreshold;
    if (view.views) await this.#views.restore(source, view.views);
    this.#stateChanged();
    // Theme and point size apply in the element's update; the colouring's one frame then shows everything.
    await this.updateComplete;
    const field = view.activeField !== undefined ? view.activeField : this.#coloring.field;
    try {
      await this.#coloring.colorBy(source, field);
      return [];
    } catch (err) {
      // The colouring reported it (one field error); the rest of the view stands, with the cells gray.
      if (!field) throw err;
      await this.#coloring.colorBy(source, null);
      return [`${formatFieldRef(field)}: ${(err as Error).message}`];
    }
  }

  /** @internal For the session and autosave controllers. */
  async datasetFingerprint(): Promise<WritableFingerprint | null> {
    const source = this.#datasets.source;
    if (!source) return null;
    const { dimension } = this;
    const key = `${source.dataset.baseUrl}|${dimension}`;
    if (!this.#digests.has(key))
      // In slices: 5M cells took 35 ms in one go, in the first frame's task (the start-up restore asks).
      this.#digests.set(key, (await runInSlices(cellOrderDigestInSteps(await source.loadPositions(dimension))))!);
    return this.#fingerprint(source.dataset, dimension);
  }

  /** @internal For the autosave controller: the fingerprint if its digest is at hand, else null. */
  datasetFingerprintNow(): WritableFingerprint | null {
    const ds = this.#datasets.source?.dataset;
    return ds ? this.#fingerprint(ds, this.dimension) : null;
  }

  #fingerprint(ds: DatasetSource['dataset'], dimension: Dimension): WritableFingerprint | null {
    const digest = this.#digests.get(`${ds.baseUrl}|${dimension}`);
    if (!digest) return null;
    return {
      sourceType: this.sourceType ?? sourceTypeForUrl(ds.baseUrl),
      datasetId: ds.catalogEntryId ?? ds.identity.id,
      cellCount: ds.cellCount,
      varCount: ds.varCount,
      cellOrder: { dimension, digest },
    };
  }

  /** @internal For the session and autosave controllers. */
  fieldCatalog(): FieldCatalog | null {
    const ds = this.#datasets.source?.dataset;
    if (!ds) return null;
    const categories = new Map<string, readonly string[]>();
    for (const f of ds.obsFields) if (f.kind === 'category') categories.set(f.key, f.categories);
    return {
      obs: new Set(ds.obsFields.map((f) => f.key)),
      var: new Set(ds.genes.map((g) => g.key)),
      categories,
      dimensions: ds.dimensions,
    };
  }

  /** @internal For the session controller. */
  datasetFields(): DatasetFields | null {
    const ds = this.#datasets.source?.dataset;
    if (!ds) return null;
    const range = (f: { minValue: number | null; maxValue: number | null }) => ({ min: f.minValue, max: f.maxValue });
    // The app's velocity-field options: the vector fields the identity lists (the viewer draws none yet).
    const listed = (ds.identity.vector_fields as { fields?: unknown } | undefined)?.fields;
    const vectors = listed && typeof listed === 'object' ? Object.keys(listed) : [];
    return {
      cellCount: ds.cellCount,
      obs: ds.obsFields.map((f) =>
        f.kind === 'category'
          ? { key: f.key, kind: f.kind, categories: f.categories }
          : { key: f.key, kind: f.kind, ...range(f) },
      ),
      genes: ds.genes.map((g) => ({ key: g.key, ...range(g) })),
      vectorFields: vectors,
    };
  }

  /** @internal For the session and autosave controllers. */
  datasetBaseUrl(): string | null {
    return this.#datasets.source?.dataset.baseUrl ?? null;
  }

  #loadFile(file: File): void {
    this.#announcer.announce(`Loading session ${file.name}…`);
    this.loadState(file).then(
      (report) =>
        this.#announcer.announce(
          report.datasetMatches ? `Session ${file.name} restored.` : `Session ${file.name} belongs to another dataset.`,
        ),
      (err) => {
        if (err?.name !== 'AbortError') this.#fail('session', err instanceof Error ? err.message : String(err));
      },
    );
  }

  #setAllVisible(visible: boolean): void {
    const field = this.#coloring.field;
    if (!field || field.source !== 'obs' || this.#coloring.data?.kind !== 'category') return;
    this.#filterBook.setAllHidden(field.key, this.#coloring.data.categories.length, !visible);
    this.#refilter().catch((e) => this.#fail('field', e.message));
  }

  #removeFilter(id: string): void {
    this.#filterBook.remove(id);
    this.#refilter().catch((e) => this.#fail('field', e.message));
  }

  /** After a filter change: new visibility, same colours. */
  #refilter(): Promise<void> {
    return this.#coloring.refilter(this.#requireSource('filters'));
  }

  /** A categorical cell field's key and one of its categories' index; throws for anything else. */
  #category(method: string, field: FieldRef, category: string | number): { key: string; index: number } {
    const source = this.#requireSource(method);
    const { source: side, key } = parseFieldRef(field, method);
    const names = side === 'obs' ? this.#fields.categoriesOf(source, key) : undefined;
    if (!names) throw new Error(`${method}: this dataset has no categorical cell field "${field}".`);
    this.#visibleField(method, `obs:${key}`);
    const index = typeof category === 'number' ? category : names.indexOf(category);
    if (!Number.isInteger(index) || index < 0 || index >= names.length) {
      throw new Error(`${method}: "${field}" has no category ${JSON.stringify(category)}.`);
    }
    return { key, index };
  }

  /** A field of this dataset (or of the user's), as {source, key}; throws for a malformed or unknown one. */
  #existingField(method: string, field: FieldRef, hiddenToo = false): ActiveField {
    const source = this.#requireSource(method);
    const parsed = parseFieldRef(field, method);
    if (!this.#fields.exists(source, parsed)) {
      const what = parsed.source === 'obs' ? 'cell field' : 'gene';
      throw new Error(`${method}: this dataset has no ${what} named "${parsed.key}".`);
    }
    if (!hiddenToo) this.#visibleField(method, formatFieldRef(parsed));
    return parsed;
  }

  /** The Cellucid app refuses filters, colouring and views on a deleted (hidden) field, and so does the API. */
  #visibleField(method: string, ref: string): void {
    if (this.#fields.isDeleted(ref))
      throw new Error(`${method}: "${ref}" is hidden (deleted); showField("${ref}") lists it again.`);
  }

  #continuousField(method: string, field: FieldRef): ActiveField {
    const parsed = this.#existingField(method, field);
    if (this.#fields.kindOf(this.#requireSource(method), parsed) !== 'continuous')
      throw new Error(`${method}: "${formatFieldRef(parsed)}" is not a continuous field or gene.`);
    return parsed;
  }

  #filterState(): ViewState['filters'] {
    return this.#filterBook.summary(this.#datasets.source) as ViewState['filters'];
  }

  #updateColorScale(change: Partial<{ colormap: ColormapId; log: boolean }>): void {
    const field = this.#coloring.field;
    const source = this.#datasets.source;
    if (!field || !source || this.#coloring.data?.kind !== 'continuous') {
      throw new Error(
        'The coloured field is not continuous: colormaps and log scale apply to continuous fields and genes.',
      );
    }
    this.#coloring.colorScales.set(formatFieldRef(field), { ...this.#coloring.scaleOf(field), ...change });
    const scale = this.#coloring.scaleOf(field);
    this.#coloring.recolor(source);
    this.#announcer.announce(
      `${field.key}: ${colormapLabel(scale.colormap)} colormap${scale.log ? ', log scale' : ''}.`,
    );
    this.#stateChanged();
  }

  #applyCamera(camera: CameraState): void {
    this.#camera = camera;
    this.#renderer.requestDraw();
    this.#stateChanged();
  }

  #onKeyDown(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (isFormControl(e)) return;
    const source = this.#datasets.source;
    if (!source) return;
    if (e.key === 'x' || e.key === 'X') {
      e.preventDefault();
      this.clearHighlights();
      this.#announcer.announce('Highlights cleared.');
      return;
    }
    if (e.key === '1' || e.key === '2' || e.key === '3') {
      const d = Number(e.key) as Dimension;
      if (source.dataset.dimensions.includes(d) && d !== this.dimension) {
        e.preventDefault();
        this.setDimension(d).catch((err) => this.#fail('dataset', String(err?.message ?? err)));
      }
    }
  }

  // ---------------------------------------------------------------- views host

  /** @internal */
  liveCamera(): CameraState {
    return this.#camera;
  }

  /** @internal */
  moveLiveCamera(camera: CameraState): void {
    this.#applyCamera(camera);
  }

  /** @internal The live view as a snapshot freezes it. */
  freezeLiveView(): {
    snapshot: Omit<Snapshot, 'id' | 'label'>;
    xyz: Float32Array;
    rgba: Uint8Array;
    defaultLabel: string;
  } {
    const xyz = this.#renderer.positionsArray;
    if (!xyz || !this.#coloring.colors) throw new Error('addSnapshot: nothing is drawn yet.');
    const field = this.#coloring.field;
    return {
      snapshot: {
        activeField: field ? { ...field } : null,
        fieldKind: this.#coloring.data?.kind ?? null,
        dimension: this.dimension,
        camera: structuredClone(this.#camera),
        filters: persistedFilters(this.#filterState()),
        filtersText: this.#filterBook
          .describe(field)
          .filter((f) => f.enabled)
          .map((f) => f.text),
      },
      xyz,
      rgba: this.#coloring.colors.slice(),
      defaultLabel: field ? `by ${this.#coloring.title(field)}` : 'View',
    };
  }

  /** @internal A restored snapshot's colours, from its field and filters. */
  colorSnapshot(source: DatasetSource, s: Snapshot): Promise<Uint8Array> {
    return this.#coloring.snapshotColors(source, s);
  }

  /** @internal */
  viewsChanged(): void {
    this.#renderer.requestDraw();
    this.#stateChanged();
  }

  /** @internal For the colouring controller. */
  noteStateChange(): void {
    this.#stateChanged();
  }

  /** @internal For the colouring controller. */
  reportError(kind: ErrorKind, message: string): void {
    this.#fail(kind, message);
  }

  /** @internal */
  announce(message: string): void {
    this.#announcer.announce(message);
  }

  /** The highlight panel's "Make field": a category per page with groups, as in the app; then coloured by it. */
  async #fieldFromPages(): Promise<void> {
    const source = this.#requireSource('createFieldFromHighlights');
    const pageIds = this.#highlights.current.pages.filter((p) => p.groups.length).map((p) => p.id);
    let name = 'Highlights';
    for (let n = 2; this.#fields.taken(source, 'obs', name); n++) name = `Highlights (${n})`;
    const field = this.createFieldFromHighlights({ name, pageIds });
    this.#announcer.announce(`New field ${name}: one category per highlight page.`);
    await this.setActiveField(field);
  }

  /** Names, deletions or user fields changed: menus and legend follow. */
  #onOverlaysChanged(): void {
    const source = this.#datasets.source;
    if (!source) return;
    if (!this.#applyingView) this.#coloring.recolor(source);
    this.requestUpdate();
    this.#stateChanged();
  }

  #onHighlightsChanged(): void {
    this.requestUpdate();
    if (this.#datasets.source) this.#stateChanged();
    // The rings follow in a task of their own (once for a burst of changes): a lasso over a
    // million cells already spends tens of milliseconds selecting.
    if (this.#ringsPending) return;
    this.#ringsPending = true;
    // One listing at a time, each of the state as it starts: the last upload is of the latest change.
    // The cells are listed a group per task (a million took tens of milliseconds on a cold page).
    this.ringsDrawn = this.ringsDrawn.then(nextTask, nextTask).then(async () => {
      this.#ringsPending = false;
      const n = this.#datasets.source?.dataset.cellCount;
      this.#renderer.setHighlight(n ? await runInSlices(ringCellsInSteps(this.#highlights.current, n)) : null);
    });
  }

  /** Selection tools this dataset offers. */
  #tools(): SelectionTool[] {
    return [
      'navigate',
      'lasso',
      'box',
      'proximity',
      ...(this.#datasets.source?.dataset.connectivity ? ['knn' as const] : []),
    ];
  }

  /** @internal Runs an interface action; an error is shown, never thrown into the page. */
  guard(action: () => unknown): void {
    try {
      const result = action();
      if (result instanceof Promise)
        result.catch((e) => this.#fail('field', e instanceof Error ? e.message : String(e)));
    } catch (e) {
      this.#fail('field', e instanceof Error ? e.message : String(e));
    }
  }

  #onProgress(p: LoadProgress): void {
    if (p.phase === 'identity' && p.loadedBytes === 0) this.#announcer.announce('Loading dataset…');
  }

  #fail(kind: ErrorKind, message: string): void {
    this.errorMessage = message;
    this.#announcer.announce(`Error: ${message}`);
    dispatch(this, 'cellucid-error', { kind, message });
  }

  #requireSource(method: string): DatasetSource {
    const source = this.#datasets.source;
    if (!source) throw new Error(`${method}: no dataset is loaded yet (wait for the cellucid-load event).`);
    return source;
  }

  #effectivePointSize(): number {
    if (this.pointSize !== null && Number.isFinite(this.pointSize) && this.pointSize > 0) return this.pointSize;
    const n = this.#datasets.source?.dataset.cellCount;
    return n ? defaultPointSize(n) : 1;
  }

  /** @internal */
  viewportSize(): { width: number; height: number } {
    const rect = this.getBoundingClientRect();
    return { width: Math.max(1, rect.width), height: Math.max(1, rect.height) };
  }

  /** The background attribute when it is a #rrggbb colour (anything else is ignored). */
  #validBackground(): string | null {
    const value = this.background?.trim().toLowerCase() ?? '';
    return HEX_COLOR.test(value) ? value : null;
  }

  #syncTheme(): void {
    // The attribute wins over the theme; it reaches the panels' CSS through the custom property.
    // Only an inline value the element set itself is ever removed: a page's own stays.
    const own = this.#validBackground();
    if (own) this.style.setProperty('--cellucid-background', own);
    else if (this.#backgroundSetInline) this.style.removeProperty('--cellucid-background');
    this.#backgroundSetInline = own !== null;
    const value = getComputedStyle(this).getPropertyValue('--cellucid-background');
    this.#renderer.setBackground(cssColorToRgb(value, [0.965, 0.965, 0.97]));
  }

  #updateAccessibleName(): void {
    const name = this.alt ?? this.#datasets.source?.dataset.identity.name ?? 'Single-cell dataset';
    this.setAttribute('aria-label', name);
  }
}

function defaultField(source: DatasetSource): ActiveField | null {
  const fields = source.dataset.obsFields;
  const first = fields.find((f) => f.kind === 'category') ?? fields[0];
  return first ? { source: 'obs', key: first.key } : null;
}

function isFormControl(e: Event): boolean {
  const origin = e.composedPath()[0];
  return (
    origin instanceof HTMLInputElement ||
    origin instanceof HTMLSelectElement ||
    origin instanceof HTMLButtonElement ||
    origin instanceof HTMLTextAreaElement
  );
}

declare global {
  interface HTMLElementTagNameMap {
    'cellucid-viewer': CellucidViewer;
  }
}
