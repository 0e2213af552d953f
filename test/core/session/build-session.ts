// Session files made to order for tests: any manifest entry (sizes declared or not, lying or
// not) around any stored bytes, in either generation.
import { gzipSync } from 'node:zlib';
import { frameBundle } from '../../../src/core/session/index.js';

export const DEMO_FINGERPRINT = {
  sourceType: 'local-demo',
  datasetId: 'synthetic-cell-types-2d',
  cellCount: 72,
  varCount: 8,
  cellOrder: { dimension: 2 as const, digest: '0f7e35eb3e7a914b' },
};

export interface ChunkSpec {
  id: string;
  contributorId: string;
  kind: 'json' | 'binary';
  priority?: 'eager' | 'lazy';
  codec?: 'gzip' | 'none';
  /** The payload before the codec (gzipped unless `codec` is none or `stored` is given). */
  raw?: Uint8Array | string;
  /** The stored bytes as they are (a hand-made gzip, a bomb). */
  stored?: Uint8Array;
  /** Declared sizes: default the true ones; null leaves the key out (legacy files only). */
  uncompressedBytes?: number | null;
  storedBytes?: number | null;
}

export function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

export function gzip(raw: Uint8Array | string): Uint8Array {
  return new Uint8Array(gzipSync(typeof raw === 'string' ? new TextEncoder().encode(raw) : raw));
}

/**
 * The same bytes, typed as a view of an ArrayBuffer (what a Blob part or a Response body must be; a
 * SharedArrayBuffer's view is refused, and never arrives here).
 */
function overArrayBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!(bytes.buffer instanceof ArrayBuffer)) throw new TypeError('bytes over a SharedArrayBuffer');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** A bundle of these chunks; legacy files carry `dataSource` and a four-key fingerprint. */
export function buildSession(chunks: ChunkSpec[], generation: 'legacy' | 'strict' = 'legacy'): Uint8Array<ArrayBuffer> {
  const stored: Uint8Array[] = [];
  const entries = chunks.map((c) => {
    const codec = c.codec ?? 'gzip';
    const raw = typeof c.raw === 'string' ? new TextEncoder().encode(c.raw) : (c.raw ?? new Uint8Array(0));
    const bytes = c.stored ?? (codec === 'gzip' ? gzip(raw) : raw);
    stored.push(bytes);
    const entry: Record<string, unknown> = {
      id: c.id,
      contributorId: c.contributorId,
      priority: c.priority ?? (c.kind === 'binary' ? 'lazy' : 'eager'),
      kind: c.kind,
      codec,
      label: c.id,
      datasetDependent: true,
    };
    if (c.storedBytes !== null) entry.storedBytes = c.storedBytes ?? bytes.length;
    if (c.uncompressedBytes !== null) entry.uncompressedBytes = c.uncompressedBytes ?? raw.length;
    return entry;
  });
  const { cellOrder, ...legacyFingerprint } = DEMO_FINGERPRINT;
  const manifest =
    generation === 'strict'
      ? {
          createdAt: '2026-01-01T00:00:00.000Z',
          datasetFingerprint: { ...legacyFingerprint, cellOrder },
          chunks: entries,
        }
      : {
          createdAt: '2026-01-01T00:00:00.000Z',
          dataSource: { sourceType: 'local-demo', datasetId: DEMO_FINGERPRINT.datasetId, userPath: null },
          datasetFingerprint: legacyFingerprint,
          summary: null,
          chunks: entries,
        };
  return overArrayBuffer(frameBundle(manifest, stored));
}

/** A gzip member of `bytes` bytes of `fill`, made a megabyte at a time (never held whole). */
export async function gzipBomb(bytes: number, fill = 0x20, prefix = '', suffix = ''): Promise<Uint8Array> {
  const { createGzip } = await import('node:zlib');
  const z = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  z.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise((resolve) => z.on('end', resolve));
  z.write(prefix);
  const block = Buffer.alloc(1 << 20, fill);
  let left = bytes - prefix.length - suffix.length;
  for (; left >= block.length; left -= block.length) z.write(block);
  z.write(block.subarray(0, left));
  z.end(suffix);
  await done;
  return new Uint8Array(Buffer.concat(parts));
}
