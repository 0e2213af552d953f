// Opens an export folder: identity, manifests and their cross-checks. Payloads stay lazy.
import { checkCatalogEntry, openCatalog, type CatalogEntry } from './catalog.js';
import { inThreadDecoder, type PayloadDecoder } from './decoder.js';
import { DatasetError, NotFoundError } from './errors.js';
import type { FetchContext } from './fetching.js';
import { parseIdentity } from './identity.js';
import { folderName, identityFromManifests, probeEmbeddings } from './legacy.js';
import { parseConnectivityManifest, parseObsManifest, parseVarManifest } from './manifests.js';
import { ExportFolderSource } from './source.js';
import type { DatasetIdentity, DatasetSource, LoadedDataset, LoadProgress, Reader } from './types.js';

export interface LoadDatasetOptions {
  /**
   * Catalog entry id when the URL points at a folder holding datasets.json (default: the catalog's default, else its
   * first entry).
   */
  dataset?: string | null;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
  /** Where payloads are decoded (default: in this thread); the element passes a worker pool. */
  decoder?: PayloadDecoder;
  /** A download fails when less than 1 KiB of it arrives in this many milliseconds (default 30,000). */
  stallTimeout?: number;
}

/**
 * Loads the export folder at `url`, an absolute URL (the folder holding dataset_identity.json). When that file is
 * missing but a datasets.json catalog is there (or `url` names a datasets.json file), the entry
 * `options.dataset` (or the catalog default) is opened instead; with neither, the folder's
 * manifests alone (older exporters).
 */
export function loadDataset(url: string, options: LoadDatasetOptions = {}): Promise<DatasetSource> {
  return openExportFolder(url, options, options.decoder ?? inThreadDecoder);
}

/** `loadDataset` with the decoder named: a page bundle that passes its own leaves the in-thread one out. */
export async function openExportFolder(
  url: string,
  options: LoadDatasetOptions,
  decoder: PayloadDecoder,
): Promise<DatasetSource> {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const ctx: FetchContext = { fetch: fetchImpl, signal: options.signal, stallMs: options.stallTimeout };
  const progress = (phase: LoadProgress['phase']) => options.onProgress?.({ phase, loadedBytes: 0, totalBytes: null });
  progress('identity');
  const reader: Reader = {
    json: (url, file) => decoder.read(ctx, { kind: 'json', url, file }),
    exists: (url, file) => decoder.read(ctx, { kind: 'exists', url, file }) as Promise<boolean>,
  };
  const { folder, entry, identityJson } = await locate(reader, url, options.dataset ?? null);
  const json = (file: string) => reader.json(new URL(file, folder).href, file);
  const optional = (file: string) => json(file).catch(orNullWhenMissing);
  let identity: DatasetIdentity | null = identityJson === null ? null : parseIdentity(identityJson, folder);
  if (identity && entry) checkCatalogEntry(entry, identity);
  progress('manifests');
  const stats = identity?.stats;
  const [obsJson, varJson, connJson] = await Promise.all([
    identity ? json('obs_manifest.json') : optional('obs_manifest.json'),
    !stats ? optional('var_manifest.json') : stats.n_genes > 0 ? json('var_manifest.json') : null,
    !stats
      ? optional('connectivity_manifest.json')
      : stats.has_connectivity
        ? json('connectivity_manifest.json')
        : null,
  ]);
  if (obsJson === null)
    throw new DatasetError(
      'dataset_identity.json',
      `not found at ${folder} (and no datasets.json catalog or obs_manifest.json there either)`,
    );
  const obs = parseObsManifest(obsJson, folder);
  const vars = varJson === null ? null : parseVarManifest(varJson, folder);
  const conn = connJson === null ? null : parseConnectivityManifest(connJson, folder);
  if (!identity) {
    const embeddings = await probeEmbeddings(reader, folder);
    identity = identityFromManifests(entry?.id ?? folderName(folder), obs, vars?.genes.length ?? 0, conn, embeddings);
    if (entry) checkCatalogEntry(entry, identity);
  }
  const { n_cells: n, n_genes, n_edges } = identity.stats;
  /** A manifest's count must be the dataset's. */
  const agree = (file: string, what: string, count: number, expected: number | null) => {
    if (count !== expected) throw new DatasetError(file, `${what} is ${count} but the dataset has ${expected}`);
  };
  agree('obs_manifest.json', 'n_points', obs.nPoints, n);
  checkObsInventory(obs.fields, identity.obs_fields);
  if (vars) {
    agree('var_manifest.json', 'n_points', vars.nPoints, n);
    agree('var_manifest.json', 'the number of genes', vars.genes.length, n_genes);
  }
  let connectivity: LoadedDataset['connectivity'] = null;
  if (conn) {
    agree('connectivity_manifest.json', 'n_cells', conn.nCells, n);
    agree('connectivity_manifest.json', 'n_edges', conn.nEdges, n_edges);
    const { nCells: _ignored, ...info } = conn;
    connectivity = info;
  }
  const dataset: LoadedDataset = {
    baseUrl: folder,
    identity,
    cellCount: n,
    varCount: n_genes,
    dimensions: identity.embeddings.available_dimensions,
    defaultDimension: identity.embeddings.default_dimension,
    obsFields: obs.fields,
    genes: vars?.genes ?? [],
    connectivity,
    catalogEntryId: entry?.id ?? null,
  };
  return new ExportFolderSource(dataset, ctx, decoder, options.onProgress);
}

/**
 * The dataset folder `url` names and its identity file (null: there is none). A folder without
 * one may hold a datasets.json catalog, whose entry is opened instead.
 */
async function locate(
  reader: Reader,
  url: string,
  wanted: string | null,
): Promise<{ folder: string; entry: CatalogEntry | null; identityJson: unknown }> {
  const identityOf = (folder: string, file: string) =>
    reader.json(new URL('dataset_identity.json', folder).href, file).catch(orNullWhenMissing);
  if (/datasets\.json([?#].*)?$/i.test(url)) {
    const { folder, entry } = await openCatalog(reader, new URL(url).href, wanted);
    return { folder, entry, identityJson: await identityOf(folder, `${entry.path}dataset_identity.json`) };
  }
  const folder = asFolderUrl(url);
  const identityJson = await identityOf(folder, 'dataset_identity.json');
  if (identityJson !== null) {
    // A dataset folder given together with a catalog entry name: the folder wins.
    return { folder, entry: null, identityJson };
  }
  try {
    const found = await openCatalog(reader, new URL('datasets.json', folder).href, wanted);
    return { ...found, identityJson: await identityOf(found.folder, `${found.entry.path}dataset_identity.json`) };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    return { folder, entry: null, identityJson: null };
  }
}

const orNullWhenMissing = (err: unknown) => (err instanceof NotFoundError ? null : Promise.reject(err));

/** `url` as a directory URL ending in "/". */
function asFolderUrl(url: string): string {
  let resolved: URL;
  try {
    resolved = new URL(url);
  } catch {
    throw new DatasetError(null, `"${url}" is not a valid dataset URL`);
  }
  resolved.hash = '';
  if (!resolved.pathname.endsWith('/')) resolved.pathname += '/';
  return resolved.href;
}

/**
 * The manifest's cell fields and identity.obs_fields must be the same set: the same keys, each of
 * the same kind and category count. Their orders may differ (the exporter lists the identity's in
 * the AnnData column order and the manifest's continuous first); the manifest's order is the one shown.
 */
function checkObsInventory(fields: LoadedDataset['obsFields'], expected: DatasetIdentity['obs_fields']): void {
  const describe = (list: Array<{ key: string; kind: string; n_categories?: number; categories?: unknown[] }>) =>
    new Map(
      list.map((f) => [f.key, f.kind === 'category' ? `category (${f.n_categories ?? f.categories!.length})` : f.kind]),
    );
  const manifest = describe(fields);
  const identity = describe(expected);
  if (manifest.size < fields.length || identity.size < expected.length)
    throw new DatasetError('obs_manifest.json', 'lists a cell field twice (or dataset_identity.json does)');
  for (const key of new Set([...manifest.keys(), ...identity.keys()])) {
    const [here, there] = [manifest.get(key) ?? 'missing', identity.get(key) ?? 'missing'];
    if (here !== there)
      throw new DatasetError(
        'obs_manifest.json',
        `cell field "${key}" is ${here} here but ${there} in dataset_identity.json`,
      );
  }
}
