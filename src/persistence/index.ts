// Save, restore, share and autosave plumbing used by the element: where session bytes come from,
// where they go, and when autosaves happen. The session format itself lives in core/session.
export { readSessionSource, MAX_SESSION_BYTES, type SessionSourceInput, type SessionSourceData, type ReadSessionSourceOptions } from './session-source.js';
export {
  findPublishedSessionUrl,
  stateSnapshotsUrl,
  manifestEntries,
  isSessionEntry,
  resolveSessionUrls,
  STATE_SNAPSHOTS_FILE,
  MAX_STATE_SNAPSHOTS_BYTES,
  type PublishedSessionLookup,
  type FindPublishedSessionOptions,
} from './state-snapshots.js';
export {
  AutosaveStore,
  AutosaveUnavailableError,
  autosaveFingerprintKey,
  AUTOSAVE_DB_NAME,
  AUTOSAVE_STORE_NAME,
  AUTOSAVES_PER_DATASET,
  AUTOSAVE_DATASETS_PER_KEY,
  type AutosaveUnavailableReason,
  type AutosaveFingerprint,
  type AutosaveMeta,
  type AutosaveSummary,
  type AutosaveEntry,
  type AutosaveStoreOptions,
} from './autosave-store.js';
export { AutosaveScheduler, AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, type AutosaveSchedulerOptions } from './autosave-scheduler.js';
export { writeBundle, writeInWorker } from './session-writer-client.js';
export { downloadBlob, safeSessionFileName, sessionFileName, SESSION_FILE_EXTENSION } from './download.js';
