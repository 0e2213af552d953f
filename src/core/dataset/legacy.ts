// Export folders without dataset_identity.json, as older exporters wrote them: the identity is
// made from the manifests, as older versions of the Cellucid app did. The dataset id is the
// folder's name (or the catalog entry's id) and the embeddings are the points files present.
import { DatasetError } from './errors.js';
import { DIMS } from './identity.js';
import type { ObsManifest } from './manifests.js';
import type { ConnectivityInfo, DatasetIdentity, Reader } from './types.js';

/** The points files in `folder`: points_{d}d.bin.gz, else points_{d}d.bin, for each dimension. */
export async function probeEmbeddings(reader: Reader, folder: string): Promise<DatasetIdentity['embeddings']> {
  const files: DatasetIdentity['embeddings']['files'] = {};
  const found = await Promise.all(
    DIMS.map(async (d) => {
      for (const name of [`points_${d}d.bin.gz`, `points_${d}d.bin`])
        if (await reader.exists(new URL(name, folder).href, name)) return (files[`${d}d`] = name);
    }),
  );
  const dims = DIMS.filter((_, i) => found[i]);
  if (dims.length === 0)
    throw new DatasetError(null, `${folder} has no dataset_identity.json and no points_{1,2,3}d.bin[.gz]`);
  return { available_dimensions: dims, default_dimension: dims[dims.length - 1], files };
}

/** The name a folder URL ends in ("…/pbmc3k/" → "pbmc3k"), for a dataset without an identity file. */
export function folderName(folder: string): string {
  const segment = new URL(folder).pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(segment) || 'dataset';
  } catch {
    return segment;
  }
}

export function identityFromManifests(
  id: string,
  obs: ObsManifest,
  geneCount: number,
  connectivity: (ConnectivityInfo & { nCells: number }) | null,
  embeddings: DatasetIdentity['embeddings'],
): DatasetIdentity {
  const categorical = obs.fields.filter((f) => f.kind === 'category').length;
  return {
    version: 2,
    id,
    name: id,
    stats: {
      n_cells: obs.nPoints,
      n_genes: geneCount,
      n_obs_fields: obs.fields.length,
      n_categorical_fields: categorical,
      n_continuous_fields: obs.fields.length - categorical,
      has_connectivity: connectivity !== null,
      n_edges: connectivity ? connectivity.nEdges : null,
    },
    embeddings,
    obs_fields: obs.fields.map((f) =>
      f.kind === 'category'
        ? { key: f.key, kind: f.kind, n_categories: f.categories.length }
        : { key: f.key, kind: f.kind },
    ),
  };
}
