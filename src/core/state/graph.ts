// Graph neighbourhoods over the dataset's connectivity (KNN selection): an undirected adjacency in
// compressed sparse rows, built once per dataset, and a breadth-first search bounded in hops.

/** Neighbours of cell i are targets[offsets[i] … offsets[i + 1]). */
export interface Adjacency {
  offsets: Uint32Array;
  targets: Uint32Array;
}

/** Most hops a neighbourhood may span. */
export const MAX_HOPS = 10;

/** The undirected adjacency of `cellCount` cells from edge lists (each edge is stored once). Throws for an index out of range. */
export function buildAdjacency(cellCount: number, sources: ArrayLike<number>, destinations: ArrayLike<number>): Adjacency {
  const m = sources.length;
  if (destinations.length !== m) throw new Error(`connectivity: ${m} sources but ${destinations.length} destinations.`);
  const offsets = new Uint32Array(cellCount + 1);
  for (let e = 0; e < m; e++) {
    const a = sources[e], b = destinations[e];
    if (!(a < cellCount && b < cellCount && a >= 0 && b >= 0)) throw new Error(`connectivity: edge ${e} (${a}, ${b}) is outside 0…${cellCount - 1}.`);
    offsets[a + 1]++;
    offsets[b + 1]++;
  }
  for (let i = 0; i < cellCount; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, cellCount);
  const targets = new Uint32Array(2 * m);
  for (let e = 0; e < m; e++) {
    targets[fill[sources[e]]++] = destinations[e];
    targets[fill[destinations[e]]++] = sources[e];
  }
  return { offsets, targets };
}

/**
 * Visible cells (sorted) at most `hops` edges from any seed. Hidden cells still carry the walk
 * (the graph is the dataset's), they are only left out of the answer.
 */
export function graphNeighborhood(graph: Adjacency, seeds: ArrayLike<number>, hops: number, visible: Uint8Array | null): Uint32Array {
  if (!Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS) throw new Error(`degree must be a whole number from 1 to ${MAX_HOPS}.`);
  const n = graph.offsets.length - 1;
  const seen = new Uint8Array(n);
  const queue = new Uint32Array(n);
  let end = 0;
  for (let k = 0; k < seeds.length; k++) {
    const s = seeds[k];
    if (!(Number.isInteger(s) && s >= 0 && s < n)) throw new Error(`cell index ${s} is not in 0…${n - 1}.`);
    if (!seen[s]) (seen[s] = 1), (queue[end++] = s);
  }
  for (let hop = 0, start = 0; hop < hops && start < end; hop++) {
    const stop = end;
    for (; start < stop; start++) {
      const c = queue[start];
      for (let j = graph.offsets[c]; j < graph.offsets[c + 1]; j++) {
        const t = graph.targets[j];
        if (!seen[t]) (seen[t] = 1), (queue[end++] = t);
      }
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (seen[i] && (!visible || visible[i])) out.push(i);
  return Uint32Array.from(out);
}
