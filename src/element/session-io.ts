// Reading and writing session files, loaded apart from the element (see session-code.ts); built as
// its own module, cellucid-viewer-session.js, which imports nothing from the element's.
export { readDocument } from '../core/session/restore.js';
export { captureJobs } from '../core/session/bundle-writer.js';
export { documentToView, ownedViewParts, viewToDocument } from '../core/state/session-mapping.js';
export { gunzipLarge, inflateInWorker, writeBundle } from '../persistence/session-writer-client.js';
export { plainBundle } from '../persistence/plain-bundle.js';
export { downloadBlob, safeSessionFileName } from '../persistence/download.js';
export { readSessionSource } from '../persistence/session-source.js';
