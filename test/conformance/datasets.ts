// The dataset a session was written for, as the conformance check needs it, read from an export
// folder's own manifests (compact_v1): fields in the app's order, their ranges and categories.
import type { AppDataset } from './app-session.js';

type Tuple = [string, ...unknown[]];
/** compact_v1 lists [index, key, …] ({index} paths) or [key, …] ({key} paths): the key first either way. */
const untag = (t: unknown[]) => (typeof t[0] === 'number' ? t.slice(1) : t) as Tuple;

/** From the folder's JSON files, given a reader of them (fetch in the browser, fs in Node). */
export async function appDataset(read: (file: string) => Promise<unknown>): Promise<AppDataset> {
  const identity = (await read('dataset_identity.json').catch(() => null)) as {
    vector_fields?: { fields?: Record<string, unknown> };
  } | null;
  const obs = (await read('obs_manifest.json')) as {
    n_points: number;
    _continuousFields: Tuple[];
    _categoricalFields: Tuple[];
  };
  const vars = (await read('var_manifest.json').catch(() => ({ fields: [] }))) as { fields: Tuple[] };
  return {
    cellCount: obs.n_points,
    obs: [
      ...obs._continuousFields.map(untag).map(([key, min, max]) => ({
        key,
        kind: 'continuous' as const,
        min: min as number,
        max: max as number,
      })),
      ...obs._categoricalFields.map(untag).map(([key, categories]) => ({
        key,
        kind: 'category' as const,
        categories: categories as string[],
      })),
    ],
    genes: vars.fields.map(untag).map(([key, min, max]) => ({ key, min: min as number, max: max as number })),
    vectorFields: Object.keys(identity?.vector_fields?.fields ?? {}),
  };
}
