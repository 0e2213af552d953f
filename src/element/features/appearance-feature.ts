// How the viewer looks: point size, theme, canvas background, level of detail, and the legend
// and highlights panels (open or folded, where they sit). Point size and theme persist in
// sessions (the app's point-size and theme-select controls); the panels and a page's own
// background colour only in the autosave.
import type { PropertyDeclarations, PropertyValues } from 'lit';
import { HEX_COLOR, fittedPointSize } from '../../core/color/index.js';
import { cssColorToRgb } from '../css-color.js';
import type { PanelMoveActions, PanelName } from '../panel-mover.js';
import type { PanelPosition, ViewState, ViewerTheme } from '../view-state.js';
import type { LodMode } from '../../render/level-of-detail.js';
import { DatasetFeature } from './dataset-feature.js';

export class AppearanceFeature extends DatasetFeature {
  static override properties: PropertyDeclarations = {
    pointSize: { attribute: 'point-size', type: Number },
    theme: { reflect: true },
    background: { reflect: true },
    lod: {},
    panels: { state: true, attribute: false },
    panelPositions: { state: true, attribute: false },
  };

  /** Point size in pixels before size attenuation; unset = chosen from the cell count and the plot's area. */
  pointSize: number | null = null;

  /** Colour theme of the panels and background: `light` (default) or `dark`. */
  theme: ViewerTheme = 'light';

  /** Canvas background as `#rrggbb`, over the theme's (unset: the theme's, or `--cellucid-background`). */
  background: string | null = null;

  /**
   * Level of detail while the camera moves: `auto` (default: on from 500,000 cells), `on` or `off`
   * (every frame draws every cell). At rest every cell is drawn either way.
   */
  lod: LodMode = 'auto';

  private panels = { legend: true, highlights: true };
  private panelPositions: ViewState['panelPositions'] = { legend: null, highlights: null };
  /** Whether --cellucid-background on the host's inline style came from the background attribute. */
  #backgroundSetInline = false;

  /** Moving the legend and highlights panels (their views call it). */
  protected readonly panelMover: PanelMoveActions = {
    position: (panel) => this.panelPositions[panel],
    move: (panel, position) => this.movePanel(panel, position),
  };

  constructor() {
    super();
    this.store.register({
      open: () => this.store.renderer.setPointSize(this.effectivePointSize()),
      save: (view) => {
        view.pointSize = this.pointSize;
        view.theme = this.theme;
        view.background = this.validBackground();
        view.panels = { ...this.panels };
        view.panelPositions = { ...this.panelPositions };
      },
      // Applied in the element's update: the restore's one frame shows them.
      apply: (view) => {
        if (view.theme) this.theme = view.theme;
        if (view.background !== undefined) this.background = view.background;
        if (view.panels) this.panels = { ...view.panels };
        if (view.panelPositions) this.panelPositions = { ...view.panelPositions };
        if (view.pointSize !== undefined) this.pointSize = view.pointSize;
      },
      describe: (state) => {
        state.pointSize = this.effectivePointSize();
        state.theme = this.theme;
        state.background = this.validBackground();
        state.panels = { ...this.panels };
        state.panelPositions = {
          legend: this.panelPositions.legend && { ...this.panelPositions.legend },
          highlights: this.panelPositions.highlights && { ...this.panelPositions.highlights },
        };
      },
    });
  }

  /** Folds (false) or unfolds (true) the legend or the highlights panel. */
  setPanelOpen(panel: PanelName, open: boolean): void {
    if (panel !== 'legend' && panel !== 'highlights')
      throw new Error('setPanelOpen: expected "legend" or "highlights".');
    this.panels = { ...this.panels, [panel]: Boolean(open) };
    this.store.changed();
  }

  /**
   * Moves the legend or the highlights panel to a position (CSS pixels from the element's top-left), or back to its
   * corner with null.
   */
  movePanel(panel: PanelName, position: PanelPosition): void {
    if (panel !== 'legend' && panel !== 'highlights') throw new Error('movePanel: expected "legend" or "highlights".');
    if (position !== null && !(Number.isFinite(position?.x) && Number.isFinite(position?.y)))
      throw new Error('movePanel: expected {x, y} in pixels, or null.');
    const { width, height } = this.store.viewportSize();
    // Kept inside the element, with at least its handle reachable.
    const at = position && {
      x: Math.round(Math.min(Math.max(0, position.x), Math.max(0, width - 48))),
      y: Math.round(Math.min(Math.max(0, position.y), Math.max(0, height - 24))),
    };
    this.panelPositions = { ...this.panelPositions, [panel]: at };
    this.store.changed();
  }

  /** Whether a panel is open. */
  protected panelOpen(panel: PanelName): boolean {
    return this.panels[panel];
  }

  /** The `point-size` set, else one that fits the cell count to the plot's area (core/color/point-size.ts). */
  protected effectivePointSize(): number {
    if (this.pointSize !== null && Number.isFinite(this.pointSize) && this.pointSize > 0) return this.pointSize;
    const n = this.store.source?.dataset.cellCount;
    return n ? fittedPointSize(n, this.plotArea(), this.store.dimension) : 1;
  }

  /** The area (CSS px²) one view is drawn in: the element's, or a grid tile's (views-feature.ts). */
  protected plotArea(): number {
    const { width, height } = this.store.viewportSize();
    return width * height;
  }

  /** The background attribute when it is a #rrggbb colour (anything else is ignored). */
  protected validBackground(): string | null {
    const value = this.background?.trim().toLowerCase() ?? '';
    return HEX_COLOR.test(value) ? value : null;
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    this.#syncTheme();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const { renderer } = this.store;
    // Every update: a default size follows the element's size and the grid (unchanged, nothing is sent).
    renderer.setPointSize(this.effectivePointSize());
    if (changed.has('lod')) renderer.setLod(this.lod);
    if (changed.has('theme') || changed.has('background')) this.#syncTheme();
    // A change from the page or the toolbar is a change of view (the first value is not).
    const changedByUse = (key: 'pointSize' | 'theme' | 'background') =>
      changed.has(key) && changed.get(key) !== undefined;
    if (changedByUse('pointSize') || changedByUse('theme') || changedByUse('background')) this.store.changed();
  }

  #syncTheme(): void {
    // The attribute wins over the theme; it reaches the panels' CSS through the custom property.
    // Only an inline value the element set itself is ever removed: a page's own stays.
    const own = this.validBackground();
    if (own) this.style.setProperty('--cellucid-background', own);
    else if (this.#backgroundSetInline) this.style.removeProperty('--cellucid-background');
    this.#backgroundSetInline = own !== null;
    const value = getComputedStyle(this).getPropertyValue('--cellucid-background');
    this.store.renderer.setBackground(cssColorToRgb(value, [0.965, 0.965, 0.97]));
  }
}
