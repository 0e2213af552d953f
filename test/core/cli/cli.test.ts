// The cellucid-session command, run in-process on the fixture sessions and datasets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/cellucid-session.js';
import { readSessionDocument } from '../../../src/core/session/index.js';
import { FIXTURE_DATASETS, FIXTURE_SESSIONS } from '../../fixtures/paths.js';
import { buildSession, gzipBomb } from '../session/build-session.js';

const FIXTURES = FIXTURE_SESSIONS;
const DATASET = path.join(FIXTURE_DATASETS, 'cellucid-demo/synthetic-cell-types-2d');
const fixture = (name: string) => path.join(FIXTURES, `${name}.cellucid-session`);

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

test('inspect --json prints one object with every chunk decoded', async () => {
  const r = await run('inspect', fixture('strict-full'), '--json');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.generation, 'strict');
  assert.deepEqual(Object.keys(j.manifest), ['createdAt', 'datasetFingerprint', 'chunks']);
  assert.deepEqual(j.errors, []);
  const byId = Object.fromEntries(j.chunks.map((c: { id: string }) => [c.id, c]));
  assert.deepEqual(
    Object.keys(byId['core/state']).sort(),
    ['codec', 'contributorId', 'id', 'kind', 'ok', 'priority', 'storedBytes', 'uncompressedBytes', 'value'].sort(),
  );
  assert.equal(byId['highlights/cells/highlight_1'].value.indices.length, 24);
  assert.equal(byId['user-defined/codes/udf_1'].value.codes.length, 72);
  assert.equal(typeof byId['user-defined/codes/udf_1'].value.encoding, 'number');
  assert.equal(byId['core/state'].value.activeFields.activeFieldKey, 'quality_score');
});

test('inspect exits 1 when a chunk does not decode, and names it', async () => {
  const r = await run('inspect', fixture('zip-bomb'), '--json');
  assert.equal(r.code, 1);
  const bad = JSON.parse(r.out).chunks.filter((c: { ok: boolean }) => !c.ok);
  assert.deepEqual(
    bad.map((c: { id: string }) => c.id),
    ['highlights/cells/highlight_1'],
  );
  assert.match(bad[0].error, /expands past its declared size of 64 bytes/);
});

test('unreadable files: one clear line, no stack trace', async () => {
  for (const name of ['bad-magic', 'manifest-length-huge', 'chunk-length-mismatch']) {
    const r = await run('inspect', fixture(name));
    assert.equal(r.code, 1);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.doesNotMatch(r.err, /\s+at\s/);
  }
  const missing = await run('inspect', '/no/such/file.cellucid-session');
  assert.match(missing.err, /cannot read/);
  assert.equal((await run('frobnicate')).code, 2);
});

test('validate against the export folder checks the fingerprint with the computed cell-order digest', async () => {
  const ok = await run('validate', fixture('strict-full'), '--dataset', DATASET);
  assert.equal(ok.code, 0, ok.out + ok.err);
  assert.match(ok.out, /dataset: matches .* cell order 0f7e35eb3e7a914b/);
  assert.match(ok.out, /^valid$/m);
  const other = await run('validate', fixture('mismatch-other-dataset'), '--dataset', DATASET);
  assert.equal(other.code, 1);
  assert.match(other.out, /DOES NOT MATCH/);
  const out = await run('validate', fixture('indices-out-of-range'), '--dataset', DATASET);
  assert.equal(out.code, 1);
  assert.match(out.out, /out of range/);
});

test('unpack → edit → pack gives a session that decodes to the edited state', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cellucid-cli-'));
  try {
    const folder = path.join(dir, 'unpacked');
    assert.equal((await run('unpack', fixture('strict-full'), folder)).code, 0);
    const files = readdirSync(path.join(folder, 'chunks'));
    assert.equal(files.length, 10);
    const repacked = path.join(dir, 'same.cellucid-session');
    assert.equal((await run('pack', folder, repacked)).code, 0);
    const before = await readSessionDocument(new Uint8Array(readFileSync(fixture('strict-full'))), {});
    const after = await readSessionDocument(new Uint8Array(readFileSync(repacked)), {});
    assert.deepEqual(after.document, before.document);
    assert.deepEqual(after.report.failed, []);
    // A publisher edits the active field by hand.
    const statePath = path.join(folder, 'chunks', 'core%2Fstate.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    state.activeFields = { activeFieldKey: 'cell_type', activeFieldSource: 'obs' };
    writeFileSync(statePath, JSON.stringify(state));
    const edited = path.join(dir, 'edited.cellucid-session');
    assert.equal((await run('pack', folder, edited)).code, 0);
    const e = await readSessionDocument(new Uint8Array(readFileSync(edited)), {});
    assert.equal(e.document.coreState!.activeFields.activeFieldKey, 'cell_type');
    assert.equal(e.generation, 'strict');
    assert.equal((await run('validate', edited, '--dataset', DATASET)).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('validate refuses a legacy chunk that declares no size and inflates past 64 MiB (or a given limit)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cellucid-cli-'));
  try {
    // About 500 KB holding 500 MB of JSON in a chunk without uncompressedBytes.
    const stored = await gzipBomb(500_000_000, 0x20, '{"windows":[', ']}');
    const layout = { id: 'ui/dockable-layout', contributorId: 'dockable-layout', kind: 'json' as const };
    const file = path.join(dir, 'bomb.cellucid-session');
    writeFileSync(
      file,
      buildSession([
        { ...layout, raw: '{"panels":[]}' },
        { id: 'analysis/windows', contributorId: 'analysis-windows', kind: 'json', stored, uncompressedBytes: null },
      ]),
    );
    const r = await run('validate', file);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /FAIL {4}Chunk "analysis\/windows": expands past the 64 MiB limit for chunks that declare no size/,
    );
    assert.match(r.out, /ok {6}ui\/dockable-layout/);
    const small = await run('validate', file, '--max-undeclared-mib', '1');
    assert.match(small.out, /expands past the 1 MiB limit/);
    assert.equal((await run('validate', file, '--max-undeclared-mib', 'lots')).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
