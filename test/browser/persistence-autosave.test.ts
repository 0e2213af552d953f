import { expect } from '@open-wc/testing';
import { createStore, entries, set, type UseStore } from 'idb-keyval';
import {
  AutosaveStore,
  AutosaveUnavailableError,
  autosaveFingerprintKey,
  type AutosaveFingerprint,
} from '../../src/persistence/autosave-store.js';

const PBMC: AutosaveFingerprint = {
  datasetId: 'pbmc3k',
  cellCount: 2638,
  varCount: 1838,
  cellOrder: { digest: 'c3814fae39357153' },
};
const PBMC_PERMUTED: AutosaveFingerprint = { ...PBMC, cellOrder: { digest: 'cd6cba8d5aeaf22c' } };
const OTHER: AutosaveFingerprint = {
  datasetId: 'other',
  cellCount: 10,
  varCount: 3,
  cellOrder: { digest: '0000000000000000' },
};

const openDbs: string[] = [];
function freshDbName(): string {
  const name = `cellucid-autosave-test-${Math.random().toString(36).slice(2)}`;
  openDbs.push(name);
  return name;
}

function bytesOf(n: number, length = 16): Uint8Array<ArrayBuffer> {
  return new Uint8Array(length).fill(n);
}

/** The autosaves under `key` with their bytes, newest first: the summaries, each read by id. */
async function entriesOf(store: AutosaveStore, key: string, fingerprint?: AutosaveFingerprint) {
  const entries = await Promise.all((await store.summaries(key, fingerprint)).map((s) => store.get(s.id)));
  return entries.filter((e) => e !== null);
}

/** Every key/value actually in the object store, for consistency checks. */
async function rawContents(dbName: string): Promise<Map<string, unknown>> {
  return new Map(await entries<string, unknown>(createStore(dbName, 'autosaves')));
}

describe('AutosaveStore (IndexedDB)', () => {
  after(async () => {
    await Promise.all(
      openDbs.map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
    );
  });

  it('saves, lists newest first, returns the latest and prunes to 5 per dataset', async () => {
    const store = new AutosaveStore({ dbName: freshDbName(), page: '/docs/a.html' });
    for (let i = 1; i <= 7; i++) {
      await store.save('viewer-1', PBMC, bytesOf(i), { createdAt: 1000 + i, label: `save ${i}` });
    }
    const list = await entriesOf(store, 'viewer-1', PBMC);
    expect(list.map((e) => e.createdAt)).to.deep.equal([1007, 1006, 1005, 1004, 1003]);
    expect(list.map((e) => e.bytes[0])).to.deep.equal([7, 6, 5, 4, 3]);
    expect(list[0].label).to.equal('save 7');
    expect(list[0].datasetId).to.equal('pbmc3k');
    expect(list[0].fingerprintKey).to.equal(autosaveFingerprintKey(PBMC));
    expect(list[0].byteLength).to.equal(16);

    const latest = await store.latest('viewer-1', PBMC);
    expect(latest?.bytes).to.deep.equal(bytesOf(7));
    const byId = await store.get(list[2].id);
    expect(byId?.bytes).to.deep.equal(bytesOf(5));
    expect((await store.summaries('viewer-1')).length).to.equal(5);

    // The pruned records are really gone, not just hidden by the index.
    const raw = await rawContents(store['options'].dbName as string);
    const records = [...raw.keys()].filter((k) => !k.startsWith('#'));
    expect(records.length).to.equal(5);

    await store.clear('viewer-1');
    expect(await entriesOf(store, 'viewer-1')).to.deep.equal([]);
    expect(await store.latest('viewer-1', PBMC)).to.equal(null);
    expect(await store.get(list[0].id)).to.equal(null);
  });

  it('stores only the bytes of a view, not its whole buffer', async () => {
    const dbName = freshDbName();
    const store = new AutosaveStore({ dbName, page: '/p' });
    const big = new Uint8Array(1 << 20).fill(7);
    await store.save('v', PBMC, big.subarray(100, 110), { createdAt: 1 });
    const entry = await store.latest('v', PBMC);
    expect(entry?.bytes.byteLength).to.equal(10);
    expect(entry?.bytes.buffer.byteLength).to.equal(10);
  });

  it('stores the bundle as a Blob, and still reads a record that held the bytes themselves', async () => {
    const dbName = freshDbName();
    const store = new AutosaveStore({ dbName, page: '/p' });
    const saved = await store.save('v', PBMC, new Blob([bytesOf(9, 12)]), { createdAt: 1 });
    expect(saved.byteLength).to.equal(12);
    const raw = (await rawContents(dbName)).get(saved.id) as { bytes: unknown };
    // A Blob costs the page a handle to serialise; a Uint8Array of a megabyte, a megabyte.
    expect(raw.bytes).to.be.instanceOf(Blob);
    expect((await store.get(saved.id))?.bytes).to.deep.equal(bytesOf(9, 12));
    await set(saved.id, { ...raw, bytes: bytesOf(4, 3) }, createStore(dbName, 'autosaves'));
    expect((await store.latest('v', PBMC))?.bytes).to.deep.equal(bytesOf(4, 3));
  });

  it('keeps two keys and two pages apart', async () => {
    const dbName = freshDbName();
    const store = new AutosaveStore({ dbName, page: '/docs/a.html' });
    const otherPage = new AutosaveStore({ dbName, page: '/docs/b.html' });
    await store.save('left', PBMC, bytesOf(1), { createdAt: 1 });
    await store.save('right', PBMC, bytesOf(2), { createdAt: 2 });
    await store.save('left|right', PBMC, bytesOf(3), { createdAt: 3 });
    await otherPage.save('left', PBMC, bytesOf(4), { createdAt: 4 });

    expect((await entriesOf(store, 'left')).map((e) => e.bytes[0])).to.deep.equal([1]);
    expect((await entriesOf(store, 'right')).map((e) => e.bytes[0])).to.deep.equal([2]);
    expect((await entriesOf(store, 'left|right')).map((e) => e.bytes[0])).to.deep.equal([3]);
    expect((await entriesOf(otherPage, 'left')).map((e) => e.bytes[0])).to.deep.equal([4]);

    const otherId = (await entriesOf(otherPage, 'left'))[0].id;
    expect(await store.get(otherId)).to.equal(null);

    await store.clear('left');
    expect(await entriesOf(store, 'left')).to.deep.equal([]);
    expect((await entriesOf(store, 'left|right')).length).to.equal(1);
    expect((await entriesOf(store, 'right')).length).to.equal(1);
    expect((await entriesOf(otherPage, 'left')).length).to.equal(1);
  });

  it('separates datasets by fingerprint and prunes each dataset on its own', async () => {
    const store = new AutosaveStore({ dbName: freshDbName(), page: '/p' });
    await store.save('v', PBMC, bytesOf(1), { createdAt: 1 });
    await store.save('v', OTHER, bytesOf(2), { createdAt: 2 });
    await store.save('v', PBMC_PERMUTED, bytesOf(3), { createdAt: 3 });
    expect((await store.latest('v', PBMC))?.bytes[0]).to.equal(1);
    expect((await store.latest('v', OTHER))?.bytes[0]).to.equal(2);
    expect((await store.latest('v', PBMC_PERMUTED))?.bytes[0]).to.equal(3);
    expect((await entriesOf(store, 'v')).map((e) => e.bytes[0])).to.deep.equal([3, 2, 1]);

    // Many saves on one dataset do not push out another dataset's autosave.
    for (let i = 10; i < 20; i++) await store.save('v', OTHER, bytesOf(i), { createdAt: i });
    expect((await entriesOf(store, 'v', OTHER)).length).to.equal(5);
    expect((await store.latest('v', PBMC))?.bytes[0]).to.equal(1);
  });

  it('drops the least recently saved dataset beyond the per-key dataset limit', async () => {
    const store = new AutosaveStore({ dbName: freshDbName(), page: '/p', datasetsPerKey: 2 });
    await store.save('v', PBMC, bytesOf(1), { createdAt: 1 });
    await store.save('v', OTHER, bytesOf(2), { createdAt: 2 });
    await store.save('v', PBMC_PERMUTED, bytesOf(3), { createdAt: 3 });
    expect(await store.latest('v', PBMC)).to.equal(null);
    expect((await entriesOf(store, 'v')).map((e) => e.bytes[0])).to.deep.equal([3, 2]);
  });

  it('turns a full quota into AutosaveUnavailableError and keeps earlier autosaves', async () => {
    const dbName = freshDbName();
    const real = createStore(dbName, 'autosaves');
    let full = false;
    const quotaStore: UseStore = (mode, callback) =>
      full && mode === 'readwrite'
        ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
        : real(mode, callback);
    const store = new AutosaveStore({ store: quotaStore, page: '/p' });
    await store.save('v', PBMC, bytesOf(1), { createdAt: 1 });
    full = true;
    let caught: unknown;
    try {
      await store.save('v', PBMC, bytesOf(2), { createdAt: 2 });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(AutosaveUnavailableError);
    expect((caught as AutosaveUnavailableError).reason).to.equal('quota');
    expect((caught as Error).message).to.match(/storage for this site is full/);
    expect((await entriesOf(store, 'v')).map((e) => e.bytes[0])).to.deep.equal([1]);
  });

  it('a save whose transaction aborts after the record was written leaves nothing behind', async () => {
    const dbName = freshDbName();
    const real = createStore(dbName, 'autosaves');
    // The record put goes through, then the transaction aborts before the index is rewritten,
    // as it would when a tab dies or the quota is hit mid-save.
    let abortAfterPut = false;
    const aborting: UseStore = (mode, callback) =>
      real(mode, (os) => {
        if (!abortAfterPut || mode !== 'readwrite') return callback(os);
        const wrapped = {
          get: (key: IDBValidKey) => os.get(key),
          delete: (key: IDBValidKey | IDBKeyRange) => os.delete(key),
          put: (value: unknown, key?: IDBValidKey) => {
            const request = os.put(value, key);
            os.transaction.abort();
            return request;
          },
          get transaction() {
            return os.transaction;
          },
        };
        return callback(wrapped as unknown as IDBObjectStore);
      });
    const store = new AutosaveStore({ store: aborting, page: '/p' });
    await store.save('v', PBMC, bytesOf(1), { createdAt: 1 });
    abortAfterPut = true;
    const error = await store.save('v', PBMC, bytesOf(2), { createdAt: 2 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AutosaveUnavailableError);
    abortAfterPut = false;
    const raw = await rawContents(dbName);
    expect([...raw.keys()].filter((k) => !k.startsWith('#')).length).to.equal(1);
    expect((await entriesOf(store, 'v')).map((e) => e.bytes[0])).to.deep.equal([1]);
  });

  it('reports a missing IndexedDB and a blocked database as unavailable', async () => {
    const missing = new AutosaveStore({
      page: '/p',
      store: () => {
        throw new ReferenceError('indexedDB is not defined');
      },
    });
    const missingError = await missing.summaries('v').catch((e: unknown) => e);
    expect(missingError).to.be.instanceOf(AutosaveUnavailableError);
    expect((missingError as AutosaveUnavailableError).reason).to.equal('missing');

    const blocked = new AutosaveStore({ page: '/p', openTimeoutMs: 50, store: () => new Promise(() => {}) });
    const blockedError = await blocked.save('v', PBMC, bytesOf(1)).catch((e: unknown) => e);
    expect(blockedError).to.be.instanceOf(AutosaveUnavailableError);
    expect((blockedError as AutosaveUnavailableError).reason).to.equal('blocked');
  });

  it('rejects bad arguments without touching storage', async () => {
    const store = new AutosaveStore({ dbName: freshDbName(), page: '/p' });
    const errors = await Promise.all([
      store.save('', PBMC, bytesOf(1)).catch((e: unknown) => e),
      store.save('v', PBMC, [1, 2, 3] as unknown as Uint8Array).catch((e: unknown) => e),
      store.save('v', { datasetId: 'x', cellCount: 1.5, varCount: 1 }, bytesOf(1)).catch((e: unknown) => e),
    ]);
    for (const error of errors) expect(error).to.be.instanceOf(TypeError);
    expect(await entriesOf(store, 'v')).to.deep.equal([]);
  });

  it('two store instances (two tabs) saving at once keep every record consistent', async () => {
    const dbName = freshDbName();
    const tabA = new AutosaveStore({ dbName, page: '/p' });
    const tabB = new AutosaveStore({ dbName, page: '/p' });
    const saves: Promise<unknown>[] = [];
    for (let i = 0; i < 12; i++) {
      saves.push(tabA.save('v', PBMC, bytesOf(i), { createdAt: 100 + 2 * i, label: 'A' }));
      saves.push(tabB.save('v', PBMC, bytesOf(100 + i), { createdAt: 101 + 2 * i, label: 'B' }));
    }
    await Promise.all(saves);

    const seenByA = await entriesOf(tabA, 'v', PBMC);
    const seenByB = await entriesOf(tabB, 'v', PBMC);
    expect(seenByA.map((e) => e.id)).to.deep.equal(seenByB.map((e) => e.id));
    // The five newest of all 24 saves, from both tabs, and nothing else in the database.
    expect(seenByA.map((e) => e.createdAt)).to.deep.equal([123, 122, 121, 120, 119]);
    expect(seenByA.map((e) => e.label)).to.deep.equal(['B', 'A', 'B', 'A', 'B']);
    const raw = await rawContents(dbName);
    const recordKeys = [...raw.keys()].filter((k) => !k.startsWith('#')).sort();
    expect(recordKeys).to.deep.equal(seenByA.map((e) => e.id).sort());
  });

  // The newer of the slot and its copy is read; a database write that committed clears the copy.
  it('saveNow keeps a small bundle in localStorage too, read back by the next page', async () => {
    const dbName = freshDbName();
    const copies = () => Object.keys(localStorage).filter((k) => k.startsWith(`${dbName}-last|`));
    // A page whose databases never opened (closed at once, say): its bundle is in the copy alone.
    const closing = new AutosaveStore({ dbName, page: '/p' });
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    expect(closing.saveNow('v', PBMC, bytes, { createdAt: 500 }).issued).to.equal(true);
    expect(copies().length).to.equal(1);
    const next = new AutosaveStore({ dbName, page: '/p' });
    const [restored] = await entriesOf(next, 'v', PBMC);
    expect(restored!.createdAt).to.equal(500);
    expect(Array.from(restored!.bytes)).to.deep.equal(Array.from(bytes));
    expect((await next.latest('v', PBMC))!.createdAt).to.equal(500);
    expect(await entriesOf(next, 'v', OTHER)).to.deep.equal([]);

    // An open store writes the slot as well; once it committed, the copy goes.
    await next.open();
    const { done } = next.saveNow('v', PBMC, bytesOf(6), { createdAt: 600 });
    expect(copies().length).to.equal(1);
    await done;
    expect(copies()).to.deep.equal([]);
    expect((await next.latest('v', PBMC))!.bytes).to.deep.equal(bytesOf(6));

    // A copy newer than the slot is read instead of it; a later autosave that committed clears it.
    closing.saveNow('v', PBMC, bytesOf(7), { createdAt: 700 });
    expect((await next.latest('v', PBMC))!.bytes).to.deep.equal(bytesOf(7));
    await next.save('v', PBMC, bytesOf(8), { createdAt: 800 });
    expect(copies()).to.deep.equal([]);
    expect((await next.latest('v', PBMC))!.bytes).to.deep.equal(bytesOf(8));

    // Past 1 MiB no copy is kept; clear() removes copies with the rest.
    expect(closing.saveNow('v', PBMC, new Uint8Array((1 << 20) + 1)).issued).to.equal(false);
    closing.saveNow('v', PBMC, bytesOf(9));
    expect(copies().length).to.equal(1);
    await next.clear('v');
    expect(copies()).to.deep.equal([]);
    expect(await entriesOf(next, 'v')).to.deep.equal([]);
  });
});
