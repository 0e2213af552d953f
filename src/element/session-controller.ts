// Save and restore: saveState/loadState/downloadState, progressive restore with its events,
// the dataset check, and the session the page or the dataset publishes (session-url, or
// state-snapshots.json beside the dataset).
import type { ReactiveController } from 'lit';
import type { RestoreReport } from '../core/session/restore.js';
import { nextTask } from './next-task.js';
import { dispatch, type ViewerRestoreReport } from './events.js';
import type { DatasetFingerprint } from '../core/session/fingerprint.js';
import type { SessionDocument } from '../core/session/document.js';
import type { PersistedView } from '../core/state/persisted-view.js';
import type { SessionSourceInput } from '../persistence/session-source.js';
import type { WritableFingerprint } from '../core/session/bundle-writer.js';
import type { ChangeOrigin, StoreServices } from './store-types.js';
import { datasetFields, fieldCatalog } from './dataset-facts.js';
import { findPublishedSessionUrl } from '../persistence/state-snapshots.js';
import { sessionCode, sessionCodeNow, type SessionCode } from './session-code.js';

/** What saving and restoring use of the store. */
type SessionStore = StoreServices & { fingerprint(): Promise<WritableFingerprint | null> };

export class SessionController implements ReactiveController {
  /** A message about the last restore for the interface (mismatch, failures), or null. */
  #notice: string | null = null;
  #noticeDetail: string | null = null;

  /** What the last restore says over the plot (Reset / Dismiss), or null. */
  get notice(): string | null {
    return this.#notice;
  }

  /** The technical detail under the notice, folded. */
  get noticeDetail(): string | null {
    return this.#noticeDetail;
  }

  /** Sets the notice and its detail together (null: no notice), so no detail outlives its notice. */
  tell(text: string | null, detail: string | null = null): void {
    this.#notice = text;
    this.#noticeDetail = detail;
  }
  restoring = false;
  /** Chunks read / in the file while a restore runs, for the interface. */
  progress: { loaded: number; total: number } | null = null;
  #running: AbortController | null = null;
  /** Settles once the last restore has ended, its rollback included: the next one starts after it. */
  #ended: Promise<void> = Promise.resolve();
  /** The session last restored onto this dataset: saving carries what the viewer does not model from it. */
  #base: SessionDocument | null = null;

  readonly #store: SessionStore;

  constructor(store: SessionStore) {
    this.#store = store;
    store.element.addController(this);
  }

  /** The viewer whose state it saves and restores. */
  get viewer(): HTMLElement {
    return this.#store.element;
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Cancels a running restore (another dataset is opening, or the element is going away). */
  cancel(): void {
    this.#running?.abort();
    this.#running = null;
  }

  /** The current state as a bundle (no event: also used by autosave). */
  async bundle(): Promise<{ blob: Blob; chunkCount: number }> {
    const fingerprint = await this.#store.fingerprint();
    if (!fingerprint) throw new Error('saveState: no dataset is loaded yet (wait for the cellucid-load event).');
    // The chunks are encoded, gzipped and framed in a worker: the page only captures the state.
    const { writeBundle, captureJobs, viewToDocument } = await sessionCode();
    const doc = this.#document(viewToDocument);
    return writeBundle(() => captureJobs(doc, fingerprint.cellCount), { fingerprint });
  }

  /**
   * The current state as an uncompressed bundle, made synchronously (for a page going away); null
   * while the session code has not arrived.
   */
  bundleNow(fingerprint: WritableFingerprint): Uint8Array | null {
    const code = sessionCodeNow();
    return code && code.plainBundle(this.#document(code.viewToDocument), fingerprint);
  }

  #document(viewToDocument: SessionCode['viewToDocument']): SessionDocument {
    const ds = this.#store.source?.dataset;
    return viewToDocument(this.#store.persistedView(), ds ? { dataset: datasetFields(ds), base: this.#base } : null);
  }

  /** A new dataset, or the published view again: nothing is carried from an earlier session. */
  forget(): void {
    this.#base = null;
  }

  async save(): Promise<Blob> {
    const { blob, chunkCount } = await this.bundle();
    dispatch(this.#store.element, 'cellucid-save', { totalBytes: blob.size, totalChunks: chunkCount });
    return blob;
  }

  async download(filename?: string): Promise<void> {
    const blob = await this.save();
    const { downloadBlob, safeSessionFileName } = await sessionCode();
    downloadBlob(blob, safeSessionFileName(filename), this.#store.element.ownerDocument);
  }

  /**
   * Restores a session. Unreadable files reject and change nothing; a newer call cancels an
   * older one. Resolves with the report once every chunk has been read. A restore that fails or
   * is cancelled after its eager phase was applied puts back the view from before it began.
   */
  async load(
    source: SessionSourceInput | ArrayBuffer,
    { signal, origin = 'user' }: { signal?: AbortSignal; origin?: ChangeOrigin } = {},
  ): Promise<ViewerRestoreReport> {
    const { readSessionSource, documentToView, readDocument, inflateInWorker, gunzipLarge, ownedViewParts } =
      await sessionCode();
    const current = await this.#store.fingerprint();
    const ds = this.#store.source?.dataset;
    const fields = ds && fieldCatalog(ds);
    if (!current || !fields) throw new Error('loadState: no dataset is loaded yet (wait for the cellucid-load event).');
    this.#running?.abort();
    const controller = new AbortController();
    this.#running = controller;
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    // The restore this one cancelled may still be putting back the view it found: wait for that.
    const previous = this.#ended;
    let ended!: () => void;
    this.#ended = new Promise((resolve) => (ended = resolve));
    const dataset = this.#store.source;
    /** The view before the first change, kept to roll back to. */
    let before: PersistedView | null = null;
    this.restoring = true;
    this.tell(null);
    this.#store.element.requestUpdate();
    try {
      await previous;
      controller.signal.throwIfAborted();
      const body = await readSessionSource(source, {
        signal: controller.signal,
        baseUrl: this.#store.element.ownerDocument.baseURI,
      });
      let notShown: string[] = [];
      let eagerApplied = false;
      // Eager chunks give the first correct picture: apply them as soon as the first lazy chunk
      // (or the end) is reached, then keep reading lazy chunks while yielding to the page.
      const applyEager = async (doc: SessionDocument, report: RestoreReport) => {
        eagerApplied = true;
        // Nothing readable so far (broken framing from the first chunk on): change nothing.
        if (unreadable(report)) return;
        if (report.datasetMatches) {
          controller.signal.throwIfAborted();
          before = this.#store.persistedView();
          const mapped = documentToView(doc, { ...fields, cellCount: current.cellCount });
          // The app controls features own (size attenuation, …) reach them as the session holds them.
          const view = { ...mapped.view, ...ownedViewParts(doc) };
          notShown = [...mapped.skipped, ...(await this.#store.applyView(view, origin))];
        }
        dispatch(this.#store.element, 'cellucid-restore', {
          phase: 'eager',
          report: { ...structuredClone(report), notShown },
        });
      };
      // The page gets a turn, and the progress is drawn, every few milliseconds of chunks (not after
      // each: 60,000 small chunks would each wait for a task and a render).
      let sliceStart = performance.now();
      const result = await readDocument(body.body, {
        current: current as DatasetFingerprint & { cellCount: number },
        signal: controller.signal,
        pause: nextTask,
        inflate: inflateInWorker,
        gunzipLarge,
        onChunk: async ({ meta, document, report, loadedChunks, totalChunks, loadedBytes }) => {
          dispatch(this.#store.element, 'cellucid-restore-progress', {
            loadedChunks,
            totalChunks,
            loadedBytes,
            totalBytes: body.totalBytes,
          });
          this.progress = { loaded: loadedChunks, total: totalChunks };
          if (!eagerApplied && (meta.priority === 'lazy' || loadedChunks === totalChunks))
            await applyEager(document, report);
          if (performance.now() - sliceStart > 8) {
            this.#store.element.requestUpdate();
            await nextTask();
            sliceStart = performance.now();
          }
          controller.signal.throwIfAborted();
        },
      });
      if (!eagerApplied) await applyEager(result.document, result.report);
      if (unreadable(result.report))
        throw new Error(`This session file cannot be read: ${result.report.failed[0].message}`);
      // Highlight memberships arrive in lazy chunks: they apply once everything is read.
      if (result.report.datasetMatches) {
        this.#base = result.document;
        await nextTask();
        controller.signal.throwIfAborted();
        const late = documentToView(result.document, { ...fields, cellCount: current.cellCount }, 'complete');
        notShown = [...notShown, ...late.skipped];
        // Checking a million highlighted cells and drawing their rings are tasks of their own.
        await nextTask();
        controller.signal.throwIfAborted();
        const owned = ownedViewParts(result.document);
        notShown.push(...(await this.#store.applyView({ ...late.view, ...owned }, origin)));
        controller.signal.throwIfAborted();
      }
      return this.report({ ...result.report, notShown });
    } catch (err) {
      // Half a session is no view anyone chose: the one before it comes back, on the same dataset.
      if (before && this.#store.element.isConnected && this.#store.source === dataset)
        await this.#store.applyView(before, origin).catch(() => {});
      throw err;
    } finally {
      ended();
      if (this.#running === controller) {
        this.#running = null;
        this.restoring = false;
        this.progress = null;
      }
      this.#store.element.requestUpdate();
    }
  }

  /**
   * Says how a restore of a session (or of a share link: `what`) ended: a notice for another dataset
   * or unreadable parts, `cellucid-mismatch`, and `cellucid-restore` with the report.
   */
  report(report: ViewerRestoreReport, what = 'session'): ViewerRestoreReport {
    if (report.mismatch) {
      this.tell(
        `This ${what} was saved on another dataset: nothing that depends on the data was applied.`,
        report.mismatch.reasons.join(' ').replaceAll('session', what),
      );
      dispatch(this.#store.element, 'cellucid-mismatch', {
        saved: report.mismatch.saved,
        current: report.mismatch.current,
      });
    } else if (report.failed.length) {
      this.tell(
        `Some parts of the ${what} could not be read; the rest is shown.`,
        report.failed.map((f) => f.message).join(' '),
      );
    }
    dispatch(this.#store.element, 'cellucid-restore', { phase: 'complete', report });
    return report;
  }

  /** After a dataset loads: the page's session-url, else the dataset's published state-snapshots.json. */
  async restorePublished(sessionUrl: string | null, origin: ChangeOrigin): Promise<ViewerRestoreReport | null> {
    if (sessionUrl) return this.load(sessionUrl, { origin });
    const base = this.#store.source?.dataset.baseUrl;
    if (!base) return null;
    const found = await findPublishedSessionUrl(base, { pageUrl: this.#store.element.ownerDocument.baseURI });
    return found.url ? this.load(found.url, { origin }) : null;
  }
}

/** Not one chunk could be read: the file as a whole is unreadable. */
function unreadable(report: RestoreReport): boolean {
  return report.restored.length === 0 && report.skipped.length === 0 && report.failed.length > 0;
}
