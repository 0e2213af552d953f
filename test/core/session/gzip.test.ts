// Session chunks are one gzip member each, inflated by the runtime's DecompressionStream under a
// hard bound: the same errors in Node.js as in browsers (which the browser tests check), although
// Node's DecompressionStream reads on after a member where browsers refuse to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { gunzipBounded, type InflateOptions } from '../../../src/core/session/gzip.js';
import { crc32, gzipStored } from '../../../src/core/session/gzip-member.js';
import { gzipBytes, STORED_MAX_BYTES } from '../../../src/core/session/native-gzip.js';

const gz = new Uint8Array(gzipSync(new Uint8Array(1000).fill(7)));
const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const undeclared = (bound = 5000): InflateOptions => ({ bound, exact: null });

/** What Node's own DecompressionStream makes of `bytes`: the inflated size, or its error. */
async function nodeInflates(bytes: Uint8Array<ArrayBuffer>): Promise<number | string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer().then(
    (b) => b.byteLength,
    (e: Error) => e.message,
  );
}

test("Node's DecompressionStream joins members and drops zero padding; the session inflater refuses both", async () => {
  const empty = new Uint8Array(gzipSync(new Uint8Array(0)));
  const trailer = gz.subarray(gz.length - 8);
  const cases: Array<[string, Uint8Array]> = [
    ['two members', join(gz, gz)],
    ['an empty member first', join(empty, gz)],
    ['zero padding', join(gz, new Uint8Array(8))],
    // Its last 8 bytes are the first member's trailer again, so a check of the last trailer alone passes.
    ['a copy of the trailer after it', join(gz, trailer)],
    ['trailing junk', join(gz, Uint8Array.of(1, 2, 3))],
  ];
  assert.equal(await nodeInflates(join(gz, gz)), 2000, 'Node joins two members');
  assert.equal(await nodeInflates(join(empty, gz)), 1000);
  assert.equal(await nodeInflates(join(gz, new Uint8Array(8))), 1000, 'Node drops zero padding');
  for (const [name, bytes] of cases)
    await assert.rejects(gunzipBounded(bytes, undeclared()), /exactly one member with no trailing bytes/, name);
  // A stored-blocks member (what tiny chunks are written as) is held to the same rule.
  const tiny = gzipStored(Uint8Array.of(1, 2, 3));
  await assert.rejects(gunzipBounded(join(tiny, tiny), undeclared()), /exactly one member/);
  await assert.rejects(gunzipBounded(join(tiny, Uint8Array.of(0)), undeclared()), /exactly one member/);
});

// Small members are inflated in JavaScript, large ones by the runtime: both read the same way.
const members: Array<[string, Uint8Array]> = [
  ['a small member', new Uint8Array(1000).fill(7)],
  ['a large member', Uint8Array.from({ length: 20_000 }, (_, i) => (i * 2654435761) >>> 24)],
];

for (const [name, raw] of members)
  test(`${name}: the bound, the declared size, the CRC, the size trailer, truncation, the header`, async () => {
    const n = raw.length;
    const packed = new Uint8Array(gzipSync(raw));
    assert.deepEqual(await gunzipBounded(packed, { bound: n, exact: n }), raw);
    assert.deepEqual(await gunzipBounded(packed, undeclared(n)), raw);
    assert.deepEqual(await gunzipBounded(packed, { bound: n, exact: null, declared: true }), raw);
    await assert.rejects(
      gunzipBounded(packed, undeclared(n - 1)),
      new RegExp(`expands past the limit of ${n - 1} bytes`),
    );
    await assert.rejects(gunzipBounded(packed, { bound: n - 1, exact: null, declared: true }), /expands past/);
    await assert.rejects(gunzipBounded(packed, { bound: n, exact: n - 1 }), /expands past/);
    await assert.rejects(
      gunzipBounded(packed, { bound: 2 * n, exact: n + 1 }),
      new RegExp(`inflates to ${n} bytes but the manifest declares ${n + 1}`),
    );
    await assert.rejects(gunzipBounded(packed, { bound: n, exact: n + 1 }), /declares \d+ bytes, more than/);
    const crc = packed.slice();
    crc[packed.length - 6] ^= 0xff;
    await assert.rejects(gunzipBounded(crc, undeclared(n)), /^Error: gzip CRC-32 does not match the data$/);
    const size = packed.slice();
    size[packed.length - 2] ^= 0xff;
    await assert.rejects(gunzipBounded(size, undeclared(n)), /^Error: gzip ISIZE does not match the inflated size$/);
    await assert.rejects(
      gunzipBounded(packed.subarray(0, packed.length - 12), undeclared(n)),
      /gzip data is truncated/,
    );
    await assert.rejects(
      gunzipBounded(packed.subarray(0, 12), undeclared(n)),
      /truncated before its header and trailer/,
    );
    const magic = packed.slice();
    magic[0] = 0;
    await assert.rejects(gunzipBounded(magic, undeclared(n)), /gzip data is corrupt \(not a gzip header\)/);
    const blocks = packed.slice();
    blocks[10] |= 6; // block type 3, which does not exist
    await assert.rejects(gunzipBounded(blocks, undeclared(n)), /gzip data is corrupt \(invalid block type\)/);
    // Optional header fields (a file name, a comment, extra data, a header CRC) are skipped.
    const header = join(
      Uint8Array.of(0x1f, 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3, 2, 0, 9, 9),
      new TextEncoder().encode('name\0comment\0'),
    );
    const headerCrc = crc32(header);
    const withFields = join(header, Uint8Array.of(headerCrc & 255, (headerCrc >>> 8) & 255), packed.subarray(10));
    assert.deepEqual(await gunzipBounded(withFields, undeclared(n)), raw);
    for (const [what, bytes] of [
      ['two members', join(packed, packed)],
      ['zero padding', join(packed, new Uint8Array(8))],
      ['a copy of the trailer', join(packed, packed.subarray(packed.length - 8))],
      ['trailing junk', join(packed, Uint8Array.of(1, 2, 3))],
    ] as const)
      await assert.rejects(gunzipBounded(bytes, undeclared(3 * n)), /exactly one member with no trailing bytes/, what);
  });

test('JavaScript inflation agrees with zlib on every stream and every corruption of it', async () => {
  const { constants } = await import('node:zlib');
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 2 ** 24;
  const strategies = [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE];
  let accepted = 0;
  for (let i = 0; i < 1000; i++) {
    const n = Math.floor(random() * 3000);
    const alphabet = 1 + Math.floor(random() * 255);
    const raw = Uint8Array.from({ length: n }, () => Math.floor(random() ** 3 * alphabet));
    const packed = new Uint8Array(
      gzipSync(raw, { level: Math.floor(random() * 10), strategy: strategies[Math.floor(random() * 4)] }),
    );
    if (i % 2)
      for (let f = 0; f < 1 + random() * 3; f++)
        packed[10 + Math.floor(random() * (packed.length - 10))] ^= 1 << Math.floor(random() * 8);
    let expected: Uint8Array | null;
    try {
      expected = new Uint8Array(gunzipSync(packed));
    } catch {
      expected = null;
    }
    const got = await gunzipBounded(packed, undeclared(8 * 3000)).catch(() => null);
    assert.deepEqual(got, expected, `case ${i}`);
    if (got) accepted++;
  }
  assert.ok(accepted >= 500, `${accepted} accepted`);
});

test('a large chunk is inflated in slices: the page gets a turn every few milliseconds', async () => {
  const big = Uint8Array.from({ length: 4_000_000 }, (_, i) => (i * 2654435761) >>> 24);
  const stored = new Uint8Array(gzipSync(big));
  let pauses = 0;
  const out = await gunzipBounded(stored, {
    bound: big.length,
    exact: big.length,
    pause: async () => void pauses++,
  });
  assert.ok(Buffer.from(out).equals(Buffer.from(big)));
  assert.ok(pauses >= 1, `${pauses} pauses`);
});

test('a bomb costs the bound and no more: the output received stops within a megabyte past it', async () => {
  const bomb = new Uint8Array(gzipSync(new Uint8Array(64 * 1024 * 1024)));
  let received = 0;
  let buffers = 0;
  const meter = (bytes: number) => ((received += bytes), buffers++);
  const bound = 4 * 1024 * 1024;
  await assert.rejects(gunzipBounded(bomb, { bound, exact: null, meter }), /expands past the limit/);
  // Measured in one pass and stopped; nothing of the bound's size was allocated.
  assert.ok(received > bound && received <= bound + 1024 * 1024, `${received} bytes received`);
  assert.ok(buffers > 1);
  console.log(`bomb: ${received} bytes received in ${buffers} pieces under a ${bound}-byte bound`);
});

test('stored deflate blocks: any gzip reader reads them, and they cost 5 bytes per 64 KiB', async () => {
  for (const n of [0, 1, STORED_MAX_BYTES, 65_535, 65_536, 200_000]) {
    const raw = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 255);
    const stored = gzipStored(raw);
    assert.equal(stored.length, 18 + 5 * Math.max(1, Math.ceil(n / 65_535)) + n, `${n} bytes`);
    assert.ok(Buffer.from(gunzipSync(stored)).equals(Buffer.from(raw)), `${n} bytes: zlib reads it`);
    assert.deepEqual(await gunzipBounded(stored, { bound: n, exact: n }), raw);
    await assert.rejects(gunzipBounded(stored, undeclared(n - 1)), n ? /expands past/ : /declares 0|./);
    const bad = stored.slice();
    bad[bad.length - 8] ^= 1;
    await assert.rejects(gunzipBounded(bad, undeclared(n)), /gzip CRC-32 does not match/);
  }
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
});

test('the writer: chunks up to 64 bytes as stored blocks, larger ones compressed', async () => {
  const small = new Uint8Array(STORED_MAX_BYTES).fill(1);
  assert.deepEqual(await gzipBytes(small), gzipStored(small));
  const large = new Uint8Array(STORED_MAX_BYTES + 1).fill(1);
  const compressed = await gzipBytes(large);
  assert.ok(compressed.length < large.length, `${compressed.length} bytes`);
  assert.deepEqual(new Uint8Array(gunzipSync(compressed)), large);
});
