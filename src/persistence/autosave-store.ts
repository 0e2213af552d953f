// Autosaved session bundles in IndexedDB (through idb-keyval's store function).
//
// Layout of the object store:
//   `${scope}|${timestamp}|${random}` → AutosaveRecord (one record per autosave, bytes included)
//   `#index|${scope}`                 → AutosaveSummary[] (what exists for that scope, newest first)
// where scope = `${page}|${autosave-key}`, both URI-encoded so neither can contain '|' or '#'.
// A save writes its record, rewrites the index and deletes what the index pruned in ONE readwrite
// transaction. IndexedDB serialises readwrite transactions on a store across tabs and applies each
// atomically, so two tabs saving at once cannot lose each other's index entries, and a tab killed
// mid-save leaves either the whole save or none of it.
//
// A page that is going away gets no task after `pagehide`, so `saveNow` cannot read the index: it
// writes blind, in the calling task, into a database of its own (`${dbName}-last`), one slot per
// (scope, dataset) that each such save overwrites:
//   `#last|${scope}|${fingerprintKey}`      → AutosaveSummary (its id is this key)
//   `#lastbytes|${scope}|${fingerprintKey}` → AutosaveRecord
// A database of its own, because a closing page's transaction that waits behind another one (an
// autosave or a read of the main store still running) is aborted with the page. Readers list the
// slots with the index's entries, newest first.
//
// A window closed at once may be torn down before even those writes commit; localStorage writes
// reach the browser in the calling task. So `saveNow` also keeps a bundle of at most 1 MiB there,
// under `${dbName}-last|${slot}` (its summary as JSON, a newline, then one character per byte),
// and readers take the newer of the slot and that copy. A copy goes once a database write of that
// state or a newer one has committed.

import { createStore, get, promisifyRequest, type UseStore } from 'idb-keyval';
import { AutosaveUnavailableError, toUnavailable } from './autosave-errors.js';
import { copiedBytes, forgetLocalCopy, localCopyKeys, readLocalCopy, writeLocalCopy } from './autosave-local-copy.js';
import {
  autosaveFingerprintKey,
  checkFingerprint,
  readSummaries,
  summaryOf,
  toEntry,
  type AutosaveEntry,
  type AutosaveFingerprint,
  type AutosaveMeta,
  type AutosaveRecord,
  type AutosaveSummary,
} from './autosave-records.js';
import { AUTOSAVE_DATASETS_PER_KEY, AUTOSAVES_PER_DATASET, pruneAutosaves } from './autosave-retention.js';

export { AutosaveUnavailableError, type AutosaveUnavailableReason } from './autosave-errors.js';
export {
  autosaveFingerprintKey,
  type AutosaveEntry,
  type AutosaveFingerprint,
  type AutosaveMeta,
  type AutosaveSummary,
} from './autosave-records.js';

const AUTOSAVE_DB_NAME = 'cellucid-viewer';
const AUTOSAVE_STORE_NAME = 'autosaves';
const MAX_KEY_LENGTH = 512;

export interface AutosaveStoreOptions {
  dbName?: string;
  storeName?: string;
  /** The page the autosaves belong to; defaults to `location.pathname`. */
  page?: string;
  keepPerDataset?: number;
  datasetsPerKey?: number;
  /** How long opening the database may take before it counts as blocked. */
  openTimeoutMs?: number;
  /** A ready-made idb-keyval store function (tests wrap one to simulate failures); it holds the slots too. */
  store?: UseStore;
}

export class AutosaveStore {
  readonly page: string;
  readonly #keepPerDataset: number;
  readonly #datasetsPerKey: number;
  readonly #openTimeoutMs: number;
  private readonly options: AutosaveStoreOptions;
  #storeFn: UseStore | null = null;
  #lastFn: UseStore | null = null;
  #opened: Promise<void> | null = null;
  /** The slots' database and store, once open: `saveNow` writes into them without waiting. */
  #last: { db: IDBDatabase; name: string } | null = null;

  constructor(options: AutosaveStoreOptions = {}) {
    this.options = options;
    this.page = options.page ?? globalThis.location?.pathname ?? '/';
    this.#keepPerDataset = positiveInt(options.keepPerDataset, AUTOSAVES_PER_DATASET);
    this.#datasetsPerKey = positiveInt(options.datasetsPerKey, AUTOSAVE_DATASETS_PER_KEY);
    this.#openTimeoutMs = positiveInt(options.openTimeoutMs, 10_000);
  }

  async save(
    key: string,
    fingerprint: AutosaveFingerprint,
    bundle: Uint8Array | Blob,
    meta: AutosaveMeta = {},
  ): Promise<AutosaveSummary> {
    const scope = this.#scope(key);
    if (!(bundle instanceof Uint8Array || bundle instanceof Blob))
      throw new TypeError('An autosave must be a Uint8Array or a Blob.');
    const blob = bundle instanceof Blob ? bundle : new Blob([bundle as BlobPart]);
    const summary = summaryOf(`${scope}|${Date.now()}|${randomHex()}`, key, fingerprint, blob.size, meta);
    const record: AutosaveRecord = { ...summary, page: this.page, bytes: blob, viewer: meta.viewer ?? null };
    const indexKey = indexKeyOf(scope);
    await this.#run(
      'readwrite',
      (os) =>
        new Promise<void>((resolve, reject) => {
          const request = os.get(indexKey);
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            try {
              const { kept, dropped } = this.#prune([summary, ...readSummaries(request.result)]);
              os.put(record, record.id);
              for (const id of dropped) os.delete(id);
              os.put(kept, indexKey);
              resolve(promisifyRequest(os.transaction));
            } catch (error) {
              reject(error);
            }
          };
        }),
    );
    forgetLocalCopy(this.#localKey(`${scope}|${summary.fingerprintKey}`), summary.createdAt);
    return summary;
  }

  /**
   * Saves without waiting for anything: the writes are issued before this returns, in the calling
   * task, so a page being closed or navigated away still stores them. Needs the slots' database
   * open (`open()`); `issued` is false when it is not. `done` settles with the transaction (a page
   * going away never sees it).
   */
  saveNow(
    key: string,
    fingerprint: AutosaveFingerprint,
    bytes: Uint8Array,
    meta: AutosaveMeta = {},
  ): { issued: boolean; done: Promise<void> } {
    const scope = this.#scope(key);
    const slot = `${scope}|${autosaveFingerprintKey(checkFingerprint(fingerprint))}`;
    const summary = summaryOf(`#last|${slot}`, key, fingerprint, bytes.byteLength, meta);
    const copied = writeLocalCopy(this.#localKey(slot), { ...summary, viewer: meta.viewer ?? null }, bytes);
    if (!this.#last) return { issued: copied, done: Promise.resolve() };
    try {
      const tx = this.#last.db.transaction(this.#last.name, 'readwrite');
      const os = tx.objectStore(this.#last.name);
      os.put(summary, summary.id);
      // Bytes rather than a Blob: they go with the request, where a Blob's would be read from this
      // page later, and the page may be gone by then.
      os.put(
        { ...summary, page: this.page, bytes, viewer: meta.viewer ?? null } satisfies AutosaveRecord,
        `#lastbytes|${slot}`,
      );
      tx.commit();
      return {
        issued: true,
        done: promisifyRequest(tx).then(
          () => forgetLocalCopy(this.#localKey(slot), summary.createdAt),
          (e) => Promise.reject(toUnavailable(e)),
        ),
      };
    } catch (error) {
      return { issued: copied, done: Promise.reject(toUnavailable(error)) };
    }
  }

  /** Opens both databases, so that a later `saveNow` can write at once. */
  async open(): Promise<void> {
    await this.#run('readonly', () => {});
    await this.#lastStore('readonly', (os) => {
      this.#last = { db: os.transaction.db, name: os.name };
    });
  }

  /** Metadata only (no bundle bytes read; `get` reads one), newest first; optionally one dataset's only. */
  async summaries(key: string, fingerprint?: AutosaveFingerprint): Promise<AutosaveSummary[]> {
    const scope = this.#scope(key);
    const wanted = fingerprint ? autosaveFingerprintKey(checkFingerprint(fingerprint)) : null;
    const index = readSummaries(await this.#run('readonly', (os) => promisifyRequest(os.get(indexKeyOf(scope)))));
    const slots = readSummaries(
      await this.#lastStore('readonly', (os) => promisifyRequest(os.getAll(prefixRange(`#last|${scope}|`)))),
    );
    const copies = localCopyKeys(this.#localKey(`${scope}|`)).map((k) => readLocalCopy(k)?.[0]);
    // The slots, their copies and the index's entries, pruned as a save would prune them (a slot
    // and its copy share an id: the newer is listed).
    return this.#prune([...index, ...slots, ...readSummaries(copies)]).kept.filter(
      (entry) => wanted === null || entry.fingerprintKey === wanted,
    );
  }

  async get(id: string): Promise<AutosaveEntry | null> {
    if (typeof id !== 'string') return null;
    const page = `${encodeURIComponent(this.page)}|`;
    if (id.startsWith(`#last|${page}`)) {
      const slot = await toEntry(
        await this.#lastStore('readonly', (os) => promisifyRequest(os.get(`#lastbytes|${id.slice(6)}`))),
      );
      const copy = readLocalCopy(this.#localKey(id.slice(6)));
      if (!copy || (slot && slot.createdAt >= copy[0].createdAt)) return slot;
      return toEntry({ ...copy[0], bytes: copiedBytes(copy[1]) });
    }
    if (!id.startsWith(page)) return null;
    return toEntry(await this.#run('readonly', (os) => promisifyRequest(os.get(id))));
  }

  /** The newest autosave of this dataset under `key`, or null. */
  async latest(key: string, fingerprint: AutosaveFingerprint): Promise<AutosaveEntry | null> {
    for (const summary of await this.summaries(key, fingerprint)) {
      const entry = await this.get(summary.id);
      if (entry) return entry;
    }
    return null;
  }

  /** Removes every autosave under `key` on this page (all datasets), in one transaction. */
  async clear(key: string): Promise<void> {
    const scope = this.#scope(key);
    await this.#run('readwrite', (os) => {
      // '|' + 1 = '}' bounds exactly the keys that start with `${scope}|`.
      os.delete(IDBKeyRange.bound(`${scope}|`, `${scope}}`, false, true));
      os.delete(indexKeyOf(scope));
      return promisifyRequest(os.transaction);
    });
    await this.#lastStore('readwrite', (os) => {
      os.delete(prefixRange(`#last|${scope}|`));
      os.delete(prefixRange(`#lastbytes|${scope}|`));
      return promisifyRequest(os.transaction);
    });
    for (const k of localCopyKeys(this.#localKey(`${scope}|`))) localStorage.removeItem(k);
  }

  #localKey(slot: string): string {
    return `${this.options.dbName ?? AUTOSAVE_DB_NAME}-last|${slot}`;
  }

  /** A transaction on the slots (the main store when the options gave one), errors as for the main store. */
  async #lastStore<T>(mode: IDBTransactionMode, body: (os: IDBObjectStore) => T | PromiseLike<T>): Promise<T> {
    if (this.options.store) return this.#run(mode, body);
    try {
      this.#storeFunction(); // no IndexedDB: the same error as the main store's
      this.#lastFn ??= createStore(
        `${this.options.dbName ?? AUTOSAVE_DB_NAME}-last`,
        this.options.storeName ?? AUTOSAVE_STORE_NAME,
      );
      await this.#ensureOpen(this.#storeFunction());
      return await this.#lastFn(mode, body);
    } catch (error) {
      throw toUnavailable(error);
    }
  }

  #prune(entries: AutosaveSummary[]) {
    return pruneAutosaves(entries, this.#keepPerDataset, this.#datasetsPerKey);
  }

  #scope(key: string): string {
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new TypeError(`The autosave key must be a non-empty string of at most ${MAX_KEY_LENGTH} characters.`);
    }
    return `${encodeURIComponent(this.page)}|${encodeURIComponent(key)}`;
  }

  /** Runs one transaction; every storage failure becomes an AutosaveUnavailableError. */
  async #run<T>(mode: IDBTransactionMode, body: (os: IDBObjectStore) => T | PromiseLike<T>): Promise<T> {
    try {
      const store = this.#storeFunction();
      await this.#ensureOpen(store);
      return await store(mode, body);
    } catch (error) {
      throw toUnavailable(error);
    }
  }

  #storeFunction(): UseStore {
    if (this.#storeFn) return this.#storeFn;
    if (!this.options.store && typeof indexedDB === 'undefined') {
      throw new AutosaveUnavailableError('missing', 'Autosave is unavailable: this browser has no IndexedDB.');
    }
    this.#storeFn =
      this.options.store ??
      createStore(this.options.dbName ?? AUTOSAVE_DB_NAME, this.options.storeName ?? AUTOSAVE_STORE_NAME);
    return this.#storeFn;
  }

  /** A database blocked by another connection never opens; give up instead of hanging autosave forever. */
  #ensureOpen(store: UseStore): Promise<void> {
    this.#opened ??= new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new AutosaveUnavailableError(
              'blocked',
              'Autosave is unavailable: the browser database did not open (blocked by another tab?).',
            ),
          ),
        this.#openTimeoutMs,
      );
      get('#probe', store).then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    }).catch((error) => {
      this.#opened = null; // a later attempt may succeed (e.g. the other tab closed)
      throw error;
    });
    return this.#opened;
  }
}

function indexKeyOf(scope: string): string {
  return `#index|${scope}`;
}

/** Exactly the keys that start with `prefix`, which ends in '|' ('|' + 1 = '}'). */
function prefixRange(prefix: string): IDBKeyRange {
  return IDBKeyRange.bound(prefix, `${prefix.slice(0, -1)}}`, false, true);
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** crypto.randomUUID needs a secure context; getRandomValues does not. */
function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
