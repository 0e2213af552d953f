import { expect } from '@open-wc/testing';
import { emptyDocument, readSessionDocument, writeSessionBundle, type SessionDocument } from '../../src/core/session/index.js';
import { createSessionBundleWriter, type WritableFingerprint } from '../../src/persistence/session-writer-client.js';
import { AutosaveStore } from '../../src/persistence/autosave-store.js';

/** Deterministic pseudo-random numbers, so the measured document is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `groups` highlight groups of `perGroup` distinct random cells each, and one user-defined field. */
function makeDocument(cellCount: number, groups: number, perGroup: number): SessionDocument {
  const random = mulberry32(42);
  const doc = emptyDocument();
  const metas = [];
  for (let g = 0; g < groups; g++) {
    const picked = new Uint8Array(cellCount);
    const cells = new Uint32Array(perGroup);
    let n = 0;
    while (n < perGroup) {
      const i = Math.floor(random() * cellCount);
      if (picked[i]) continue;
      picked[i] = 1;
      n++;
    }
    for (let i = 0, k = 0; i < cellCount; i++) if (picked[i]) cells[k++] = i;
    const id = `group_${g}`;
    doc.highlightCells.set(id, cells);
    metas.push({ id, type: 'lasso' as const, label: `Group ${g}`, enabled: true, cellCount: perGroup });
  }
  doc.highlights = { pages: [{ id: 'page_1', name: 'Page 1', color: '#2563eb', highlightedGroups: metas }], activePageId: 'page_1' };
  const codes = new Uint8Array(cellCount);
  for (let i = 0; i < cellCount; i++) codes[i] = Math.floor(random() * 3);
  doc.fieldOverlays = {
    renames: { fields: {}, categories: {} },
    deletedFields: { deleted: [], purged: [] },
    userDefinedFields: [
      { id: 'udf_1', source: 'obs', kind: 'category', key: 'my_annotation', isDeleted: false, isPurged: false, categories: ['A', 'B', 'C'], codesLength: cellCount, codesType: 'Uint8Array', extra: {} },
    ],
  };
  doc.userDefinedCodes.set('udf_1', { encoding: 0, codes });
  return doc;
}

function fingerprintFor(cellCount: number): WritableFingerprint {
  return { sourceType: 'local-demo', datasetId: 'bench', cellCount, varCount: 100, cellOrder: { dimension: 3, digest: '0123456789abcdef' } };
}

/**
 * Pings the event loop through a MessageChannel (no timer clamping) and records the longest gap
 * between two pings: the longest the main thread was blocked while `work` ran.
 */
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
  await new Promise((resolve) => setTimeout(resolve, 20));
  longest = 0;
  last = performance.now();
  await work();
  running = false;
  const now = performance.now();
  longest = Math.max(longest, now - last);
  channel.port1.close();
  return longest;
}

describe('session writer worker', () => {
  it('writes in a worker exactly the bytes the writer produces in the page', async () => {
    const doc = makeDocument(5000, 3, 400);
    const fingerprint = fingerprintFor(5000);
    const createdAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const writer = createSessionBundleWriter();
    try {
      const fromWorker = await writer.write(doc, fingerprint, createdAt);
      expect(writer.usesWorker).to.equal(true);
      expect(fromWorker).to.deep.equal(writeSessionBundle(doc, { fingerprint, createdAt }));
      const { document, report } = await readSessionDocument(fromWorker, { current: fingerprint });
      expect(report.failed).to.deep.equal([]);
      expect(document.highlightCells.get('group_2')).to.deep.equal(doc.highlightCells.get('group_2'));
      expect(document.userDefinedCodes.get('udf_1')?.codes).to.deep.equal(doc.userDefinedCodes.get('udf_1')?.codes);
    } finally {
      writer.dispose();
    }
  });

  it('reports writer errors from the worker and keeps working', async () => {
    const writer = createSessionBundleWriter();
    try {
      const broken = makeDocument(100, 1, 10);
      // A range group whose bound is NaN cannot be written as JSON: the writer refuses it.
      broken.highlights!.pages[0].highlightedGroups[0] = { ...broken.highlights!.pages[0].highlightedGroups[0], type: 'range', rangeMin: Number.NaN, rangeMax: 1 };
      let message = '';
      await writer.write(broken, fingerprintFor(100)).catch((e: Error) => (message = e.message));
      expect(message).to.match(/rangeMin/);
      const ok = await writer.write(makeDocument(100, 1, 10), fingerprintFor(100));
      expect(ok.byteLength).to.be.greaterThan(17);
    } finally {
      writer.dispose();
    }
  });

  it('a worker that cannot start hands its job back to the page, with the original arrays', async () => {
    const RealWorker = globalThis.Worker;
    // Like a worker blocked by a CSP: the message (and its transferred buffers) leave, then it errors.
    class FailingWorker extends EventTarget {
      onmessage: ((e: MessageEvent) => void) | null = null;
      onmessageerror: ((e: MessageEvent) => void) | null = null;
      onerror: ((e: ErrorEvent) => void) | null = null;
      postMessage(message: unknown, transfer: Transferable[] = []) {
        structuredClone(message, { transfer });
        setTimeout(() => this.onerror?.(new ErrorEvent('error', { cancelable: true })));
      }
      terminate() {}
    }
    const doc = makeDocument(2000, 2, 100);
    const createdAt = new Date(0);
    globalThis.Worker = FailingWorker as unknown as typeof Worker;
    const writer = createSessionBundleWriter();
    let bytes: Uint8Array;
    try {
      bytes = await writer.write(doc, fingerprintFor(2000), createdAt);
    } finally {
      globalThis.Worker = RealWorker;
    }
    expect(writer.usesWorker).to.equal(false);
    expect(doc.highlightCells.get('group_1')?.length).to.equal(100, "the caller's arrays were not transferred away");
    expect(bytes).to.deep.equal(writeSessionBundle(doc, { fingerprint: fingerprintFor(2000), createdAt }));
    writer.dispose();
  });

  it('falls back to the page thread when asked to (no worker)', async () => {
    const writer = createSessionBundleWriter({ worker: false });
    const doc = makeDocument(1000, 1, 50);
    const createdAt = new Date(0);
    expect(writer.usesWorker).to.equal(false);
    expect(await writer.write(doc, fingerprintFor(1000), createdAt)).to.deep.equal(writeSessionBundle(doc, { fingerprint: fingerprintFor(1000), createdAt }));
  });

  it('one autosave of 1M cells (8 × 125k highlight cells + one user field) barely touches the main thread', async function (this: { timeout(ms: number): void }) {
    this.timeout(120_000);
    const cellCount = 1_000_000;
    const doc = makeDocument(cellCount, 8, 125_000);
    const fingerprint = fingerprintFor(cellCount);
    const writer = createSessionBundleWriter();
    const store = new AutosaveStore({ dbName: `cellucid-autosave-bench-${Math.random().toString(36).slice(2)}`, page: '/bench' });
    try {
      await writer.write(makeDocument(1000, 1, 10), fingerprintFor(1000)); // start the worker outside the measurement
      await store.list('warm-up');

      // Three autosaves in a row; each one's longest main-thread block is reported.
      const runs: Array<{ postMs: number; longest: number; totalMs: number; bytes: Uint8Array }> = [];
      for (let run = 0; run < 3; run++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        let postMs = 0;
        let totalMs = 0;
        let bytes: Uint8Array = new Uint8Array(0);
        const longest = await longestBlockDuring(async () => {
          const t0 = performance.now();
          const pending = writer.write(doc, fingerprint);
          postMs = performance.now() - t0; // copying and posting the document
          bytes = await pending;
          await store.save('viewer', fingerprint, bytes, { label: 'autosave' });
          totalMs = performance.now() - t0;
        });
        runs.push({ postMs, longest, totalMs, bytes });
      }
      const bytes = runs[2].bytes;

      const t1 = performance.now();
      writeSessionBundle(doc, { fingerprint });
      const inPageMs = performance.now() - t1;

      const saved = await store.latest('viewer', fingerprint);
      expect(saved?.byteLength).to.equal(bytes.byteLength);
      const { document } = await readSessionDocument(saved!.bytes, { current: fingerprint });
      expect(document.highlightCells.get('group_7')).to.deep.equal(doc.highlightCells.get('group_7'));

      const fmt = (values: number[]) => values.map((v) => v.toFixed(1)).join(' / ');
      console.log(
        `autosave 1M cells (3 runs): posting the document ${fmt(runs.map((r) => r.postMs))} ms, ` +
          `longest main-thread block ${fmt(runs.map((r) => r.longest))} ms, wall ${fmt(runs.map((r) => r.totalMs))} ms, ` +
          `${bytes.byteLength} bytes; the same write in the page blocks ${inPageMs.toFixed(0)} ms`,
      );
      // The target is ≤ 10 ms; the log line gives the real numbers. Absolute times swing with machine
      // load (the heartbeat also sees the OS descheduling the page while the worker encodes), so the
      // test asserts what must hold anywhere: the synchronous work an autosave puts on the page is a
      // small fraction of encoding in the page.
      const medianPost = runs.map((r) => r.postMs).sort((a, b) => a - b)[1];
      expect(medianPost).to.be.lessThan(inPageMs / 10);
    } finally {
      writer.dispose();
      await store.clear('viewer');
    }
  });
});
