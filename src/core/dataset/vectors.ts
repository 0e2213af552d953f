// Vector fields (velocity and the like) of an export: checked and loaded only when asked for, so
// a page that does not draw them does not carry their code. Each displacement is in the units of
// the exporter-normalised points, scaled like the points of its dimension (no translation).
import type { DecodeResult } from './decode.js';
import { DatasetError } from './errors.js';
import { DIMS } from './identity.js';
import type { ExportFolderSource } from './source.js';
import type { Dimension, LoadedDataset, VectorFieldInfo } from './types.js';
import { Checker } from './validate.js';

/** The identity's vector fields by id, each file checked to lie in the dataset folder. */
export function vectorFields(ds: LoadedDataset): Map<string, VectorFieldInfo> {
  const out = new Map<string, VectorFieldInfo>();
  const raw = ds.identity.vector_fields;
  if (raw === undefined) return out;
  const c = new Checker('dataset_identity.json', ds.baseUrl);
  const fields = c.object(c.object(raw, 'vector_fields').fields, 'vector_fields.fields');
  for (const [id, value] of Object.entries(fields)) {
    const where = `vector_fields.fields["${id}"]`;
    const f = c.object(value, where);
    const dims = c
      .array(f.available_dimensions, `${where}.available_dimensions`, 3)
      .map((d) => c.oneOf(d, DIMS, `${where}.available_dimensions`));
    const files = c.object(f.files, `${where}.files`);
    const fileMap: VectorFieldInfo['files'] = {};
    for (const d of dims) fileMap[`${d}d`] = c.path(files[`${d}d`], `${where}.files["${d}d"]`);
    out.set(id, {
      label: typeof f.label === 'string' ? f.label : id,
      basis: typeof f.basis === 'string' ? f.basis : '',
      available_dimensions: dims,
      default_dimension: c.oneOf(f.default_dimension ?? dims[dims.length - 1], DIMS, `${where}.default_dimension`),
      files: fileMap,
    });
  }
  return out;
}

/** Displacements of vector field `fieldId` in dimension `dim` (n × 3, the points' scale applied). */
export async function loadVectors(
  source: ExportFolderSource,
  fieldId: string,
  dim: Dimension,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const file = vectorFields(source.dataset).get(fieldId)?.files[`${dim}d`];
  if (!file) throw new DatasetError(null, `this dataset has no ${dim}-D vector field "${fieldId}"`);
  await source.loadPositions(dim, signal);
  const scale = source.normalization(dim)?.scale ?? 1;
  const n = source.dataset.cellCount;
  const r = await source.decodeFile(file, { kind: 'values', dtype: 'float32', count: n * dim }, signal, 'field');
  const src = (r as Extract<DecodeResult, { kind: 'values' }>).values;
  // Padded like the points (1-D → (x,0,0), 2-D → (x,y,0)).
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) out[i * 3 + k] = src[i * dim + k] * scale;
  return out;
}
