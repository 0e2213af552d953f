// The worker that writes session bundles (encode, gzip, frame) while the page saves.
import { expect } from '@open-wc/testing';
import {
  emptyDocument,
  readSessionDocument,
  writeSessionBundle,
  writeSessionBlob,
  type SessionDocument,
} from '../../src/core/session/index.js';
import { writeInWorker } from '../../src/persistence/session-writer-client.js';
import { AutosaveStore } from '../../src/persistence/autosave-store.js';

/** `groups` highlight groups of `perGroup` cells spread over the dataset, and one user-defined field. */
function makeDocument(cellCount: number, groups: number, perGroup: number): SessionDocument {
  const doc = emptyDocument();
  const metas = [];
  const step = Math.floor(cellCount / perGroup);
  for (let g = 0; g < groups; g++) {
    const cells = new Uint32Array(perGroup);
    for (let i = 0; i < perGroup; i++) cells[i] = i * step + ((g * 7919 + i * 31) % step);
    const id = `group_${g}`;
    doc.highlightCells.set(id, cells);
    metas.push({ id, type: 'lasso' as const, label: `Group ${g}`, enabled: true, cellCount: perGroup });
  }
  doc.highlights = {
    pages: [{ id: 'page_1', name: 'Page 1', color: '#2563eb', highlightedGroups: metas }],
    activePageId: 'page_1',
  };
  const codes = new Uint8Array(cellCount);
  for (let i = 0; i < cellCount; i++) codes[i] = (i * 2654435761) % 3;
  doc.fieldOverlays = {
    renames: { fields: {}, categories: {} },
    deletedFields: { deleted: [], purged: [] },
    userDefinedFields: [
      {
        id: 'udf_1',
        source: 'obs',
        kind: 'category',
        key: 'my_annotation',
        isDeleted: false,
        isPurged: false,
        categories: ['A', 'B', 'C'],
        codesLength: cellCount,
        codesType: 'Uint8Array',
        extra: {},
      },
    ],
  };
  doc.userDefinedCodes.set('udf_1', { encoding: 0, codes });
  return doc;
}

const fingerprintFor = (cellCount: number) => ({
  sourceType: 'local-demo',
  datasetId: 'bench',
  cellCount,
  varCount: 100,
  cellOrder: { dimension: 3 as const, digest: '0123456789abcdef' },
});

/** The longest gap between turns of a message loop while `work` runs: how long the page was blocked. */
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

describe('session writer worker', () => {
  const fingerprint = fingerprintFor(5000);

  /** Writes `doc` in the worker; fails the test if the worker declined. */
  async function writeThere(doc: SessionDocument): Promise<Uint8Array<ArrayBuffer>> {
    let declined = false;
    const { blob } = await writeSessionBlob(doc, {
      fingerprint,
      writeElsewhere: async (jobs, options) => (await writeInWorker(jobs, options)) ?? ((declined = true), null),
    });
    expect(declined, 'the worker wrote the bundle').to.equal(false);
    return new Uint8Array(await blob.arrayBuffer());
  }

  /** Bytes the page transfers to the worker while `work` runs. */
  async function transferredDuring(work: () => Promise<unknown>): Promise<number> {
    const post = Worker.prototype.postMessage;
    let bytes = 0;
    Worker.prototype.postMessage = function (
      this: Worker,
      message: unknown,
      transfer?: Transferable[] | StructuredSerializeOptions,
    ) {
      for (const t of Array.isArray(transfer) ? transfer : []) if (t instanceof ArrayBuffer) bytes += t.byteLength;
      return Reflect.apply(post, this, [message, transfer]);
    } as typeof post;
    try {
      await work();
    } finally {
      Worker.prototype.postMessage = post;
    }
    return bytes;
  }

  it("writes the bundle the page writer writes, and leaves the caller's arrays alone", async () => {
    const doc = makeDocument(5000, 3, 400);
    const before = doc.highlightCells.get('group_1')!.slice();
    const there = await writeThere(doc);
    const a = await readSessionDocument(there, { current: fingerprint });
    const b = await readSessionDocument(await writeSessionBundle(doc, { fingerprint }), { current: fingerprint });
    expect(a.report.failed).to.deep.equal([]);
    expect(a.document).to.deep.equal(b.document);
    expect([...doc.highlightCells.get('group_1')!]).to.deep.equal([...before]);
  });

  it('sends an unchanged array once, and a new array (an edit) afresh', async () => {
    const doc = makeDocument(5000, 3, 400);
    const first = await transferredDuring(() => writeThere(doc));
    let again = new Uint8Array(0);
    const second = await transferredDuring(async () => (again = await writeThere(doc)));
    expect(first, 'the first save sends the groups and codes').to.be.greaterThan(3 * 400 * 4);
    expect(second, 'a save of unchanged arrays sends only the small JSON chunks').to.be.lessThan(first / 4);
    expect((await readSessionDocument(again, { current: fingerprint })).document).to.deep.equal(
      (await readSessionDocument(await writeSessionBundle(doc, { fingerprint }), { current: fingerprint })).document,
    );
    // Edits build new arrays: the grown group must be written, not the one kept from before.
    const grown = Uint32Array.from([...doc.highlightCells.get('group_0')!, 4999]);
    doc.highlightCells.set('group_0', grown);
    const read = await readSessionDocument(await writeThere(doc), { current: fingerprint });
    expect([...read.document.highlightCells.get('group_0')!]).to.deep.equal([...grown]);
  });

  it('copies made into the buffers of an earlier save carry only the new values', async () => {
    // New arrays, each a little smaller than the last save's, so they are copied into its buffers
    // (which still hold the old values past the new arrays' ends).
    for (const perGroup of [400, 390, 380]) {
      const doc = makeDocument(5000, 3, perGroup);
      for (const cells of doc.highlightCells.values()) cells.reverse(); // another order, same set
      const codes = new Uint8Array(5000).fill(perGroup % 3); // other values, in the earlier field's buffer
      doc.userDefinedCodes.set('udf_1', { encoding: 0, codes });
      const read = await readSessionDocument(await writeThere(doc), { current: fingerprint });
      expect(read.report.failed).to.deep.equal([]);
      for (const [id, cells] of doc.highlightCells)
        expect([...read.document.highlightCells.get(id)!]).to.deep.equal([...cells].sort((a, b) => a - b));
      expect([...read.document.userDefinedCodes.get('udf_1')!.codes]).to.deep.equal([...codes]);
    }
  });

  it('two saves posted at once both come back whole', async () => {
    const doc = makeDocument(5000, 2, 300);
    const [a, b] = await Promise.all([writeThere(doc), writeThere(doc)]);
    const expected = (
      await readSessionDocument(await writeSessionBundle(doc, { fingerprint }), { current: fingerprint })
    ).document;
    for (const bytes of [a, b])
      expect((await readSessionDocument(bytes, { current: fingerprint })).document).to.deep.equal(expected);
  });

  const title = "a 1M-cell session written with the worker reads back like the page writer's, and autosaves";
  it(title, async function (this: { timeout(ms: number): void }) {
    this.timeout(120_000);
    const cellCount = 1_000_000;
    const doc = makeDocument(cellCount, 8, 125_000);
    const fingerprint = fingerprintFor(cellCount);
    const store = new AutosaveStore({
      dbName: `cellucid-writer-${Math.random().toString(36).slice(2)}`,
      page: '/bench',
    });
    try {
      // start the worker outside the measurement
      await writeSessionBlob(emptyDocument(), { fingerprint, writeElsewhere: writeInWorker });
      const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
      let blob = new Blob();
      let declined = false;
      const writing = await longestBlockDuring(async () => {
        const writeElsewhere: typeof writeInWorker = async (jobs, options) =>
          (await writeInWorker(jobs, options)) ?? ((declined = true), null);
        blob = (await writeSessionBlob(doc, { fingerprint, pause, writeElsewhere })).blob;
      });
      expect(declined, 'the worker wrote the bundle, not the page').to.equal(false);
      const storing = await longestBlockDuring(() => store.save('viewer', fingerprint, blob, { label: 'autosave' }));
      const t = performance.now();
      const inPage = await writeSessionBundle(doc, { fingerprint });
      const inPageMs = performance.now() - t;
      const saved = await store.latest('viewer', fingerprint);
      const a = await readSessionDocument(saved!.bytes, { current: fingerprint });
      const b = await readSessionDocument(inPage, { current: fingerprint });
      expect(a.report.failed).to.deep.equal([]);
      expect(a.document).to.deep.equal(b.document);
      // Times swing with the machine's load, so they are reported, not asserted (the benchmarks
      // measure them): what must hold anywhere is that the worker did the writing.
      console.log(
        `autosave of 1M cells with the writer worker: longest main-thread block ${writing.toFixed(1)} ms ` +
          `writing, ${storing.toFixed(1)} ms storing in IndexedDB; ` +
          `the same bundle written in the page blocks ${inPageMs.toFixed(0)} ms`,
      );
    } finally {
      await store.clear('viewer');
    }
  });
});
