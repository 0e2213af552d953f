// Turns whatever `loadState(source)` was given into bytes the session reader can consume.
// Local sources are passed on as they are (exact size known, so truncation is detectable; bytes are
// not copied); a URL is fetched as a stream so a large bundle can start restoring before it has
// fully arrived.

/** No session bundle the viewer writes comes anywhere near this; a bigger source is refused. */
const MAX_SESSION_BYTES = 512 * 1024 * 1024;
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'blob:', 'data:']);

export type SessionSourceInput = Blob | ArrayBuffer | Uint8Array | string;

export interface SessionSourceData {
  /** The Blob or bytes given, or a byte stream for URLs; the session reader accepts all three. */
  body: Blob | Uint8Array | ReadableStream<Uint8Array>;
  /** Exact size when known: Blob size, or an uncompressed response's Content-Length. */
  totalBytes: number | null;
  /** The URL actually fetched (after redirects), or null for in-memory sources. */
  url: string | null;
}

export interface ReadSessionSourceOptions {
  signal?: AbortSignal;
  /** Base for relative URLs; defaults to `location.href` where there is one. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Upper bound on the source's size (default 512 MiB). */
  maxBytes?: number;
  /** Called as a URL body arrives (bytes so far, total when known). */
  onProgress?: (loadedBytes: number, totalBytes: number | null) => void;
}

export async function readSessionSource(
  source: SessionSourceInput,
  options: ReadSessionSourceOptions = {},
): Promise<SessionSourceData> {
  const { signal } = options;
  const maxBytes = options.maxBytes ?? MAX_SESSION_BYTES;
  signal?.throwIfAborted();

  if (typeof source === 'string') return fetchSession(source, maxBytes, options);

  let body: Blob | Uint8Array;
  if (typeof Blob !== 'undefined' && source instanceof Blob) body = source;
  else if (source instanceof Uint8Array) body = source;
  else if (source instanceof ArrayBuffer) body = new Uint8Array(source);
  else throw new TypeError('A session source must be a Blob or File, an ArrayBuffer or Uint8Array, or a URL string.');
  const size = body instanceof Uint8Array ? body.byteLength : body.size;
  if (size > maxBytes)
    throw new RangeError(`The session file is larger than the ${formatLimit(maxBytes)} limit (${size} bytes).`);
  return { body, totalBytes: size, url: null };
}

async function fetchSession(
  raw: string,
  maxBytes: number,
  options: ReadSessionSourceOptions,
): Promise<SessionSourceData> {
  const { signal } = options;
  const text = raw.trim();
  if (!text) throw new TypeError('The session URL is empty.');
  let url: URL;
  try {
    url = new URL(text, options.baseUrl ?? globalThis.location?.href);
  } catch {
    throw new TypeError(`The session URL is not a valid URL: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol))
    throw new TypeError(
      `The session URL must use http(s), blob: or data:, not ${url.protocol} (${shorten(url.href)}).`,
    );
  if (url.username || url.password)
    throw new TypeError(`The session URL must not contain a user name or password (${url.host}).`);
  const shown = shorten(url.href);

  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    // Sessions may be shared from any origin: ask with CORS and never send the reader's cookies.
    response = await doFetch(url.href, { mode: 'cors', credentials: 'omit', cache: 'no-store', signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new Error(`Could not fetch the session (network error or blocked by CORS): ${shown}`, { cause: error });
  }
  const finalUrl = response.url || url.href;
  if (!response.ok) {
    void response.body?.cancel().catch(() => {});
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new Error(`Could not fetch the session (${status}): ${shorten(finalUrl)}`);
  }

  const totalBytes = declaredLength(response);
  if (totalBytes !== null && totalBytes > maxBytes) {
    void response.body?.cancel().catch(() => {});
    throw new RangeError(
      `The session is larger than the ${formatLimit(maxBytes)} limit (${totalBytes} bytes): ${shorten(finalUrl)}`,
    );
  }
  const body = response.body ?? new Blob([]).stream();
  const bounded = body.pipeThrough(countingBound(maxBytes, totalBytes, shorten(finalUrl), options.onProgress), {
    signal,
  });
  return { body: bounded, totalBytes, url: finalUrl };
}

/**
 * Content-Length describes the bytes on the wire; when the body is content-encoded (gzip, br) that
 * is not the size the reader sees. Cross-origin responses may hide Content-Encoding, so there the
 * length is only trusted when the encoding is visibly absent ('identity').
 */
function declaredLength(response: Response): number | null {
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return null;
  if (!encoding && response.type === 'cors') return null;
  const header = response.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  const length = Number(header);
  return Number.isSafeInteger(length) ? length : null;
}

function countingBound(
  maxBytes: number,
  totalBytes: number | null,
  shownUrl: string,
  onProgress: ReadSessionSourceOptions['onProgress'],
): TransformStream<Uint8Array, Uint8Array> {
  let loaded = 0;
  return new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      if (loaded > maxBytes) {
        controller.error(new RangeError(`The session is larger than the ${formatLimit(maxBytes)} limit: ${shownUrl}`));
        return;
      }
      controller.enqueue(chunk);
      onProgress?.(loaded, totalBytes);
    },
  });
}

function formatLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** data: URLs can be megabytes long; error messages only need to identify the source. */
function shorten(href: string): string {
  return href.length > 200 ? `${href.slice(0, 200)}…` : href;
}
