// scripts/check-core-globals.mjs (run by `npm run lint:code`): a module under the core that names
// a page's or a worker's global fails the check, while the same words in a comment, a string, a
// property or a local variable do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLEAN = `// window, document and navigator in a comment; new Worker(url) too.
export const words = 'self.postMessage(document.title)';
export function restore(): { document: string } {
  const document = 'a local';
  return { document };
}
export const field = (o: { navigator: number; location: string }) => o.navigator + o.location;
export const blob = (bytes: Uint8Array) => new Blob([bytes as BlobPart]).size;
`;

const PLANTED = `export const cores = () => navigator.hardwareConcurrency;
export function start(url: string): Worker {
  return new Worker(url, { type: 'module' });
}
export const link = (blob: Blob) => URL.createObjectURL(blob);
export const gl = (canvas: OffscreenCanvas) => canvas.getContext('webgl2') as WebGL2RenderingContext;
export const page = () => globalThis.document.baseURI + window.location.href;
`;

test('the core check fails on a planted page global, names each use, and ignores comments, strings and locals', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'core-globals-'));
  try {
    writeFileSync(path.join(dir, 'clean.ts'), CLEAN);
    writeFileSync(path.join(dir, 'planted.ts'), PLANTED);
    const run = spawnSync(process.execPath, ['scripts/check-core-globals.mjs', dir], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const found = run.stderr
      .split('\n')
      .filter((line) => line.includes(': uses '))
      .map((line) => `${path.basename(line.slice(0, line.indexOf(':')))}${line.slice(line.indexOf(':'))}`);
    assert.deepEqual(found, [
      'planted.ts:1:28: uses the global `navigator`',
      'planted.ts:2:37: uses the global `Worker`',
      'planted.ts:3:14: uses the global `Worker`',
      'planted.ts:5:37: uses `URL.createObjectURL`',
      'planted.ts:6:28: uses the global `OffscreenCanvas`',
      'planted.ts:6:79: uses the global `WebGL2RenderingContext`',
      'planted.ts:7:38: uses the global `document`',
      'planted.ts:7:57: uses the global `window`',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
