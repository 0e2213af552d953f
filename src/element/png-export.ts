// PNG of the current view with its legend drawn beside the cells (2-D canvas text: no HTML).
import { legendRow, type LegendModel } from '../core/state/legend-model.js';
import { sampleColormap } from '../core/color/index.js';
import { formatValue } from './legend-view.js';

const PAD = 12;
const ROW = 18;
const LEGEND_WIDTH = 220;
const MAX_ROWS = 40;

export async function composePng(
  cells: ImageBitmap,
  legend: LegendModel | null,
  colors: { background: string; foreground: string },
): Promise<Blob> {
  const hasLegend = legend !== null && legend.kind !== 'none';
  const out = document.createElement('canvas');
  out.width = cells.width + (hasLegend ? LEGEND_WIDTH : 0);
  out.height = cells.height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('toBlob: 2-D canvas is not available.');
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(cells, 0, 0);
  if (hasLegend) drawLegend(ctx, legend, cells.width, colors.foreground);
  cells.close(); // a closed bitmap's width reads 0: only now
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob: PNG encoding failed.'))), 'image/png'),
  );
}

function drawLegend(ctx: CanvasRenderingContext2D, legend: LegendModel, x0: number, fg: string): void {
  let y = PAD + 14;
  ctx.fillStyle = fg;
  ctx.font = 'bold 13px system-ui, sans-serif';
  ctx.fillText(legend.title, x0 + PAD, y, LEGEND_WIDTH - 2 * PAD);
  ctx.font = '12px system-ui, sans-serif';
  y += ROW;
  if (legend.kind === 'category') {
    for (const i of legend.order.subarray(0, MAX_ROWS)) {
      const row = legendRow(legend, i);
      ctx.fillStyle = `rgb(${row.color.join(',')})`;
      ctx.fillRect(x0 + PAD, y - 10, 12, 12);
      ctx.fillStyle = fg;
      ctx.fillText(`${row.label}  ${row.visible} / ${row.total}`, x0 + PAD + 18, y, LEGEND_WIDTH - 2 * PAD - 18);
      y += ROW;
    }
    if (legend.order.length > MAX_ROWS) ctx.fillText(`… ${legend.order.length - MAX_ROWS} more`, x0 + PAD, y);
  } else if (legend.kind === 'continuous') {
    const w = LEGEND_WIDTH - 2 * PAD;
    for (let i = 0; i < w; i++) {
      const [r, g, b] = sampleColormap(legend.colormap, i / (w - 1));
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.fillRect(x0 + PAD + i, y - 10, 1, 14);
    }
    y += ROW;
    ctx.fillStyle = fg;
    ctx.fillText(formatValue(legend.min), x0 + PAD, y);
    const maxText = formatValue(legend.max);
    ctx.fillText(maxText, x0 + LEGEND_WIDTH - PAD - ctx.measureText(maxText).width, y);
  }
}
