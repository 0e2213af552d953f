// The fuzzer's work budget (fuzz/work.ts) can fail: a reader that does a read's work twice over
// trips it on every seed session, while the session reader stays within it. The budget counts
// bytes, not time, so this holds on any machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSessionDocument } from '../../../src/core/session/index.js';
import { categoryOf, makeCase, type FuzzCase } from './fuzz/cases.js';
import { runCase, type SessionReader } from './fuzz/check.js';
import { demoCatalog, seedBundles } from './fuzz/seeds.js';

const SEED = 20261202;

/** Each seed session unchanged, read from a Blob, chunks inflated by a hook as the session worker would. */
async function unchangedCases(): Promise<FuzzCase[]> {
  const seeds = await seedBundles();
  let index = 0;
  while (categoryOf(index) !== 'control') index++;
  const control = makeCase(seeds, SEED, index);
  return seeds.map((seed) => ({
    ...control,
    seed: seed.name,
    bytes: seed.bytes.slice(),
    source: 'blob',
    inflater: 'elsewhere',
    pause: false,
    chunkReader: false,
    save: false,
  }));
}

/** Reads the whole file once more first, and throws that away. */
const readsTwice: SessionReader = async (source, options) => {
  await readSessionDocument(source, { ...options, onChunk: undefined });
  return readSessionDocument(source, options);
};

/** Inflates each chunk twice (one result thrown away): only the inflating is done again. */
const inflatesTwice: SessionReader = (source, options) =>
  readSessionDocument(source, {
    ...options,
    inflate: async (stored, bounds) => {
      await options?.inflate?.(stored, bounds);
      return (await options?.inflate?.(stored, bounds)) ?? null;
    },
  });

test('the work budget: the session reader stays within it, a reader that does work twice trips it', async () => {
  const [cases, catalog] = await Promise.all([unchangedCases(), demoCatalog()]);
  assert.equal(cases.length, 4);
  for (const c of cases) {
    const honest = await runCase(c, { catalog });
    assert.ok(honest.workShare > 0.5 && honest.workShare <= 1, `${c.seed}: ${honest.workShare} of its budget`);
    for (const [name, reader] of [
      ['reads twice', readsTwice],
      ['inflates twice', inflatesTwice],
    ] as const)
      await assert.rejects(runCase(c, { catalog }, reader), /did more work than its budget/, `${c.seed}: ${name}`);
  }
});
