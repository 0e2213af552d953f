// highlights/cells/<groupId>: the cells of one highlight group, as a delta-varint index set.
import { byId, type Contributor, type ChunkDescriptor } from '../contributor.js';
import { decodeIndexSet } from '../codecs/delta-varint.js';
import type { ChunkEncoding } from '../chunk-encoding.js';
import type { HighlightGroupMeta } from '../document.js';

const PREFIX = 'highlights/cells/';

/** Groups by id, indexed once per highlights/meta payload. */
const groupIndex = new WeakMap<object, Map<string, HighlightGroupMeta>>();

export const highlightsCellsContributor: Contributor = {
  id: 'highlights-cells',
  owns: (chunkId) => chunkId.startsWith(PREFIX),
  capture(doc) {
    const out: ChunkDescriptor[] = [];
    for (const page of doc.highlights?.pages ?? []) {
      for (const g of page.highlightedGroups) {
        const cells = doc.highlightCells.get(g.id);
        if (!cells || cells.length === 0) continue;
        const encoding: ChunkEncoding = { kind: 'index-set', cells };
        out.push({
          id: `${PREFIX}${g.id}`,
          contributorId: 'highlights-cells',
          priority: 'lazy',
          kind: 'binary',
          codec: 'gzip',
          label: `Highlight cells: ${g.label}`,
          datasetDependent: true,
          encoding,
        });
      }
    }
    return out;
  },
  restore(doc, meta, payload, ctx) {
    if (!(payload instanceof Uint8Array)) throw new Error('highlight cells chunk must be binary');
    const groupId = meta.id.slice(PREFIX.length);
    const cells = decodeIndexSet(payload, { cellCount: ctx.cellCount, strict: ctx.generation === 'strict' });
    const h = doc.highlights;
    const group = h && byId(groupIndex, h, () => h.pages.flatMap((p) => p.highlightedGroups), groupId);
    if (group && ctx.generation === 'strict' && group.cellCount !== cells.length) {
      throw new Error(`holds ${cells.length} cells but highlight metadata says ${group.cellCount}`);
    }
    doc.highlightCells.set(groupId, cells);
  },
};
