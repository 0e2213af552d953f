// `npm start` writes the demo's published sessions with scripts/make-demo-sessions.ts: the front
// door must keep working, so it runs here on a small generated export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSyntheticExport } from '../../scripts/lib/synthetic-export.mjs';
import { readSessionDocument } from '../../src/core/session/index.js';

test('the demo sessions are written and read back as the views they describe', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cellucid-demo-'));
  try {
    writeSyntheticExport({ cells: 2000, genes: 8, dims: [2, 3], out: dir, seed: 3, id: 'demo-test' });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/make-demo-sessions.ts', dir], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'state-snapshots.json'), 'utf8')), {
      states: ['views/default.cellucid-session'],
    });
    const read = async (file: string) =>
      (await readSessionDocument(new Uint8Array(readFileSync(path.join(dir, file))))).document;
    const main = await read('views/default.cellucid-session');
    assert.deepEqual(main.coreState!.activeFields, { activeFieldKey: 'pseudotime', activeFieldSource: 'obs' });
    const figure = await read('views/figure-gene.cellucid-session');
    assert.deepEqual(figure.coreState!.activeFields, { activeFieldKey: 'GENE_004', activeFieldSource: 'var' });
    assert.equal(figure.coreState!.liveDimensionLevel, 2);
    assert.deepEqual(
      figure.coreState!.multiview!.snapshots.map((v) => [v.label, v.fieldKey]),
      [['cell_type', 'cell_type']],
    );
    assert.ok((figure.highlightCells.get('highlight_1')?.length ?? 0) > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
