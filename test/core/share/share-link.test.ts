// Share links: a view in a URL fragment, compact, bounded and honest about what it leaves out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeShareView,
  encodeShareView,
  readShareParameter,
  shareParameterName,
  shareViewOf,
  withShareParameter,
  writeShareParameter,
  type ShareView,
} from '../../../src/core/share/index.js';
import { toBase64url } from '../../../src/core/share/base64url.js';
import { deflateRaw } from '../../../src/core/share/deflate.js';
import { shareCellSets, shareJson } from '../../../src/core/share/to-json.js';
import { encodeBody } from '../../../src/core/share/wire.js';
import { same } from '../plain.js';
import { defaultPersistedView } from '../../../src/core/state/persisted-view.js';

const CELLS = 300_000;

function randomCells(n: number, seed: number): Uint32Array {
  const set = new Set<number>();
  let s = seed;
  while (set.size < n) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    set.add(s % CELLS);
  }
  return Uint32Array.from(set).sort();
}

/** A live view with a few filters, renames, a moved camera, a snapshot and a 32-cell group. */
function sampleView(groupCells = 32): ShareView {
  const view = defaultPersistedView(2, { source: 'obs', key: 'cell_type' });
  view.camera.orbit.radius = 1.7321;
  view.camera.orbit.target = [0.25, -0.5, 0];
  view.filters.categories.cell_type = { hidden: ['B cell', 'NK cell'], enabled: true };
  view.filters.categories.batch = { hidden: ['b2'], enabled: false };
  view.filters.ranges['var:CD3E'] = { min: 0.5, max: 4.25, enabled: true };
  view.overlays.fieldRenames.set('obs:cell_type', 'Cell type');
  view.overlays.categoryRenames.set('obs:cell_type:T cell', 'T lymphocyte');
  view.views.snapshots.push({
    id: 'view_1',
    label: 'CD3E',
    activeField: { source: 'var', key: 'CD3E' },
    fieldKind: 'continuous',
    dimension: 2,
    camera: structuredClone(view.camera),
    filters: { categories: {}, ranges: {} },
    filtersText: [],
  });
  view.views.layout = 'grid';
  view.highlights.pages[0].groups.push({
    id: 'highlight_1',
    type: 'lasso',
    label: 'Lasso 1',
    enabled: true,
    cells: randomCells(groupCells, 7),
  });
  const fingerprint = {
    sourceType: 'remote',
    datasetId: 'https://example.org/pbmc/',
    cellCount: CELLS,
    varCount: 2000,
    cellOrder: { dimension: 2 as const, digest: '0f7e35eb3e7a914b' },
  };
  return shareViewOf(view, fingerprint);
}

async function valueOf(json: unknown, cellSets: Uint32Array[] = [], version = 1): Promise<string> {
  const body = await deflateRaw(encodeBody(json, cellSets));
  return toBase64url(Uint8Array.from([version, ...body]));
}

test('a view with filters, a camera and a 32-cell group: at most 2,000 characters, read back identical', async () => {
  const view = sampleView();
  const { value, omitted } = await encodeShareView(view);
  assert.ok(value.length <= 2000, `${value.length} characters`);
  assert.match(value, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(omitted, []);
  const decoded = await decodeShareView(value, { cellCount: CELLS });
  assert.deepEqual(decoded.omitted, []);
  same(decoded.view, view);
  assert.ok(decoded.view.highlights.pages[0].groups[0].cells instanceof Uint32Array);
});

test('a 200,000-cell group does not fit: the link carries the rest and names what it left out', async () => {
  const view = sampleView();
  view.highlights.pages[0].groups.push({
    id: 'highlight_2',
    type: 'lasso',
    label: 'Everything',
    enabled: true,
    cells: randomCells(200_000, 11),
  });
  const { value, omitted } = await encodeShareView(view);
  assert.ok(value.length <= 8000);
  assert.deepEqual(omitted, [
    { part: 'highlight-group', id: 'highlight_2', description: 'highlight group "Everything" (200000 cells)' },
  ]);
  const decoded = await decodeShareView(value, { cellCount: CELLS });
  assert.deepEqual(decoded.omitted, omitted);
  assert.deepEqual(
    decoded.view.highlights.pages[0].groups.map((g) => g.id),
    ['highlight_1'],
  );
  same(decoded.view.views, view.views);
  // A tight budget leaves out groups, then snapshots, renames and filters, in that order.
  const tight = await encodeShareView(view, { budget: 700 });
  assert.deepEqual(
    tight.omitted.map((p) => p.part),
    ['highlight-group', 'highlight-group', 'snapshots', 'renames', 'filters'],
  );
  assert.ok(tight.value.length <= 700);
  const read = await decodeShareView(tight.value, { cellCount: CELLS });
  assert.deepEqual(read.view.camera, view.camera);
  assert.equal(read.view.activeField, 'obs:cell_type');
  await assert.rejects(encodeShareView(view, { budget: 50 }), /does not fit in 50 characters/);
  await assert.rejects(encodeShareView(view, { budget: 0 }), /budget/);
});

test('untrusted links: bounded, plain errors, nothing polluted', async () => {
  const good = shareJson(sampleView(), []);
  const cells = shareCellSets(sampleView());
  const refuse = async (value: Promise<string> | string, message: RegExp, cellCount = CELLS) =>
    assert.rejects(decodeShareView(await value, { cellCount }), (err: Error) => {
      assert.equal(err.name, 'ShareLinkError');
      assert.match(err.message, message);
      return true;
    });
  await refuse('', /empty/);
  await assert.rejects(decodeShareView('AQ', { cellCount: NaN }), /cell count, not NaN/);
  await refuse('A'.repeat(200_001), /at most 200000/);
  await refuse('AQ$$', /character base64url has not/);
  await refuse(valueOf(good, cells, 2), /version 2 of the link format/);
  await refuse('AQ', /damaged|cut short|the view/);
  await refuse(valueOf(good, cells), /out of range/, 100);
  await refuse(valueOf(good, []), /cells of 0 highlight groups, not 1/);
  await refuse(valueOf(good, [...cells, cells[0]]), /unexpected bytes/);
  await refuse(valueOf({ ...good, c: { navigationMode: 'orbit' } }, cells), /the camera: Invalid camera state/);
  await refuse(valueOf({ ...good, a: 'cell_type' }, cells), /active field must be "obs:<field>"/);
  await refuse(valueOf({ ...good, r: new Array(100_001).fill(['a', 'b']) }, cells), /at most 100000/);
  await refuse(
    valueOf({ ...good, x: { categories: { a: { hidden: [1], enabled: true } }, ranges: {} } }, cells),
    /hidden\[0\] must be text/,
  );
  // A deflate bomb: 20 MiB of zeros is a few kilobytes of link.
  const bomb = await deflateRaw(new Uint8Array(20 * 1024 * 1024));
  await refuse(toBase64url(Uint8Array.from([1, ...bomb])), /inflates to more than 16777216 bytes/);
  // A group claiming more cells than the bytes that follow.
  const lie = Uint8Array.from([0xff, 0xff, 0x03]);
  const body = encodeBody(good, []);
  const liar = await deflateRaw(Uint8Array.from([...body, lie.length, ...lie]));
  await refuse(toBase64url(Uint8Array.from([1, ...liar])), /highlight group 1/);

  // Data-named keys stay data: "__proto__" and "constructor" are ordinary filter fields and renames.
  const hostile = JSON.parse(JSON.stringify(good).replace('"batch"', '"__proto__"'));
  hostile.x.categories.constructor = { hidden: ['x'], enabled: true };
  hostile.r.push(['__proto__', 'P'], ['constructor', 'C']);
  const { view } = await decodeShareView(await valueOf(hostile, cells), { cellCount: CELLS });
  assert.deepEqual(Object.keys(view.filters.categories).sort(), ['__proto__', 'cell_type', 'constructor']);
  assert.equal(Object.getPrototypeOf(view.filters.categories), null);
  assert.deepEqual(view.filters.categories['__proto__'], { hidden: ['b2'], enabled: false });
  assert.equal(view.renames.fields.get('__proto__'), 'P');
  assert.equal(({} as Record<string, unknown>).hidden, undefined);
});

test('parameter names, and fragments holding several viewers and foreign parameters', () => {
  assert.equal(shareParameterName(), 'cellucid');
  assert.equal(shareParameterName(''), 'cellucid');
  assert.equal(shareParameterName('left'), 'cellucid.left');
  assert.equal(shareParameterName('a&b=c'), 'cellucid.a%26b%3Dc');
  const fragment = '#page=2&cellucid=AAA&cellucid.left=BBB&intro';
  assert.equal(readShareParameter(fragment, 'cellucid'), 'AAA');
  assert.equal(readShareParameter(fragment, 'cellucid.left'), 'BBB');
  assert.equal(readShareParameter(fragment, 'cellucid.right'), null);
  assert.equal(readShareParameter('#cellucid.a%26b%3Dc=Z', shareParameterName('a&b=c')), 'Z');
  assert.equal(writeShareParameter(fragment, 'cellucid.left', 'NEW'), '#page=2&cellucid=AAA&cellucid.left=NEW&intro');
  assert.equal(writeShareParameter(fragment, 'cellucid.right', 'R'), `${fragment}&cellucid.right=R`);
  assert.equal(writeShareParameter(fragment, 'cellucid', null), '#page=2&cellucid.left=BBB&intro');
  assert.equal(writeShareParameter('#cellucid=1', 'cellucid', null), '');
  assert.equal(writeShareParameter('', 'cellucid', 'V'), '#cellucid=V');
  assert.equal(
    withShareParameter('https://x.org/a?b=1#page=2', 'cellucid', 'V'),
    'https://x.org/a?b=1#page=2&cellucid=V',
  );
  assert.equal(withShareParameter('https://x.org/a', 'cellucid.left', 'V'), 'https://x.org/a#cellucid.left=V');
});
