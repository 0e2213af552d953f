// Saving a Blob as a file from a web page: a temporary `<a download>` link, clicked and removed.

import { sessionFileName } from '../core/session/writer.js';

export { sessionFileName };
const SESSION_FILE_EXTENSION = '.cellucid-session';

/**
 * A file name safe to hand to the browser: no directories, no control or reserved characters, not
 * empty, bounded length. The session extension is added when missing so the file can be loaded again.
 */
export function safeSessionFileName(requested: string | undefined, now: Date = new Date()): string {
  const cleaned = String(requested ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 180);
  if (!cleaned) return sessionFileName(now);
  return cleaned.toLowerCase().endsWith(SESSION_FILE_EXTENSION) ? cleaned : `${cleaned}${SESSION_FILE_EXTENSION}`;
}

/** Starts a download of `blob` named `filename`; the object URL is revoked shortly after. */
export function downloadBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  (doc.body ?? doc.documentElement).append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Some browsers start reading the URL only after click() returns; revoking on the next
    // macrotask would be too early for them, a second later is not.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
