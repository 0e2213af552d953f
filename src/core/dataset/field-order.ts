// The order of fields in the Cellucid app, which the viewer shares: the menus list them so and
// sessions record a field's position in it (a snapshot's filter lines, a copied field's source).
import type { LoadedDataset } from './types.js';

/**
 * Position of a field in the app's field list, or -1: obs fields as the manifest lists them (every
 * continuous field, then every categorical one; `dataset.obsFields` is in this order whatever
 * order dataset_identity.json uses), then the user-defined obs fields in the order they were made
 * (`userKeys`); genes in var_manifest order, then user-defined gene-side fields.
 */
export function appFieldIndex(
  dataset: Pick<LoadedDataset, 'obsFields' | 'genes'>,
  source: 'obs' | 'var',
  key: string,
  userKeys: readonly string[] = [],
): number {
  const list = source === 'obs' ? dataset.obsFields : dataset.genes;
  const index = list.findIndex((f) => f.key === key);
  if (index >= 0) return index;
  const user = userKeys.indexOf(key);
  return user < 0 ? -1 : list.length + user;
}
