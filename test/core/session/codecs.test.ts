import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  VarintReader,
  encodeUvarint,
  decodeIndexSet,
  encodeIndexSet,
  decodeUserCodes,
  encodeUserCodes,
  computeCellOrderDigest,
  compareFingerprints,
  sourceTypeForUrl,
} from '../../../src/core/session/index.js';
import { cellOrderDigestInSteps } from '../../../src/core/session/fingerprint.js';

const hex = (b: Uint8Array) =>
  Buffer.from(b)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');

test('uvarint vectors, canonical form and limits', () => {
  for (const [v, bytes] of [
    [0, '00'],
    [127, '7f'],
    [128, '80 01'],
    [300, 'ac 02'],
    [16384, '80 80 01'],
    [2 ** 53 - 1, 'ff ff ff ff ff ff ff 0f'],
  ] as const) {
    const out: number[] = [];
    encodeUvarint(v, out);
    assert.equal(hex(Uint8Array.from(out)), bytes);
    assert.equal(new VarintReader(Uint8Array.from(out), true).read(), v);
  }
  assert.throws(() => new VarintReader(Uint8Array.from([0x80, 0x00]), true).read(), /non-canonical/);
  assert.equal(new VarintReader(Uint8Array.from([0x80, 0x00]), false).read(), 0);
  assert.throws(() => new VarintReader(Uint8Array.from([0x80]), true).read(), /truncated/);
  assert.throws(() => new VarintReader(new Uint8Array(11).fill(0x80), false).read(), /too long|safe/);
});

test('delta-varint index sets', () => {
  assert.equal(hex(encodeIndexSet([3, 1])), '02 01 02');
  assert.equal(hex(encodeIndexSet([0, 127, 128, 300])), '04 00 7f 01 ac 01');
  assert.equal(hex(encodeIndexSet([])), '00');
  assert.deepEqual(Array.from(decodeIndexSet(Uint8Array.from([2, 1, 2]), { cellCount: 4, strict: true })), [1, 3]);
  assert.throws(
    () => decodeIndexSet(Uint8Array.from([2, 1, 0]), { cellCount: 4, strict: true }),
    /strictly increasing/,
  );
  assert.deepEqual(Array.from(decodeIndexSet(Uint8Array.from([2, 1, 0]), { cellCount: 4, strict: false })), [1, 1]);
  assert.throws(() => decodeIndexSet(Uint8Array.from([3, 1, 2]), { cellCount: 4, strict: true }), /truncated|follow/);
  assert.throws(() => decodeIndexSet(Uint8Array.from([1, 4]), { cellCount: 4, strict: false }), /out of range/);
  assert.throws(
    () => decodeIndexSet(Uint8Array.from([5, 0, 1, 1, 1, 1]), { cellCount: 4, strict: false }),
    /declares 5 cells/,
  );
  assert.throws(() => encodeIndexSet([1, 1]), /twice/);
});

test('user-defined codes: raw, RLE and the smaller-wins rule', () => {
  assert.equal(hex(encodeUserCodes(Uint8Array.from([0, 1, 2, 1, 0]))), '00 05 00 01 02 01 00');
  assert.equal(hex(encodeUserCodes(new Uint8Array(10).fill(3))), '02 0a 01 03 0a');
  assert.equal(hex(encodeUserCodes(new Uint16Array(4).fill(300))), '03 04 01 ac 02 04');
  const ten = decodeUserCodes(Uint8Array.from([2, 10, 1, 3, 10]), {
    length: 10,
    strict: true,
    codesType: 'Uint8Array',
  });
  assert.deepEqual(Array.from(ten.codes), new Array(10).fill(3));
  assert.throws(
    () => decodeUserCodes(Uint8Array.from([3, 10, 1, 3, 10]), { length: 10, strict: true, codesType: 'Uint8Array' }),
    /does not match/,
  );
  const wide = decodeUserCodes(Uint8Array.from([3, 4, 1, 0xac, 2, 4]), {
    length: 4,
    strict: true,
    codesType: 'Uint16Array',
  });
  assert.deepEqual(Array.from(wide.codes), [300, 300, 300, 300]);
  // Older writers used type 2 for 16-bit values too.
  assert.deepEqual(
    Array.from(decodeUserCodes(Uint8Array.from([2, 4, 1, 0xac, 2, 4]), { length: 4, strict: false }).codes),
    [300, 300, 300, 300],
  );
  assert.throws(() => decodeUserCodes(Uint8Array.from([0, 3, 1, 2]), { length: 3, strict: true }), /truncated/);
  assert.throws(() => decodeUserCodes(Uint8Array.from([0, 2, 1, 2]), { length: 3, strict: true }), /3 cells/);
});

test('cell-order digest test vectors', () => {
  assert.equal(computeCellOrderDigest(new Float32Array([])), '46d6c5b65ec4a5c3');
  assert.equal(computeCellOrderDigest(new Float32Array([0, 0, 0])), '86329c6572fdcd81');
  assert.equal(computeCellOrderDigest(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0])), 'c3814fae39357153');
  assert.equal(computeCellOrderDigest(new Float32Array([1, 0, 0, 0, 0, 0, 0, 1, 0])), 'cd6cba8d5aeaf22c');
});

test('cell-order digest in steps: a million cells over several steps, the same digest as one loop', () => {
  // The spec's digest written as one plain loop, to check the stepped version against.
  const reference = (positions: Float32Array): string => {
    const words = new Uint32Array(positions.buffer, positions.byteOffset, positions.length);
    let lo = (0x9e3779b1 ^ words.length) | 0;
    let hi = (0x85ebca6b ^ words.length) | 0;
    for (const w of words) {
      lo = Math.imul(lo ^ w, 0x85ebca77);
      hi = Math.imul(hi ^ w, 0xc2b2ae3d);
      lo = (lo << 13) | (lo >>> 19);
      hi = (hi << 17) | (hi >>> 15);
    }
    lo = Math.imul(lo ^ (lo >>> 16), 0x2c1b3c6d) ^ Math.imul(hi ^ (hi >>> 13), 0x297a2d39);
    hi = Math.imul(hi ^ (hi >>> 16), 0x2c1b3c6d) ^ Math.imul(lo ^ (lo >>> 13), 0x297a2d39);
    return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
  };
  const positions = Float32Array.from({ length: 3 * 1_000_001 }, (_, i) => Math.sin(i) * 10);
  const steps = cellOrderDigestInSteps(positions);
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  assert.ok(yields >= 3, `${yields} steps`);
  assert.equal(step.value, reference(positions));
  assert.equal(computeCellOrderDigest(positions), step.value);
  assert.equal(
    computeCellOrderDigest(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0])),
    reference(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0])),
  );
});

test('same dataset: id and counts decide, digests must agree, sourceType does not decide', () => {
  const a = {
    sourceType: 'local-demo',
    datasetId: 'x',
    cellCount: 3,
    varCount: 2,
    cellOrder: { dimension: 3 as const, digest: 'c3814fae39357153' },
  };
  assert.ok(compareFingerprints(a, { ...a, sourceType: 'github-repo' }).matches);
  assert.ok(compareFingerprints({ sourceType: 'local-demo', datasetId: 'x', cellCount: 3, varCount: 2 }, a).matches);
  const permuted = compareFingerprints(a, { ...a, cellOrder: { dimension: 3, digest: 'cd6cba8d5aeaf22c' } });
  assert.ok(!permuted.matches);
  assert.match(permuted.reasons.join(' '), /not the same ones, or not in the same order/);
  assert.ok(
    compareFingerprints(a, { ...a, cellOrder: { dimension: 2, digest: '0000000000000000' } }).matches,
    'digests of different dimensions are not compared',
  );
  const other = compareFingerprints(a, { ...a, datasetId: 'y', cellCount: 96, varCount: 10 });
  assert.match(other.reasons.join(' '), /saved with 3 cells and 2 genes; the open dataset has 96 cells and 10 genes/);
  assert.equal(sourceTypeForUrl('https://raw.githubusercontent.com/o/r/main/exports/x/'), 'github-repo');
  assert.equal(sourceTypeForUrl('http://localhost:8080/data/x/'), 'local-demo');
});

test('table codec: numeric, bool and dictionary columns; overruns are rejected', async () => {
  const { decodeTable } = await import('../../../src/core/session/index.js');
  const meta = {
    rowCount: 2,
    columns: [
      { name: 'cellIndex', dtype: 'uint32', encoding: 'raw', byteLength: 8 },
      { name: 'flag', dtype: 'bool', encoding: 'bitset', byteLength: 1 },
      { name: 'label', dtype: 'string', encoding: 'dict', byteLength: 1 + 2 + 2 + 8, dictCount: 2 },
    ],
  };
  const metaBytes = new TextEncoder().encode(JSON.stringify(meta));
  const body = [
    ...new Uint8Array(Uint32Array.from([3, 7]).buffer),
    0b10,
    2,
    1,
    0x61,
    1,
    0x62,
    ...new Uint8Array(Uint32Array.from([1, 0]).buffer),
  ];
  const bytes = new Uint8Array([...new Uint8Array(Uint32Array.from([metaBytes.length]).buffer), ...metaBytes, ...body]);
  const table = decodeTable(bytes, true);
  assert.equal(table.rowCount, 2);
  assert.deepEqual(Array.from(table.columns[0].values as ArrayLike<number>), [3, 7]);
  assert.deepEqual(table.columns[1].values, [false, true]);
  assert.deepEqual(table.columns[2].values, ['b', 'a']);
  assert.throws(() => decodeTable(bytes.slice(0, bytes.length - 2), true), /overruns|wrong/);
  assert.throws(() => decodeTable(new Uint8Array([...bytes, 0]), true), /trailing/);
});
