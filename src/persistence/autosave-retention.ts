// Which autosaves are kept: the newest few per dataset, for the most recently saved datasets. A
// save prunes by this, and listings apply it too (to the index, the slots and their copies at once).
import type { AutosaveSummary } from './autosave-records.js';

/** Autosaves kept per (page, autosave key, dataset). */
export const AUTOSAVES_PER_DATASET = 5;
/** Datasets kept per (page, autosave key); the least recently saved dataset's autosaves go first. */
export const AUTOSAVE_DATASETS_PER_KEY = 8;

/**
 * Keeps the newest `keepPerDataset` per dataset and the `datasetsPerKey` most recent datasets,
 * each id once (the newer of two); the ids of the others are `dropped`.
 */
export function pruneAutosaves(
  entries: AutosaveSummary[],
  keepPerDataset: number,
  datasetsPerKey: number,
): { kept: AutosaveSummary[]; dropped: string[] } {
  const sorted = entries.slice().sort((a, b) => b.createdAt - a.createdAt);
  const perDataset = new Map<string, number>();
  const kept: AutosaveSummary[] = [];
  const dropped: string[] = [];
  for (const entry of sorted) {
    const count = perDataset.get(entry.fingerprintKey);
    const fits = count === undefined ? perDataset.size < datasetsPerKey : count < keepPerDataset;
    if (fits && !kept.some((k) => k.id === entry.id)) {
      perDataset.set(entry.fingerprintKey, (count ?? 0) + 1);
      kept.push(entry);
    } else {
      dropped.push(entry.id);
    }
  }
  return { kept, dropped };
}
