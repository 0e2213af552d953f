import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CELLS_PER_STEP, colorCells, colorCellsInSteps } from '../../../src/core/state/coloring.js';
import { finishSteps, runSteps } from '../../../src/core/steps.js';
import type { FieldData } from '../../../src/core/dataset/types.js';

const n = CELLS_PER_STEP * 2 + 1000;
const values = Float32Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : Math.sin(i)));
const continuous = {
  kind: 'continuous',
  key: 'score',
  values,
  min: -1,
  max: 1,
  outlierQuantiles: null,
} as unknown as FieldData;
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
  for (const i of [0, 1, CELLS_PER_STEP - 1, CELLS_PER_STEP, CELLS_PER_STEP + 1, n - 2, n - 1])
    assert.equal(whole.rgba[i * 4 + 3], visible[i] ? 255 : 0, `cell ${i}`);
});

test('runSteps pauses once a slice ran long, and gives up when the work went stale at a pause', async () => {
  // A clock the steps move: each step "takes" 3 ms, whatever the machine is doing.
  let clock = 0;
  const now = () => clock;
  function* slow(count: number): Generator<void, string> {
    for (let i = 0; i < count; i++) {
      clock += 3;
      yield;
    }
    return 'done';
  }
  let pauses = 0;
  const pause = async () => {
    pauses++;
  };
  // 8 ms slices of 3 ms steps: a pause after steps 3, 6 and 9 (9 ms each), none after the last.
  assert.equal(await runSteps(slow(10), pause, { sliceMs: 8, now }), 'done');
  assert.equal(pauses, 3);
  pauses = 0;
  assert.equal(await runSteps(slow(2), pause, { sliceMs: 8, now }), 'done');
  assert.equal(pauses, 0, 'work shorter than a slice runs in one go');
  assert.equal(await runSteps(slow(10), pause, { stale: () => true, sliceMs: 8, now }), null);
  assert.equal(pauses, 1, 'stale at the first pause');
  assert.equal(finishSteps(slow(2)), 'done');
});

test('a categorical legend counted slice by slice matches one counted in a single pass', async () => {
  const { categoryLegend, countCategories, naturalOrderInSteps } =
    await import('../../../src/core/state/legend-model.js');
  const codes = Uint16Array.from({ length: n }, (_, i) => (i % 211 === 0 ? 65535 : i % 7));
  const categories = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
  const counts = categories.map((_, k) => codes.filter((c) => c === k).length);
  const field = {
    kind: 'category',
    key: 'type',
    codes,
    categories,
    counts,
    outlierQuantiles: null,
  } as unknown as FieldData & { kind: 'category' };
  const result = colorCells(n, field, 'type', options);
  const colors = categories.map(
    (_, k) => [...result.rgba.subarray(codes.indexOf(k) * 4, codes.indexOf(k) * 4 + 3)] as [number, number, number],
  );
  const tally = countCategories(codes, visible, { visible: new Uint32Array(categories.length), missing: 0 });
  const order = finishSteps(naturalOrderInSteps(categories));
  assert.deepEqual(result.legend, categoryLegend('type', field as never, colors, tally, order));
  const drawn = (result.legend as { visible: Uint32Array }).visible;
  assert.equal(
    drawn.reduce((s, v) => s + v, 0),
    [...codes].filter((c, i) => c !== 65535 && visible[i]).length,
  );
  assert.equal((result.legend as { missing: number }).missing, [...codes].filter((c) => c === 65535).length);
});

test('legend order: a stable natural sort in steps of at most 1,024 labels, as Array.sort orders', async () => {
  const { naturalOrderInSteps } = await import('../../../src/core/state/legend-model.js');
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  // Shuffled labels, some equal under the collator (case, repeats): ties keep the export's order.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const labels = Array.from(
    { length: 20_000 },
    (_, i) => `${random() < 0.5 ? 'c' : 'C'}${Math.floor(random() * 15_000)} ${i % 3 ? '' : 'x'}`,
  );
  const expected = [...labels.keys()].sort((a, b) => collator.compare(labels[a], labels[b]));
  const steps = naturalOrderInSteps(labels);
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  assert.deepEqual([...step.value], expected);
  // A step places at most 1,024 labels: far more steps than labels / 1,024 sorted once.
  assert.ok(yields >= Math.log2(labels.length) * (labels.length / 1024), `${yields} steps`);
  // The same labels again (a recolouring): the order kept, in no step.
  const again = naturalOrderInSteps([...labels]).next();
  assert.equal(again.done, true);
  assert.deepEqual([...again.value!], expected);
  assert.deepEqual([...finishSteps(naturalOrderInSteps(['b', 'a10', 'a2', 'A2']))], [2, 3, 1, 0]);
  assert.deepEqual([...finishSteps(naturalOrderInSteps([]))], []);
});
