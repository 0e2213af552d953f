// PNG of the current view with its legend and a key of the highlighted groups drawn beside the
// cells (2-D canvas text: no HTML). The column grows the picture downwards when it is longer.
import { legendRow, type LegendModel } from '../core/state/legend-model.js';
import type { HighlightState } from '../core/state/highlights.js';
import { sampleColormap, type RGB } from '../core/color/index.js';
import { formatValue } from './legend-view.js';
import { paneLegendRows, paneLegendWidth } from './views-view.js';

const PAD = 12;
const ROW = 18;
const LEGEND_WIDTH = 220;
const MAX_ROWS = 40;
const TEXT_WIDTH = LEGEND_WIDTH - 2 * PAD - 18;

/** What the column beside the cells shows: the legend, and the active page's shown groups with their outline. */
export interface PngKey {
  legend: LegendModel | null;
  highlights: HighlightState;
  outline: RGB;
  /** In a grid, each snapshot pane's legend and tile (CSS px); `scale` is the picture's pixels per CSS px. */
  panes: { legend: LegendModel; rect: { x: number; y: number; width: number; height: number } }[];
  scale: number;
}

/** Centroid labels as the plot draws them: text centred on (x, y) in CSS px, `scale` picture px per CSS px. */
export interface PngLabels {
  labels: { text: string; x: number; y: number }[];
  scale: number;
}

export async function composePng(
  cells: ImageBitmap,
  key: PngKey | null,
  colors: { background: string; foreground: string },
  labels: PngLabels = { labels: [], scale: 1 },
): Promise<Blob> {
  const legend = key?.legend?.kind === 'none' ? null : key?.legend;
  const page = key?.highlights.pages.find((p) => p.id === key.highlights.activePageId);
  const groups = page?.groups.filter((g) => g.enabled) ?? [];
  const out = document.createElement('canvas');
  out.width = cells.width + (legend || groups.length ? LEGEND_WIDTH : 0);
  out.height = cells.height;
  const ctx = out.getContext('2d')!; // a new canvas has no other context
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(cells, 0, 0);
  drawLabels(ctx, labels, colors);
  const x0 = cells.width + PAD;
  let y = PAD + 14;
  // The key first: a long legend runs off the picture's foot.
  if (groups.length) {
    title(ctx, page!.name, x0, y, colors.foreground);
    // Each group's swatch is the outline as the plot draws it: a ring of the outline colour.
    ctx.strokeStyle = `rgb(${key!.outline})`;
    for (const g of groups) {
      ctx.beginPath();
      ctx.arc(x0 + 6, (y += ROW) - 4, 5, 0, 7);
      ctx.stroke();
      ctx.fillText(`${g.label}  ${g.cells.length}`, x0 + 18, y, TEXT_WIDTH);
    }
    y += 2 * ROW;
  }
  if (legend) drawLegend(ctx, legend, x0, y, colors.foreground);
  for (const pane of key?.panes ?? []) drawPaneLegend(ctx, pane, key!.scale, colors);
  cells.close(); // a closed bitmap's width reads 0: only now
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob: PNG encoding failed.'))), 'image/png'),
  );
}

/** The centroid labels over the cells: text with a halo of the background, as on the page. */
function drawLabels(
  ctx: CanvasRenderingContext2D,
  { labels, scale }: PngLabels,
  colors: { background: string; foreground: string },
): void {
  ctx.save();
  ctx.scale(scale, scale);
  ctx.font = 'bold 13px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 4;
  ctx.strokeStyle = colors.background;
  ctx.fillStyle = colors.foreground;
  for (const { text, x, y } of labels) {
    ctx.strokeText(text, x, y);
    ctx.fillText(text, x, y);
  }
  ctx.restore();
}

/** A bold heading, then the rows' font and colour. */
function title(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, fg: string): void {
  ctx.fillStyle = fg;
  ctx.font = 'bold 13px system-ui, sans-serif';
  ctx.fillText(text, x, y, LEGEND_WIDTH - 2 * PAD);
  ctx.font = '12px system-ui, sans-serif';
}

/** Draws the legend from baseline `y`. */
function drawLegend(ctx: CanvasRenderingContext2D, legend: LegendModel, x0: number, y: number, fg: string): void {
  title(ctx, legend.title, x0, y, fg);
  y += ROW;
  if (legend.kind === 'category') {
    for (const i of legend.order.subarray(0, MAX_ROWS)) {
      const row = legendRow(legend, i);
      ctx.fillStyle = `rgb(${row.color.join(',')})`;
      ctx.fillRect(x0, y - 10, 12, 12);
      ctx.fillStyle = fg;
      ctx.fillText(`${row.label}  ${row.visible} / ${row.total}`, x0 + 18, y, TEXT_WIDTH);
      y += ROW;
    }
    if (legend.order.length > MAX_ROWS) ctx.fillText(`… ${legend.order.length - MAX_ROWS} more`, x0, y);
  } else if (legend.kind === 'continuous')
    drawColorbar(ctx, legend, x0, LEGEND_WIDTH - 2 * PAD, y - 10, 14, y + ROW, fg);
}

/** A colour bar `height` px high from `top`, with the legend's minimum and maximum on the baseline `labels`. */
function drawColorbar(
  ctx: CanvasRenderingContext2D,
  legend: Extract<LegendModel, { kind: 'continuous' }>,
  x: number,
  width: number,
  top: number,
  height: number,
  labels: number,
  fg: string,
): void {
  for (let i = 0; i < width; i++) {
    ctx.fillStyle = `rgb(${sampleColormap(legend.colormap, i / (width - 1)).join(',')})`;
    ctx.fillRect(x + i, top, 1, height);
  }
  ctx.fillStyle = fg;
  ctx.fillText(formatValue(legend.min), x, labels);
  const maxText = formatValue(legend.max);
  ctx.fillText(maxText, x + width - ctx.measureText(maxText).width, labels);
}

/** A snapshot pane's compact legend in the pane's top-right corner, as the grid shows it. */
function drawPaneLegend(
  ctx: CanvasRenderingContext2D,
  { legend, rect }: PngKey['panes'][number],
  scale: number,
  colors: { background: string; foreground: string },
): void {
  if (legend.kind === 'none') return;
  const rows = legend.kind === 'category' ? paneLegendRows(legend, rect.height) : null;
  const lines = rows ? 1 + rows.rows.length + (rows.shown.length > rows.rows.length ? 1 : 0) : 3;
  ctx.save();
  ctx.scale(scale, scale);
  const w = paneLegendWidth(rect.width);
  const x = rect.x + rect.width - w - 6;
  const top = rect.y + 6;
  ctx.globalAlpha = 0.9;
  ctx.fillStyle = colors.background;
  ctx.fillRect(x, top, w, lines * 16 + 6);
  ctx.globalAlpha = 1;
  ctx.fillStyle = colors.foreground;
  ctx.font = 'bold 11px system-ui, sans-serif';
  let y = top + 15;
  ctx.fillText(legend.title, x + 6, y, w - 12);
  ctx.font = '11px system-ui, sans-serif';
  if (rows && legend.kind === 'category') {
    for (const i of rows.rows) {
      y += 16;
      ctx.fillStyle = `rgb(${legend.colors[i].join(',')})`;
      ctx.fillRect(x + 6, y - 9, 10, 10);
      ctx.fillStyle = colors.foreground;
      ctx.fillText(legend.labels[i], x + 20, y, w - 26);
    }
    if (rows.shown.length > rows.rows.length)
      ctx.fillText(`+${rows.shown.length - rows.rows.length} more`, x + 6, y + 16);
  } else if (legend.kind === 'continuous')
    drawColorbar(ctx, legend, x + 6, w - 12, y + 5, 10, y + 31, colors.foreground);
  ctx.restore();
}
