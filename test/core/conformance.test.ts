// The conformance check itself: a file shaped exactly as the Cellucid app writes one passes; files
// that break its rules are caught, each rule by its own problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appSessionProblems } from '../conformance/app-session.js';
import { appDataset } from '../conformance/datasets.js';
import { FIXTURE_DATASETS, FIXTURE_SESSIONS } from '../fixtures/paths.js';

const TWO_D = path.join(FIXTURE_DATASETS, 'cellucid-demo/synthetic-cell-types-2d');
const dataset = () => appDataset(async (file) => JSON.parse(readFileSync(path.join(TWO_D, file), 'utf8')));
const session = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURE_SESSIONS, `${name}.cellucid-session`)));

test('a session shaped exactly as the app writes one has no problem', async () => {
  assert.deepEqual(await appSessionProblems(session('app-exact-2d'), await dataset()), []);
});

test('the strict fixture is framed right but its contents break the app’s rules', async () => {
  const problems = await appSessionProblems(session('strict-full'), await dataset());
  const has = (re: RegExp) =>
    assert.ok(
      problems.some((p) => re.test(p)),
      `${re} in ${problems.join('\n')}`,
    );
  has(/UI control "cellucid-viewer:|UI state is missing control "point-size"/);
  has(/snapshot 0 label/);
});
