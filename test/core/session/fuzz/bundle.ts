// Session bundles taken apart and framed again: the chunk-level mutations change a payload or a
// manifest entry and frame the result with correct lengths, so the change reaches the readers.
import { gunzipSync } from 'node:zlib';
import { MAGIC } from '../../../../src/core/session/index.js';

export interface SeedChunk {
  /** The manifest entry as written. */
  entry: Record<string, unknown>;
  /** The bytes as stored (gzip or not). */
  stored: Uint8Array;
  /** The payload after its codec. */
  payload: Uint8Array;
}

export interface SeedBundle {
  name: string;
  bytes: Uint8Array;
  manifest: Record<string, unknown>;
  chunks: SeedChunk[];
}

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);

/** A well-formed bundle's parts (the seeds only: it trusts the framing). */
export function parseBundle(name: string, bytes: Uint8Array): SeedBundle {
  const length = u32(bytes, MAGIC.length);
  let at = MAGIC.length + 4;
  const manifest = JSON.parse(new TextDecoder().decode(bytes.subarray(at, at + length)));
  at += length;
  const chunks = (manifest.chunks as Array<Record<string, unknown>>).map((entry) => {
    const size = u32(bytes, at);
    const stored = bytes.slice(at + 4, at + 4 + size);
    at += 4 + size;
    const payload = entry.codec === 'gzip' ? new Uint8Array(gunzipSync(stored)) : stored;
    return { entry, stored, payload };
  });
  return { name, bytes, manifest, chunks };
}

/** MAGIC, the manifest's length and bytes, then each stored chunk after its length. */
export function frame(manifest: Uint8Array, stored: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = MAGIC.length + 4 + manifest.length + stored.reduce((s, c) => s + 4 + c.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(MAGIC.length, manifest.length, true);
  out.set(manifest, MAGIC.length + 4);
  let at = MAGIC.length + 4 + manifest.length;
  for (const c of stored) {
    view.setUint32(at, c.length, true);
    out.set(c, at + 4);
    at += 4 + c.length;
  }
  return out;
}

/** Where the manifest's length field sits, and [start, end) of each chunk frame (length field included). */
export function layout(seed: SeedBundle): { manifestEnd: number; frames: Array<[number, number]> } {
  let at = MAGIC.length + 4 + u32(seed.bytes, MAGIC.length);
  const manifestEnd = at;
  const frames: Array<[number, number]> = seed.chunks.map((c) => {
    const span: [number, number] = [at, at + 4 + c.stored.length];
    at = span[1];
    return span;
  });
  return { manifestEnd, frames };
}
