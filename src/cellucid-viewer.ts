// <cellucid-viewer>: the element composes the viewer's features (src/element/features/, each a
// class extending the one before it) and draws their panels. It holds no feature logic of its
// own: a new feature is a file in features/ and one line here, in the `extends` below.
import { html, nothing } from 'lit';
import { composePng } from './element/png-export.js';
import type { ViewState } from './element/view-state.js';
import { CentroidLabelsFeature } from './element/features/centroid-labels-feature.js';
import type { LodMode } from './render/level-of-detail.js';

export type { LodMode };
export type { FieldRef } from './core/state/field-ref.js';
export type { CameraState } from './core/camera/camera-state.js';
export type { ColormapId } from './core/color/index.js';
export type { Dimension } from './core/dataset/types.js';
export type { ViewLayout } from './core/state/views.js';
export type { HighlightsSummary, HighlightGroupSummary } from './element/highlight-book.js';
export type { SelectionMode } from './core/state/selection.js';
export type { SelectionTool, SelectOptions } from './element/selector.js';
export type { UserFieldSummary } from './element/field-book.js';
export type { FilterSummary } from './element/filter-book.js';
export type { PanelName } from './element/panel-mover.js';
export type { ViewerUi } from './element/features/figure-feature.js';
export type { CameraKeyframeSummary } from './element/features/camera-path-feature.js';
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
 * @fires {CustomEvent<CameraPathEventDetail>} cellucid-camera-path - A camera path started playing, reached a
 * keyframe or ended. detail: `{type: 'play', keyframes, durationMs, loop}`, `{type: 'keyframe', index, id, label}`
 * or `{type: 'end', stopped}`.
 * @fires {CustomEvent<ShareEventDetail>} cellucid-share - shareLink() or the Share button made a link. detail:
 * `{url, omitted}` (the parts left out to fit the link's size budget).
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
 * @csspart pane-legend - A snapshot's compact legend in its grid tile.
 * @csspart point-size - The point size slider.
 * @csspart size-attenuation - The "Depth" slider: how much far points shrink.
 * @csspart centroid-labels - The "Labels" checkbox: category names on the plot.
 * @csspart fullscreen-button - "Full screen" (with `ui="figure"`).
 * @csspart readout - The hover read-out: the coloured field's value of the cell under the mouse.
 * @csspart share-button - "Share": copies a link to the current view.
 * @csspart share - After Share: "Link copied", or the link to copy, and what a link too big left out.
 * @csspart camera-path - The camera path's Keyframe and Play/Stop buttons.
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
export class CellucidViewer extends CentroidLabelsFeature {
  /** A JSON-serialisable description of what the viewer shows now. */
  getViewState(): ViewState {
    return this.store.viewState();
  }

  /**
   * A PNG of the current view with its legend, a key of the highlighted groups and, in a grid, each
   * snapshot pane's legend in its corner (none of them with `{ legend: false }`).
   */
  async toBlob(options: { legend?: boolean } = {}): Promise<Blob> {
    await this.ringsDrawn; // a PNG must show the rings of the latest change
    const { renderer, coloring, highlights } = this.store;
    const image = renderer.hasData && (await renderer.snapshot());
    if (!image) throw new Error('toBlob: nothing is drawn yet.');
    const style = getComputedStyle(this);
    const panes = this.store.views.paneLegends();
    const scale = image.width / this.store.viewportSize().width;
    const key = { legend: coloring.legend, highlights: highlights.current, outline: renderer.outline, panes, scale };
    return composePng(
      image,
      options.legend === false ? null : key,
      {
        background: style.getPropertyValue('--cellucid-background').trim() || '#ffffff',
        foreground: style.getPropertyValue('--cellucid-foreground').trim() || '#000000',
      },
      { labels: this.drawnCentroidLabels(), scale },
    );
  }

  protected override render() {
    const source = this.store.source;
    return html`
      <canvas part="canvas" aria-hidden="true"></canvas>
      ${this.renderCentroidLabels()} ${this.store.views.renderCaptions()}
      <div class="live-pane" style=${this.store.views.livePaneStyle()}>
        ${source ? this.renderToolbarPanel(source) : nothing} ${this.renderLegendPanel()}
        ${this.renderHighlightsPanel()}
      </div>
      ${this.renderSelection()} ${this.renderStatus()} ${this.renderNotice()} ${this.renderReadout()}
      <div class="sr-only" role="status" aria-live="polite">${this.store.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cellucid-viewer': CellucidViewer;
  }
}
