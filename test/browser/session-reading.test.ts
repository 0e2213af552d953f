// Reading sessions in the browser: every chunk inflates under its bound, a slice at a time, and
// restore work is linear in groups and chunks.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { emptyDocument, frameBundle, writeSessionBundle } from '../../src/core/session/index.js';
import { DEMO, mountViewer } from './helpers.js';
import { bigJsonBomb, json } from './session-files.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;
const DEMO_2D = {
  sourceType: 'local-demo',
  datasetId: 'synthetic-cell-types-2d',
  cellCount: 72,
  varCount: 8,
  cellOrder: { dimension: 2 as const, digest: '0f7e35eb3e7a914b' },
};

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
    const blocked = await longestBlockDuring(async () => (report = await el.loadState(new Blob([bomb as BlobPart]))));
    const ms = performance.now() - started;
    expect(report!.failed.map((f) => f.id)).to.deep.equal(['analysis/windows']);
    expect(report!.failed[0].message).to.match(/expands past the 64 MiB limit for chunks that declare no size/);
    expect(report!.restored).to.include.members(['core/state', 'ui/dockable-layout']);
    expect(el.getViewState().activeField).to.equal('obs:cell_type');
    console.log(`D5 bomb: restore ended in ${ms.toFixed(0)} ms; longest main-thread block ${blocked.toFixed(0)} ms`);
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
    const bytes = await writeSessionBundle(doc, { fingerprint: DEMO_2D });
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
