// What an autosave is, as callers see it and as the database holds it, and how stored values
// (written by another version, or damaged) are read back: only well-formed ones are kept.

const MAX_LABEL_LENGTH = 200;

/** The parts of the dataset fingerprint that identify a dataset's cells. */
export interface AutosaveFingerprint {
  datasetId: string | null;
  cellCount?: number;
  varCount?: number;
  cellOrder?: { digest: string } | null;
}

export interface AutosaveMeta {
  /** Milliseconds since the epoch; defaults to now. Decides "newest". */
  createdAt?: number;
  label?: string;
  /** The viewer's own settings the session format has no place for (JSON), kept beside the bundle. */
  viewer?: unknown;
}

export interface AutosaveSummary {
  id: string;
  /** The autosave key it was saved under. */
  key: string;
  datasetId: string | null;
  /** Compare with `autosaveFingerprintKey(current)` to know whether it fits the open dataset. */
  fingerprintKey: string;
  createdAt: number;
  label: string;
  byteLength: number;
}

export interface AutosaveEntry extends AutosaveSummary {
  bytes: Uint8Array;
  /** What `save` was given as `meta.viewer`, or null. */
  viewer: unknown;
}

export interface AutosaveRecord extends AutosaveSummary {
  page: string;
  /** A Blob: IndexedDB keeps its bytes aside, so the page serialises a handle, not a megabyte.
   * Records written before held the bytes themselves (a Uint8Array); both are read. */
  bytes: Blob | Uint8Array;
  viewer?: unknown;
}

/** A stable string for "same dataset, same cells in the same order". */
export function autosaveFingerprintKey(fingerprint: AutosaveFingerprint): string {
  return JSON.stringify([
    fingerprint.datasetId ?? null,
    fingerprint.cellCount ?? null,
    fingerprint.varCount ?? null,
    fingerprint.cellOrder?.digest ?? null,
  ]);
}

export function checkFingerprint(fingerprint: AutosaveFingerprint): AutosaveFingerprint {
  const ok =
    fingerprint !== null &&
    typeof fingerprint === 'object' &&
    (fingerprint.datasetId === null || typeof fingerprint.datasetId === 'string') &&
    (fingerprint.cellCount === undefined || Number.isSafeInteger(fingerprint.cellCount)) &&
    (fingerprint.varCount === undefined || Number.isSafeInteger(fingerprint.varCount)) &&
    (fingerprint.cellOrder == null || typeof fingerprint.cellOrder.digest === 'string');
  if (!ok)
    throw new TypeError(
      'The autosave fingerprint needs a datasetId (string or null), integer cellCount and varCount, and ' +
        'an optional cellOrder.digest.',
    );
  return fingerprint;
}

export function summaryOf(
  id: string,
  key: string,
  fingerprint: AutosaveFingerprint,
  byteLength: number,
  meta: AutosaveMeta,
): AutosaveSummary {
  const fingerprintKey = autosaveFingerprintKey(checkFingerprint(fingerprint));
  const createdAt = meta.createdAt ?? Date.now();
  if (!Number.isFinite(createdAt)) throw new TypeError('Autosave createdAt must be a finite number of milliseconds.');
  return {
    id,
    key,
    datasetId: fingerprint.datasetId ?? null,
    fingerprintKey,
    createdAt,
    label: String(meta.label ?? '').slice(0, MAX_LABEL_LENGTH),
    byteLength,
  };
}

/** Stored data may come from another version or be damaged; keep only well-formed entries, newest first. */
export function readSummaries(value: unknown): AutosaveSummary[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (e): e is AutosaveSummary =>
        e !== null &&
        typeof e === 'object' &&
        typeof e.id === 'string' &&
        typeof e.fingerprintKey === 'string' &&
        typeof e.createdAt === 'number' &&
        Number.isFinite(e.createdAt),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** A stored record as an entry, or null when it is damaged (its Blob's bytes unreadable included). */
export async function toEntry(value: unknown): Promise<AutosaveEntry | null> {
  if (value === null || typeof value !== 'object') return null;
  const r = value as Partial<AutosaveRecord>;
  if (typeof r.id !== 'string' || typeof r.fingerprintKey !== 'string') return null;
  // A Blob whose stored bytes cannot be read any more counts as a damaged record.
  const bytes =
    r.bytes instanceof Blob
      ? await r.bytes.arrayBuffer().then(
          (b) => new Uint8Array(b),
          () => null,
        )
      : r.bytes;
  if (!(bytes instanceof Uint8Array)) return null;
  return {
    id: r.id,
    key: typeof r.key === 'string' ? r.key : '',
    datasetId: typeof r.datasetId === 'string' ? r.datasetId : null,
    fingerprintKey: r.fingerprintKey,
    createdAt: typeof r.createdAt === 'number' ? r.createdAt : 0,
    label: typeof r.label === 'string' ? r.label : '',
    byteLength: bytes.byteLength,
    bytes,
    viewer: r.viewer ?? null,
  };
}
