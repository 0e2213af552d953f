// Saving and restoring: saveState/loadState and the session file, the autosave in this browser,
// the start-up state (an autosave, else the page's session-url, else the one the dataset
// publishes), a session dropped onto a viewer with controls, and a viewer moved in the page
// keeping its view.
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { defaultPersistedView, type PersistedView } from '../../core/state/persisted-view.js';
import { readViewerSettings } from '../../core/state/viewer-settings.js';
import type { AutosaveSummary } from '../../persistence/autosave-store.js';
import type { SessionSourceInput } from '../../persistence/session-source.js';
import { AutosaveController } from '../autosave-controller.js';
import type { ViewerRestoreReport } from '../events.js';
import { renderDetail } from '../plain-errors.js';
import { SessionController } from '../session-controller.js';
import { sessionCode } from '../session-code.js';
import type { ChangeOrigin } from '../store-types.js';
import { ViewsFeature } from './views-feature.js';

const CHOOSE_SESSION = 'Choose a .cellucid-session saved by this viewer or the Cellucid app.';

export class PersistenceFeature extends ViewsFeature {
  static override properties: PropertyDeclarations = {
    sessionUrl: { attribute: 'session-url', reflect: true },
    autosave: { reflect: true },
    autosaveKeyName: { attribute: 'autosave-key' },
    controls: { type: Boolean, reflect: true },
  };

  /** A .cellucid-session to restore once the dataset has loaded; changing it restores again. */
  sessionUrl: string | null = null;

  /**
   * `on` (default): the state is autosaved in this browser and restored on the next visit; `off` always opens the
   * published view.
   */
  autosave: 'on' | 'off' = 'on';

  /** Separates autosaves of viewers on one page (default: the element's id, else its position on the page). */
  autosaveKeyName: string | null = null;

  /** Shows Save state / Load state buttons and accepts a .cellucid-session dropped onto the viewer. */
  controls = false;

  /** The controllers have let go (see disconnectedCallback), or never started. */
  #released = true;
  #releaseTimer?: ReturnType<typeof setTimeout>;
  /** The view a removed viewer had, shown again once its dataset is back. */
  #parkedView: PersistedView | null = null;

  constructor() {
    super();
    const { store } = this;
    store.session = new SessionController(store);
    store.autosaver = new AutosaveController(store);
    store.register({
      close: () => {
        this.#parkedView = null;
        store.session.cancel();
      },
      open: () => {
        store.session.forget();
        // The session the page names is restored once the dataset is drawn: its code arrives meanwhile.
        if (this.sessionUrl) sessionCode().catch(() => {});
      },
      // The dataset is drawn: the view a removed viewer had, else the start-up state.
      shown: () => {
        const parked = this.#parkedView;
        this.#parkedView = null;
        return parked ? store.applyView(parked, 'restore') : this.#restoreStartup(this.sessionUrl);
      },
    });
    // A .cellucid-session dropped onto a viewer with controls is restored.
    this.addEventListener('dragover', (e) => {
      if (this.controls && e.dataTransfer?.types.includes('Files')) e.preventDefault();
    });
    this.addEventListener('drop', (e) => {
      const file = e.dataTransfer?.files?.[0];
      if (!this.controls || !file) return;
      e.preventDefault();
      this.loadSessionFile(file);
    });
  }

  override connectedCallback(): void {
    clearTimeout(this.#releaseTimer);
    if (this.#released) super.connectedCallback();
    this.#released = false;
  }

  /**
   * A viewer moved in the page (taken out and put back in one task) keeps its dataset, renderer
   * and state: the controllers let go a task later, and only if it is still out of the page. A
   * viewer put back after that loads its dataset again and shows the view it had.
   */
  override disconnectedCallback(): void {
    this.#releaseTimer = setTimeout(() => {
      if (this.isConnected) return;
      this.#parkedView ??= this.store.datasets.status === 'ready' ? this.store.persistedView() : null;
      this.#released = true;
      super.disconnectedCallback();
    });
  }

  /** The current state as a .cellucid-session bundle (the dataset itself is never included). */
  async saveState(): Promise<Blob> {
    return this.store.session.save();
  }

  /** Saves the current state as a file, named `cellucid-session-YYYY-MM-DDTHH-MM-SS.cellucid-session` by default. */
  async downloadState(filename?: string): Promise<void> {
    return this.store.session.download(filename);
  }

  /**
   * Restores a session from a Blob/File, bytes or a URL. Rejects with a clear Error for an
   * unreadable file and changes nothing; resolves with the report once the restore has finished.
   * A newer call cancels one still running.
   */
  async loadState(session: SessionSourceInput, options: { signal?: AbortSignal } = {}): Promise<ViewerRestoreReport> {
    return this.store.session.load(session, { signal: options?.signal });
  }

  /** Autosaves of this viewer and dataset in this browser, newest first (at most 5). */
  async listAutosaves(): Promise<AutosaveSummary[]> {
    return this.store.autosaver.list();
  }

  /** Restores one autosave (an id from listAutosaves()). */
  async restoreAutosave(id: string): Promise<ViewerRestoreReport> {
    return this.#restoreAutosave(await this.store.autosaver.get(id), 'user');
  }

  /** Deletes this viewer's autosaves. */
  async clearAutosaves(): Promise<void> {
    return this.store.autosaver.clear();
  }

  /**
   * Returns to the published view (session-url, the dataset's state-snapshots.json, or the default view); autosaves are
   * kept.
   */
  async resetState(): Promise<void> {
    const { store } = this;
    const source = store.requireSource('resetState');
    store.session.tell(null);
    store.session.forget();
    // The default view; the theme stays as the page set it.
    const { theme: _theme, ...fresh } = defaultPersistedView(
      source.dataset.defaultDimension,
      this.initialField(source),
    );
    await store.applyView(fresh);
    await store.session.restorePublished(this.sessionUrl, 'restore');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const url = changed.has('sessionUrl') && changed.get('sessionUrl') !== undefined ? this.sessionUrl : null;
    if (url && this.store.datasets.status === 'ready') this.#restoreStartup(url);
  }

  /**
   * Restores a session file chosen or dropped by the user, and says how it went: in plain words over
   * the plot (a photo is "not a Cellucid session"), with the reader's own message in the event.
   */
  protected loadSessionFile(file: File): void {
    const { store } = this;
    store.announce(`Loading session ${file.name}…`);
    this.loadState(file).then(
      (report) =>
        store.announce(
          report.datasetMatches ? `Session ${file.name} restored.` : `Session ${file.name} belongs to another dataset.`,
        ),
      (err) => {
        if (err?.name === 'AbortError') return;
        const detail = err instanceof Error ? err.message : String(err);
        const notSession = err?.name === 'SessionFormatError' && / header\)/.test(detail);
        const shown = notSession
          ? `${file.name} is not a Cellucid session file. ${CHOOSE_SESSION}`
          : `${file.name} could not be restored; the view is as it was.`;
        store.fail('session', detail, shown);
      },
    );
  }

  /** Messages about the last restore (another dataset, unreadable parts), with Reset and Dismiss. */
  protected renderNotice() {
    const { session, error } = this.store;
    if (error || !session.notice) return nothing;
    return html`<div part="notice" class="panel error notice" role="status" data-rove>
      ${session.notice} ${renderDetail(session.noticeDetail)}
      <button type="button" @click=${() => this.store.guard(() => this.resetState(), 'session')}>Reset</button>
      <button
        type="button"
        @click=${() => {
          session.tell(null);
          this.requestUpdate();
        }}
      >
        Dismiss
      </button>
    </div>`;
  }

  async #restoreAutosave(
    saved: { bytes: Uint8Array; viewer: unknown },
    origin: ChangeOrigin,
  ): Promise<ViewerRestoreReport> {
    const report = await this.store.session.load(saved.bytes, { origin });
    await this.store.applyView(readViewerSettings(saved.viewer), origin);
    return report;
  }

  /**
   * The start-up state before all others (the share feature's link in the page's address): true
   * once it is restored, a notice and its detail to show after the usual start-up state (a link that
   * could not be used), or null (none).
   */
  protected async restoreLink(): Promise<true | [string, string | null] | null> {
    return null;
  }

  /**
   * Start-up state: a share link, else the newest autosave of this page, key and dataset, else the
   * session the page names, else the one the dataset publishes. A start-up state is no change of
   * the user's: it writes no autosave. Failures are reported, never thrown.
   */
  #restoreStartup(url: string | null): void {
    const { store } = this;
    store.guard(async () => {
      const link = await this.restoreLink();
      if (link === true) return;
      const autosaved = await store.autosaver.latest();
      if (!autosaved) await store.session.restorePublished(url, 'restore');
      else {
        await this.#restoreAutosave(autosaved, 'restore');
        store.session.tell(
          'Restored your last view of this dataset from this browser. Reset returns to the published view.',
        );
      }
      const { notice, noticeDetail } = store.session;
      if (link) store.session.tell(`${link[0]} ${notice ?? ''}`, link[1] ?? noticeDetail);
      this.requestUpdate();
    }, 'session');
  }
}
