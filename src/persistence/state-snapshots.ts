// Finds a dataset's published session: `state-snapshots.json` beside the dataset lists session files
// and the last `.cellucid-session` entry is the one to restore. Every way this can go wrong on a real
// static host (no file, an SPA answering with its index page, a typo) is a quiet no-op with a console
// hint, because a dataset without published sessions is the normal case. Only an abort rejects.
import { readBounded } from '../core/read-bounded.js';
import { own } from '../core/session/safe-json.js';

const STATE_SNAPSHOTS_FILE = 'state-snapshots.json';
/** The manifest is a short list of file names; anything bigger is not one and is not parsed. */
export const MAX_STATE_SNAPSHOTS_BYTES = 1024 * 1024;
const SESSION_SUFFIX = /\.cellucid-session$/i;
const LIST_KEYS = ['states', 'files', 'snapshots'] as const;
const ENTRY_KEYS = ['url', 'path', 'href', 'file', 'filename', 'name'] as const;

export interface PublishedSessionLookup {
  /** Absolute URL of the session to restore, or null when there is none. */
  url: string | null;
  /** Why there is none (also logged), for a host page or a test to inspect. */
  hint?: string;
  /** The manifest URL that was consulted (null when the dataset URL itself was unusable). */
  manifestUrl: string | null;
}

export interface FindPublishedSessionOptions {
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  /** Base for a relative dataset URL; defaults to `location.href` where there is one. */
  pageUrl?: string;
  /** Where hints go; defaults to `console.info` (a missing manifest is not a warning). */
  log?: (message: string) => void;
}

/** `state-snapshots.json` inside the dataset folder (the base is treated as a directory). */
export function stateSnapshotsUrl(datasetBaseUrl: string, pageUrl?: string): string {
  const base = new URL(datasetBaseUrl, pageUrl ?? globalThis.location?.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(STATE_SNAPSHOTS_FILE, base).href;
}

/** True when the entry's last path segment ends with `.cellucid-session`, ignoring query and hash. */
export function isSessionEntry(entry: string): boolean {
  const path = entry.split('#', 1)[0].split('?', 1)[0];
  const name = path.slice(path.lastIndexOf('/') + 1);
  return SESSION_SUFFIX.test(name);
}

/**
 * The raw entry strings of a parsed manifest: a bare array, or the first truthy list among
 * `states`/`files`/`snapshots`; each entry a string or an object naming its file by the first truthy
 * of `url`/`path`/`href`/`file`/`filename`/`name`. Returns null when the shape is not a list.
 */
export function manifestEntries(json: unknown): string[] | null {
  let list: unknown = json;
  if (!Array.isArray(json)) {
    if (json === null || typeof json !== 'object') return null;
    const record = json as Record<string, unknown>;
    list = LIST_KEYS.map((key) => own(record, key)).find(Boolean);
    if (!Array.isArray(list)) return null;
  }
  const entries: string[] = [];
  for (const item of list as unknown[]) {
    if (typeof item === 'string') {
      if (item.trim()) entries.push(item.trim());
      continue;
    }
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const record = item as Record<string, unknown>;
    const value = ENTRY_KEYS.map((key) => own(record, key)).find(Boolean);
    if (typeof value === 'string' && value.trim()) entries.push(value.trim());
  }
  return entries;
}

/** Session entries resolved against `baseUrl`, http(s) only, de-duplicated in first-seen order. */
export function resolveSessionUrls(entries: readonly string[], baseUrl: string): string[] {
  const urls: string[] = [];
  for (const entry of entries) {
    if (!isSessionEntry(entry)) continue;
    let resolved: URL;
    try {
      resolved = new URL(entry, baseUrl);
    } catch {
      continue;
    }
    // A manifest must not send the viewer to javascript:, data: or file: URLs.
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') continue;
    if (!urls.includes(resolved.href)) urls.push(resolved.href);
  }
  return urls;
}

export async function findPublishedSessionUrl(
  datasetBaseUrl: string,
  options: FindPublishedSessionOptions = {},
): Promise<PublishedSessionLookup> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const log = options.log ?? ((message: string) => console.info(message));
  const none = (manifestUrl: string | null, hint: string): PublishedSessionLookup => {
    log(`cellucid-viewer: ${hint}`);
    return { url: null, hint, manifestUrl };
  };

  let manifestUrl: string;
  try {
    manifestUrl = stateSnapshotsUrl(datasetBaseUrl, options.pageUrl);
  } catch {
    return none(null, `no published session: the dataset URL "${datasetBaseUrl}" is not a valid URL.`);
  }

  let response: Response;
  try {
    response = await doFetch(manifestUrl, {
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: options.signal,
    });
  } catch (error) {
    rethrowIfAborted(error, options.signal);
    return none(
      manifestUrl,
      `no published session: ${manifestUrl} could not be fetched (network error or blocked by CORS).`,
    );
  }
  if (response.status === 404) {
    void response.body?.cancel().catch(() => {});
    return none(manifestUrl, `no published session: ${manifestUrl} does not exist (404).`);
  }
  if (!response.ok) {
    void response.body?.cancel().catch(() => {});
    return none(manifestUrl, `no published session: ${manifestUrl} answered ${describeStatus(response)}.`);
  }

  let text: string;
  try {
    text = await readBoundedText(response, MAX_STATE_SNAPSHOTS_BYTES);
  } catch (error) {
    rethrowIfAborted(error, options.signal);
    const reason = error instanceof RangeError ? 'is larger than 1 MiB' : 'could not be read as UTF-8 text';
    return none(manifestUrl, `no published session: ${manifestUrl} ${reason}; it was ignored.`);
  }

  const contentType = response.headers.get('content-type') ?? '';
  if (/html/i.test(contentType) || text.trimStart().startsWith('<')) {
    return none(
      manifestUrl,
      `no published session: ${manifestUrl} returned HTML instead of JSON (the server probably answers ` +
        `missing files with its index page).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return none(manifestUrl, `no published session: ${manifestUrl} is not valid JSON.`);
  }
  const entries = manifestEntries(json);
  if (entries === null) {
    return none(
      manifestUrl,
      `no published session: ${manifestUrl} should be an array or an object with "states", "files" or "snapshots".`,
    );
  }
  // Relative entries are relative to where the manifest really is, after redirects.
  const urls = resolveSessionUrls(entries, response.url || manifestUrl);
  if (urls.length === 0) {
    return none(
      manifestUrl,
      `no published session: ${manifestUrl} lists ${entries.length} ` +
        `entr${entries.length === 1 ? 'y' : 'ies'} but no http(s) file ending in .cellucid-session.`,
    );
  }
  return { url: urls[urls.length - 1], manifestUrl };
}

function describeStatus(response: Response): string {
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

function rethrowIfAborted(error: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? error;
  if (error instanceof Error && error.name === 'AbortError') throw error;
}

/** Reads at most `maxBytes` of the body (stopping early), then decodes strict UTF-8. */
async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (!response.headers.has('content-encoding') && Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => {});
    throw new RangeError('too large');
  }
  const bytes = response.body
    ? await readBounded(response.body, maxBytes, () => new RangeError('too large'))
    : new Uint8Array(0);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
