// Graph neighbourhoods over the dataset's connectivity (KNN selection): an undirected adjacency in
// compressed sparse rows, built once per dataset, and a breadth-first search bounded in hops.

/** Neighbours of cell i are targets[offsets[i] … offsets[i + 1]). */
export interface Adjacency {
  offsets: Uint32Array;
  targets: Uint32Array;
}

/** Most hops a neighbourhood may span. */
export const MAX_HOPS = 10;

/**
 * The undirected adjacency of `cellCount` cells from edge lists (each edge stored once), as the
 * loader returns them: as many destinations as sources, every index below `cellCount` (checked at
 * load), so the two arrays here are bounded by the cell and edge counts.
 */
export function buildAdjacency(
  cellCount: number,
  sources: ArrayLike<number>,
  destinations: ArrayLike<number>,
): Adjacency {
  const m = sources.length;
  // Degrees are counted two slots ahead; after the prefix sum, offsets[i + 1] is where row i
  // starts, and filling the rows moves it to where row i ends, i.e. where row i + 1 starts.
  const offsets = new Uint32Array(cellCount + 2);
  for (let e = 0; e < m; e++) {
    offsets[sources[e] + 2]++;
    offsets[destinations[e] + 2]++;
  }
  for (let i = 2; i <= cellCount; i++) offsets[i] += offsets[i - 1];
  const targets = new Uint32Array(2 * m);
  for (let e = 0; e < m; e++) {
    targets[offsets[sources[e] + 1]++] = destinations[e];
    targets[offsets[destinations[e] + 1]++] = sources[e];
  }
  return { offsets: offsets.subarray(0, cellCount + 1), targets };
}

/** Throws unless `hops` is a whole number from 1 to MAX_HOPS. */
export function checkHops(method: string, hops: number): void {
  if (!(Number.isInteger(hops) && hops >= 1 && hops <= MAX_HOPS))
    throw new Error(`${method}: degree must be a whole number from 1 to ${MAX_HOPS}.`);
}

/**
 * Visible cells (sorted) at most `hops` (checked with checkHops) edges from any seed (valid cell
 * indices). Hidden cells still carry the walk (the graph is the dataset's), they are only left out
 * of the answer.
 */
export function graphNeighborhood(
  graph: Adjacency,
  seeds: ArrayLike<number>,
  hops: number,
  visible: Uint8Array | null,
): Uint32Array {
  const n = graph.offsets.length - 1;
  const seen = new Uint8Array(n);
  const queue = new Uint32Array(n);
  let end = 0;
  for (let k = 0; k < seeds.length; k++) {
    const s = seeds[k];
    if (!seen[s]) {
      seen[s] = 1;
      queue[end++] = s;
    }
  }
  for (let hop = 0, start = 0; hop < hops && start < end; hop++) {
    const stop = end;
    for (; start < stop; start++) {
      const c = queue[start];
      for (let j = graph.offsets[c]; j < graph.offsets[c + 1]; j++) {
        const t = graph.targets[j];
        if (!seen[t]) {
          seen[t] = 1;
          queue[end++] = t;
        }
      }
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (seen[i] && (!visible || visible[i])) out.push(i);
  return Uint32Array.from(out);
}
