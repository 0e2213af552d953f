// core/field-overlays: renamed fields and categories, deleted fields, user-defined fields.
import type { Contributor } from '../contributor.js';
import { jsonChunk } from '../contributor.js';
import type { FieldOverlays, Json, UserDefinedField } from '../document.js';
import { dict } from '../../dict.js';
import { arr, bool, field, int, obj, str, json } from '../shape.js';

const ID = 'core/field-overlays';
const KNOWN_UDF_KEYS = [
  'id',
  'source',
  'kind',
  'key',
  'isDeleted',
  'isPurged',
  'categories',
  'codesLength',
  'codesType',
];

const emptyFieldOverlays = (): FieldOverlays => ({
  renames: { fields: dict(), categories: dict() },
  deletedFields: { deleted: [], purged: [] },
  userDefinedFields: [],
});

function stringMap(v: unknown, where: string): Record<string, string> {
  const out = dict<string>();
  if (v === null || v === undefined) return out;
  for (const [k, value] of Object.entries(obj(v, where))) out[k] = str(value, `${where}["${k}"]`);
  return out;
}

function readUserField(v: unknown, i: number, cellCount: number): UserDefinedField {
  const where = `userDefinedFields[${i}]`;
  const o = obj(v, where);
  const kind = field(o, 'kind');
  if (kind !== 'category' && kind !== 'continuous') throw new Error(`${where}.kind must be "category" or "continuous"`);
  const source = field(o, 'source') ?? 'obs';
  if (source !== 'obs' && source !== 'var') throw new Error(`${where}.source must be "obs" or "var"`);
  const f: UserDefinedField = {
    id: str(field(o, 'id'), `${where}.id`),
    source,
    kind,
    key: str(field(o, 'key'), `${where}.key`),
    isDeleted: field(o, 'isDeleted') === undefined ? false : bool(field(o, 'isDeleted'), `${where}.isDeleted`),
    isPurged: field(o, 'isPurged') === undefined ? false : bool(field(o, 'isPurged'), `${where}.isPurged`),
    extra: dict(),
  };
  if (kind === 'category') {
    f.categories = arr(field(o, 'categories'), `${where}.categories`, 65535).map((c, k) => {
      if (typeof c === 'string' || typeof c === 'boolean' || (typeof c === 'number' && Number.isFinite(c))) return c;
      throw new Error(`${where}.categories[${k}] must be a string, number or boolean`);
    });
    f.codesLength = int(field(o, 'codesLength') ?? cellCount, `${where}.codesLength`);
    if (f.codesLength !== cellCount)
      throw new Error(`${where}.codesLength is ${f.codesLength} but the dataset has ${cellCount} cells`);
    const codesType = field(o, 'codesType') ?? (f.categories.length > 255 ? 'Uint16Array' : 'Uint8Array');
    if (codesType !== 'Uint8Array' && codesType !== 'Uint16Array')
      throw new Error(`${where}.codesType must be Uint8Array or Uint16Array`);
    f.codesType = codesType;
  }
  for (const [k, value] of Object.entries(o)) if (!KNOWN_UDF_KEYS.includes(k)) f.extra[k] = json(value);
  return f;
}

function writeUserField(f: UserDefinedField): Json {
  if (f.kind === 'continuous') {
    return {
      id: f.id,
      source: f.source,
      kind: f.kind,
      key: f.key,
      isDeleted: f.isDeleted,
      isPurged: f.isPurged,
      sourceField: f.extra.sourceField ?? null,
      operation: f.extra.operation ?? null,
      createdAt: f.extra.createdAt ?? null,
    };
  }
  const e = f.extra;
  return {
    id: f.id,
    source: f.source,
    kind: f.kind,
    key: f.key,
    categories: f.categories ?? [],
    isDeleted: f.isDeleted,
    isPurged: f.isPurged,
    codesLength: f.codesLength ?? 0,
    codesType: f.codesType ?? 'Uint8Array',
    centroidsByDim: e.centroidsByDim ?? {},
    normalizedDims: e.normalizedDims ?? [],
    sourceField: e.sourceField ?? null,
    operation: e.operation ?? null,
    sourcePages: e.sourcePages ?? [],
    overlapStrategy: e.overlapStrategy ?? 'first',
    overlapLabel: e.overlapLabel ?? null,
    intersectionLabels: e.intersectionLabels ?? null,
    uncoveredLabel: e.uncoveredLabel ?? null,
    createdAt: e.createdAt ?? null,
  };
}

export const fieldOverlaysContributor: Contributor = {
  id: 'field-overlays',
  owns: (chunkId) => chunkId === ID,
  capture(doc) {
    const o = doc.fieldOverlays ?? emptyFieldOverlays();
    // Purged categorical fields have no codes chunk, so they are not written at all.
    const fields = o.userDefinedFields.filter((f) => !(f.kind === 'category' && f.isPurged));
    return [
      jsonChunk(ID, 'field-overlays', 'Field overlays', {
        renames: { fields: o.renames.fields, categories: o.renames.categories },
        deletedFields: { deleted: o.deletedFields.deleted, purged: o.deletedFields.purged },
        userDefinedFields: fields.map(writeUserField),
      }),
    ];
  },
  restore(doc, _meta, payload, ctx) {
    const p = obj(payload, 'payload');
    const renames = field(p, 'renames');
    const deleted = field(p, 'deletedFields');
    const r = renames === null || renames === undefined ? null : obj(renames, 'renames');
    const d = deleted === null || deleted === undefined ? null : obj(deleted, 'deletedFields');
    doc.fieldOverlays = {
      renames: {
        fields: stringMap(r && field(r, 'fields'), 'renames.fields'),
        categories: stringMap(r && field(r, 'categories'), 'renames.categories'),
      },
      deletedFields: {
        deleted: d
          ? arr(field(d, 'deleted') ?? [], 'deletedFields.deleted').map((x, i) => str(x, `deletedFields.deleted[${i}]`))
          : [],
        purged: d
          ? arr(field(d, 'purged') ?? [], 'deletedFields.purged').map((x, i) => str(x, `deletedFields.purged[${i}]`))
          : [],
      },
      userDefinedFields: arr(field(p, 'userDefinedFields') ?? [], 'userDefinedFields', 10_000).map((f, i) =>
        readUserField(f, i, ctx.cellCount),
      ),
    };
  },
};
