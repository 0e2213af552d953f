// dataset_identity.json, version 2: validated strictly in structure, unknown keys ignored.
import type { DatasetIdentity, Dimension } from './types.js';
import { Checker } from './validate.js';

export const DIMS = [1, 2, 3] as const;
const MAX_CELLS = 200_000_000;
export const MAX_FIELDS = 100_000;
export const MAX_GENES = 2_000_000;

/** The identity of the dataset in `folder` (its files must lie there). */
export function parseIdentity(json: unknown, folder?: string): DatasetIdentity {
  const c = new Checker('dataset_identity.json', folder);
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
  for (const d of dims) embFiles[`${d}d` as '1d'] = c.path(files[`${d}d`], `embeddings.files["${d}d"]`);
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
  // Kept as written and checked when asked for (vectorFields): the viewer does not draw them yet.
  if (root.vector_fields !== undefined && root.vector_fields !== null) identity.vector_fields = root.vector_fields;
  const st = identity.stats;
  const nCat = obsFields.filter((f) => f.kind === 'category').length;
  const said = [st.n_obs_fields, st.n_categorical_fields, st.n_continuous_fields].join('/');
  const listed = [obsFields.length, nCat, obsFields.length - nCat].join('/');
  if (said !== listed)
    c.fail(`stats.n_obs_fields/n_categorical_fields/n_continuous_fields are ${said} but obs_fields lists ${listed}`);
  return identity;
}
