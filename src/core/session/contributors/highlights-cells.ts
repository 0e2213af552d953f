// highlights/cells/<groupId>: the cells of one highlight group, as a delta-varint index set.
import type { Contributor, ChunkDescriptor } from '../contributor.js';
import { decodeIndexSet } from '../codecs/delta-varint.js';
import { encodeChunkBytes, type ChunkEncoding } from '../chunk-encoding.js';

const PREFIX = 'highlights/cells/';

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
          payload: () => encodeChunkBytes(encoding),
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
    const group = doc.highlights?.pages.flatMap((p) => p.highlightedGroups).find((g) => g.id === groupId);
    if (group && ctx.generation === 'strict' && group.cellCount !== cells.length) {
      throw new Error(`holds ${cells.length} cells but highlight metadata says ${group.cellCount}`);
    }
    doc.highlightCells.set(groupId, cells);
  },
};
