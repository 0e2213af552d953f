// The session reader under seeded mutation: byte-level, framing, manifest JSON, chunk payloads
// framed again with correct lengths and CRC, names renamed across a session, gzip members. Each
// case runs in a worker thread (a hang fails the run instead of blocking it) and is checked by
// fuzz/check.ts. The run is fixed by its seed: FUZZ_SEED picks another, FUZZ_CASE=n runs case n
// alone, FUZZ_CASES sets how many.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { makeCase, categoryOf, CATEGORIES } from './fuzz/cases.js';
import { runPool, type PoolResult } from './fuzz/pool.js';
import { seedBundles } from './fuzz/seeds.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const ONLY = process.env.FUZZ_CASE === undefined ? null : Number(process.env.FUZZ_CASE);
const WORKERS = Number(process.env.FUZZ_WORKERS ?? Math.max(1, Math.min(2, availableParallelism())));
/** Far above any case's cost (milliseconds): only a case that never ends gets there. */
const CASE_TIME_LIMIT_MS = 60_000;

const rerun = (index: number) => `FUZZ_SEED=${SEED} FUZZ_CASE=${index} npm run test:node -- fuzz`;

function describeFailures(result: PoolResult): string {
  return result.failures
    .map(
      (f) =>
        `case ${f.index} (${f.category ?? categoryOf(f.index)}, seed session ${f.seed ?? '?'}: ` +
        `${f.notes.join(', ') || 'see the case'}): ${f.message}\n  again: ${rerun(f.index)}`,
    )
    .join('\n');
}

test(`the session reader keeps its promises on ${ONLY === null ? CASES : 1} seeded cases (seed ${SEED})`, async () => {
  const started = performance.now();
  const [from, to] = ONLY === null ? [0, CASES] : [ONLY, ONLY + 1];
  console.log(`fuzz: seed ${SEED}, cases ${from}..${to - 1}, ${WORKERS} workers; one case again: ${rerun(from)}`);
  if (ONLY !== null) {
    // The case's file, to open with `cellucid-session validate` or in the element.
    const c = makeCase(await seedBundles(), SEED, ONLY);
    const file = path.join(tmpdir(), `fuzz-${SEED}-${ONLY}.cellucid-session`);
    writeFileSync(file, c.bytes);
    console.log(`fuzz: case ${ONLY} (${c.category}, from ${c.seed}: ${c.notes.join(', ')}) written to ${file}`);
  }
  const result = await runPool({
    seed: SEED,
    from,
    to,
    workers: WORKERS,
    caseTimeLimitMs: CASE_TIME_LIMIT_MS,
    checkPrototypes: true,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const c of CATEGORIES) {
    const s = result.stats[c];
    if (!s.cases) continue;
    console.log(
      `fuzz: ${c.padEnd(12)} ${String(s.cases).padStart(5)} cases, ${s.accepted} read, ` +
        `${s.reachedContributor} with the changed payload at its contributor, ${s.mapped} mapped to a view; ` +
        `largest inflate buffer ${(s.worstRatio * 100).toFixed(0)} % of its allowance, ` +
        `at most ${(s.maxWorkShare * 100).toFixed(0)} % of the work budget` +
        (s.prototypesChanged ? `; ${s.prototypesChanged} changed a prototype` : ''),
    );
  }
  console.log(`fuzz: ${result.done} cases in ${seconds} s`);
  assert.deepEqual(result.failures, [], describeFailures(result));
  assert.equal(result.done, to - from);
  if (ONLY !== null) return;
  // The mutations reach what they are for: most chunk-level cases are read, and their changed
  // payload gets to the contributor that reads it; the mapping runs on many.
  const { stats } = result;
  for (const c of ['json-chunk', 'binary-chunk'] as const)
    assert.ok(
      stats[c].reachedContributor > stats[c].cases * 0.6,
      `${c}: the changed payload seldom reaches its reader`,
    );
  for (const c of ['json-chunk', 'binary-chunk', 'rename', 'gzip'] as const)
    assert.ok(stats[c].accepted > stats[c].cases * 0.6, `${c}: most files should open`);
  const mapped = CATEGORIES.reduce((s, c) => s + stats[c].mapped, 0);
  assert.ok(mapped > CASES * 0.4, `the mapping ran on ${mapped} cases`);
  assert.equal(stats.control.accepted, stats.control.cases);
});

test('a case is made again from the seed and its number alone', async () => {
  const seeds = await seedBundles();
  for (const index of [0, 7, 4242]) {
    const a = makeCase(seeds, SEED, index);
    const b = makeCase(seeds, SEED, index);
    assert.deepEqual(a, b);
    assert.notDeepEqual(makeCase(seeds, SEED + 1, index).bytes, a.bytes);
  }
});

test('the pool reports a case that hangs, and a case that fails, with its number', async () => {
  const base = { seed: SEED, from: 0, to: 40, workers: 1, checkPrototypes: true, batch: 10 };
  const hung = await runPool({ ...base, hangAt: 13, caseTimeLimitMs: 2000 });
  assert.equal(hung.failures.length, 1);
  assert.equal(hung.failures[0].index, 13);
  assert.match(hung.failures[0].message, /hangs/);
  const failed = await runPool({ ...base, failAt: 21, caseTimeLimitMs: CASE_TIME_LIMIT_MS });
  assert.deepEqual(
    failed.failures.map((f) => [f.index, f.message]),
    [[21, 'a failure the pool was asked for']],
  );
});
