// Streaming reader of .cellucid-session files: the manifest first, then chunks one at a time
// (decoded on pull), so eager state can be applied before lazy chunks have even arrived.
import { openByteSource, type ByteSource, type SessionSource } from './byte-source.js';
import { SessionFormatError } from './errors.js';
import { MAGIC, MAX_MANIFEST_BYTES, MAX_STORED_CHUNK_BYTES, MAX_UNCOMPRESSED_CHUNK_BYTES } from './format.js';
import { gunzipBoundedInSteps } from './gzip.js';
import { finishSteps, runSteps } from '../steps.js';
import { validateManifest, type ChunkMeta, type Generation, type SessionManifest } from './manifest.js';
import { parseJsonBytes } from './safe-json.js';

export type ChunkRead =
  | {
      index: number;
      meta: ChunkMeta;
      ok: true;
      /** Parsed JSON for json chunks, bytes for binary ones. */ payload: unknown;
      storedBytes: number;
    }
  | { index: number; meta: ChunkMeta; ok: false; error: SessionFormatError; storedBytes: number };

export interface OpenedSession {
  manifest: SessionManifest;
  /** The manifest JSON as written (key order and extra keys kept), for inspection and repacking. */
  rawManifest: Record<string, unknown>;
  generation: Generation;
  /** File size when known (Blob or bytes), else null. */
  totalBytes: number | null;
  /** Problems found after the last chunk (e.g. trailing bytes), filled once chunks() is drained. */
  trailingErrors: SessionFormatError[];
  chunks(): AsyncGenerator<ChunkRead>;
  close(): void;
}

function u32(b: Uint8Array, o = 0): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export interface OpenOptions {
  signal?: AbortSignal;
  /** Lets the page run: a large chunk is then inflated over several tasks, pausing every few milliseconds. */
  pause?: () => Promise<void>;
}

/** Opens a session: reads and validates the header and manifest. Unreadable files reject here. */
export async function openSessionBundle(
  source: SessionSource,
  { signal, pause }: OpenOptions = {},
): Promise<OpenedSession> {
  const src = openByteSource(source, signal);
  try {
    const magic = await src.read(MAGIC.length);
    if (magic.length < MAGIC.length)
      throw new SessionFormatError('Invalid session file (unexpected end of file in the header).');
    if (magic.some((b, i) => b !== MAGIC[i])) throw new SessionFormatError('Invalid session file (bad MAGIC header).');
    const lenBytes = await src.read(4);
    if (lenBytes.length < 4)
      throw new SessionFormatError('Invalid session file (unexpected end of file in the header).');
    const manifestLength = u32(lenBytes);
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
    if (src.size !== null) await prescanFrames(source, src.position, manifest.chunks);
    const trailingErrors: SessionFormatError[] = [];
    return {
      manifest,
      rawManifest: raw as Record<string, unknown>,
      generation,
      totalBytes: src.size,
      trailingErrors,
      chunks: () => readChunks(src, manifest, generation, trailingErrors, pause),
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
async function prescanFrames(source: SessionSource, start: number, chunks: ChunkMeta[]): Promise<void> {
  const probe = openByteSource(source);
  await probe.skip(start);
  for (const meta of chunks) {
    const header = await probe.read(4);
    if (header.length < 4) return; // truncation: reported per chunk when read
    const length = u32(header);
    if (length > MAX_STORED_CHUNK_BYTES)
      throw new SessionFormatError(
        `Invalid chunk length for ${meta.id}: ${length} exceeds limit (${MAX_STORED_CHUNK_BYTES} bytes).`,
      );
    if (meta.storedBytes !== null && length !== meta.storedBytes) {
      throw new SessionFormatError(
        `Chunk length mismatch for ${meta.id}: header=${length}, manifest=${meta.storedBytes}`,
      );
    }
    const remaining = (probe.size ?? 0) - probe.position;
    if (length > remaining) return;
    await probe.skip(length);
  }
}

async function* readChunks(
  src: ByteSource,
  manifest: SessionManifest,
  generation: Generation,
  trailingErrors: SessionFormatError[],
  pause?: () => Promise<void>,
): AsyncGenerator<ChunkRead> {
  const strict = generation === 'strict';
  let broken: string | null = null;
  for (let index = 0; index < manifest.chunks.length; index++) {
    const meta = manifest.chunks[index];
    if (broken) {
      yield { index, meta, ok: false, error: new SessionFormatError(`not read: ${broken}`, meta.id), storedBytes: 0 };
      continue;
    }
    const header = await src.read(4);
    if (header.length < 4) {
      broken = 'the session file is truncated before this chunk';
      yield {
        index,
        meta,
        ok: false,
        error: new SessionFormatError('the session file is truncated before this chunk', meta.id),
        storedBytes: 0,
      };
      continue;
    }
    const length = u32(header);
    const framingError = frameProblem(meta, length, src);
    if (framingError) {
      broken = framingError;
      yield { index, meta, ok: false, error: new SessionFormatError(framingError, meta.id), storedBytes: length };
      continue;
    }
    const stored = await src.read(length);
    if (stored.length < length) {
      broken = `the session file is truncated (chunk ${meta.id} needs ${length} bytes, only ${stored.length} remained)`;
      yield {
        index,
        meta,
        ok: false,
        error: new SessionFormatError(
          `is truncated: needs ${length} bytes, only ${stored.length} remained (session file truncated?)`,
          meta.id,
        ),
        storedBytes: length,
      };
      continue;
    }
    try {
      const steps = decodeChunkPayloadInSteps(meta, stored, strict);
      const payload = pause ? await runSteps(steps, pause) : finishSteps(steps);
      yield { index, meta, ok: true, payload, storedBytes: length };
    } catch (err) {
      const error =
        err instanceof SessionFormatError
          ? err
          : new SessionFormatError(err instanceof Error ? err.message : String(err), meta.id);
      yield { index, meta, ok: false, error, storedBytes: length };
    }
  }
  if (!broken && strict && !(await src.atEnd()))
    trailingErrors.push(new SessionFormatError('Invalid session file: trailing bytes after declared chunks.'));
}

function frameProblem(meta: ChunkMeta, length: number, src: ByteSource): string | null {
  if (length > MAX_STORED_CHUNK_BYTES)
    return `Invalid chunk length for ${meta.id}: ${length} exceeds limit (${MAX_STORED_CHUNK_BYTES} bytes).`;
  if (meta.storedBytes !== null && length !== meta.storedBytes)
    return `Chunk length mismatch for ${meta.id}: header=${length}, manifest=${meta.storedBytes}`;
  if (src.size !== null && length > src.size - src.position) {
    return (
      `Invalid chunk length for ${meta.id}: ${length} > remaining ${src.size - src.position} ` +
      `(session file truncated?)`
    );
  }
  return null;
}

/** Applies the codec under its bound and parses JSON payloads. */
export function decodeChunkPayload(meta: ChunkMeta, stored: Uint8Array, strict: boolean): unknown {
  return finishSteps(decodeChunkPayloadInSteps(meta, stored, strict));
}

function* decodeChunkPayloadInSteps(meta: ChunkMeta, stored: Uint8Array, strict: boolean): Generator<void, unknown> {
  const declared = meta.uncompressedBytes;
  let bytes: Uint8Array;
  try {
    if (meta.codec === 'gzip') {
      const bound = declared !== null ? Math.min(declared, MAX_UNCOMPRESSED_CHUNK_BYTES) : MAX_UNCOMPRESSED_CHUNK_BYTES;
      bytes = yield* gunzipBoundedInSteps(stored, { bound, exact: strict ? declared : null });
    } else {
      if (strict && declared !== null && stored.length !== declared)
        throw new Error(`holds ${stored.length} bytes but the manifest declares ${declared}`);
      if (declared !== null && stored.length > declared)
        throw new Error(`holds ${stored.length} bytes, more than the ${declared} declared`);
      bytes = stored;
    }
  } catch (err) {
    throw new SessionFormatError(err instanceof Error ? err.message : String(err), meta.id);
  }
  return meta.kind === 'json' ? parseJsonBytes(bytes, 'payload', meta.id) : bytes;
}
