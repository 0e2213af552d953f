import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldRef, parseFieldRef, readFieldRef } from '../../../src/core/state/field-ref.js';

test('a field reference splits at its first colon, as the session format does', () => {
  assert.deepEqual(parseFieldRef('obs:cell_type', 'm'), { source: 'obs', key: 'cell_type' });
  assert.deepEqual(parseFieldRef('var:CD3E', 'm'), { source: 'var', key: 'CD3E' });
  assert.deepEqual(parseFieldRef('obs:a:b', 'm'), { source: 'obs', key: 'a:b' });
  assert.deepEqual(parseFieldRef('var: spaced ', 'm'), { source: 'var', key: ' spaced ' });
});

test('format is the inverse of parse', () => {
  for (const ref of ['obs:cell_type', 'var:CD3E', 'obs:a:b', 'obs:é ü'] as const)
    assert.equal(formatFieldRef(parseFieldRef(ref, 'm')), ref);
});

test('anything else is refused with an error that names the method and shows what came', () => {
  for (const bad of ['cell_type', 'obs:', ':x', 'OBS:x', 'gene:CD3E', '', 'obs'])
    assert.throws(() => parseFieldRef(bad, 'setRange'), /^Error: setRange: expected a field such as "obs:cell_type"/);
  assert.throws(() => parseFieldRef(null, 'm'), /not null\.$/);
  assert.throws(() => parseFieldRef({ source: 'obs', key: 'x' }, 'm'), /not an object\.$/);
  assert.throws(() => parseFieldRef(42, 'm'), /not 42\.$/);
  assert.throws(() => parseFieldRef(undefined, 'm'), /not undefined\.$/);
  // A long untrusted string is quoted only in part.
  const long = `x${'y'.repeat(10_000)}`;
  assert.throws(
    () => parseFieldRef(long, 'm'),
    (e: Error) => e.message.length < 200,
  );
});

test('reading without a method name gives null for what parsing refuses', () => {
  assert.deepEqual(readFieldRef('var:CD3E'), { source: 'var', key: 'CD3E' });
  for (const bad of ['cell_type', 'obs:', ':x', 'gene:CD3E', null, 42, { source: 'obs', key: 'x' }])
    assert.equal(readFieldRef(bad), null);
});
