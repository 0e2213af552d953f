// The decode pool fetches payloads in its workers, and the session writer writes on the page
// when its worker cannot start. (A file of its own: the writer's fallback is for the page's life.)
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { createWorkerDecoder } from '../../src/platform/decode-pool.js';
import type { DecodeJob, DecodeResult } from '../../src/core/dataset/decode.js';
import { DEMO, expectRoundTrip, mountViewer, workersRefusing } from './helpers.js';

const FOLDER = new URL(`${DEMO}synthetic-development-3d/`, location.href).href;
const POINTS: DecodeJob = { kind: 'points', dimension: 3, count: 96, file: 'points_3d.bin.gz', gz: true };
const CTX = { fetch };

describe('decode workers', () => {
  const decoder = createWorkerDecoder();
  after(() => decoder.dispose?.());

  it('fetch and decode a payload in the worker, with progress, and make the renderer its own copy', async () => {
    const progress: number[] = [];
    const result = (await decoder.read(
      CTX,
      { kind: 'payload', url: `${FOLDER}points_3d.bin.gz`, job: POINTS },
      (loaded) => progress.push(loaded),
    )) as DecodeResult;
    if (!result.ok || result.kind !== 'points') throw new Error(`decode failed: ${JSON.stringify(result)}`);
    expect(result.positions.length).to.equal(96 * 3);
    expect(Array.from(result.spare!)).to.deep.equal(Array.from(result.positions));
    expect(result.spare!.buffer).to.not.equal(result.positions.buffer);
    // The progress of such a small file may come as one message, or none (they are 50 ms apart).
    for (const loaded of progress) expect(loaded).to.be.greaterThan(0);
  });

  it('report the progress of a slow download as it comes', async () => {
    const progress: Array<[number, number | null]> = [];
    const job: DecodeJob = { kind: 'values', dtype: 'float32', count: 98_304, file: 'values.bin', gz: false };
    const result = (await decoder.read(
      CTX,
      { kind: 'payload', url: new URL('/slow/values.bin', location.href).href, job },
      (loaded, total) => progress.push([loaded, total]),
    )) as DecodeResult;
    expect(result.ok).to.equal(true);
    // Six pieces 80 ms apart, reported at most every 50 ms: several reports, growing, of the declared total.
    expect(progress.length).to.be.greaterThan(2);
    for (const [i, [loaded, total]] of progress.entries()) {
      expect(total).to.equal(393_216);
      expect(loaded).to.be.greaterThan(i ? progress[i - 1][0] : 0);
    }
  });

  it('name what is wrong with a payload the worker fetched', async () => {
    const missing = await decoder.read(CTX, {
      kind: 'payload',
      url: `${FOLDER}no-such-file.bin.gz`,
      job: { ...POINTS, file: 'no-such-file.bin.gz' },
    });
    expect(missing).to.deep.include({ ok: false });
    expect((missing as { problem: string }).problem).to.match(/^not found \(HTTP 404\)/);
    // The 2-D file is too short for 96 3-D points.
    const short = await decoder.read(CTX, {
      kind: 'payload',
      url: `${FOLDER}../synthetic-cell-types-2d/points_2d.bin.gz`,
      job: POINTS,
    });
    expect((short as { problem: string }).problem).to.match(/inflates to \d+ bytes but 1152 were expected/);
  });

  it('refuse a payload larger than its job implies, before reading it', async () => {
    const job: DecodeJob = { kind: 'values', dtype: 'float32', count: 1000, file: 'values.bin', gz: false };
    const url = new URL('/slow/values.bin', location.href).href;
    const result = await decoder.read(CTX, { kind: 'payload', url, job });
    // 4,000 bytes decoded, at most 5,028 with the gzip allowance; the server declares 393,216.
    expect((result as { problem: string }).problem).to.equal('is 393216 bytes, more than the limit of 5028');
  });

  it('reject with the abort reason when the load is aborted, and stay usable', async () => {
    const abort = new AbortController();
    const url = `${FOLDER}points_3d.bin.gz`;
    const pending = decoder.read({ fetch, signal: abort.signal }, { kind: 'payload', url, job: POINTS });
    abort.abort();
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as DOMException)?.name).to.equal('AbortError');
    const again = (await decoder.read(CTX, { kind: 'payload', url, job: POINTS })) as DecodeResult;
    expect(again.ok).to.equal(true);
  });
});

describe('session writing without its worker', () => {
  it('writes the bundle on the page when the writer worker cannot start', async () => {
    const RealWorker = window.Worker;
    let refused = 0;
    window.Worker = workersRefusing(/session-writer\.worker/, () => refused++);
    try {
      const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-development-3d/` });
      try {
        await el.highlightCategory('obs:timepoint', 2, { label: 'late' });
        // Saved, loaded into a fresh viewer: the same view, the group included.
        await expectRoundTrip(el, (b) => expect(JSON.stringify(b.getViewState().highlights)).to.contain('"late"'));
        expect(refused, 'the writer worker was asked for').to.be.greaterThan(0);
      } finally {
        el.remove();
      }
    } finally {
      window.Worker = RealWorker;
    }
  });
});
