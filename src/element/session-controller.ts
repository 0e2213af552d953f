// Save and restore: saveState/loadState/downloadState, progressive restore with its events,
// the dataset check, and the session the page or the dataset publishes (session-url, or
// state-snapshots.json beside the dataset).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readDocument, type RestoreReport } from '../core/session/restore.js';
import { captureJobs } from '../core/session/bundle-writer.js';
import { gunzipLarge, inflateInWorker, writeBundle } from '../persistence/session-writer-client.js';
import { plainBundle } from '../persistence/plain-bundle.js';
import { nextTask } from './next-task.js';
import { dispatch, type ViewerRestoreReport } from './events.js';
import type { DatasetFingerprint } from '../core/session/fingerprint.js';
import type { SessionDocument } from '../core/session/document.js';
import {
  documentToView,
  viewToDocument,
  type DatasetFields,
  type FieldCatalog,
  type PersistedView,
} from '../core/state/session-mapping.js';
import { downloadBlob, safeSessionFileName } from '../persistence/download.js';
import { readSessionSource, type SessionSourceInput } from '../persistence/session-source.js';
import { findPublishedSessionUrl } from '../persistence/state-snapshots.js';
import type { WritableFingerprint } from '../core/session/bundle-writer.js';

export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  /** Everything the viewer persists, as it is now. */
  persistedView(): PersistedView;
  /** Applies restored parts and resolves once they are drawn, with the parts it could not show (reported already). */
  applyPersistedView(view: Partial<PersistedView>): Promise<string[]>;
  /** The open dataset's fingerprint (with the cell-order digest), or null without a dataset. */
  datasetFingerprint(): Promise<WritableFingerprint | null>;
  fieldCatalog(): FieldCatalog | null;
  /** The open dataset's fields as a session for the Cellucid app names them, or null without a dataset. */
  datasetFields(): DatasetFields | null;
  /** Folder URL of the open dataset (for state-snapshots.json). */
  datasetBaseUrl(): string | null;
  /** The open dataset (a restore rolls back only onto the dataset it began on). */
  readonly datasetSource: object | null;
}

export class SessionController implements ReactiveController {
  /** A message about the last restore for the interface (mismatch, failures), or null. */
  notice: string | null = null;
  restoring = false;
  /** Chunks read / in the file while a restore runs, for the interface. */
  progress: { loaded: number; total: number } | null = null;
  #running: AbortController | null = null;
  /** Settles once the last restore has ended, its rollback included: the next one starts after it. */
  #ended: Promise<void> = Promise.resolve();
  /** The session last restored onto this dataset: saving carries what the viewer does not model from it. */
  #base: SessionDocument | null = null;

  readonly #host: SessionHost;

  constructor(host: SessionHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

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
    const fingerprint = await this.#host.datasetFingerprint();
    if (!fingerprint) throw new Error('saveState: no dataset is loaded yet (wait for the cellucid-load event).');
    // The chunks are encoded, gzipped and framed in a worker: the page only captures the state.
    const doc = this.#document();
    return writeBundle(() => captureJobs(doc, fingerprint.cellCount), { fingerprint });
  }

  /** The current state as an uncompressed bundle, made synchronously (for a page going away). */
  bundleNow(fingerprint: WritableFingerprint): Uint8Array {
    return plainBundle(this.#document(), fingerprint);
  }

  #document(): SessionDocument {
    const dataset = this.#host.datasetFields();
    return viewToDocument(this.#host.persistedView(), dataset && { dataset, base: this.#base });
  }

  /** A new dataset, or the published view again: nothing is carried from an earlier session. */
  forget(): void {
    this.#base = null;
  }

  async save(): Promise<Blob> {
    const { blob, chunkCount } = await this.bundle();
    dispatch(this.#host, 'cellucid-save', { totalBytes: blob.size, totalChunks: chunkCount });
    return blob;
  }

  async download(filename?: string): Promise<void> {
    const blob = await this.save();
    downloadBlob(blob, safeSessionFileName(filename), this.#host.ownerDocument);
  }

  /**
   * Restores a session. Unreadable files reject and change nothing; a newer call cancels an
   * older one. Resolves with the report once every chunk has been read. A restore that fails or
   * is cancelled after its eager phase was applied puts back the view from before it began.
   */
  async load(
    source: SessionSourceInput | ArrayBuffer,
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<ViewerRestoreReport> {
    const current = await this.#host.datasetFingerprint();
    const fields = this.#host.fieldCatalog();
    if (!current || !fields) throw new Error('loadState: no dataset is loaded yet (wait for the cellucid-load event).');
    this.#running?.abort();
    const controller = new AbortController();
    this.#running = controller;
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    // The restore this one cancelled may still be putting back the view it found: wait for that.
    const previous = this.#ended;
    let ended!: () => void;
    this.#ended = new Promise((resolve) => (ended = resolve));
    const dataset = this.#host.datasetSource;
    /** The view before the first change, kept to roll back to. */
    let before: PersistedView | null = null;
    this.restoring = true;
    this.notice = null;
    this.#host.requestUpdate();
    try {
      await previous;
      controller.signal.throwIfAborted();
      const body = await readSessionSource(source, {
        signal: controller.signal,
        baseUrl: this.#host.ownerDocument.baseURI,
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
          before = this.#host.persistedView();
          const mapped = documentToView(doc, fields);
          notShown = [...mapped.skipped, ...(await this.#host.applyPersistedView(mapped.view))];
        }
        dispatch(this.#host, 'cellucid-restore', { phase: 'eager', report: { ...structuredClone(report), notShown } });
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
          dispatch(this.#host, 'cellucid-restore-progress', {
            loadedChunks,
            totalChunks,
            loadedBytes,
            totalBytes: body.totalBytes,
          });
          this.progress = { loaded: loadedChunks, total: totalChunks };
          if (!eagerApplied && (meta.priority === 'lazy' || loadedChunks === totalChunks))
            await applyEager(document, report);
          if (performance.now() - sliceStart > 8) {
            this.#host.requestUpdate();
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
        notShown.push(...(await this.#host.applyPersistedView(late.view)));
        controller.signal.throwIfAborted();
      }
      const report: ViewerRestoreReport = { ...result.report, notShown };
      if (report.mismatch) {
        this.notice =
          `This session was saved on another dataset, so nothing that depends on the data ` +
          `was applied. ${report.mismatch.reasons.join(' ')}`;
        dispatch(this.#host, 'cellucid-mismatch', { saved: report.mismatch.saved, current: report.mismatch.current });
      } else if (report.failed.length) {
        this.notice = `Some parts of the session could not be read: ${report.failed.map((f) => f.message).join(' ')}`;
      }
      dispatch(this.#host, 'cellucid-restore', { phase: 'complete', report });
      return report;
    } catch (err) {
      // Half a session is no view anyone chose: the one before it comes back, on the same dataset.
      if (before && this.#host.isConnected && this.#host.datasetSource === dataset)
        await this.#host.applyPersistedView(before).catch(() => {});
      throw err;
    } finally {
      ended();
      if (this.#running === controller) {
        this.#running = null;
        this.restoring = false;
        this.progress = null;
      }
      this.#host.requestUpdate();
    }
  }

  /** After a dataset loads: the page's session-url, else the dataset's published state-snapshots.json. */
  async restorePublished(sessionUrl: string | null): Promise<ViewerRestoreReport | null> {
    if (sessionUrl) return this.load(sessionUrl);
    const base = this.#host.datasetBaseUrl();
    if (!base) return null;
    const found = await findPublishedSessionUrl(base, { pageUrl: this.#host.ownerDocument.baseURI });
    return found.url ? this.load(found.url) : null;
  }
}

/** Not one chunk could be read: the file as a whole is unreadable. */
function unreadable(report: RestoreReport): boolean {
  return report.restored.length === 0 && report.skipped.length === 0 && report.failed.length > 0;
}
