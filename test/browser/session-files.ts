// Session files made in the browser for tests: legacy bundles of any chunks, and bombs.
import { frameBundle } from '../../src/core/session/index.js';

const MiB = 1024 * 1024;
const encoder = new TextEncoder();

/** gzip of `parts`, streamed (a part may be one megabyte used many times: nothing is held whole). */
async function gzip(parts: Iterable<Uint8Array>): Promise<Uint8Array> {
  const stream = new CompressionStream('gzip');
  const out = new Response(stream.readable).arrayBuffer();
  const writer = stream.writable.getWriter();
  for (const part of parts) await writer.write(part as Uint8Array<ArrayBuffer>);
  await writer.close();
  return new Uint8Array(await out);
}

/** 500 MB of valid JSON, mostly spaces: an analysis-windows payload. */
function* bigJson(): Generator<Uint8Array> {
  yield encoder.encode('{"windows":[');
  const spaces = new Uint8Array(MiB).fill(0x20);
  for (let i = 0; i < 476; i++) yield spaces;
  yield encoder.encode(']}');
}

interface Chunk {
  id: string;
  contributorId: string;
  kind: 'json' | 'binary';
  raw: Uint8Array;
  stored?: Uint8Array;
  /** false: the entry declares no size (older legacy files). */
  declare?: boolean;
}

/** A legacy bundle for the 2-D demo dataset (the generation that may leave sizes out). */
async function legacySession(chunks: Chunk[]): Promise<Uint8Array> {
  const stored = await Promise.all(chunks.map((c) => c.stored ?? gzip([c.raw])));
  const entries = chunks.map((c, i) => ({
    id: c.id,
    contributorId: c.contributorId,
    priority: c.kind === 'binary' ? 'lazy' : 'eager',
    kind: c.kind,
    codec: 'gzip',
    label: c.id,
    datasetDependent: true,
    ...(c.declare === false ? {} : { storedBytes: stored[i].length, uncompressedBytes: c.raw.length }),
  }));
  const fingerprint = { sourceType: 'local-demo', datasetId: 'synthetic-cell-types-2d', cellCount: 72, varCount: 8 };
  return frameBundle(
    {
      createdAt: '2026-01-01T00:00:00.000Z',
      dataSource: { sourceType: 'local-demo', datasetId: 'synthetic-cell-types-2d', userPath: null },
      datasetFingerprint: fingerprint,
      summary: null,
      chunks: entries,
    },
    stored,
  );
}

export const json = (value: unknown) => encoder.encode(JSON.stringify(value));

/**
 * D5's file: about 500 KB holding a 500 MB JSON chunk that declares no size, between a core/state
 * chunk (colouring by cell_type) and a floating-panels chunk.
 */
export async function bigJsonBomb(): Promise<Uint8Array> {
  return legacySession([
    {
      id: 'core/state',
      contributorId: 'core-state',
      kind: 'json',
      raw: json({ activeFields: { activeFieldKey: 'cell_type', activeFieldSource: 'obs' } }),
    },
    {
      id: 'analysis/windows',
      contributorId: 'analysis-windows',
      kind: 'json',
      raw: new Uint8Array(0),
      stored: await gzip(bigJson()),
      declare: false,
    },
    { id: 'ui/dockable-layout', contributorId: 'dockable-layout', kind: 'json', raw: json({ panels: [] }) },
  ]);
}

/** A session that holds only a core/state chunk colouring by `field` (a cell field): nothing else changes. */
export function fieldOnlySession(field: string): Promise<Uint8Array> {
  return legacySession([
    {
      id: 'core/state',
      contributorId: 'core-state',
      kind: 'json',
      raw: json({ activeFields: { activeFieldKey: field, activeFieldSource: 'obs' } }),
    },
  ]);
}
