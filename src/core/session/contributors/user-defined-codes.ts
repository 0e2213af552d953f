// user-defined/codes/<fieldId>: per-cell codes of a user-defined categorical field.
import { byId, type Contributor, type ChunkDescriptor } from '../contributor.js';
import { decodeUserCodes } from '../codecs/user-codes.js';
import type { ChunkEncoding } from '../chunk-encoding.js';
import type { UserDefinedField } from '../document.js';

const PREFIX = 'user-defined/codes/';

/** Fields by id, indexed once per field-overlays payload (the first of a duplicated id wins). */
const fieldIndex = new WeakMap<object, Map<string, UserDefinedField>>();

export const userDefinedCodesContributor: Contributor = {
  id: 'user-defined-codes',
  owns: (chunkId) => chunkId.startsWith(PREFIX),
  capture(doc) {
    const fields = doc.fieldOverlays?.userDefinedFields ?? [];
    const active = activeFieldKeys(doc);
    const out: ChunkDescriptor[] = [];
    for (const f of fields) {
      if (f.kind !== 'category' || f.isPurged) continue;
      const codes = doc.userDefinedCodes.get(f.id);
      if (!codes) continue;
      const encoding: ChunkEncoding = { kind: 'user-codes', codes: codes.codes };
      out.push({
        id: `${PREFIX}${f.id}`,
        contributorId: 'user-defined-codes',
        // Eager when the field colours a view: its codes are needed for the first picture.
        priority: active.has(f.key) ? 'eager' : 'lazy',
        kind: 'binary',
        codec: 'gzip',
        label: `User-defined codes: ${f.key}`,
        datasetDependent: true,
        encoding,
      });
    }
    return out;
  },
  restore(doc, meta, payload, ctx) {
    if (!(payload instanceof Uint8Array)) throw new Error('codes chunk must be binary');
    const fieldId = meta.id.slice(PREFIX.length);
    const o = doc.fieldOverlays;
    const field = o && byId(fieldIndex, o, () => o.userDefinedFields, fieldId);
    const decoded = decodeUserCodes(payload, {
      length: ctx.cellCount,
      strict: ctx.generation === 'strict',
      codesType: field?.codesType,
    });
    const categoryCount = field?.categories?.length;
    if (categoryCount !== undefined) {
      const missing = decoded.codes instanceof Uint8Array ? 255 : 65535;
      for (let i = 0; i < decoded.codes.length; i++) {
        const c = decoded.codes[i];
        if (c >= categoryCount && c !== missing)
          throw new Error(`cell ${i} has code ${c} but the field has ${categoryCount} categories`);
      }
    }
    doc.userDefinedCodes.set(fieldId, decoded);
  },
};

function activeFieldKeys(doc: {
  coreState: {
    activeFields: { activeFieldKey: string | null };
    multiview: { snapshots: Array<{ fieldKey: string | null }> } | null;
  } | null;
}): Set<string> {
  const keys = new Set<string>();
  const cs = doc.coreState;
  if (!cs) return keys;
  if (cs.activeFields.activeFieldKey) keys.add(cs.activeFields.activeFieldKey);
  for (const s of cs.multiview?.snapshots ?? []) if (s.fieldKey) keys.add(s.fieldKey);
  return keys;
}
