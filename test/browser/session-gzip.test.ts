// Chromium's DecompressionStream refuses a second gzip member and any byte after the first (Node's
// reads on; test/core/session/gzip.test.ts); the session inflater gives the same errors here as there.
import { expect } from '@open-wc/testing';
import { gunzipBounded } from '../../src/core/session/gzip.js';
import { gzipStored } from '../../src/core/session/gzip-member.js';

const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

async function compress(raw: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([raw as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** What Chromium's own DecompressionStream makes of `bytes`: the inflated size, or its error. */
async function chromiumInflates(bytes: Uint8Array): Promise<number | string> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  let size = 0;
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) size += r.value.length;
    return size;
  } catch (e) {
    return (e as Error).message;
  }
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (e: Error) => e.message,
  );
}

describe('session gzip in the browser', () => {
  it('Chromium refuses a second member and trailing bytes; the inflater says so as it does in Node', async () => {
    const small = await compress(new Uint8Array(1000).fill(7));
    let seed = 1;
    const noise = Uint8Array.from({ length: 50_000 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const large = await compress(noise);
    expect(large.length).to.be.greaterThan(4096, 'inflated by DecompressionStream, not in JavaScript');
    expect(await chromiumInflates(join(small, small))).to.match(/Junk found after end of compressed data/);
    expect(await chromiumInflates(join(small, new Uint8Array(8)))).to.match(/Junk found/);
    for (const [name, packed, n] of [
      ['small', small, 1000],
      ['large', large, 50_000],
    ] as const) {
      const options = { bound: 3 * n, exact: null };
      expect((await gunzipBounded(packed, options)).length, name).to.equal(n);
      for (const bytes of [join(packed, packed), join(packed, new Uint8Array(8)), join(packed, Uint8Array.of(1))])
        expect(await rejection(gunzipBounded(bytes, options)), name).to.equal(
          'gzip input must contain exactly one member with no trailing bytes',
        );
      const crc = packed.slice();
      crc[crc.length - 6] ^= 0xff;
      expect(await rejection(gunzipBounded(crc, options)), name).to.equal('gzip CRC-32 does not match the data');
      const size = packed.slice();
      size[size.length - 2] ^= 0xff;
      expect(await rejection(gunzipBounded(size, options)), name).to.equal(
        'gzip ISIZE does not match the inflated size',
      );
      expect(await rejection(gunzipBounded(packed.subarray(0, packed.length - 12), options)), name).to.match(
        /^gzip data is truncated/,
      );
      expect(await rejection(gunzipBounded(packed, { bound: n - 1, exact: null })), name).to.match(
        /^expands past the limit of \d+ bytes/,
      );
    }
    const tiny = gzipStored(Uint8Array.of(1, 2, 3));
    expect(Array.from(await gunzipBounded(tiny, { bound: 3, exact: 3 }))).to.deep.equal([1, 2, 3]);
  });
});
