// Reading sessions in the browser: every chunk inflates under its bound, a slice at a time, and
// restore work is linear in groups and chunks.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { emptyDocument, frameBundle, writeSessionBlob, writeSessionBundle } from '../../src/core/session/index.js';
import { DEMO, mountViewer } from './helpers.js';
import { inflateInWorker, writeInWorker } from '../../src/persistence/session-writer-client.js';
import { gzipStored } from '../../src/core/session/gzip-member.js';
import { bigJsonBomb, json } from './session-files.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;
const DEMO_2D = {
  sourceType: 'local-demo',
  datasetId: 'synthetic-cell-types-2d',
  cellCount: 72,
  varCount: 8,
  cellOrder: { dimension: 2 as const, digest: '0f7e35eb3e7a914b' },
};

/** Runs `work` counting the DecompressionStreams the page (not a worker) makes meanwhile. */
async function pageInflatersDuring(work: () => Promise<unknown>): Promise<number> {
  const Native = window.DecompressionStream;
  let made = 0;
  window.DecompressionStream = class extends Native {
    constructor(format: CompressionFormat) {
      super(format);
      made++;
    }
  };
  try {
    await work();
  } finally {
    window.DecompressionStream = Native;
  }
  return made;
}

async function compress(raw: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([raw as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The longest gap between turns of the page's message loop while `work` runs. */
async function longestBlockDuring(work: () => Promise<unknown>): Promise<number> {
  const channel = new MessageChannel();
  let last = performance.now();
  let longest = 0;
  let running = true;
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  await work();
  running = false;
  channel.port1.close();
  return Math.max(longest, performance.now() - last);
}

describe('session reading', () => {
  let bomb: Uint8Array;
  before(async function (this: { timeout(ms: number): void }) {
    this.timeout(120_000);
    bomb = await bigJsonBomb();
  });

  const mounted: CellucidViewer[] = [];
  afterEach(() => mounted.splice(0).forEach((el) => el.remove()));

  it('D5: a 500 MB JSON chunk that declares no size stops at 64 MiB; the rest restores', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(120_000);
    expect(bomb.length).to.be.lessThan(700_000);
    const { el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 });
    mounted.push(el);
    let report: Awaited<ReturnType<CellucidViewer['loadState']>> | null = null;
    const started = performance.now();
    let pageInflaters = -1;
    const blocked = await longestBlockDuring(
      async () =>
        (pageInflaters = await pageInflatersDuring(
          async () => (report = await el.loadState(new Blob([bomb as BlobPart]))),
        )),
    );
    const ms = performance.now() - started;
    // The bomb went to the session worker: the page made no inflater (its small chunks inflate in JavaScript).
    expect(pageInflaters).to.equal(0);
    expect(report!.failed.map((f) => f.id)).to.deep.equal(['analysis/windows']);
    expect(report!.failed[0].message).to.match(/expands past the 64 MiB limit for chunks that declare no size/);
    expect(report!.restored).to.include.members(['core/state', 'ui/dockable-layout']);
    expect(el.getViewState().activeField).to.equal('obs:cell_type');
    console.log(`D5 bomb: restore ended in ${ms.toFixed(0)} ms; longest main-thread block ${blocked.toFixed(0)} ms`);
  });

  const inWorker = 'chunks that may inflate past a megabyte inflate in the session worker; small ones stay on the page';
  it(inWorker, async function (this: { timeout(ms: number): void }) {
    this.timeout(120_000);
    const MiB = 1024 * 1024;
    let seed = 7;
    const noise = Uint8Array.from({ length: 2 * MiB }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const large = await compress(noise);
    const bomb = await compress(new Uint8Array(80 * MiB));
    const boundName = 'the 64 MiB limit for chunks that declare no size';
    let inflated: Uint8Array | null = null;
    let refused = '';
    let tiny: Uint8Array | null = new Uint8Array(1);
    const made = await pageInflatersDuring(async () => {
      tiny = await inflateInWorker(gzipStored(Uint8Array.of(1, 2)), { bound: 64 * MiB, exact: null });
      inflated = await inflateInWorker(large, { bound: noise.length, exact: noise.length, declared: true });
      refused = await inflateInWorker(bomb, { bound: 64 * MiB, exact: null, boundName }).then(
        () => 'inflated',
        (e: Error) => e.message,
      );
    });
    expect(tiny, 'a tiny chunk is left to the page').to.equal(null);
    expect(inflated!.length).to.equal(noise.length);
    expect(inflated!.every((b, i) => b === noise[i])).to.equal(true);
    expect(refused).to.equal(`expands past ${boundName}: inflation stopped there`);
    expect(made, 'no inflater on the page').to.equal(0);
  });

  it('D6: 20,000 one-cell highlight groups restore into the element, every group in place', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(120_000);
    const n = 20_000;
    const doc = emptyDocument();
    const groups = Array.from({ length: n }, (_, i) => {
      doc.highlightCells.set(`highlight_${i + 1}`, Uint32Array.of(i % 72));
      return { id: `highlight_${i + 1}`, type: 'lasso' as const, label: `Group ${i + 1}`, enabled: true, cellCount: 1 };
    });
    doc.highlights = {
      pages: [{ id: 'page_1', name: 'Many', color: '#2563eb', highlightedGroups: groups }],
      activePageId: 'page_1',
    };
    const writing = performance.now();
    const bytes = await writeSessionBundle(doc, { fingerprint: DEMO_2D });
    const writeMs = performance.now() - writing;
    // Each group's chunk is a few bytes: written as stored deflate blocks, not one CompressionStream each.
    const inWorker = performance.now();
    const { blob } = await writeSessionBlob(doc, { fingerprint: DEMO_2D, writeElsewhere: writeInWorker });
    console.log(
      `D6: ${n} groups written in ${writeMs.toFixed(0)} ms on the page, ` +
        `${(performance.now() - inWorker).toFixed(0)} ms by the session worker (${blob.size} bytes)`,
    );
    expect(blob.size).to.equal(bytes.length);
    const { el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 });
    mounted.push(el);
    const started = performance.now();
    let report: Awaited<ReturnType<CellucidViewer['loadState']>> | null = null;
    const blocked = await longestBlockDuring(async () => (report = await el.loadState(new Blob([bytes as BlobPart]))));
    const ms = performance.now() - started;
    console.log(`D6: ${n} groups restored in ${ms.toFixed(0)} ms; longest main-thread block ${blocked.toFixed(0)} ms`);
    expect(report!.failed).to.deep.equal([]);
    const page = el.getViewState().highlights.pages[0];
    expect(page.groups.length).to.equal(n);
    expect(page.groups[n - 1]).to.include({ id: `highlight_${n}`, cellCount: 1 });
    expect([...el.getHighlightCells(`highlight_${n}`)]).to.deep.equal([(n - 1) % 72]);
    // The panel lists the first groups and says how many more there are: 20,000 rows made every redraw slow.
    const rows = el.shadowRoot!.querySelectorAll('.highlight-group');
    expect(rows.length).to.equal(300);
    expect(el.shadowRoot!.querySelector('.highlight-groups')!.textContent).to.contain('19,700 more groups');
  });

  it('60,000 unknown chunks are passed over in one restore', async function (this: { timeout(ms: number): void }) {
    this.timeout(120_000);
    const n = 60_000;
    const stored = Array.from({ length: n }, (_, i) => Uint8Array.of(i & 255, 1, 2));
    const entries = stored.map((b, i) => ({
      id: `unknown/${i}`,
      contributorId: 'someone-else',
      priority: 'lazy',
      kind: 'binary',
      codec: 'none',
      label: `Unknown ${i}`,
      datasetDependent: true,
      storedBytes: b.length,
      uncompressedBytes: b.length,
    }));
    const layoutRaw = json({ panels: [] });
    const bytes = frameBundle(
      {
        createdAt: '2026-01-01T00:00:00.000Z',
        dataSource: null,
        datasetFingerprint: {
          sourceType: 'local-demo',
          datasetId: 'synthetic-cell-types-2d',
          cellCount: 72,
          varCount: 8,
        },
        summary: null,
        chunks: [
          {
            ...entries[0],
            id: 'ui/dockable-layout',
            contributorId: 'dockable-layout',
            priority: 'eager',
            kind: 'json',
            storedBytes: layoutRaw.length,
            uncompressedBytes: layoutRaw.length,
          },
          ...entries,
        ],
      },
      [layoutRaw, ...stored],
    );
    const { el } = await mountViewer({ 'dataset-url': TWO_D }, { width: 320, height: 240 });
    mounted.push(el);
    const started = performance.now();
    let report: Awaited<ReturnType<CellucidViewer['loadState']>> | null = null;
    const blocked = await longestBlockDuring(async () => (report = await el.loadState(new Blob([bytes as BlobPart]))));
    const ms = performance.now() - started;
    expect(report!.skipped.length).to.equal(n);
    expect(report!.restored).to.deep.equal(['ui/dockable-layout']);
    console.log(
      `${n} unknown chunks: restore ended in ${ms.toFixed(0)} ms; longest main-thread block ${blocked.toFixed(0)} ms`,
    );
  });
});
