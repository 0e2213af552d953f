// Autosave: the state is written to IndexedDB shortly after changes and when the page is
// hidden, keyed by page, autosave key and dataset fingerprint; the newest matching autosave is
// restored at start-up. Storage that is full, private or blocked turns autosave off with a
// cellucid-error {phase: 'autosave'} and nothing else changes.
// A page closed or navigated away gets no task after `pagehide`: the latest state is kept ready as
// an uncompressed bundle (made when the page is idle after a change, or right then if the change
// came too late) and written in that task.
import type { ReactiveController } from 'lit';
import { AutosaveScheduler } from '../persistence/autosave-scheduler.js';
import { AutosaveStore, AutosaveUnavailableError, type AutosaveSummary } from '../persistence/autosave-store.js';
import type { WritableFingerprint } from '../core/session/bundle-writer.js';
import { viewerSettings } from '../core/state/viewer-settings.js';
import { dispatch } from './events.js';
import type { StoreServices } from './store-types.js';
import type { SessionController } from './session-controller.js';
import { sessionCode } from './session-code.js';

/** What autosave uses of the store. */
type ViewerAutosaveStore = StoreServices & {
  session: SessionController;
  fingerprint(): Promise<WritableFingerprint | null>;
  fingerprintNow(): WritableFingerprint | null;
};

let sharedStore: AutosaveStore | null = null;
const store = () => (sharedStore ??= new AutosaveStore());

export class AutosaveController implements ReactiveController {
  #scheduler: AutosaveScheduler | null = null;
  /** Off after a storage failure, until the element is reconnected. */
  #broken = false;
  /** Changes noted so far; the ready bundle says which one it holds. */
  #changes = 0;
  #ready: { change: number; fingerprint: WritableFingerprint; bytes: Uint8Array } | null = null;
  #preparing: number | null = null;

  readonly #store: ViewerAutosaveStore;

  constructor(store: ViewerAutosaveStore) {
    this.#store = store;
    store.element.addController(this);
  }

  hostConnected(): void {
    this.#broken = false;
    // Opened and imported now, long before a first change, so a page that closes right after one can
    // write at once (a later save reports what fails).
    if (this.active) {
      store()
        .open()
        .catch(() => {});
      sessionCode().catch(() => {});
    }
  }

  hostDisconnected(): void {
    const s = this.#scheduler;
    this.#scheduler = null;
    this.#ready = null;
    void s?.disconnect().catch(() => {});
  }

  get active(): boolean {
    return !this.#broken && this.#store.element.autosave !== 'off';
  }

  /** Called after every change of the persisted state. */
  noteChange(): void {
    if (!this.active) return;
    this.#changes++;
    this.#ensureScheduler().notifyChange();
    this.#prepareWhenIdle();
  }

  /** The newest autosave of this page, key and dataset (its bundle and the viewer's own settings), or null. */
  async latest(): Promise<{ bytes: Uint8Array; viewer: unknown } | null> {
    if (!this.active) return null;
    const fp = await this.#store.fingerprint();
    if (!fp) return null;
    try {
      return await store().latest(this.key(), fp);
    } catch (err) {
      this.#fail(err);
      return null;
    }
  }

  async list(): Promise<AutosaveSummary[]> {
    const fp = await this.#store.fingerprint();
    if (!fp) return [];
    return store().summaries(this.key(), fp);
  }

  async get(id: string): Promise<{ bytes: Uint8Array; viewer: unknown }> {
    const entry = await store().get(id);
    if (!entry || entry.key !== this.key()) throw new Error(`restoreAutosave: no autosave "${id}" for this viewer.`);
    return entry;
  }

  clear(): Promise<void> {
    return store().clear(this.key());
  }

  #ensureScheduler(): AutosaveScheduler {
    if (!this.#scheduler) {
      this.#scheduler = new AutosaveScheduler({
        save: () => this.#save(),
        saveNow: () => this.#saveNow(),
        onError: (err) => this.#fail(err),
      });
      this.#scheduler.connect();
    }
    return this.#scheduler;
  }

  async #save(): Promise<void> {
    if (!this.active) return;
    // The time of the state it holds: a write at `pagehide` meanwhile is of a later state, and newer.
    const createdAt = Date.now();
    const fp = await this.#store.fingerprint();
    if (!fp) return;
    const viewer = viewerSettings(this.#store.persistedView());
    const blob = (await this.#store.session.bundle()).blob;
    await store().save(this.key(), fp, blob, { label: 'Autosave', createdAt, viewer });
  }

  /** The latest state, written in this task (the page is going away); false when it cannot be. */
  #saveNow(): boolean {
    if (!this.active) return false;
    const ready = this.#ready?.change === this.#changes ? this.#ready : null;
    const fingerprint = ready?.fingerprint ?? this.#store.fingerprintNow();
    if (!fingerprint) return false;
    const bytes = ready?.bytes ?? this.#store.session.bundleNow(fingerprint);
    if (!bytes) return false;
    const { issued, done } = store().saveNow(this.key(), fingerprint, bytes, {
      label: 'Autosave',
      viewer: viewerSettings(this.#store.persistedView()),
    });
    done.catch((err) => this.#fail(err));
    return issued;
  }

  /** Keeps the latest state ready to write, made when the page has nothing else to do. */
  #prepareWhenIdle(): void {
    if (this.#preparing !== null) return;
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
    this.#preparing = idle(
      () => {
        this.#preparing = null;
        if (!this.#scheduler?.pending || this.#ready?.change === this.#changes) return;
        const fingerprint = this.#store.fingerprintNow();
        if (!fingerprint) return;
        try {
          const bytes = this.#store.session.bundleNow(fingerprint);
          this.#ready = bytes && { change: this.#changes, fingerprint, bytes };
          // The session code has not arrived yet: prepared once it has.
          if (!bytes)
            sessionCode().then(
              () => this.#prepareWhenIdle(),
              () => {},
            );
        } catch {
          this.#ready = null; // the write at pagehide makes it again, and reports what fails
        }
      },
      { timeout: 1000 },
    ) as number;
  }

  /** Autosaves of viewers on one page are kept apart: `autosave-key`, else the id, else the position. */
  key(): string {
    const el = this.#store.element;
    if (el.autosaveKeyName) return el.autosaveKeyName;
    if (el.id) return el.id;
    const index = Array.from(el.ownerDocument.querySelectorAll<HTMLElement>('cellucid-viewer')).indexOf(el);
    return `cellucid-viewer:${Math.max(0, index)}`;
  }

  #report(message: string): void {
    this.#store.announce(message);
    dispatch(this.#store.element, 'cellucid-error', { kind: 'autosave', message });
  }

  #fail(err: unknown): void {
    if (this.#broken) return;
    if (err instanceof AutosaveUnavailableError) {
      this.#broken = true;
      this.#scheduler?.stop();
      this.#report(`Autosave is off: ${err.message}`);
    } else {
      this.#report(`Autosave failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
