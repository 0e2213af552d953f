// Seeded mutation fuzzing of the valid fixtures: every outcome is a result or a typed error,
// never a crash, a hang or an allocation past the bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSessionDocument, SessionFormatError } from '../../../src/core/session/index.js';
import { FIXTURE_SESSIONS } from '../../fixtures/paths.js';

const DIR = FIXTURE_SESSIONS;
const SEEDS = ['strict-full', 'legacy-full'].map(
  (n) => new Uint8Array(readFileSync(path.join(DIR, `${n}.cellucid-session`))),
);
const MUTATIONS = Number(process.env.FUZZ_MUTATIONS ?? 10_000);
const CURRENT = {
  sourceType: 'local-demo',
  datasetId: 'synthetic-cell-types-2d',
  cellCount: 72,
  varCount: 8,
  cellOrder: { dimension: 2 as const, digest: '0f7e35eb3e7a914b' },
};

function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Frame boundaries of a well-formed bundle: [start, end) of each length-prefixed chunk frame. */
function frames(bytes: Uint8Array): Array<[number, number]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 21 + view.getUint32(17, true);
  const out: Array<[number, number]> = [];
  while (p + 4 <= bytes.length) {
    const end = p + 4 + view.getUint32(p, true);
    out.push([p, end]);
    p = end;
  }
  return out;
}

function mutate(input: Uint8Array, pick: (n: number) => number): Uint8Array {
  const b = input.slice();
  switch (pick(6)) {
    case 0: {
      // Flip 1–8 random bytes.
      for (let i = 0, n = 1 + pick(8); i < n; i++) b[pick(b.length)] ^= 1 + pick(255);
      return b;
    }
    case 1:
      return b.slice(0, pick(b.length));
    case 2: {
      // Rewrite a length field: the manifest length or a frame length.
      const targets = [17, ...frames(input).map(([s]) => s)];
      const at = targets[pick(targets.length)];
      const values = [0, 1, 0xffffffff, 0x20000001, 16 * 1024 * 1024 + 1, pick(5000)];
      new DataView(b.buffer).setUint32(at, values[pick(values.length)], true);
      return b;
    }
    case 3: {
      // Duplicate a frame.
      const f = frames(input);
      const [s, e] = f[pick(f.length)];
      return new Uint8Array([...b.subarray(0, e), ...b.subarray(s, e), ...b.subarray(e)]);
    }
    case 4: {
      // Swap two frames.
      const f = frames(input);
      const [a, c] = [f[pick(f.length)], f[pick(f.length)]];
      const [first, second] = a[0] <= c[0] ? [a, c] : [c, a];
      if (first === second) return b;
      return new Uint8Array([
        ...b.subarray(0, first[0]),
        ...b.subarray(second[0], second[1]),
        ...b.subarray(first[1], second[0]),
        ...b.subarray(first[0], first[1]),
        ...b.subarray(second[1]),
      ]);
    }
    default: {
      // Flip bytes inside the manifest JSON.
      const end = 21 + new DataView(input.buffer, input.byteOffset).getUint32(17, true);
      for (let i = 0, n = 1 + pick(3); i < n; i++) b[21 + pick(end - 21)] = 32 + pick(95);
      return b;
    }
  }
}

test(`${MUTATIONS} seeded mutations give only results or typed errors`, async () => {
  const pick = rng(20261124);
  const started = performance.now();
  let rejected = 0;
  let slowest = 0;
  for (let i = 0; i < MUTATIONS; i++) {
    const bytes = mutate(SEEDS[i % SEEDS.length], pick);
    const t = performance.now();
    try {
      const { report } = await readSessionDocument(bytes, { current: CURRENT });
      for (const f of report.failed) assert.equal(typeof f.message, 'string');
    } catch (err) {
      rejected++;
      if (!(err instanceof SessionFormatError))
        assert.fail(`mutation ${i}: untyped error ${(err as Error)?.stack ?? err}`);
    }
    slowest = Math.max(slowest, performance.now() - t);
  }
  const elapsed = performance.now() - started;
  console.log(
    `fuzz: ${MUTATIONS} mutations in ${elapsed.toFixed(0)} ms, ${rejected} rejected at open, slowest ` +
      `${slowest.toFixed(1)} ms`,
  );
  assert.ok(elapsed < 60_000, 'within a minute');
  assert.ok(slowest < 2000, 'no mutation hangs');
});
