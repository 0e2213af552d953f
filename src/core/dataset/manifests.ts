// obs / var / connectivity manifests (compact_v1). The variant comes from the placeholder in
// the path patterns — `{index}` (index-based) or `{key}` (key-based) — never from tuple length.
import type {
  CategoricalFieldInfo,
  Centroid,
  ConnectivityInfo,
  ContinuousFieldInfo,
  GeneInfo,
  ObsFieldInfo,
} from './types.js';
import { Checker } from './validate.js';
import { MAX_FIELDS, MAX_GENES } from './identity.js';

type Variant = 'index' | 'key';
type ValueDtype = 'uint8' | 'uint16' | 'float32';
const EXT_OF: Record<ValueDtype, string> = { uint8: 'u8', uint16: 'u16', float32: 'f32' };

/** File-name form of a key in key-based exports: runs of other characters become "_", "._" trimmed. */
export function safeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|[._]+$/g, '') || 'field';
}

/** One placeholder in every pattern, and only one kind: mixing them is as wrong as lacking one. */
function variantOf(c: Checker, patterns: string[], where: string): Variant {
  const variant = patterns[0].includes('{index}') ? 'index' : 'key';
  const other = variant === 'index' ? '{key}' : '{index}';
  if (!patterns.every((p) => p.includes(`{${variant}}`) && !p.includes(other)))
    c.fail(`${where} path patterns must all hold {index}, or all hold {key}, not both (${JSON.stringify(patterns)})`);
  return variant;
}

function substitute(pattern: string, variant: Variant, index: number, key: string, ext?: string): string {
  let path =
    variant === 'index' ? pattern.replaceAll('{index}', String(index)) : pattern.replaceAll('{key}', safeKey(key));
  if (ext !== undefined) path = path.replaceAll('{ext}', ext);
  return path;
}

interface ValueSchema {
  pattern: string;
  dtype: ValueDtype;
  bits: 8 | 16 | null;
}

function valueSchema(c: Checker, raw: unknown, where: string): ValueSchema {
  const s = c.object(raw, where);
  const pattern = c.path(s.pathPattern, `${where}.pathPattern`);
  const dtype = c.oneOf(s.dtype, ['uint8', 'uint16', 'float32'] as const, `${where}.dtype`);
  const quantized = dtype !== 'float32';
  if (s.quantized !== undefined && s.quantized !== quantized)
    c.fail(`${where}.quantized does not match dtype ${dtype}`);
  return { pattern, dtype, bits: dtype === 'uint8' ? 8 : dtype === 'uint16' ? 16 : null };
}

/** Index/key and bounds of a value tuple; `withIndex` for variant B. */
function valueTuple(c: Checker, t: unknown, variant: Variant, quantized: boolean, where: string) {
  const a = c.array(t, where, 16);
  const head = variant === 'index' ? 2 : 1;
  const allowed = quantized ? [head + 2] : [head, head + 2];
  if (!allowed.includes(a.length))
    c.fail(
      `${where} has ${a.length} entries; expected ${allowed.join(' or ')} for a ` +
        `${variant}-based ${quantized ? 'quantised' : 'float32'} field`,
    );
  const index = variant === 'index' ? c.count(a[0], `${where}[0] (index)`) : -1;
  const key = c.string(a[head - 1], `${where} key`, { nonEmpty: true });
  let min: number | null = null;
  let max: number | null = null;
  if (a.length === head + 2) {
    min = c.number(a[head], `${where} minValue`);
    max = c.number(a[head + 1], `${where} maxValue`);
    if (max < min) c.fail(`${where} has maxValue < minValue`);
  }
  return { index, key, min, max };
}

export interface ObsManifest {
  nPoints: number;
  fields: ObsFieldInfo[];
}

/**
 * Path patterns must lead into `folder`. That covers every path made from them: keys enter as safe
 * keys (letters, digits, ".", "_", "-", never "." or ".." alone) and indices as numbers.
 */
export function parseObsManifest(json: unknown, folder?: string): ObsManifest {
  const c = new Checker('obs_manifest.json', folder);
  const root = c.object(json, 'the file');
  if (root._format !== 'compact_v1')
    c.fail(`_format ${JSON.stringify(root._format)} is not supported (only compact_v1)`);
  const nPoints = c.count(root.n_points, 'n_points');
  const schemas = root._obsSchemas === undefined ? {} : c.object(root._obsSchemas, '_obsSchemas');
  const contRaw = c.array(root._continuousFields ?? [], '_continuousFields', MAX_FIELDS);
  const catRaw = c.array(root._categoricalFields ?? [], '_categoricalFields', MAX_FIELDS);
  const cont = contRaw.length ? valueSchema(c, schemas.continuous, '_obsSchemas.continuous') : null;
  let cat: { codes: string; outlier: string | null; outlierDtype: ValueDtype } | null = null;
  if (catRaw.length) {
    const s = c.object(schemas.categorical, '_obsSchemas.categorical');
    const outlier =
      s.outlierPathPattern === undefined || s.outlierPathPattern === null
        ? null
        : c.path(s.outlierPathPattern, '_obsSchemas.categorical.outlierPathPattern');
    cat = {
      codes: c.path(s.codesPathPattern, '_obsSchemas.categorical.codesPathPattern'),
      outlier,
      outlierDtype: outlier
        ? c.oneOf(
            s.outlierDtype ?? 'float32',
            ['uint8', 'uint16', 'float32'] as const,
            '_obsSchemas.categorical.outlierDtype',
          )
        : 'float32',
    };
  }
  const patterns = [cont?.pattern, cat?.codes, cat?.outlier].filter((p): p is string => typeof p === 'string');
  const variant: Variant = patterns.length ? variantOf(c, patterns, 'obs manifest') : 'index';
  const fields: ObsFieldInfo[] = [];
  const usedIndices = new Set<number>();
  const claim = (index: number, where: string) => {
    if (variant !== 'index') return;
    if (usedIndices.has(index)) c.fail(`${where} reuses obs index ${index}`);
    usedIndices.add(index);
  };
  contRaw.forEach((t, i) => {
    const where = `_continuousFields[${i}]`;
    const v = valueTuple(c, t, variant, cont!.bits !== null, where);
    claim(v.index, where);
    const info: ContinuousFieldInfo = {
      kind: 'continuous',
      key: v.key,
      index: fields.length,
      valuesPath: substitute(cont!.pattern, variant, v.index, v.key),
      dtype: cont!.dtype,
      quantizationBits: cont!.bits,
      minValue: v.min,
      maxValue: v.max,
    };
    fields.push(info);
  });
  catRaw.forEach((t, i) => {
    const where = `_categoricalFields[${i}]`;
    const a = c.array(t, where, 16);
    const head = variant === 'index' ? 2 : 1;
    const outlierQuantized = cat!.outlierDtype !== 'float32';
    const allowed = outlierQuantized ? [head + 6] : [head + 4, head + 6];
    if (!allowed.includes(a.length))
      c.fail(
        `${where} has ${a.length} entries; expected ${allowed.join(' or ')} for a ${variant}-based categorical field`,
      );
    const index = variant === 'index' ? c.count(a[0], `${where}[0] (index)`) : -1;
    claim(index, where);
    const key = c.string(a[head - 1], `${where} key`, { nonEmpty: true });
    const categories = c
      .array(a[head], `${where} categories`, 65535)
      .map((x, k) =>
        typeof x === 'string'
          ? x
          : typeof x === 'number' || typeof x === 'boolean'
            ? String(x)
            : c.fail(`${where} category ${k} must be a string`),
      );
    const codesDtype = c.oneOf(a[head + 1], ['uint8', 'uint16'] as const, `${where} codesDtype`);
    const maxCategories = codesDtype === 'uint8' ? 255 : 65535;
    if (categories.length > maxCategories)
      c.fail(`${where} has ${categories.length} categories, more than ${codesDtype} codes can hold`);
    const missing = c.count(a[head + 2], `${where} codesMissingValue`);
    let oMin: number | null = null;
    let oMax: number | null = null;
    if (a.length === head + 6) {
      oMin = c.number(a[head + 4], `${where} outlierMin`);
      oMax = c.number(a[head + 5], `${where} outlierMax`);
    }
    const info: CategoricalFieldInfo = {
      kind: 'category',
      key,
      index: fields.length,
      categories,
      codesPath: substitute(cat!.codes, variant, index, key, codesDtype === 'uint8' ? 'u8' : 'u16'),
      codesDtype,
      codesMissingValue: missing,
      // Kept as written and checked when asked for (centroidsOf, for the centroid labels).
      centroidsByDim: a[head + 3],
      outlierPath: cat!.outlier ? substitute(cat!.outlier, variant, index, key, EXT_OF[cat!.outlierDtype]) : null,
      outlierDtype: cat!.outlierDtype,
      outlierQuantizationBits: cat!.outlierDtype === 'uint8' ? 8 : cat!.outlierDtype === 'uint16' ? 16 : null,
      outlierMinValue: oMin,
      outlierMaxValue: oMax,
    };
    fields.push(info);
  });
  return { nPoints, fields };
}

/** A categorical field's category centroids per dimension, checked. */
export function centroidsOf(info: CategoricalFieldInfo): Partial<Record<'1' | '2' | '3', Centroid[]>> {
  const c = new Checker('obs_manifest.json');
  const where = `field "${info.key}" centroidsByDim`;
  const raw = info.centroidsByDim;
  if (raw === null || raw === undefined) return {};
  const o = c.object(raw, where);
  const out: Partial<Record<'1' | '2' | '3', Centroid[]>> = {};
  for (const dim of ['1', '2', '3'] as const) {
    if (o[dim] === undefined) continue;
    out[dim] = c.array(o[dim], `${where}["${dim}"]`, 65535).map((x, i): Centroid => {
      const e = c.object(x, `${where}["${dim}"][${i}]`);
      const position = c
        .array(e.position, `${where}["${dim}"][${i}].position`, 3)
        .map((p) => c.number(p, 'centroid position'));
      return { category: String(e.category), position, n_points: c.count(e.n_points ?? 0, 'centroid n_points') };
    });
  }
  return out;
}

export interface VarManifest {
  nPoints: number;
  genes: GeneInfo[];
}

export function parseVarManifest(json: unknown, folder?: string): VarManifest {
  const c = new Checker('var_manifest.json', folder);
  const root = c.object(json, 'the file');
  if (root._format !== 'compact_v1')
    c.fail(`_format ${JSON.stringify(root._format)} is not supported (only compact_v1)`);
  const nPoints = c.count(root.n_points, 'n_points');
  const schema = valueSchema(c, root._varSchema, '_varSchema');
  const variant = variantOf(c, [schema.pattern], 'var manifest');
  const used = new Set<number>();
  const genes = c.array(root.fields, 'fields', MAX_GENES).map((t, i): GeneInfo => {
    const where = `fields[${i}]`;
    const v = valueTuple(c, t, variant, schema.bits !== null, where);
    if (variant === 'index') {
      if (used.has(v.index)) c.fail(`${where} reuses var index ${v.index}`);
      used.add(v.index);
    }
    return {
      key: v.key,
      index: i,
      valuesPath: substitute(schema.pattern, variant, v.index, v.key),
      dtype: schema.dtype,
      quantizationBits: schema.bits,
      minValue: v.min,
      maxValue: v.max,
    };
  });
  return { nPoints, genes };
}

export function parseConnectivityManifest(json: unknown, folder?: string): ConnectivityInfo & { nCells: number } {
  const c = new Checker('connectivity_manifest.json', folder);
  const root = c.object(json, 'the file');
  if (root.format !== 'edge_pairs') c.fail(`format ${JSON.stringify(root.format)} is not supported (only edge_pairs)`);
  const indexBytes = c.oneOf(root.index_bytes, [2, 4] as const, 'index_bytes');
  return {
    nCells: c.count(root.n_cells, 'n_cells'),
    nEdges: c.count(root.n_edges, 'n_edges'),
    indexBytes,
    sourcesPath: c.path(root.sourcesPath, 'sourcesPath'),
    destinationsPath: c.path(root.destinationsPath, 'destinationsPath'),
    weightsPath:
      root.weightsPath === undefined || root.weightsPath === null ? null : c.path(root.weightsPath, 'weightsPath'),
  };
}
