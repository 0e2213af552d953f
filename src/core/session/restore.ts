// Reads a session into a SessionDocument chunk by chunk: the dataset check decides which
// chunks may apply, unknown chunks are skipped, and one bad chunk never stops the others.
import type { SessionSource } from './byte-source.js';
import { contributorFor } from './contributors/index.js';
import { emptyDocument, type SessionDocument } from './document.js';
import { SessionFormatError } from './errors.js';
import { compareFingerprints, type DatasetFingerprint } from './fingerprint.js';
import type { ChunkMeta, Generation, SessionManifest } from './manifest.js';
import { gunzipStreamed } from './gzip-stream.js';
import { openBundle, type LargeMembers, type OpenOptions } from './reader.js';

export interface RestoreReport {
  datasetMatches: boolean;
  /** Present when the session belongs to another dataset. */
  mismatch?: { saved: DatasetFingerprint | null; current: DatasetFingerprint; reasons: string[] };
  restored: string[];
  skipped: string[];
  failed: Array<{ id: string; message: string }>;
  /** Parts of chunks that were skipped (unknown controls or fields, malformed entries). */
  warnings: string[];
}

/** `openSessionBundle`'s options (abort signal, pause, limits, inflater), and: */
export interface ReadDocumentOptions extends OpenOptions {
  /** The open dataset; without it every chunk is read against the saved cell count. */
  current?: DatasetFingerprint & { cellCount: number };
  /** Called after each chunk (applied, skipped or failed), so eager state can show before lazy chunks arrive. */
  onChunk?: (event: {
    meta: ChunkMeta;
    outcome: 'restored' | 'skipped' | 'failed';
    document: SessionDocument;
    report: RestoreReport;
    loadedChunks: number;
    totalChunks: number;
    loadedBytes: number;
  }) => void | Promise<void>;
}

export interface ReadDocumentResult {
  document: SessionDocument;
  report: RestoreReport;
  manifest: SessionManifest;
  generation: Generation;
}

export function readSessionDocument(
  source: SessionSource,
  options: ReadDocumentOptions = {},
): Promise<ReadDocumentResult> {
  return readDocument(source, { ...options, gunzipLarge: gunzipStreamed });
}

/** `readSessionDocument` with the inflater of large gzip chunks given (see `openBundle`). */
export async function readDocument(
  source: SessionSource,
  options: ReadDocumentOptions & LargeMembers,
): Promise<ReadDocumentResult> {
  const opened = await openBundle(source, options);
  const { manifest, generation } = opened;
  const saved = manifest.datasetFingerprint;
  const current = options.current;
  const report: RestoreReport = { datasetMatches: true, restored: [], skipped: [], failed: [], warnings: [] };
  if (current) {
    const cmp = saved
      ? compareFingerprints(saved, current)
      : { matches: false, reasons: ['The session does not say which dataset it was saved on.'] };
    if (!cmp.matches) {
      report.datasetMatches = false;
      report.mismatch = { saved, current, reasons: cmp.reasons };
    }
  }
  const cellCount = current?.cellCount ?? saved?.cellCount ?? 0;
  const document = emptyDocument();
  let loaded = 0;
  let loadedBytes = 0;
  try {
    // Chunks of another dataset, and chunks no contributor reads, are skipped unread (never inflated).
    const applies = (meta: ChunkMeta) => report.datasetMatches || !meta.datasetDependent;
    const wanted = (meta: ChunkMeta) => applies(meta) && contributorFor(meta.contributorId, meta.id) !== null;
    for await (const chunk of opened.chunks(wanted)) {
      loaded++;
      loadedBytes += chunk.storedBytes + 4;
      const { meta } = chunk;
      let outcome: 'restored' | 'skipped' | 'failed';
      const contributor = contributorFor(meta.contributorId, meta.id);
      if (chunk.skipped || !applies(meta) || !contributor) {
        outcome = 'skipped';
      } else if (!chunk.ok) {
        outcome = 'failed';
        report.failed.push({ id: meta.id, message: chunk.error.message });
      } else {
        try {
          contributor.restore(document, meta, chunk.payload, {
            cellCount,
            generation,
            warn: (m) => report.warnings.push(`${meta.id}: ${m}`),
          });
          outcome = 'restored';
        } catch (err) {
          outcome = 'failed';
          const message =
            err instanceof SessionFormatError
              ? err.message
              : `Chunk "${meta.id}": ${err instanceof Error ? err.message : String(err)}`;
          report.failed.push({ id: meta.id, message });
        }
      }
      if (outcome === 'restored') report.restored.push(meta.id);
      if (outcome === 'skipped') report.skipped.push(meta.id);
      await options.onChunk?.({
        meta,
        outcome,
        document,
        report,
        loadedChunks: loaded,
        totalChunks: manifest.chunks.length,
        loadedBytes,
      });
    }
  } finally {
    opened.close();
  }
  for (const e of opened.trailingErrors) report.failed.push({ id: '(end of file)', message: e.message });
  return { document, report, manifest, generation };
}
