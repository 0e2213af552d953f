import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CELLS_PER_STEP, colorCells, colorCellsInSteps } from '../../../src/core/state/coloring.js';
import { finishSteps, runSteps } from '../../../src/core/steps.js';
import type { FieldData } from '../../../src/core/dataset/types.js';

const n = CELLS_PER_STEP * 2 + 1000;
const values = Float32Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : Math.sin(i)));
const continuous = { kind: 'continuous', key: 'score', values, min: -1, max: 1, outlierQuantiles: null } as unknown as FieldData;
const visible = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 1));
const options = { colormap: 'magma', log: false, visible };

test('colouring in steps gives the colours and legend of colouring in one go, a slice of cells per step', () => {
  const steps = colorCellsInSteps(n, continuous, 'score', options);
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  assert.equal(yields, Math.ceil(n / CELLS_PER_STEP));
  const whole = colorCells(n, continuous, 'score', options);
  assert.deepEqual(step.value.legend, whole.legend);
  assert.ok(Buffer.from(step.value.rgba).equals(Buffer.from(whole.rgba)));
  // Alpha is visibility, in every slice.
  for (const i of [0, 1, CELLS_PER_STEP - 1, CELLS_PER_STEP, CELLS_PER_STEP + 1, n - 2, n - 1]) assert.equal(whole.rgba[i * 4 + 3], visible[i] ? 255 : 0, `cell ${i}`);
});

test('runSteps pauses once a slice ran long, and gives up when the work went stale at a pause', async () => {
  function* slow(count: number): Generator<void, string> {
    for (let i = 0; i < count; i++) {
      const until = performance.now() + 3;
      while (performance.now() < until);
      yield;
    }
    return 'done';
  }
  let pauses = 0;
  const pause = async () => {
    pauses++;
  };
  assert.equal(await runSteps(slow(10), pause, () => false, 8), 'done');
  assert.ok(pauses >= 2 && pauses <= 5, `${pauses} pauses for 30 ms of work in 8 ms slices`);
  assert.equal(await runSteps(slow(10), pause, () => true, 8), null);
  assert.equal(finishSteps(slow(2)), 'done');
});
