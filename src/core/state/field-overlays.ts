// Edits layered over the export: display names of fields and categories, soft-deleted fields,
// and user-defined fields: categorical ones with one code per cell, and continuous ones that are
// copies of an export field or gene under a name of their own. The export itself never changes.
import type { CategoricalFieldData, FieldData } from '../dataset/types.js';
import type { Json } from '../session/document.js';
import type { HighlightPage } from './highlights.js';
import { plainText } from './plain-text.js';
import { formatFieldRef } from './field-ref.js';

interface UserFieldBase {
  /** Wire id, `udf_<n>`. */
  id: string;
  key: string;
  /** Saved keys this viewer does not interpret (operation, sourcePages, …), kept for round trips. */
  extra: Record<string, Json>;
}

/** A categorical cell field of the viewer's own (always on the cell side). */
export interface CategoricalUserField extends UserFieldBase {
  kind: 'category';
  source: 'obs';
  categories: string[];
  /** One code per cell; 255 (8-bit) or 65535 (16-bit) = no category. */
  codes: Uint8Array | Uint16Array;
}

/** A continuous field whose values are those of an export field (obs) or gene (var), `sourceKey`. */
export interface ContinuousUserField extends UserFieldBase {
  kind: 'continuous';
  source: 'obs' | 'var';
  sourceKey: string;
}

export type UserField = CategoricalUserField | ContinuousUserField;

/** "obs:key" / "var:key": how menus, renames and deletions name a field. */
export const userFieldRef = (f: UserField): string => formatFieldRef(f);

export interface FieldOverlayState {
  /** "obs:key" / "var:gene" → display name. */
  fieldRenames: Map<string, string>;
  /** Category id (see categoryRenameId) → display label. */
  categoryRenames: Map<string, string>;
  /** Soft-deleted fields ("obs:key"): hidden from menus, restorable. */
  deleted: Set<string>;
  userFields: UserField[];
}

const MAX_NAME_LENGTH = 256;

export function emptyOverlays(): FieldOverlayState {
  return { fieldRenames: new Map(), categoryRenames: new Map(), deleted: new Set(), userFields: [] };
}

/** The Cellucid rename-registry id of a category: source, key length, key, type tag, label. */
export function categoryRenameId(source: 'obs' | 'var', fieldKey: string, label: string | number | boolean): string {
  const tag = typeof label === 'number' ? 'n' : typeof label === 'boolean' ? 'b' : 's';
  return `${source}:${fieldKey.length}:${fieldKey}:${tag}:${String(label)}`;
}

/**
 * A name for a field or category: trimmed, printable, 1–256 characters, no ":" in field names. Throws a clear Error.
 */
export function cleanName(method: string, name: unknown, what: 'field' | 'category'): string {
  if (typeof name !== 'string') throw new Error(`${method}: the new name must be a string.`);
  const text = plainText(name, Infinity);
  if (!text) throw new Error(`${method}: the new name needs at least one visible character.`);
  if ([...text].length > MAX_NAME_LENGTH)
    throw new Error(`${method}: names are at most ${MAX_NAME_LENGTH} characters.`);
  if (what === 'field' && text.includes(':')) throw new Error(`${method}: field names cannot contain ":".`);
  return text;
}

/** A user field as the colouring code reads categorical fields (codes widened, 65535 = missing). */
export function userFieldData(f: CategoricalUserField): CategoricalFieldData {
  const missing = f.codes instanceof Uint8Array ? 255 : 65535;
  const codes = new Uint16Array(f.codes.length);
  const counts = new Uint32Array(f.categories.length);
  for (let i = 0; i < f.codes.length; i++) {
    const c = f.codes[i];
    if (c === missing || c >= f.categories.length) codes[i] = 65535;
    else {
      codes[i] = c;
      counts[c]++;
    }
  }
  return { kind: 'category', key: f.key, categories: f.categories, codes, counts, outlierQuantiles: null };
}

export function nextUserFieldId(fields: readonly UserField[]): string {
  let n = 0;
  for (const f of fields) n = Math.max(n, Number(/^udf_(\d+)$/.exec(f.id)?.[1] ?? 0));
  return `udf_${n + 1}`;
}

/**
 * A categorical field from highlight pages, as the Cellucid app makes one: one category per page,
 * named by the page, holding the cells of its enabled groups; a cell on several pages takes the
 * first page's category, cells on none have no category (gray, and missing in AnnData).
 */
export function fieldFromHighlightPages(
  pages: readonly HighlightPage[],
  cellCount: number,
  id: string,
  key: string,
): CategoricalUserField {
  if (pages.length === 0) throw new Error('no highlight page to make categories of.');
  const categories = pages.map((p) => p.name.trim());
  const twice = categories.find((name, i) => !name || categories.indexOf(name) !== i);
  if (twice !== undefined) throw new Error(`two pages are named "${twice}": each page becomes a category of its name.`);
  const { codes, missing } = emptyCodes(pages.length, cellCount);
  pages.forEach((page, k) => {
    for (const g of page.groups) {
      if (!g.enabled) continue;
      const cells = g.cells; // indexed: for…of on a typed array is several times slower on a million cells
      for (let j = 0; j < cells.length; j++) if (codes[cells[j]] === missing) codes[cells[j]] = k;
    }
  });
  return categoricalUserField(id, key, categories, codes, {
    sourceField: null,
    operation: null,
    sourcePages: pages.map((p, k) => ({ pageId: p.id, label: categories[k] })),
  });
}

/** One code per cell, all "no category": 8-bit up to 255 categories (255 = none), 16-bit beyond (65535). */
function emptyCodes(categoryCount: number, cellCount: number): { codes: Uint8Array | Uint16Array; missing: number } {
  const wide = categoryCount > 255;
  const missing = wide ? 65535 : 255;
  return { codes: (wide ? new Uint16Array(cellCount) : new Uint8Array(cellCount)).fill(missing), missing };
}

/** A categorical user field with the Cellucid app's keys for what this viewer does not compute (centroids). */
function categoricalUserField(
  id: string,
  key: string,
  categories: string[],
  codes: Uint8Array | Uint16Array,
  provenance: Record<string, Json>,
): CategoricalUserField {
  const extra = {
    centroidsByDim: {},
    normalizedDims: [],
    overlapStrategy: 'first',
    overlapLabel: null,
    intersectionLabels: null,
    uncoveredLabel: null,
    ...provenance,
    createdAt: Date.now(),
  };
  return { kind: 'category', source: 'obs', id, key, categories, codes, extra };
}

/**
 * A copy of a field under a new key, as the Cellucid app's "duplicate": a categorical field's
 * codes are copied with its categories under their current display labels; a continuous field
 * or gene becomes a continuous user field that reads its source's values. `from.key` is the
 * source's export key. The source's position is left out: the app's restore does not read it, and
 * the Python reader checks it against the AnnData column order, which the app's own count differs from.
 */
export function copyOfField(
  data: FieldData,
  from: { source: 'obs' | 'var'; key: string },
  labels: readonly string[] | null,
  id: string,
  key: string,
): UserField {
  const kind =
    data.kind === 'category' ? 'categorical-obs' : from.source === 'var' ? 'gene-expression' : 'continuous-obs';
  const sourceField = { kind, sourceKey: from.key };
  const operation = { type: 'copy-field', source: from.source, sourceKey: from.key };
  if (data.kind === 'continuous')
    return {
      kind: 'continuous',
      source: from.source,
      id,
      key,
      sourceKey: from.key,
      extra: { sourceField, operation, createdAt: Date.now() },
    };
  const categories = [...(labels ?? data.categories)];
  const { codes } = emptyCodes(categories.length, data.codes.length);
  for (let i = 0; i < codes.length; i++) if (data.codes[i] < categories.length) codes[i] = data.codes[i];
  return categoricalUserField(id, key, categories, codes, { sourceField, operation, sourcePages: [] });
}
