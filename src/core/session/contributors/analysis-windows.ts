// analysis/windows: descriptors of open analysis windows (kept as saved; this viewer has none).
import type { Contributor } from '../contributor.js';
import { jsonChunk } from '../contributor.js';
import type { Json } from '../document.js';
import { arr, field, obj } from '../shape.js';

const ID = 'analysis/windows';

export const analysisWindowsContributor: Contributor = {
  id: 'analysis-windows',
  owns: (chunkId) => chunkId === ID,
  capture(doc) {
    return [jsonChunk(ID, 'analysis-windows', 'Analysis windows', { windows: doc.analysisWindows?.windows ?? [] })];
  },
  restore(doc, _meta, payload) {
    const p = obj(payload, 'payload');
    doc.analysisWindows = { windows: arr(field(p, 'windows') ?? [], 'windows', 1000) as Json[] };
  },
};
