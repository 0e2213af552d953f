// datasets.json: a catalog of export folders beside it. Its entries' paths must lead into the
// catalog's own folder.
import { DatasetError } from './errors.js';
import type { DatasetIdentity, Reader } from './types.js';
import { Checker } from './validate.js';

export interface CatalogEntry {
  id: string;
  /** The entry's path as written, ending with "/". */
  path: string;
  n_cells?: number;
  n_genes?: number;
}

/** The catalog at `catalogUrl` and the folder of its entry `wanted` (default: its default, else its first). */
export async function openCatalog(
  reader: Reader,
  catalogUrl: string,
  wanted: string | null,
): Promise<{ folder: string; entry: CatalogEntry }> {
  const json = await reader.json(catalogUrl, 'datasets.json');
  const c = new Checker('datasets.json', new URL('./', catalogUrl).href);
  const root = c.object(json, 'the file');
  if (root.version !== 1) c.fail(`version ${JSON.stringify(root.version)} is not supported (only version 1)`);
  const entries = c.array(root.datasets, 'datasets', 100_000).map((e, i): CatalogEntry => {
    const o = c.object(e, `datasets[${i}]`);
    const entry: CatalogEntry = {
      id: c.string(o.id, `datasets[${i}].id`, { nonEmpty: true }),
      path: c.path(o.path, `datasets[${i}].path`),
    };
    if (o.n_cells !== undefined) entry.n_cells = c.count(o.n_cells, `datasets[${i}].n_cells`);
    if (o.n_genes !== undefined) entry.n_genes = c.count(o.n_genes, `datasets[${i}].n_genes`);
    return entry;
  });
  if (entries.length === 0) c.fail('lists no datasets');
  const id = wanted ?? (typeof root.default === 'string' ? root.default : entries[0].id);
  const entry =
    entries.find((e) => e.id === id) ??
    c.fail(`has no dataset "${id}" (it lists ${entries.map((e) => e.id).join(', ')})`);
  const path = entry.path.endsWith('/') ? entry.path : `${entry.path}/`;
  return { folder: new URL(path, catalogUrl).href, entry: { ...entry, path } };
}

export function checkCatalogEntry(entry: CatalogEntry, identity: DatasetIdentity): void {
  const file = `${entry.path}dataset_identity.json`;
  if (identity.id !== entry.id)
    throw new DatasetError(file, `id is "${identity.id}" but the catalog entry is "${entry.id}"`);
  for (const [key, actual, what] of [
    ['n_cells', identity.stats.n_cells, 'cells'],
    ['n_genes', identity.stats.n_genes, 'genes'],
  ] as const) {
    const said = entry[key];
    if (said !== undefined && said !== actual)
      throw new DatasetError('datasets.json', `entry "${entry.id}" says ${said} ${what} but the dataset has ${actual}`);
  }
}
