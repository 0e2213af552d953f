// scripts/check-import-cycles.mjs (run by `npm run lint:code`): a cycle through relative imports
// fails the check and is printed module by module, a type-only import and a re-export included;
// imports that only fan in (a shared leaf) pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function check(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'import-cycles-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return spawnSync(process.execPath, ['scripts/check-import-cycles.mjs', dir], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The printed cycles, each from its first module in name order (the walk may meet a cycle at any
 * of its modules): "a → b → c → a" and "b → c → a → b" are both [a, b, c].
 */
function cyclesIn(stderr: string): string[][] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('import cycle: '))
    .map((line) => {
      const modules = line.slice('import cycle: '.length).split(' → ');
      assert.equal(modules.at(-1), modules[0], `a cycle ends where it starts: ${line}`);
      const ring = modules.slice(0, -1);
      const first = ring.indexOf([...ring].sort()[0]);
      return [...ring.slice(first), ...ring.slice(0, first)];
    });
}

const LEAF = {
  'state/types.ts': 'export interface View { zoom: number }\n',
  'state/filter.ts': "import type { View } from './types.js';\nexport const zoomOf = (v: View) => v.zoom;\n",
  'state/session.ts':
    "import type { View } from './types.js';\nimport { zoomOf } from './filter.js';\n" +
    'export const twice = (v: View) => 2 * zoomOf(v);\n',
};

test('shared types in a leaf module: no cycle', () => {
  const run = check(LEAF);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /No import cycle among 3 modules/);
});

test('a cycle through a type-only import fails the check and names its modules', () => {
  const run = check({
    ...LEAF,
    'state/types.ts':
      "import type { zoomOf } from './session.js';\nexport interface View { zoom: number; f?: typeof zoomOf }\n",
    'state/session.ts': "import type { View } from './types.js';\nexport const zoomOf = (v: View) => v.zoom;\n",
  });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.deepEqual(cyclesIn(run.stderr), [['state/session.ts', 'state/types.ts'].map(path.normalize)]);
});

test('a cycle of three modules through a re-export fails the check', () => {
  const run = check({
    'a.ts': "export { b } from './b.js';\nexport const a = 1;\n",
    'b.ts': "import { c } from './c.js';\nexport const b = c + 1;\n",
    'c.ts': "import { a } from './a.js';\nexport const c = a + 1;\n",
  });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.deepEqual(cyclesIn(run.stderr), [['a.ts', 'b.ts', 'c.ts']]);
});
