// Autosave: the state is written to IndexedDB shortly after changes and when the page is
// hidden, keyed by page, autosave key and dataset fingerprint; the newest matching autosave is
// restored at start-up. Storage that is full, private or blocked turns autosave off with a
// cellucid-error {phase: 'autosave'} and nothing else changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AutosaveScheduler } from '../persistence/autosave-scheduler.js';
import { AutosaveStore, AutosaveUnavailableError, type AutosaveSummary } from '../persistence/autosave-store.js';
import type { WritableFingerprint } from '../core/session/bundle-writer.js';

export interface AutosaveHost extends ReactiveControllerHost, HTMLElement {
  autosaveEnabled(): boolean;
  autosaveKey(): string;
  datasetFingerprint(): Promise<WritableFingerprint | null>;
  /** The current state as a bundle. */
  stateBlob(): Promise<Blob>;
  reportAutosaveError(message: string): void;
}

let sharedStore: AutosaveStore | null = null;
const store = () => (sharedStore ??= new AutosaveStore());

export class AutosaveController implements ReactiveController {
  #scheduler: AutosaveScheduler | null = null;
  /** Off after a storage failure, until the element is reconnected. */
  #broken = false;
  /** True while a restore is being applied, so it does not count as a new change. */
  #muted = false;

  readonly #host: AutosaveHost;

  constructor(host: AutosaveHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#broken = false;
  }

  hostDisconnected(): void {
    const s = this.#scheduler;
    this.#scheduler = null;
    void s?.disconnect().catch(() => {});
  }

  get active(): boolean {
    return !this.#broken && this.#host.autosaveEnabled();
  }

  /** Called after every change of the persisted state. */
  noteChange(): void {
    if (!this.active || this.#muted) return;
    this.#ensureScheduler().notifyChange();
  }

  /** Runs `apply` without recording it as a change. */
  async quietly<T>(apply: () => Promise<T>): Promise<T> {
    this.#muted = true;
    try {
      return await apply();
    } finally {
      this.#muted = false;
    }
  }

  /** The newest autosave of this page, key and dataset, or null. */
  async latest(): Promise<Uint8Array | null> {
    if (!this.active) return null;
    const fp = await this.#host.datasetFingerprint();
    if (!fp) return null;
    try {
      return (await store().latest(this.#host.autosaveKey(), fp))?.bytes ?? null;
    } catch (err) {
      this.#fail(err);
      return null;
    }
  }

  async list(): Promise<AutosaveSummary[]> {
    const fp = await this.#host.datasetFingerprint();
    if (!fp) return [];
    return store().summaries(this.#host.autosaveKey(), fp);
  }

  async get(id: string): Promise<Uint8Array> {
    const entry = await store().get(id);
    if (!entry || entry.key !== this.#host.autosaveKey())
      throw new Error(`restoreAutosave: no autosave "${id}" for this viewer.`);
    return entry.bytes;
  }

  clear(): Promise<void> {
    return store().clear(this.#host.autosaveKey());
  }

  #ensureScheduler(): AutosaveScheduler {
    if (!this.#scheduler) {
      this.#scheduler = new AutosaveScheduler({
        save: () => this.#saveNow(),
        onError: (err) => this.#fail(err),
      });
      this.#scheduler.connect();
    }
    return this.#scheduler;
  }

  async #saveNow(): Promise<void> {
    if (!this.active) return;
    const fp = await this.#host.datasetFingerprint();
    if (!fp) return;
    await store().save(this.#host.autosaveKey(), fp, await this.#host.stateBlob(), { label: 'Autosave' });
  }

  #fail(err: unknown): void {
    if (this.#broken) return;
    if (err instanceof AutosaveUnavailableError) {
      this.#broken = true;
      this.#scheduler?.stop();
      this.#host.reportAutosaveError(`Autosave is off: ${err.message}`);
    } else {
      this.#host.reportAutosaveError(`Autosave failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
