// Loads the export folder named by `dataset-url` (and `dataset` for catalogs): one load at a
// time, a newer request aborts the older one. Progress is shown and announced, a failure reported,
// and a loaded dataset opened, all through the store (a reload on reconnection too).
import type { ReactiveController } from 'lit';
import { openExportFolder } from '../core/dataset/index.js';
import type { PayloadDecoder } from '../core/dataset/index.js';
import type { DatasetSource, LoadProgress } from '../core/dataset/types.js';
import { acquireDecoder, releaseDecoder } from '../platform/decode-pool.js';
import { requireCompressionStreams } from '../core/compression-streams.js';
import type { StoreServices, ViewerElement } from './store-types.js';

/** What loading uses of the store: the element (its `stallTimeout`), announcements, failures, and the opening. */
type DatasetStore = Pick<StoreServices, 'element' | 'announce' | 'fail' | 'openDataset'>;

export type DatasetStatus = 'idle' | 'loading' | 'ready' | 'error';

export class DatasetController implements ReactiveController {
  status: DatasetStatus = 'idle';
  source: DatasetSource | null = null;
  /** Fraction loaded (0..1), or null while the total is unknown. */
  progress: number | null = null;
  progressLabel = '';
  #abort: AbortController | null = null;
  #requested: string | null = null;
  /** The export folder (and catalog entry) asked for last. */
  #wanted: [string, string | null] | null = null;
  #decoder: PayloadDecoder | null = null;

  readonly #store: DatasetStore;
  readonly #host: ViewerElement;

  constructor(store: DatasetStore) {
    this.#store = store;
    (this.#host = store.element).addController(this);
  }

  /** A viewer put back in the page loads its dataset again (it was closed on removal). */
  hostConnected(): void {
    if (this.status === 'idle' && this.#wanted) void this.#run(...this.#wanted);
  }

  hostDisconnected(): void {
    this.#cancel();
    this.source?.dispose();
    this.source = null;
    this.status = 'idle';
    if (this.#decoder) {
      releaseDecoder();
      this.#decoder = null;
    }
  }

  /** Starts loading unless the same dataset is already loaded or loading. */
  request(url: string | null, dataset: string | null): void {
    const key = url ? `${url}\u0000${dataset ?? ''}` : null;
    if (key === this.#requested) return;
    this.#requested = key;
    this.#wanted = url ? [url, dataset] : null;
    this.#cancel();
    this.source?.dispose();
    this.source = null;
    if (!url) {
      this.status = 'idle';
      this.#host.requestUpdate();
      return;
    }
    void this.#run(url, dataset);
  }

  #cancel(): void {
    this.#abort?.abort();
    this.#abort = null;
  }

  async #run(url: string, dataset: string | null): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    this.status = 'loading';
    this.progress = null;
    this.progressLabel = 'Loading dataset…';
    this.#host.requestUpdate();
    this.#decoder ??= acquireDecoder();
    const stall = this.#host.stallTimeout;
    try {
      requireCompressionStreams();
      const source = await openExportFolder(
        new URL(url, this.#host.ownerDocument.baseURI).href,
        {
          dataset,
          signal: abort.signal,
          stallTimeout: stall && stall > 0 && Number.isFinite(stall) ? stall * 1000 : undefined,
          onProgress: (p) => {
            if (abort.signal.aborted) return;
            this.progress = p.totalBytes ? Math.min(1, p.loadedBytes / p.totalBytes) : null;
            this.progressLabel = PROGRESS_LABELS[p.phase];
            if (p.phase === 'identity' && p.loadedBytes === 0) this.#store.announce('Loading dataset…');
            this.#host.requestUpdate();
          },
        },
        this.#decoder,
      );
      if (abort.signal.aborted) {
        source.dispose();
        return;
      }
      this.source = source;
      await this.#store.openDataset(source, abort.signal);
      if (abort.signal.aborted) return;
      this.status = 'ready';
    } catch (err) {
      if (abort.signal.aborted) return;
      this.status = 'error';
      this.#store.fail('dataset', err instanceof Error ? err.message : String(err));
    } finally {
      if (this.#abort === abort) this.#abort = null;
      this.#host.requestUpdate();
    }
  }
}

const PROGRESS_LABELS: Record<LoadProgress['phase'], string> = {
  identity: 'Reading dataset description…',
  manifests: 'Reading field lists…',
  positions: 'Loading cell positions…',
  field: 'Loading field values…',
};
