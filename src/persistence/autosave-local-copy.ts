// The localStorage copy `saveNow` keeps of a small bundle: a window closed at once may be torn
// down before even its database writes commit, while localStorage writes reach the browser in the
// calling task. A copy is its summary as JSON, a newline, then one character per byte.
import { readSummaries, type AutosaveSummary } from './autosave-records.js';

/** Larger bundles get no copy. */
const MAX_LOCAL_COPY_BYTES = 1 << 20;

/** Writes the copy under `key`; false when the bundle is too large or there is no room (or no localStorage). */
export function writeLocalCopy(key: string, head: AutosaveSummary & { viewer: unknown }, bytes: Uint8Array): boolean {
  if (bytes.byteLength > MAX_LOCAL_COPY_BYTES) return false;
  try {
    let chars = '';
    for (let i = 0; i < bytes.length; i += 8192) chars += String.fromCharCode(...bytes.subarray(i, i + 8192));
    localStorage.setItem(key, `${JSON.stringify(head)}\n${chars}`);
    return true;
  } catch {
    return false; // no room, or no localStorage: the database write still goes
  }
}

/** A copy: its summary (checked like the index's entries) and its characters; null when none or damaged. */
export function readLocalCopy(key: string): [AutosaveSummary, string] | null {
  try {
    const text = localStorage.getItem(key) ?? '';
    const at = text.indexOf('\n');
    const [summary] = readSummaries([JSON.parse(text.slice(0, at))]);
    return summary ? [summary, text.slice(at + 1)] : null;
  } catch {
    return null;
  }
}

/** A copy's characters as the bundle's bytes. */
export const copiedBytes = (chars: string) => Uint8Array.from(chars, (c) => c.charCodeAt(0));

/** The localStorage keys that start with `prefix` (none without localStorage). */
export function localCopyKeys(prefix: string): string[] {
  try {
    return Object.keys(localStorage).filter((k) => k.startsWith(prefix));
  } catch {
    return [];
  }
}

/** A database write of the state of `createdAt` committed: a copy of it or of an older state goes. */
export function forgetLocalCopy(key: string, createdAt: number): void {
  if ((readLocalCopy(key)?.[0].createdAt ?? Infinity) <= createdAt) localStorage.removeItem(key);
}
