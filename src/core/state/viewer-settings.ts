// The viewer's own settings that the Cellucid app has no control for (folded and moved panels, a
// background colour of the page's choosing, the categorical outlier threshold): a session for the
// app cannot hold them, so the viewer's autosave keeps them beside the bundle.
import type { PersistedView } from './persisted-view.js';

export type ViewerSettings = Pick<PersistedView, 'panels' | 'panelPositions' | 'background' | 'outlierThreshold'>;

/** Farthest a saved panel position may be from the element's corner, in CSS pixels. */
const MAX_PANEL_OFFSET = 100_000;

export const viewerSettings = (v: PersistedView): ViewerSettings => ({
  panels: { ...v.panels },
  panelPositions: { ...v.panelPositions },
  background: v.background,
  outlierThreshold: v.outlierThreshold,
});

/** Settings read back from storage, each checked; what is not valid is left out. */
export function readViewerSettings(value: unknown): Partial<ViewerSettings> {
  const v = (value ?? {}) as Partial<Record<keyof ViewerSettings, unknown>>;
  const out: Partial<ViewerSettings> = {};
  const p = v.panels as Record<string, unknown> | undefined;
  if (typeof p?.legend === 'boolean' && typeof p.highlights === 'boolean')
    out.panels = { legend: p.legend, highlights: p.highlights };
  const at = (x: unknown) => {
    const o = x as { x?: unknown; y?: unknown } | null;
    const ok = (n: unknown): n is number => typeof n === 'number' && Math.abs(n) <= MAX_PANEL_OFFSET;
    return o && ok(o.x) && ok(o.y) ? { x: o.x, y: o.y } : null;
  };
  const pp = v.panelPositions as Record<string, unknown> | undefined;
  if (pp) out.panelPositions = { legend: at(pp.legend), highlights: at(pp.highlights) };
  if (v.background === null || (typeof v.background === 'string' && /^#[0-9a-f]{6}$/.test(v.background)))
    out.background = v.background;
  const t = v.outlierThreshold;
  if (t === null || (typeof t === 'number' && t >= 0 && t < 0.9999)) out.outlierThreshold = t;
  return out;
}
