// Light and dark themes through CSS custom properties; every region is a ::part.
import { unsafeCSS } from 'lit';

export const viewerStyles = unsafeCSS(`
  :host {
    --cellucid-background: #f6f6f7;
    --cellucid-foreground: #1f2328;
    --cellucid-muted: #57606a;
    --cellucid-panel-background: rgba(255, 255, 255, 0.92);
    --cellucid-panel-border: rgba(31, 35, 40, 0.15);
    --cellucid-accent: #2563eb;
    --cellucid-error: #b42318;
    --cellucid-font-family: system-ui, -apple-system, 'Segoe UI', sans-serif;
    --cellucid-font-size: 13px;
    display: block;
    position: relative;
    width: 100%;
    height: 400px;
    min-height: 120px;
    overflow: hidden;
    contain: content;
    color: var(--cellucid-foreground);
    background: var(--cellucid-background);
    font-family: var(--cellucid-font-family);
    font-size: var(--cellucid-font-size);
    outline: none;
    /* The panels fit the viewer's own size, wherever the page puts it (a column, an embed, a phone). */
    container-type: size;
  }
  :host([theme='dark']) {
    --cellucid-background: #141619;
    --cellucid-foreground: #e6e6e6;
    --cellucid-muted: #9aa4ae;
    --cellucid-panel-background: rgba(28, 31, 36, 0.92);
    --cellucid-panel-border: rgba(230, 230, 230, 0.18);
    --cellucid-accent: #60a5fa;
    --cellucid-error: #ff8a80;
  }
  :host(:focus-visible) {
    box-shadow: inset 0 0 0 2px var(--cellucid-accent);
  }
  :host([hidden]) {
    display: none;
  }
  canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    display: block;
    /* One finger scrolls the page past the viewer until a tap activates it (touch-gate.ts). */
    touch-action: pan-x pan-y;
    cursor: grab;
  }
  canvas:active {
    cursor: grabbing;
  }
  .panel {
    position: absolute;
    background: var(--cellucid-panel-background);
    border: 1px solid var(--cellucid-panel-border);
    border-radius: 6px;
    padding: 6px 8px;
    box-sizing: border-box;
  }
  .toolbar {
    top: 8px;
    left: 8px;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    /* Wraps before the legend's column instead of running under it. */
    max-width: calc(100% - min(40%, 260px) - 24px);
  }
  .toolbar label {
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  .menu-button {
    display: none;
  }
  .camera-path {
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  /* The keyframe list opens over the plot, under its summary, without reflowing the toolbar. */
  .keyframes > ol {
    position: absolute;
    z-index: 1;
    margin: 4px 0 0;
    width: max-content;
    max-width: 16em;
    max-height: 50cqh;
    overflow: auto;
    list-style: none;
  }
  .keyframes li {
    display: flex;
    gap: 4px;
    align-items: center;
  }
  .keyframes li > :first-child {
    flex: 1;
    text-align: start;
  }
  select,
  input,
  button {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--cellucid-panel-border);
    border-radius: 4px;
    padding: 2px 4px;
  }
  select option {
    color: #1f2328;
  }
  button {
    cursor: pointer;
  }
  .legend {
    top: 8px;
    right: 8px;
    max-width: min(40%, 260px);
    max-height: var(--pane-panel-height, calc(100% - 16px));
    overflow: auto;
  }
  .legend-title {
    font-size: 1em;
    font-weight: 600;
    margin: 0 0 4px;
    overflow-wrap: anywhere;
  }
  .legend-rows {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: 264px;
    overflow-y: auto;
    overflow-anchor: none;
  }
  .legend-row {
    display: grid;
    /* A narrow legend keeps some of each name, and the counts on one line. */
    grid-template-columns: auto 12px minmax(3em, 1fr) auto auto;
    gap: 6px;
    align-items: center;
    height: 22px;
  }
  .swatch {
    width: 12px;
    height: 12px;
    border-radius: 2px;
  }
  input.swatch {
    width: 14px;
    height: 14px;
    padding: 0;
    border: none;
    cursor: pointer;
  }
  input.swatch::-webkit-color-swatch-wrapper {
    padding: 0;
  }
  input.swatch::-webkit-color-swatch {
    border: none;
    border-radius: 2px;
  }
  .legend-label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .legend-count,
  .legend-missing,
  .colorbar-labels {
    color: var(--cellucid-muted);
    font-variant-numeric: tabular-nums;
  }
  .legend-missing {
    margin: 4px 0 0;
  }
  .legend-count {
    white-space: nowrap;
  }
  .colorbar {
    height: 12px;
    width: 200px;
    max-width: 100%;
    border-radius: 2px;
  }
  .colorbar-labels {
    display: flex;
    justify-content: space-between;
  }
  .legend-subtitle {
    font-size: 0.95em;
    font-weight: 600;
    margin: 6px 0 2px;
  }
  .active-filters ul {
    list-style: none;
    margin: 0 0 4px;
    padding: 0;
  }
  .legend-controls input[type='number'] {
    width: 6em;
  }
  .legend-controls {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    margin-top: 6px;
  }
  .progress {
    left: 50%;
    top: 50%;
    transform: translate(-50%, -50%);
    display: grid;
    gap: 4px;
    justify-items: center;
  }
  .error,
  .share {
    left: 8px;
    right: 8px;
    bottom: 8px;
    max-height: 50%;
    overflow: auto;
    overflow-wrap: anywhere;
  }
  .error {
    color: var(--cellucid-error);
    border-color: currentColor;
  }
  .share input {
    box-sizing: border-box;
    width: 100%;
  }
  .detail {
    font-size: 0.85em;
    color: var(--cellucid-muted);
  }
  .highlights {
    left: 8px;
    bottom: 8px;
    max-width: min(45%, 280px);
    max-height: var(--pane-panel-height, 40%);
    overflow: auto;
  }
  .highlight-pages {
    display: flex;
    gap: 4px;
    align-items: center;
  }
  .highlight-groups {
    list-style: none;
    margin: 4px 0;
    padding: 0;
  }
  .highlight-group {
    display: grid;
    grid-template-columns: auto 1fr auto auto;
    gap: 4px;
    align-items: center;
  }
  .highlight-label {
    min-width: 0;
  }
  .icon-button {
    padding: 0 4px;
    line-height: 1.2;
  }
  .icon {
    width: 1em;
    height: 1em;
    display: block;
    fill: none;
    stroke: currentColor;
  }
  .move-handle {
    cursor: move;
    touch-action: none;
  }
  .legend-title .icon-button {
    font-weight: normal;
    margin-left: 4px;
  }
  /* Apart from the fold and move buttons before it, also when the title wraps under them. */
  .legend-title-text {
    margin-left: 4px;
  }
  .name-editor {
    width: 100%;
    box-sizing: border-box;
  }
  .readout {
    position: absolute;
    pointer-events: none;
    padding: 2px 6px;
    border-radius: 4px;
    background: var(--cellucid-panel-background);
    border: 1px solid var(--cellucid-panel-border);
    white-space: nowrap;
  }
  /* Category names at their centroids, over the live view's tile (centroid-labels-feature.ts). */
  .centroid-labels {
    position: absolute;
    overflow: hidden;
    pointer-events: none;
    font-weight: 600;
    white-space: nowrap;
    /* A halo of the background (as the PNG's stroke): readable over cells in either theme. */
    --halo: var(--cellucid-background);
    text-shadow: -1px -1px 0 var(--halo), 1px -1px 0 var(--halo), -1px 1px 0 var(--halo), 1px 1px 0 var(--halo),
      0 0 3px var(--halo);
  }
  .centroid-labels span {
    position: absolute;
    left: 0;
    top: 0;
  }
  .selection-overlay {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    pointer-events: none;
  }
  .selection-overlay polygon {
    fill: rgba(102, 217, 255, 0.15);
    stroke: rgb(102, 217, 255);
    stroke-width: 1.5;
    stroke-dasharray: 4 3;
  }
  .views {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    align-items: center;
    flex-basis: 100%;
  }
  .view-tab {
    display: inline-flex;
    align-items: center;
  }
  .view-tab-button[aria-pressed='true'] {
    border-color: var(--cellucid-accent);
    font-weight: 600;
  }
  /* The live view's panels, confined to its tile in a grid (views-controller.ts livePaneStyle). */
  .live-pane {
    position: absolute;
    left: 0;
    top: 0;
    width: 100%;
    height: 100%;
    overflow: hidden;
    pointer-events: none;
    container-type: size;
  }
  .live-pane > * {
    pointer-events: auto;
  }
  .pane-legend {
    padding: 2px 6px;
    font-size: 0.85em;
    line-height: 16px;
  }
  .pane-legend > div {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .pane-legend .swatch {
    display: inline-block;
    margin-right: 4px;
  }
  .view-label {
    position: absolute;
    box-sizing: border-box;
    border: 1px solid var(--cellucid-panel-border);
    pointer-events: none;
  }
  .view-label.active {
    border-color: var(--cellucid-accent);
  }
  .view-label span {
    position: absolute;
    left: 4px;
    bottom: 4px;
    padding: 0 4px;
    border-radius: 3px;
    background: var(--cellucid-panel-background);
    color: var(--cellucid-muted);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  /* A small viewer keeps most of its area for the cells: the toolbar folds into Menu, the legend
     takes at most 38 % of the width and half the height, lists scroll inside it. Last in the
     sheet, so that it wins over the rules above. */
  @container (max-width: 600px) {
    .menu-button {
      display: inline-block;
    }
    .toolbar.folded > :not(.menu-button) {
      display: none;
    }
    .toolbar {
      max-width: calc(100% - 38cqw - 24px);
      max-height: calc(100% - 16px);
      overflow: auto;
    }
    .legend,
    .highlights {
      max-width: 38cqw;
      max-height: var(--pane-panel-height, 50cqh);
    }
    .legend-rows {
      max-height: 30cqh;
    }
    .legend select,
    .legend input[type='number'] {
      max-width: 100%;
      box-sizing: border-box;
    }
  }
`);
