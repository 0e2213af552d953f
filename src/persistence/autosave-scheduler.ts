// Decides WHEN to autosave: shortly after the last change (debounced), at the latest `maxWaitMs`
// after the first unsaved change (so a long continuous interaction is still saved), and at once when
// the page is hidden or unloaded. WHAT to save and where is the `save` callback's business.
// A page being closed or navigated away runs no more tasks after `pagehide` (and a hidden one may
// be discarded without another event): there `saveNow` must issue its writes in that same task,
// since an asynchronous save would never finish.

import { AutosaveUnavailableError } from './autosave-errors.js';

const AUTOSAVE_DELAY_MS = 1500;
const AUTOSAVE_MAX_WAIT_MS = 10_000;

export interface AutosaveSchedulerOptions {
  /** Serialises and stores the current state. Called at most once at a time. */
  save: () => Promise<void>;
  /**
   * Issues the writes of the current state before it returns (the page is going away); true when
   * it did, false when it cannot (the asynchronous save then runs instead).
   */
  saveNow?: () => boolean;
  /** Every save failure. After an AutosaveUnavailableError the scheduler stops for good. */
  onError?: (error: unknown) => void;
  delayMs?: number;
  maxWaitMs?: number;
  /** Where `visibilitychange` / `pagehide` come from; defaults to the global document and window. */
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

export class AutosaveScheduler {
  private readonly options: AutosaveSchedulerOptions;
  readonly #delayMs: number;
  readonly #maxWaitMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #firstUnsavedAt: number | null = null;
  #running: Promise<void> | null = null;
  #dirty = false;
  #stopped = false;
  #listening = false;

  constructor(options: AutosaveSchedulerOptions) {
    this.options = options;
    this.#delayMs = Math.max(0, options.delayMs ?? AUTOSAVE_DELAY_MS);
    this.#maxWaitMs = Math.max(this.#delayMs, options.maxWaitMs ?? AUTOSAVE_MAX_WAIT_MS);
  }

  /** True while there is a change that has not been saved yet. */
  get pending(): boolean {
    return this.#dirty;
  }

  /** False once stopped (by `stop()` or because storage is unavailable). */
  get active(): boolean {
    return !this.#stopped;
  }

  /** Starts listening for the page being hidden or unloaded. */
  connect(): void {
    if (this.#listening || this.#stopped) return;
    this.#listening = true;
    this.#doc?.addEventListener('visibilitychange', this.#onVisibilityChange);
    this.#win?.addEventListener('pagehide', this.#onPageHide);
  }

  /** Stops listening; a pending change is flushed first (the element is going away). */
  disconnect(): Promise<void> {
    this.#removeListeners();
    return this.flush();
  }

  /** Stops for good without saving what is pending. */
  stop(): void {
    this.#stopped = true;
    this.#dirty = false;
    this.#clearTimer();
    this.#removeListeners();
  }

  /** Something the user would not want to lose changed. */
  notifyChange(): void {
    if (this.#stopped) return;
    this.#dirty = true;
    const now = Date.now();
    this.#firstUnsavedAt ??= now;
    this.#clearTimer();
    const untilMaxWait = this.#firstUnsavedAt + this.#maxWaitMs - now;
    this.#timer = setTimeout(() => void this.flush(), Math.max(0, Math.min(this.#delayMs, untilMaxWait)));
  }

  /** Saves now if anything is pending; resolves when nothing is pending or saving any more. */
  async flush(): Promise<void> {
    this.#clearTimer();
    while (!this.#stopped) {
      if (this.#running) {
        await this.#running;
        continue;
      }
      if (!this.#dirty) return;
      this.#dirty = false;
      this.#firstUnsavedAt = null;
      this.#running = this.#runSave();
      await this.#running;
    }
  }

  async #runSave(): Promise<void> {
    // Yield first so `this.#running` is assigned before the `finally` below can clear it.
    await null;
    try {
      await this.options.save();
    } catch (error) {
      this.#report(error);
    } finally {
      this.#running = null;
    }
  }

  readonly #onVisibilityChange = (): void => {
    if (this.#doc?.visibilityState === 'hidden') this.#leaving();
  };

  readonly #onPageHide = (): void => this.#leaving();

  /** Unsaved, or saving but perhaps never finishing: written in this task if `saveNow` can. */
  #leaving(): void {
    if (this.#stopped || (!this.#dirty && !this.#running)) return;
    let issued = false;
    try {
      issued = this.options.saveNow?.() ?? false;
    } catch (error) {
      this.#report(error);
    }
    if (!issued) return void this.flush();
    this.#dirty = false;
    this.#firstUnsavedAt = null;
    this.#clearTimer();
  }

  #report(error: unknown): void {
    if (error instanceof AutosaveUnavailableError) this.stop();
    try {
      this.options.onError?.(error);
    } catch {
      // a failing error handler must not break the scheduler
    }
  }

  get #doc() {
    return this.options.document ?? globalThis.document;
  }

  get #win() {
    return this.options.window ?? (globalThis.window as Window | undefined);
  }

  #removeListeners(): void {
    if (!this.#listening) return;
    this.#listening = false;
    this.#doc?.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#win?.removeEventListener('pagehide', this.#onPageHide);
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
