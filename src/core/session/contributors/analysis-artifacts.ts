// analysis/cache-inventory and analysis/artifacts/…: cached analysis tables (decoded, kept, re-written).
import type { Contributor, ChunkDescriptor } from '../contributor.js';
import { jsonChunk } from '../contributor.js';
import { decodeTable } from '../codecs/table.js';
import type { Json } from '../document.js';
import { readU32 } from '../little-endian.js';
import { parseJsonBytes, isPlainObject } from '../safe-json.js';
import { arr, field, obj, str } from '../shape.js';

const INVENTORY = 'analysis/cache-inventory';
const PREFIX = 'analysis/artifacts/';

export const analysisArtifactsContributor: Contributor = {
  id: 'analysis-artifacts',
  owns: (chunkId) => chunkId === INVENTORY || chunkId.startsWith(PREFIX),
  capture(doc) {
    // This viewer makes no analysis artifacts; the inventory lists none.
    const out: ChunkDescriptor[] = [
      jsonChunk(INVENTORY, 'analysis-artifacts', 'Analysis cache inventory', { artifactIds: [] }),
    ];
    void doc;
    return out;
  },
  restore(doc, meta, payload, ctx) {
    if (meta.id === INVENTORY) {
      const p = obj(payload, 'payload');
      doc.analysisInventory = {
        artifactIds: arr(field(p, 'artifactIds') ?? [], 'artifactIds', 10_000).map((x, i) =>
          str(x, `artifactIds[${i}]`),
        ),
      };
      return;
    }
    if (!(payload instanceof Uint8Array)) throw new Error('analysis artifact must be binary');
    const strict = ctx.generation === 'strict';
    let metadata: Record<string, Json> | null = null;
    let tableBytes = payload;
    if (strict) {
      // Newest shape: u32 metadata length, JSON metadata, then the table.
      if (payload.length < 4) throw new Error('artifact is truncated');
      const len = readU32(payload);
      if (len === 0 || 4 + len > payload.length) throw new Error('artifact metadata length does not fit');
      const m = parseJsonBytes(payload.subarray(4, 4 + len), 'artifact metadata', meta.id);
      if (!isPlainObject(m)) throw new Error('artifact metadata must be an object');
      metadata = m as Record<string, Json>;
      tableBytes = payload.subarray(4 + len);
    }
    const table = decodeTable(tableBytes, strict);
    const names = table.columns.map((c) => c.name).join(',');
    if (names !== 'cellIndex,value') throw new Error(`artifact columns are ${names}, expected cellIndex,value`);
    const cellIndex = table.columns[0].values as ArrayLike<number>;
    for (let i = 0; i < cellIndex.length; i++)
      if (cellIndex[i] >= ctx.cellCount) throw new Error(`artifact cell index ${cellIndex[i]} is out of range`);
    doc.analysisArtifacts.set(meta.id, { metadata, table });
  },
};
