// Streaming reader of .cellucid-session files: the manifest first, then chunks one at a time
// (decoded on pull), so eager state can be applied before lazy chunks have even arrived. Each
// chunk is read and inflated under the bounds its manifest entry implies (chunk-bounds.ts).
import { openByteSource, type ByteSource, type SessionSource } from './byte-source.js';
import { chunkBounds, DEFAULT_MAX_UNDECLARED_CHUNK_BYTES, type ChunkBounds } from './chunk-bounds.js';
import { SessionFormatError } from './errors.js';
import { MAGIC, MAX_MANIFEST_BYTES, MAX_STORED_CHUNK_BYTES } from './format.js';
import { gunzipBounded, gunzipMember, type InflateOptions, type LargeGunzip } from './gzip.js';
import { gunzipStreamed } from './gzip-stream.js';
import { readU32 } from './little-endian.js';
import { validateManifest, type ChunkMeta, type Generation, type SessionManifest } from './manifest.js';
import { parseJsonBytes } from './safe-json.js';

export type ChunkRead =
  | {
      index: number;
      meta: ChunkMeta;
      ok: true;
      /** Parsed JSON for json chunks, bytes for binary ones. */ payload: unknown;
      storedBytes: number;
      /** Bytes after the codec (what `uncompressedBytes` declares). */
      decodedBytes: number;
      skipped?: false;
    }
  | { index: number; meta: ChunkMeta; ok: false; error: SessionFormatError; skipped?: false; storedBytes: number }
  /** Passed over unread: the caller did not want it (its frame is still checked). */
  | { index: number; meta: ChunkMeta; ok: false; error: null; skipped: true; storedBytes: number };

export interface OpenedSession {
  manifest: SessionManifest;
  /** The manifest JSON as written (key order and extra keys kept), for inspection and repacking. */
  rawManifest: Record<string, unknown>;
  generation: Generation;
  /** File size when known (Blob or bytes), else null. */
  totalBytes: number | null;
  /** Problems found after the last chunk (e.g. trailing bytes), filled once chunks() is drained. */
  trailingErrors: SessionFormatError[];
  /** The chunks in order, each decoded as it is pulled; those `want` refuses are passed over unread. */
  chunks(want?: (meta: ChunkMeta) => boolean): AsyncGenerator<ChunkRead>;
  close(): void;
}

/**
 * Inflates one gzip chunk elsewhere (a worker) with the reader's options, leaving `stored` as it
 * is. Resolves null when it cannot (the reader then inflates here).
 */
export type ChunkInflater = (
  stored: Uint8Array,
  options: Omit<InflateOptions, 'meter' | 'pause'>,
) => Promise<Uint8Array | null>;

export interface ReadLimits {
  /** Legacy chunks that declare no `uncompressedBytes` inflate to at most this (default 64 MiB). */
  maxUndeclaredChunkBytes?: number;
  /**
   * Told of every buffer the reader allocates for the file's data: its size, the index of the chunk it
   * is for (null: the header and the manifest), and whether it holds stored bytes read or inflated
   * output. For tests and profiling.
   */
  meter?: (bytes: number, chunkIndex: number | null, use: 'read' | 'inflate') => void;
}

export interface OpenOptions extends ReadLimits {
  signal?: AbortSignal;
  /** Lets the page run: a chunk inflated here is then inflated over several tasks, pausing every few milliseconds. */
  pause?: () => Promise<void>;
  /** Inflates gzip chunks elsewhere (the browser's session worker); the reader inflates here when it declines. */
  inflate?: ChunkInflater;
}

/** Who inflates the gzip chunks too large for the JavaScript inflater, where `inflate` declines. */
export interface LargeMembers {
  gunzipLarge: LargeGunzip;
}

/** How chunks are decoded: the options of `openSessionBundle` that apply to each chunk. */
interface ChunkDecoding extends OpenOptions, LargeMembers {
  strict: boolean;
  maxUndeclared: number;
}

/** Opens a session: reads and validates the header and manifest. Unreadable files reject here. */
export function openSessionBundle(source: SessionSource, options: OpenOptions = {}): Promise<OpenedSession> {
  return openBundle(source, { ...options, gunzipLarge: gunzipStreamed });
}

/**
 * `openSessionBundle` with the inflater of large gzip chunks given: the page's (the session
 * worker) leaves the runtime's inflater out of the page's bundle.
 */
export async function openBundle(source: SessionSource, options: OpenOptions & LargeMembers): Promise<OpenedSession> {
  // The chunk being read, for the meter.
  let reading: number | null = null;
  const meter = options.meter;
  const src = openByteSource(source, options.signal, meter && ((bytes) => meter(bytes, reading, 'read')));
  try {
    const magic = await src.read(MAGIC.length);
    if (magic.length < MAGIC.length)
      throw new SessionFormatError('Invalid session file (unexpected end of file in the header).');
    if (magic.some((b, i) => b !== MAGIC[i])) throw new SessionFormatError('Invalid session file (bad MAGIC header).');
    const lenBytes = await src.read(4);
    if (lenBytes.length < 4)
      throw new SessionFormatError('Invalid session file (unexpected end of file in the header).');
    const manifestLength = readU32(lenBytes);
    if (manifestLength <= 0 || manifestLength > MAX_MANIFEST_BYTES)
      throw new SessionFormatError(`Invalid manifest length: ${manifestLength} bytes.`);
    if (src.size !== null && manifestLength > src.size - src.position) {
      throw new SessionFormatError(
        `Invalid manifest length: ${manifestLength} bytes (only ${src.size - src.position} remain; the ` +
          `file is truncated).`,
      );
    }
    const manifestBytes = await src.read(manifestLength);
    if (manifestBytes.length < manifestLength)
      throw new SessionFormatError('Invalid session file (the manifest is truncated).');
    let raw: unknown;
    try {
      raw = parseJsonBytes(manifestBytes, 'manifest');
    } catch {
      throw new SessionFormatError('Invalid session file (manifest JSON parse failed).');
    }
    const { manifest, generation } = validateManifest(raw);
    if (src.size !== null) await prescanFrames(source, src.position, manifest.chunks, meter);
    const trailingErrors: SessionFormatError[] = [];
    const decoding: ChunkDecoding = {
      ...options,
      strict: generation === 'strict',
      maxUndeclared: options.maxUndeclaredChunkBytes ?? DEFAULT_MAX_UNDECLARED_CHUNK_BYTES,
    };
    return {
      manifest,
      rawManifest: raw as Record<string, unknown>,
      generation,
      totalBytes: src.size,
      trailingErrors,
      chunks: (want) => readChunks(src, manifest, decoding, trailingErrors, want, (index) => (reading = index)),
      close: () => src.close(),
    };
  } catch (err) {
    src.close();
    throw err;
  }
}

/**
 * With a known size, every frame header present is checked against the manifest before any
 * chunk is handed out, so a file whose framing disagrees with its manifest changes nothing.
 */
async function prescanFrames(
  source: SessionSource,
  start: number,
  chunks: ChunkMeta[],
  meter: ReadLimits['meter'],
): Promise<void> {
  const probe = openByteSource(source, undefined, meter && ((bytes) => meter(bytes, null, 'read')));
  await probe.skip(start);
  for (const meta of chunks) {
    const header = await probe.read(4);
    if (header.length < 4) return; // truncation: reported per chunk when read
    const length = readU32(header);
    const problem = frameProblem(meta, length);
    if (problem) throw new SessionFormatError(problem);
    const remaining = (probe.size ?? 0) - probe.position;
    if (length > remaining) return;
    await probe.skip(length);
  }
}

async function* readChunks(
  src: ByteSource,
  manifest: SessionManifest,
  decoding: ChunkDecoding,
  trailingErrors: SessionFormatError[],
  want: ((meta: ChunkMeta) => boolean) | undefined,
  setReading: (index: number) => void,
): AsyncGenerator<ChunkRead> {
  let broken: string | null = null;
  for (let index = 0; index < manifest.chunks.length; index++) {
    const meta = manifest.chunks[index];
    setReading(index);
    const failed = (message: string, storedBytes: number): ChunkRead => ({
      index,
      meta,
      ok: false,
      error: new SessionFormatError(message, meta.id),
      storedBytes,
    });
    if (broken) {
      yield failed(`not read: ${broken}`, 0);
      continue;
    }
    const header = await src.read(4);
    if (header.length < 4) {
      broken = 'the session file is truncated before this chunk';
      yield failed(broken, 0);
      continue;
    }
    const length = readU32(header);
    const left = (src.size ?? Infinity) - src.position;
    const framingError =
      frameProblem(meta, length) ??
      (length > left
        ? `Invalid chunk length for ${meta.id}: ${length} > remaining ${left} (session file truncated?)`
        : null);
    if (framingError) {
      broken = framingError;
      yield failed(framingError, length);
      continue;
    }
    const bounds = chunkBounds(meta, decoding.strict, decoding.maxUndeclared);
    const unwanted = want && !want(meta);
    if (unwanted || length > bounds.stored) {
      // Not wanted, or more stored bytes than any payload within the bound needs: skipped unread.
      const before = src.position;
      await src.skip(length);
      if (src.position - before < length) broken = 'the session file is truncated';
      if (unwanted) {
        yield { index, meta, ok: false, error: null, skipped: true, storedBytes: length };
        continue;
      }
      yield failed(`expands past ${bounds.boundName}: its ${length} stored bytes are more than that needs`, length);
      continue;
    }
    const stored = await src.read(length);
    if (stored.length < length) {
      broken = `the session file is truncated (chunk ${meta.id} needs ${length} bytes, only ${stored.length} remained)`;
      yield failed(
        `is truncated: needs ${length} bytes, only ${stored.length} remained (session file truncated?)`,
        length,
      );
      continue;
    }
    try {
      const bytes = await decodeStored(meta, stored, bounds, decoding, index);
      const payload = meta.kind === 'json' ? parseJsonBytes(bytes, 'payload', meta.id) : bytes;
      yield { index, meta, ok: true, payload, storedBytes: length, decodedBytes: bytes.length };
    } catch (err) {
      const error = chunkError(err, meta.id);
      yield { index, meta, ok: false, error, storedBytes: length };
    }
  }
  if (!broken && decoding.strict && !(await src.atEnd()))
    trailingErrors.push(new SessionFormatError('Invalid session file: trailing bytes after declared chunks.'));
}

/** A frame length its chunk cannot have: past the limit, or not what the manifest says. */
function frameProblem(meta: ChunkMeta, length: number): string | null {
  if (length > MAX_STORED_CHUNK_BYTES)
    return `Invalid chunk length for ${meta.id}: ${length} exceeds limit (${MAX_STORED_CHUNK_BYTES} bytes).`;
  if (meta.storedBytes !== null && length !== meta.storedBytes)
    return `Chunk length mismatch for ${meta.id}: header=${length}, manifest=${meta.storedBytes}`;
  return null;
}

/** Applies the codec under its bound and parses JSON payloads (on this thread). */
export async function decodeChunkPayload(
  meta: ChunkMeta,
  stored: Uint8Array,
  strict: boolean,
  maxUndeclared = DEFAULT_MAX_UNDECLARED_CHUNK_BYTES,
): Promise<unknown> {
  try {
    const bounds = chunkBounds(meta, strict, maxUndeclared);
    if (meta.codec === 'none' && (stored.length > bounds.bound || (bounds.exact ?? stored.length) !== stored.length))
      throw new Error(`holds ${stored.length} bytes, not what ${bounds.boundName} allows`);
    const bytes = meta.codec === 'gzip' ? await gunzipBounded(stored, bounds) : stored;
    return meta.kind === 'json' ? parseJsonBytes(bytes, 'payload', meta.id) : bytes;
  } catch (err) {
    throw chunkError(err, meta.id);
  }
}

const chunkError = (err: unknown, id: string) =>
  err instanceof SessionFormatError
    ? err
    : new SessionFormatError(err instanceof Error ? err.message : String(err), id);

/**
 * The chunk's bytes after its codec: gzip inflated elsewhere when an inflater takes it, else here
 * under the bound (sliced with `pause`); stored bytes as they are (their frame is no longer than
 * the bound, and a strict file's no shorter: the frame checks saw to it).
 */
async function decodeStored(
  meta: ChunkMeta,
  stored: Uint8Array,
  bounds: ChunkBounds,
  decoding: ChunkDecoding,
  index: number,
): Promise<Uint8Array> {
  if (meta.codec !== 'gzip') return stored;
  const inflated = await decoding.inflate?.(stored, bounds);
  if (inflated) {
    if (bounds.exact !== null && inflated.length !== bounds.exact)
      throw new Error(`inflates to ${inflated.length} bytes but the manifest declares ${bounds.exact}`);
    return inflated;
  }
  const meter = decoding.meter && ((bytes: number) => decoding.meter!(bytes, index, 'inflate'));
  return gunzipMember(stored, { ...bounds, meter, pause: decoding.pause }, decoding.gunzipLarge);
}
