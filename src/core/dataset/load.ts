// Opens an export folder: identity, manifests and their cross-checks. Payloads stay lazy.
import { inThreadDecoder, type PayloadDecoder } from './decoder.js';
import { DatasetError } from './errors.js';
import { asFolderUrl, fetchJson, NotFoundError, type FetchContext } from './fetching.js';
import { parseIdentity } from './identity.js';
import { parseConnectivityManifest, parseObsManifest, parseVarManifest } from './manifests.js';
import { ExportFolderSource } from './source.js';
import type { DatasetSource, LoadedDataset, LoadProgress } from './types.js';
import { Checker } from './validate.js';

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
}

interface CatalogEntry {
  id: string;
  path: string;
  name?: string;
  n_cells?: number;
  n_genes?: number;
}

/**
 * Loads the export folder at `url` (the folder holding dataset_identity.json). When that file is
 * missing but a datasets.json catalog is there (or `url` names a datasets.json file), the entry
 * `options.dataset` (or the catalog default) is opened instead.
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
  const ctx: FetchContext = { fetch: fetchImpl, signal: options.signal };
  const progress = (phase: LoadProgress['phase']) => options.onProgress?.({ phase, loadedBytes: 0, totalBytes: null });
  progress('identity');
  let folder: string;
  let entry: CatalogEntry | null = null;
  let identityJson: unknown;
  if (/datasets\.json([?#].*)?$/i.test(url)) {
    ({ folder, entry } = await openCatalog(ctx, new URL(url, pageUrl()).href, options.dataset ?? null));
    identityJson = await fetchJson(
      ctx,
      new URL('dataset_identity.json', folder).href,
      'dataset_identity.json',
      'identity',
    );
  } else {
    folder = asFolderUrl(url, pageUrl());
    try {
      identityJson = await fetchJson(
        ctx,
        new URL('dataset_identity.json', folder).href,
        'dataset_identity.json',
        'identity',
      );
      if (options.dataset) {
        // A dataset folder was given together with a catalog entry name: the folder wins, but say so.
        console.info(
          `cellucid-viewer: ${folder} is a dataset folder; the dataset attribute "${options.dataset}" is ignored.`,
        );
      }
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      try {
        ({ folder, entry } = await openCatalog(ctx, new URL('datasets.json', folder).href, options.dataset ?? null));
      } catch (catalogErr) {
        if (catalogErr instanceof NotFoundError) {
          throw new DatasetError(
            'identity',
            'dataset_identity.json',
            `not found at ${folder} (and no datasets.json catalog there either)`,
          );
        }
        throw catalogErr;
      }
      identityJson = await fetchJson(
        ctx,
        new URL('dataset_identity.json', folder).href,
        `${entry.path}dataset_identity.json`,
        'identity',
      );
    }
  }
  const identity = parseIdentity(identityJson);
  if (entry) checkCatalogEntry(entry, identity);
  progress('manifests');
  const stats = identity.stats;
  const [obsJson, varJson, connJson] = await Promise.all([
    fetchJson(ctx, new URL('obs_manifest.json', folder).href, 'obs_manifest.json', 'manifest'),
    stats.n_genes > 0
      ? fetchJson(ctx, new URL('var_manifest.json', folder).href, 'var_manifest.json', 'manifest')
      : null,
    stats.has_connectivity
      ? fetchJson(ctx, new URL('connectivity_manifest.json', folder).href, 'connectivity_manifest.json', 'manifest')
      : null,
  ]);
  const obs = parseObsManifest(obsJson);
  const n = stats.n_cells;
  const fail = (file: string, problem: string): never => {
    throw new DatasetError('manifest', file, problem);
  };
  if (obs.nPoints !== n) fail('obs_manifest.json', `n_points is ${obs.nPoints} but the dataset has ${n} cells`);
  checkObsInventory(obs.fields, identity.obs_fields);
  let genes: LoadedDataset['genes'] = [];
  if (varJson !== null) {
    const v = parseVarManifest(varJson);
    if (v.nPoints !== n) fail('var_manifest.json', `n_points is ${v.nPoints} but the dataset has ${n} cells`);
    if (v.genes.length !== stats.n_genes)
      fail('var_manifest.json', `lists ${v.genes.length} genes but dataset_identity.json says ${stats.n_genes}`);
    genes = v.genes;
  }
  let connectivity: LoadedDataset['connectivity'] = null;
  if (connJson !== null) {
    const conn = parseConnectivityManifest(connJson);
    if (conn.nCells !== n)
      fail('connectivity_manifest.json', `n_cells is ${conn.nCells} but the dataset has ${n} cells`);
    if (conn.nEdges !== stats.n_edges)
      fail('connectivity_manifest.json', `n_edges is ${conn.nEdges} but dataset_identity.json says ${stats.n_edges}`);
    const { nCells: _ignored, ...info } = conn;
    connectivity = info;
  }
  const dataset: LoadedDataset = {
    baseUrl: folder,
    identity,
    cellCount: n,
    varCount: stats.n_genes,
    dimensions: identity.embeddings.available_dimensions,
    defaultDimension: identity.embeddings.default_dimension,
    obsFields: obs.fields,
    genes,
    connectivity,
    catalogEntryId: entry?.id ?? null,
  };
  return new ExportFolderSource(dataset, fetchImpl, decoder, options.onProgress, !options.fetch);
}

/** Base for relative dataset URLs: the document's base URL (right in srcdoc frames too), else the location. */
function pageUrl(): string | undefined {
  const doc = (globalThis as { document?: { baseURI?: string } }).document;
  if (doc?.baseURI && !doc.baseURI.startsWith('about:')) return doc.baseURI;
  return typeof location !== 'undefined' && !location.href.startsWith('about:') ? location.href : undefined;
}

async function openCatalog(
  ctx: FetchContext,
  catalogUrl: string,
  wanted: string | null,
): Promise<{ folder: string; entry: CatalogEntry }> {
  const json = await fetchJson(ctx, catalogUrl, 'datasets.json', 'catalog');
  const c = new Checker('catalog', 'datasets.json');
  const root = c.object(json, 'the file');
  if (root.version !== 1) c.fail(`version ${JSON.stringify(root.version)} is not supported (only version 1)`);
  const entries = c.array(root.datasets, 'datasets', 100_000).map((e, i): CatalogEntry => {
    const o = c.object(e, `datasets[${i}]`);
    const entry: CatalogEntry = {
      id: c.string(o.id, `datasets[${i}].id`, { nonEmpty: true }),
      path: c.relativePath(o.path, `datasets[${i}].path`),
    };
    if (typeof o.name === 'string') entry.name = o.name;
    if (o.n_cells !== undefined) entry.n_cells = c.count(o.n_cells, `datasets[${i}].n_cells`);
    if (o.n_genes !== undefined) entry.n_genes = c.count(o.n_genes, `datasets[${i}].n_genes`);
    return entry;
  });
  if (entries.length === 0) c.fail('lists no datasets');
  const id = wanted ?? (typeof root.default === 'string' ? root.default : entries[0].id);
  const entry = entries.find((e) => e.id === id);
  if (!entry) c.fail(`has no dataset "${id}" (it lists ${entries.map((e) => e.id).join(', ')})`);
  const path = entry!.path.endsWith('/') ? entry!.path : `${entry!.path}/`;
  return { folder: new URL(path, catalogUrl).href, entry: { ...entry!, path } };
}

function checkCatalogEntry(entry: CatalogEntry, identity: ReturnType<typeof parseIdentity>): void {
  const file = `${entry.path}dataset_identity.json`;
  if (identity.id !== entry.id)
    throw new DatasetError('identity', file, `id is "${identity.id}" but the catalog entry is "${entry.id}"`);
  if (entry.n_cells !== undefined && entry.n_cells !== identity.stats.n_cells) {
    throw new DatasetError(
      'catalog',
      'datasets.json',
      `entry "${entry.id}" says ${entry.n_cells} cells but the dataset has ${identity.stats.n_cells}`,
    );
  }
  if (entry.n_genes !== undefined && entry.n_genes !== identity.stats.n_genes) {
    throw new DatasetError(
      'catalog',
      'datasets.json',
      `entry "${entry.id}" says ${entry.n_genes} genes but the dataset has ${identity.stats.n_genes}`,
    );
  }
}

/** The manifest's field inventory (continuous first, then categorical) must equal identity.obs_fields. */
function checkObsInventory(
  fields: LoadedDataset['obsFields'],
  expected: ReturnType<typeof parseIdentity>['obs_fields'],
): void {
  const file = 'obs_manifest.json';
  if (fields.length !== expected.length) {
    throw new DatasetError(
      'manifest',
      file,
      `lists ${fields.length} cell fields but dataset_identity.json lists ${expected.length}`,
    );
  }
  fields.forEach((f, i) => {
    const e = expected[i];
    if (f.key !== e.key || f.kind !== e.kind) {
      throw new DatasetError(
        'manifest',
        file,
        `field ${i} is ${f.kind} "${f.key}" but dataset_identity.json lists ${e.kind} "${e.key}"`,
      );
    }
    if (f.kind === 'category' && e.n_categories !== f.categories.length) {
      throw new DatasetError(
        'manifest',
        file,
        `field "${f.key}" has ${f.categories.length} categories but dataset_identity.json says ${e.n_categories}`,
      );
    }
  });
}
