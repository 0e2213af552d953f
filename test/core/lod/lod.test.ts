import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOD_COARSEST_POINTS,
  LOD_FACTORS,
  LOD_MIN_POINTS,
  lodLevelCounts,
  lodRanksInSteps,
  permuteInSteps,
  reorder,
} from '../../../src/core/lod/order.js';
import { chooseLevel, FrameCost, LOD_HYSTERESIS } from '../../../src/core/lod/level.js';

const LOD_CELLS_PER_STEP = 1 << 17;
import { finishSteps } from '../../../src/core/steps.js';

/** A deterministic cloud: `n` cells in four clusters, listed cluster by cluster (as exports often are). */
function cloud(n: number, dimension: 1 | 2 | 3, seed = 7): Float32Array {
  let s = seed;
  const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const xyz = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const cluster = Math.floor((i / n) * 4);
    for (let k = 0; k < dimension; k++)
      xyz[i * 3 + k] = (cluster % 2 ? 0.5 : -0.5) * (k === 0 ? 1 : cluster > 1 ? 1 : -1) + (rand() - 0.5) * 0.6;
  }
  return xyz;
}

function reversedMorton3(xyz: Float32Array, i: number): number {
  let code = 0n;
  const q = [0, 1, 2].map((k) => {
    const t = Math.floor(((xyz[i * 3 + k] + 1) * 1024) / 2);
    return BigInt(Math.min(Math.max(t, 0), 1023));
  });
  for (let b = 0; b < 10; b++) for (let k = 0; k < 3; k++) code |= ((q[k] >> BigInt(b)) & 1n) << BigInt(b * 3 + k);
  let reversed = 0n;
  for (let b = 0; b < 30; b++) if ((code >> BigInt(b)) & 1n) reversed |= 1n << BigInt(29 - b);
  return Number(reversed);
}

test('18 levels, coarsest first, each at least 1,000 cells (or all), the last every cell', () => {
  assert.equal(LOD_FACTORS.length, 18);
  const counts = lodLevelCounts(400_000);
  assert.equal(counts.length, 18);
  assert.equal(counts[0], Math.ceil(400_000 / 44));
  assert.equal(counts[17], 400_000);
  for (let k = 1; k < 18; k++) assert.ok(counts[k] >= counts[k - 1]);
  assert.deepEqual(lodLevelCounts(3000).slice(0, 12), new Array(12).fill(LOD_MIN_POINTS));
  assert.deepEqual(lodLevelCounts(500), new Array(18).fill(500));
});

test('a large embedding gets coarser levels first, halving, down to at most 10,000 cells', () => {
  for (const n of [1_000_000, 10_000_000, 20_000_000, 30_000_000]) {
    const counts = lodLevelCounts(n);
    assert.deepEqual(
      counts.slice(-18),
      LOD_FACTORS.map((f) => Math.ceil(n / f)),
      `${n}: the app's levels last`,
    );
    assert.ok(counts[0] <= LOD_COARSEST_POINTS && counts[0] > LOD_COARSEST_POINTS / 2, `${n}: ${counts[0]}`);
    for (let k = 1; k < counts.length - 18; k++) assert.equal(counts[k], Math.ceil(counts[k + 1] / 2));
  }
  assert.equal(LOD_COARSEST_POINTS, 10_000);
  assert.equal(lodLevelCounts(10_000_000).length, 23);
  assert.equal(lodLevelCounts(440_000).length, 18);
  assert.equal(lodLevelCounts(440_001).length, 19);
});

test('the order is the cells sorted by bit-reversed Morton code, ties by cell index: a permutation', () => {
  const n = 5000;
  const xyz = cloud(n, 3);
  const ranks = finishSteps(lodRanksInSteps(xyz, 3));
  const order = new Uint32Array(n);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    assert.ok(ranks[i] < n && !seen[ranks[i]], `rank ${ranks[i]} twice`);
    seen[ranks[i]] = 1;
    order[ranks[i]] = i;
  }
  const key = (i: number) => reversedMorton3(xyz, i);
  for (let r = 1; r < n; r++) {
    const a = order[r - 1];
    const b = order[r];
    assert.ok(key(a) < key(b) || (key(a) === key(b) && a < b), `ranks ${r - 1} and ${r} out of order`);
  }
});

test('the same positions give the same order every time, in steps or in one go', () => {
  const xyz = cloud(LOD_CELLS_PER_STEP + 4321, 2);
  const a = finishSteps(lodRanksInSteps(xyz, 2));
  const steps = lodRanksInSteps(xyz.slice(), 2);
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  assert.ok(yields >= 4, `${yields} yields`);
  assert.deepEqual(step.value, a);
});

test('every level is a prefix spread over the whole embedding, not the first cells listed', () => {
  for (const dimension of [1, 2, 3] as const) {
    const n = 40_000;
    const xyz = cloud(n, dimension);
    const ranks = finishSteps(lodRanksInSteps(xyz, dimension));
    const levels = lodLevelCounts(n);
    // The coarsest level holds cells of every cluster in about their share (each cluster is n/4).
    const perCluster = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) if (ranks[i] < levels[0]) perCluster[Math.floor((i / n) * 4)]++;
    for (const c of perCluster)
      assert.ok(Math.abs(c - levels[0] / 4) < levels[0] * 0.08, `${dimension}-D: ${perCluster}`);
    // And its centroid is the whole cloud's, within a small fraction of the extent.
    for (let k = 0; k < dimension; k++) {
      let all = 0;
      let prefix = 0;
      for (let i = 0; i < n; i++) {
        all += xyz[i * 3 + k];
        if (ranks[i] < levels[0]) prefix += xyz[i * 3 + k];
      }
      assert.ok(Math.abs(all / n - prefix / levels[0]) < 0.03, `${dimension}-D axis ${k}`);
    }
  }
});

test('permuting in place puts each cell at its rank; colours go there and back', () => {
  const n = 3 * LOD_CELLS_PER_STEP + 17;
  const xyz = cloud(n, 3, 3);
  const ranks = finishSteps(lodRanksInSteps(xyz, 3));
  const moved = xyz.slice();
  finishSteps(permuteInSteps(moved, ranks, 3));
  for (const i of [0, 1, 2, 1000, n - 1, 77_777])
    for (let k = 0; k < 3; k++) assert.equal(moved[ranks[i] * 3 + k], xyz[i * 3 + k]);
  const colors = Uint32Array.from({ length: n }, (_, i) => i * 2654435761);
  const ranked = reorder(colors, ranks);
  for (const i of [0, 5, n - 1]) assert.equal(ranked[ranks[i]], colors[i]);
  assert.deepEqual(reorder(ranked, ranks, true), colors);
});

test('the level chosen while moving fits the budget, with hysteresis between levels', () => {
  const counts = lodLevelCounts(1_000_000);
  const all = counts.length - 1;
  const perPoint = (ms: number) => (points: number) => points * ms;
  // Nothing measured yet: every cell.
  assert.equal(
    chooseLevel(counts, -1, () => NaN, 33),
    all,
  );
  // 1 µs a point: 33 ms fits 33,000 points.
  const level = chooseLevel(counts, -1, perPoint(0.001), 33);
  assert.ok(counts[level] <= 33_000 && (level === all || counts[level + 1] > 33_000));
  // Hysteresis: at a cost where the next finer level fits the budget but not 0.7 of it, a frame
  // that starts afresh takes it, one that drew `level` before stays there.
  const between = perPoint((33 * (1 + LOD_HYSTERESIS)) / 2 / counts[level + 1]);
  assert.equal(chooseLevel(counts, -1, between, 33), level + 1);
  assert.equal(chooseLevel(counts, level, between, 33), level);
  assert.ok(chooseLevel(counts, level, perPoint(0.0001), 33) > level);
  // A level over budget drops at once to one that fits.
  assert.ok(chooseLevel(counts, all, perPoint(0.001), 33) === level);
  // Nothing fits: the coarsest level.
  assert.equal(chooseLevel(counts, 5, perPoint(1), 33), 0);
});

test('a frame costs a fixed part and a part per point, both learnt from the frames drawn', () => {
  // Software GL: 8 ms a frame and 0.8 µs a point.
  const truth = (points: number) => 8 + points * 0.0008;
  const cost = new FrameCost();
  assert.ok(Number.isNaN(cost.predict(1000)));
  // The first frame draws every cell: alone, it is a cost per point.
  cost.learn(10_000_000, truth(10_000_000));
  assert.ok(Math.abs(cost.predict(10_000_000) - truth(10_000_000)) < 1e-6);
  // A moving frame of the coarsest level: now the fixed part is known, and finer levels are predicted right.
  cost.learn(7_103, truth(7_103));
  for (const points of [7_103, 14_205, 28_410, 1_000_000])
    assert.ok(Math.abs(cost.predict(points) - truth(points)) < 1e-6);
  // The level that fits: with a cost per point alone (what the coarsest level's frames taught
  // before) 7,103 points at 13.7 ms made 28,410 look like 55 ms; they take 30.7.
  const counts = lodLevelCounts(10_000_000);
  const level = chooseLevel(counts, -1, (p) => cost.predict(p), 33);
  assert.equal(counts[level], 28_410);
  assert.equal(counts[chooseLevel(counts, -1, (p) => (p * truth(7_103)) / 7_103, 33)], 14_205);
  // From the coarsest level a frame goes finer only within 0.7 of the budget: to 14,205 (19.4 ms), not 28,410.
  assert.equal(counts[chooseLevel(counts, 0, (p) => cost.predict(p), 33)], 14_205);
  // Two slow frames of one size: the mean of the last two counts, and the level drops.
  cost.learn(28_410, 60);
  cost.learn(28_410, 60);
  assert.ok(counts[chooseLevel(counts, level, (p) => cost.predict(p), 33)] < 28_410);
});
