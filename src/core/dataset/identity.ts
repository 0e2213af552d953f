// dataset_identity.json, version 2: validated strictly in structure, unknown keys ignored.
import type { DatasetIdentity, Dimension, VectorFieldInfo } from './types.js';
import { Checker } from './validate.js';

const DIMS = [1, 2, 3] as const;
const MAX_CELLS = 200_000_000;
export const MAX_FIELDS = 100_000;
export const MAX_GENES = 2_000_000;

export function parseIdentity(json: unknown, file = 'dataset_identity.json'): DatasetIdentity {
  const c = new Checker('identity', file);
  const root = c.object(json, 'the file');
  if (root.version !== 2) c.fail(`version ${JSON.stringify(root.version)} is not supported (only version 2)`);
  const stats = c.object(root.stats, 'stats');
  const nCells = c.count(stats.n_cells, 'stats.n_cells');
  if (nCells === 0) c.fail('stats.n_cells must be greater than 0');
  if (nCells > MAX_CELLS) c.fail(`stats.n_cells ${nCells} exceeds the limit of ${MAX_CELLS}`);
  const hasConnectivity = c.boolean(stats.has_connectivity, 'stats.has_connectivity');
  const nEdges = stats.n_edges === null || stats.n_edges === undefined ? null : c.count(stats.n_edges, 'stats.n_edges');
  if (hasConnectivity && nEdges === null) c.fail('stats.n_edges is required when has_connectivity is true');
  const nGenes = c.count(stats.n_genes, 'stats.n_genes');
  if (nGenes > MAX_GENES) c.fail(`stats.n_genes ${nGenes} exceeds the limit of ${MAX_GENES}`);
  const emb = c.object(root.embeddings, 'embeddings');
  const dims = c
    .array(emb.available_dimensions, 'embeddings.available_dimensions', 3)
    .map((d, i) => c.oneOf(d, DIMS, `embeddings.available_dimensions[${i}]`));
  if (dims.length === 0) c.fail('embeddings.available_dimensions must not be empty');
  for (let i = 1; i < dims.length; i++)
    if (dims[i] <= dims[i - 1]) c.fail('embeddings.available_dimensions must be strictly increasing');
  const defaultDim = c.oneOf(emb.default_dimension, DIMS, 'embeddings.default_dimension');
  if (!dims.includes(defaultDim))
    c.fail(`embeddings.default_dimension ${defaultDim} is not among the available dimensions`);
  const files = c.object(emb.files, 'embeddings.files');
  const embFiles: DatasetIdentity['embeddings']['files'] = {};
  for (const d of dims) embFiles[`${d}d` as '1d'] = c.relativePath(files[`${d}d`], `embeddings.files["${d}d"]`);
  const obsFields = c.array(root.obs_fields, 'obs_fields', MAX_FIELDS).map((f, i) => {
    const o = c.object(f, `obs_fields[${i}]`);
    const kind = c.oneOf(o.kind, ['continuous', 'category'] as const, `obs_fields[${i}].kind`);
    const entry: DatasetIdentity['obs_fields'][number] = { key: c.string(o.key, `obs_fields[${i}].key`), kind };
    if (kind === 'category') entry.n_categories = c.count(o.n_categories, `obs_fields[${i}].n_categories`);
    return entry;
  });
  const identity: DatasetIdentity = {
    version: 2,
    id: c.string(root.id, 'id', { nonEmpty: true }),
    name: typeof root.name === 'string' ? root.name : c.string(root.id, 'id'),
    description: typeof root.description === 'string' ? root.description : '',
    stats: {
      n_cells: nCells,
      n_genes: nGenes,
      n_obs_fields: c.count(stats.n_obs_fields, 'stats.n_obs_fields'),
      n_categorical_fields: c.count(stats.n_categorical_fields, 'stats.n_categorical_fields'),
      n_continuous_fields: c.count(stats.n_continuous_fields, 'stats.n_continuous_fields'),
      has_connectivity: hasConnectivity,
      n_edges: hasConnectivity ? nEdges : null,
    },
    embeddings: { available_dimensions: dims as Dimension[], default_dimension: defaultDim, files: embFiles },
    obs_fields: obsFields,
  };
  if (typeof root.created_at === 'string') identity.created_at = root.created_at;
  if (typeof root.cellucid_data_version === 'string') identity.cellucid_data_version = root.cellucid_data_version;
  if (typeof root.source === 'object' && root.source !== null && !Array.isArray(root.source)) {
    const s = root.source as Record<string, unknown>;
    identity.source = {};
    for (const k of ['name', 'url', 'citation', 'filename'] as const)
      if (typeof s[k] === 'string') identity.source[k] = s[k] as string;
  }
  if (root.vector_fields !== undefined && root.vector_fields !== null)
    identity.vector_fields = parseVectorFields(c, root.vector_fields);
  const st = identity.stats;
  const nCat = obsFields.filter((f) => f.kind === 'category').length;
  if (st.n_obs_fields !== obsFields.length)
    c.fail(`stats.n_obs_fields is ${st.n_obs_fields} but obs_fields lists ${obsFields.length}`);
  if (st.n_categorical_fields !== nCat)
    c.fail(`stats.n_categorical_fields is ${st.n_categorical_fields} but obs_fields lists ${nCat}`);
  if (st.n_continuous_fields !== obsFields.length - nCat)
    c.fail(`stats.n_continuous_fields is ${st.n_continuous_fields} but obs_fields lists ${obsFields.length - nCat}`);
  return identity;
}

function parseVectorFields(c: Checker, value: unknown): NonNullable<DatasetIdentity['vector_fields']> {
  const vf = c.object(value, 'vector_fields');
  const fields = c.object(vf.fields, 'vector_fields.fields');
  const out: Record<string, VectorFieldInfo> = {};
  for (const [id, raw] of Object.entries(fields)) {
    const f = c.object(raw, `vector_fields.fields["${id}"]`);
    const dims = c
      .array(f.available_dimensions, `vector_fields.fields["${id}"].available_dimensions`, 3)
      .map((d) => c.oneOf(d, DIMS, 'vector dimension'));
    const files = c.object(f.files, `vector_fields.fields["${id}"].files`);
    const fileMap: VectorFieldInfo['files'] = {};
    for (const d of dims)
      fileMap[`${d}d` as '1d'] = c.relativePath(files[`${d}d`], `vector_fields.fields["${id}"].files["${d}d"]`);
    Object.defineProperty(out, id, {
      value: {
        label: typeof f.label === 'string' ? f.label : id,
        basis: typeof f.basis === 'string' ? f.basis : '',
        available_dimensions: dims as Dimension[],
        default_dimension: c.oneOf(f.default_dimension ?? dims[dims.length - 1], DIMS, 'vector default_dimension'),
        files: fileMap,
      },
      enumerable: true,
    });
  }
  const result: NonNullable<DatasetIdentity['vector_fields']> = { fields: out };
  if (typeof vf.default_field === 'string') result.default_field = vf.default_field;
  return result;
}
