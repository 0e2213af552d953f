import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAdjacency, checkHops, graphNeighborhood, MAX_HOPS } from '../../../src/core/state/graph.js';

// A path 0-1-2-3-4-5 plus a branch 2-6, and an isolated cell 7; edges stored once, src < dst.
const graph = buildAdjacency(8, new Uint32Array([0, 1, 2, 3, 4, 2]), new Uint32Array([1, 2, 3, 4, 5, 6]));

test('the adjacency is undirected, one row per cell', () => {
  assert.deepEqual([...graph.offsets], [0, 1, 3, 6, 8, 10, 11, 12, 12]);
  const row = (i: number) => [...graph.targets.subarray(graph.offsets[i], graph.offsets[i + 1])].sort();
  assert.deepEqual(row(2), [1, 3, 6]);
  assert.deepEqual(row(5), [4]);
  assert.deepEqual(row(7), []);
});

test('neighbourhoods grow by one hop per degree', () => {
  assert.deepEqual([...graphNeighborhood(graph, [2], 1, null)], [1, 2, 3, 6]);
  assert.deepEqual([...graphNeighborhood(graph, [2], 2, null)], [0, 1, 2, 3, 4, 6]);
  assert.deepEqual([...graphNeighborhood(graph, [0], MAX_HOPS, null)], [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual([...graphNeighborhood(graph, [7], 3, null)], [7]);
  assert.deepEqual([...graphNeighborhood(graph, [0, 5, 5], 1, null)], [0, 1, 4, 5]);
});

test('hidden cells carry the walk but are left out of the answer', () => {
  const visible = new Uint8Array(8).fill(1);
  visible[1] = visible[0] = 0;
  assert.deepEqual([...graphNeighborhood(graph, [0], 3, visible)], [2, 3, 6]);
  assert.deepEqual([...graphNeighborhood(graph, [0], 1, visible)], []);
});

test('a bad degree is a clear error', () => {
  for (const d of [0, 11, 1.5, NaN, -1, '2' as unknown as number]) {
    assert.throws(() => checkHops('selectNeighbors', d), /selectNeighbors: degree must be a whole number from 1 to 10/);
  }
  for (let d = 1; d <= MAX_HOPS; d++) checkHops('selectNeighbors', d);
});
