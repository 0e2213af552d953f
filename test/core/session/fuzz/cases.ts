// The fuzzer's cases: each made from the run's seed and its number alone. A category mutates at
// one level: the file's bytes, its framing, the manifest's JSON, one chunk's payload (framed again
// with correct lengths and CRC, so the change reaches the chunk's reader), a name renamed across
// the whole session, or the gzip member around a payload.
import { constants, crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { frame, layout, type SeedBundle } from './bundle.js';
import { detectGeneration } from '../../../../src/core/session/index.js';
import {
  DANGEROUS_NAMES,
  mutateJson,
  RawNumber,
  renameEverywhere,
  serialize,
  stringsIn,
  type Json,
} from './json-mutate.js';
import { Rng } from './rng.js';

export const CATEGORIES = [
  'control',
  'bytes',
  'framing',
  'manifest',
  'json-chunk',
  'binary-chunk',
  'rename',
  'gzip',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Cases per hundred: most go where the chunk readers are. */
const WEIGHTS: Record<Category, number> = {
  control: 1,
  bytes: 16,
  framing: 10,
  manifest: 14,
  'json-chunk': 30,
  'binary-chunk': 12,
  rename: 7,
  gzip: 10,
};

/** The categories of a hundred consecutive cases, spread evenly (the same for every seed). */
const SCHEDULE: Category[] = (() => {
  const out: Category[] = [];
  const given = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
  for (let i = 0; i < 100; i++) {
    // The category furthest behind its share so far.
    let best: Category = 'control';
    let lag = -Infinity;
    for (const c of CATEGORIES) {
      const behind = ((i + 1) * WEIGHTS[c]) / 100 - given.get(c)!;
      if (behind > lag) [best, lag] = [c, behind];
    }
    given.set(best, given.get(best)! + 1);
    out.push(best);
  }
  return out;
})();

export const categoryOf = (index: number): Category => SCHEDULE[index % SCHEDULE.length];

export interface FuzzCase {
  index: number;
  category: Category;
  seed: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** What was done, for the failure message. */
  notes: string[];
  /** The manifest index of the chunk whose payload changed (chunk-level cases), else null. */
  target: number | null;
  /** Whether the target chunk must decode ('reads') or must be refused ('fails'), when the mutation decides it. */
  expect: 'reads' | 'fails' | null;
  /** How the bytes reach the reader. */
  source: 'bytes' | 'arraybuffer' | 'blob' | 'stream';
  /** Size of the pieces a stream source hands out. */
  piece: number;
  /** Whether the reader is given a `pause` (it then inflates in steps). */
  pause: boolean;
  /** The `inflate` hook: none, one that declines every chunk, or one that inflates as a worker would. */
  inflater: 'none' | 'decline' | 'elsewhere';
  /** `maxUndeclaredChunkBytes`, or undefined for the default. */
  maxUndeclared: number | undefined;
  /** Whether the chunk reader (openSessionBundle) is checked too, chunk by chunk. */
  chunkReader: boolean;
  /** Whether the view the mapping gives is saved and read back. */
  save: boolean;
}

const encoder = new TextEncoder();
const KIB = 1024;

export function makeCase(seeds: readonly SeedBundle[], runSeed: number, index: number): FuzzCase {
  const rng = new Rng(runSeed, index);
  const category = categoryOf(index);
  const seed = rng.pick(seeds);
  const made = MUTATORS[category](rng, seed);
  const bytes = made.bytes;
  return {
    index,
    category,
    seed: seed.name,
    bytes,
    notes: made.notes,
    target: made.target ?? null,
    expect: made.expect ?? null,
    source: rng.pick(['bytes', 'arraybuffer', 'blob', 'stream'] as const),
    // At most about 500 pieces: a stream of a million one-byte pieces is slow, not interesting.
    piece: Math.max(rng.pick([1, 7, 64, 4096, 65_536]), Math.ceil(bytes.length / 512)),
    pause: rng.chance(0.5),
    inflater: rng.pick(['none', 'none', 'decline', 'elsewhere', 'elsewhere'] as const),
    maxUndeclared: rng.pick([64 * KIB, 1024 * KIB, undefined]),
    chunkReader: rng.chance(0.3),
    save: rng.chance(0.25),
  };
}

interface Made {
  bytes: Uint8Array<ArrayBuffer>;
  notes: string[];
  target?: number;
  expect?: 'reads' | 'fails' | null;
}

type Mutator = (rng: Rng, seed: SeedBundle) => Made;

const MUTATORS: Record<Category, Mutator> = {
  control: (_rng, seed) => ({ bytes: seed.bytes.slice(), notes: ['unchanged'] }),
  bytes: mutateBytes,
  framing: mutateFraming,
  manifest: mutateManifest,
  'json-chunk': (rng, seed) => mutatePayload(rng, seed, 'json'),
  'binary-chunk': (rng, seed) => mutatePayload(rng, seed, 'binary'),
  rename: renameAcrossSession,
  gzip: mutateGzip,
};

/** Byte level: flips, overwrites, truncation, insertion, deletion, duplication, a tail. */
function mutateBytes(rng: Rng, seed: SeedBundle): Made {
  let b = seed.bytes.slice();
  const notes: string[] = [];
  for (let n = rng.pick([1, 1, 2, 3]); n > 0; n--) {
    const at = rng.int(b.length);
    switch (rng.int(7)) {
      case 0:
        for (let i = rng.between(1, 8); i > 0; i--) b[rng.int(b.length)] ^= rng.between(1, 255);
        notes.push('flipped bytes');
        break;
      case 1: {
        const fill = rng.pick([0x00, 0xff, 0x80, -1]);
        for (let i = at; i < Math.min(b.length, at + rng.between(1, 16)); i++) b[i] = fill < 0 ? rng.int(256) : fill;
        notes.push(`overwrote bytes at ${at}`);
        break;
      }
      case 2:
        b = b.slice(0, at);
        notes.push(`truncated to ${at}`);
        break;
      case 3:
        b = concat(b.subarray(0, at), rng.bytes(rng.between(1, 64)), b.subarray(at));
        notes.push(`inserted bytes at ${at}`);
        break;
      case 4:
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + rng.between(1, 64))));
        notes.push(`deleted bytes at ${at}`);
        break;
      case 5: {
        const end = Math.min(b.length, at + rng.between(1, 256));
        b = concat(b.subarray(0, end), b.subarray(at, end), b.subarray(end));
        notes.push(`duplicated bytes ${at}..${end}`);
        break;
      }
      default:
        b = concat(b, rng.bytes(rng.between(1, 100)));
        notes.push('appended bytes');
    }
    if (b.length === 0) break;
  }
  return { bytes: b, notes };
}

/** The framing: length fields, frames dropped, duplicated or swapped, the manifest's text, bytes around. */
function mutateFraming(rng: Rng, seed: SeedBundle): Made {
  const b = seed.bytes;
  const { manifestEnd, frames } = layout(seed);
  const pickFrame = () => frames[rng.int(frames.length)];
  const cut = (parts: Array<[number, number]>) => concat(...parts.map(([s, e]) => b.subarray(s, e)));
  switch (rng.int(8)) {
    case 0: {
      const fields = [17, ...frames.map(([s]) => s)];
      const at = rng.pick(fields);
      const out = b.slice();
      const view = new DataView(out.buffer);
      const real = view.getUint32(at, true);
      const value = rng.pick([0, 1, 0xffffffff, 0x20000001, 16 * 1024 * 1024 + 1, real + 1, real - 1, rng.int(5000)]);
      view.setUint32(at, value >>> 0, true);
      return { bytes: out, notes: [`length field at ${at}: ${real} → ${value >>> 0}`] };
    }
    case 1: {
      const f = pickFrame();
      return { bytes: cut([[0, f[1]], f, [f[1], b.length]]), notes: [`frame at ${f[0]} twice`] };
    }
    case 2: {
      const f = pickFrame();
      return {
        bytes: cut([
          [0, f[0]],
          [f[1], b.length],
        ]),
        notes: [`frame at ${f[0]} dropped`],
      };
    }
    case 3: {
      const [x, y] = [pickFrame(), pickFrame()].sort((p, q) => p[0] - q[0]);
      if (x === y) return { bytes: b.slice(), notes: ['frames swapped with themselves'] };
      return {
        bytes: cut([[0, x[0]], y, [x[1], y[0]], x, [y[1], b.length]]),
        notes: [`frames at ${x[0]} and ${y[0]} swapped`],
      };
    }
    case 4: {
      // Printable characters inside the manifest's JSON.
      const out = b.slice();
      for (let i = rng.between(1, 3); i > 0; i--) out[21 + rng.int(manifestEnd - 21)] = rng.between(32, 126);
      return { bytes: out, notes: ['manifest text changed'] };
    }
    case 5: {
      const f = pickFrame();
      return { bytes: b.slice(0, rng.pick([f[0], f[0] + 2, f[1] - 1])), notes: [`cut near frame at ${f[0]}`] };
    }
    case 6:
      return {
        bytes: concat(b.subarray(0, manifestEnd), rng.bytes(rng.between(1, 8)), b.subarray(manifestEnd)),
        notes: ['bytes between the manifest and the first frame'],
      };
    default:
      return { bytes: concat(b, new Uint8Array(rng.between(1, 8))), notes: ['bytes after the last frame'] };
  }
}

/** The manifest's JSON, mutated as a structure (often one chunk entry), framed around the same chunks. */
function mutateManifest(rng: Rng, seed: SeedBundle): Made {
  const manifest = JSON.parse(JSON.stringify(seed.manifest)) as { chunks: Json[] } & Record<string, Json>;
  let stored = seed.chunks.map((c) => c.stored);
  const notes: string[] = [];
  let root: Json = manifest;
  const roll = rng.int(10);
  if (roll < 5) {
    const k = rng.int(manifest.chunks.length);
    const { root: entry, notes: done } = mutateJson(rng, manifest.chunks[k]);
    manifest.chunks[k] = entry;
    notes.push(...done.map((d) => `chunk entry ${k}: ${d}`));
  } else if (roll < 8) {
    const { root: mutated, notes: done } = mutateJson(rng, manifest);
    root = mutated;
    notes.push(...done.map((d) => `manifest: ${d}`));
  } else {
    // Entries and frames changed together: the framing agrees, the order or the set does not.
    const order = manifest.chunks.map((_, i) => i);
    const k = rng.int(order.length);
    switch (rng.int(3)) {
      case 0:
        order.splice(k, 0, k);
        notes.push(`chunk ${k} twice, entry and frame`);
        break;
      case 1:
        order.splice(k, 1);
        notes.push(`chunk ${k} removed, entry and frame`);
        break;
      default:
        order.reverse();
        notes.push('chunks in reverse order, entries and frames');
    }
    manifest.chunks = order.map((i) => manifest.chunks[i]);
    stored = order.map((i) => stored[i]);
  }
  return { bytes: frame(encoder.encode(serialize(root)), stored), notes };
}

/** One json or binary chunk's payload mutated, then stored again with the lengths and CRC made to agree. */
function mutatePayload(rng: Rng, seed: SeedBundle, kind: 'json' | 'binary'): Made {
  const candidates = seed.chunks.map((c, i) => i).filter((i) => seed.chunks[i].entry.kind === kind);
  if (!candidates.length) return mutateBytes(rng, seed);
  const k = rng.pick(candidates);
  const chunk = seed.chunks[k];
  let payload: Uint8Array;
  const notes: string[] = [];
  let unusable = false;
  if (kind === 'json') {
    const tree = JSON.parse(new TextDecoder().decode(chunk.payload)) as Json;
    const { root, notes: done } = mutateJson(rng, tree);
    // The reader refuses JSON nested too deep, or holding a number past a double's range.
    unusable = depth(root) > MAX_JSON_DEPTH || !finite(root);
    payload = encoder.encode(serialize(root));
    notes.push(...done.map((d) => `chunk ${k} (${String(chunk.entry.id)}): ${d}`));
  } else {
    payload = mutateBinary(rng, chunk.payload);
    notes.push(`chunk ${k} (${String(chunk.entry.id)}): binary payload changed`);
  }
  const gzip = chunk.entry.codec === 'gzip';
  const made = storeChunk(rng, seed, k, payload, gzip ? gzipSync(payload) : payload, notes);
  if (made.expect === 'reads' && unusable) made.expect = 'fails';
  return made;
}

/** Deepest nesting of arrays and objects (what the reader's JSON depth limit counts). */
function depth(value: Json): number {
  if (value === null || typeof value !== 'object' || value instanceof RawNumber) return 0;
  let deepest = 0;
  for (const child of Array.isArray(value) ? value : Object.values(value)) deepest = Math.max(deepest, depth(child));
  return 1 + deepest;
}

function finite(value: Json): boolean {
  if (value instanceof RawNumber) return Number.isFinite(Number(value.text));
  if (value === null || typeof value !== 'object') return true;
  return (Array.isArray(value) ? value : Object.values(value)).every(finite);
}

/** The reader refuses JSON nested deeper than this. */
const MAX_JSON_DEPTH = 256;

function mutateBinary(rng: Rng, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  let b: Uint8Array<ArrayBuffer> = payload.slice();
  switch (rng.int(8)) {
    case 0:
      for (let i = rng.between(1, 6); i > 0 && b.length; i--) b[rng.int(b.length)] ^= 1 << rng.int(8);
      break;
    case 1:
      for (let i = rng.between(1, 6); i > 0 && b.length; i--) b[rng.int(b.length)] = rng.pick([0, 0x7f, 0x80, 0xff]);
      break;
    case 2:
      b = b.slice(0, rng.int(b.length));
      break;
    case 3:
      b = concat(b, rng.bytes(rng.between(1, 64)));
      break;
    case 4:
      // A varint that never ends, or one far too long.
      b = concat(b.subarray(0, rng.int(b.length + 1)), new Uint8Array(rng.pick([5, 11, 4096])).fill(0x80));
      break;
    case 5:
      b = rng.bytes(rng.int(2048));
      break;
    case 6: {
      const at = rng.int(b.length + 1);
      b = concat(b.subarray(0, at), b.subarray(0, at), b.subarray(at));
      break;
    }
    default:
      b = new Uint8Array(rng.pick([0, 1, 100_000])).fill(rng.pick([0, 0xff, 1]));
  }
  return b;
}

type Entry = Record<string, Json>;

/** The seed with chunk `k` stored as `stored`, its manifest entry edited by `edit`. */
function reframe(
  seed: SeedBundle,
  k: number,
  stored: Uint8Array,
  edit: (entry: Entry) => void,
): Uint8Array<ArrayBuffer> {
  const manifest = JSON.parse(JSON.stringify(seed.manifest)) as { chunks: Entry[] };
  edit(manifest.chunks[k]);
  const chunks = seed.chunks.map((c, i) => (i === k ? stored : c.stored));
  return frame(encoder.encode(JSON.stringify(manifest)), chunks);
}

const isStrict = (seed: SeedBundle) => detectGeneration(seed.manifest) === 'strict';

/**
 * The session with chunk `k` stored as `stored` (holding `payload`): the manifest entry's sizes are
 * made to agree (the chunk must then decode as `truthful` says), or, one time in eight, to lie.
 */
function storeChunk(
  rng: Rng,
  seed: SeedBundle,
  k: number,
  payload: Uint8Array,
  stored: Uint8Array,
  notes: string[],
  truthful: 'reads' | 'fails' | null = 'reads',
): Made {
  let expect = truthful;
  const bytes = reframe(seed, k, stored, (entry) => {
    if ('storedBytes' in entry) entry.storedBytes = stored.length;
    if (!('uncompressedBytes' in entry)) return;
    entry.uncompressedBytes = payload.length;
    if (!rng.chance(1 / 8)) return;
    const lie = rng.pick([payload.length - 1, payload.length + 1, 0, payload.length * 2 + 10, payload.length >> 1]);
    if (lie < 0 || lie === payload.length) return;
    entry.uncompressedBytes = lie;
    notes.push(`declares ${lie} bytes, holds ${payload.length}`);
    // A strict reader wants the exact size; any reader refuses more than declared.
    expect = lie < payload.length || isStrict(seed) ? 'fails' : truthful;
  });
  return { bytes, notes, target: k, expect };
}

/**
 * A string of the session (a field key, category, group or page name, an id) renamed everywhere to a
 * prototype member's name.
 */
function renameAcrossSession(rng: Rng, seed: SeedBundle): Made {
  const trees = seed.chunks.map((c) =>
    c.entry.kind === 'json' ? (JSON.parse(new TextDecoder().decode(c.payload)) as Json) : null,
  );
  const found = { keys: new Set<string>(), values: new Set<string>() };
  for (const t of trees) if (t !== null) stringsIn(t, found);
  // Mostly names the session uses both as a key and as a value (field keys, category names, ids).
  const names = [...found.values].filter((s) => s && found.keys.has(s));
  const from = rng.pick(names.length && rng.chance(0.8) ? names : [...found.values, ...found.keys]);
  const to = rng.pick(DANGEROUS_NAMES);
  const manifest = JSON.parse(JSON.stringify(seed.manifest)) as { chunks: Array<Record<string, Json>> };
  const stored = seed.chunks.map((c, i) => {
    const entry = manifest.chunks[i];
    // A chunk named after the renamed thing (highlights/cells/<group id>, user-defined/codes/<field id>).
    if (typeof entry.id === 'string' && entry.id.endsWith(`/${from}`))
      entry.id = `${entry.id.slice(0, -from.length)}${to}`;
    const tree = trees[i];
    if (tree === null) return c.stored;
    const payload = encoder.encode(serialize(renameEverywhere(tree, from, to)));
    if ('uncompressedBytes' in entry) entry.uncompressedBytes = payload.length;
    const bytes = c.entry.codec === 'gzip' ? gzipSync(payload) : payload;
    if ('storedBytes' in entry) entry.storedBytes = bytes.length;
    return bytes;
  });
  return {
    bytes: frame(encoder.encode(JSON.stringify(manifest)), stored),
    notes: [`"${from}" renamed "${to}" everywhere`],
  };
}

const bombs = new Map<number, Buffer>();
/** A gzip member of `n` zero bytes (about a thousandth of that stored), made once per size. */
function bomb(n: number): Buffer {
  let b = bombs.get(n);
  if (!b) bombs.set(n, (b = gzipSync(new Uint8Array(n), { level: 9 })));
  return b;
}

/** A gzip member with optional header fields (FEXTRA, FNAME, FCOMMENT, FHCRC) around raw deflate data. */
function gzipWithHeader(payload: Uint8Array, flags: number, opts: { level?: number; windowBits?: number } = {}) {
  const head = [0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 0xff];
  if (flags & 4) head.push(5, 0, 0x41, 0x42, 1, 0, 0x7a);
  if (flags & 8) head.push(...encoder.encode('name.json'), 0);
  if (flags & 16) head.push(...encoder.encode('a comment'), 0);
  if (flags & 2) {
    const crc = crc32(Uint8Array.from(head));
    head.push(crc & 0xff, (crc >>> 8) & 0xff);
  }
  const trailer = new Uint8Array(8);
  new DataView(trailer.buffer).setUint32(0, crc32(payload), true);
  new DataView(trailer.buffer).setUint32(4, payload.length >>> 0, true);
  return concat(Uint8Array.from(head), deflateRawSync(payload, opts), trailer);
}

/** The gzip member around one chunk's unchanged payload: valid variants must read, broken ones must fail. */
function mutateGzip(rng: Rng, seed: SeedBundle): Made {
  const gz = seed.chunks.map((c, i) => i).filter((i) => seed.chunks[i].entry.codec === 'gzip');
  if (!gz.length) return mutateBytes(rng, seed);
  const k = rng.pick(gz);
  const payload = seed.chunks[k].payload;
  const good = gzipSync(payload);
  const notes = [`chunk ${k} (${String(seed.chunks[k].entry.id)}): `];
  const variant = (name: string, stored: Uint8Array, expect: 'reads' | 'fails' | null) => {
    notes[0] += name;
    return storeChunk(rng, seed, k, payload, stored, notes, expect);
  };
  switch (rng.int(14)) {
    case 0:
    case 1: {
      // A bomb: the entry keeps the payload's size (a legacy one may declare none), the member inflates far past it.
      const n = rng.pick([256 * KIB, 1024 * KIB, 4096 * KIB]);
      const stored = bomb(n);
      const undeclared = !isStrict(seed) && rng.chance(0.5);
      const bytes = reframe(seed, k, stored, (entry) => {
        if ('storedBytes' in entry) entry.storedBytes = stored.length;
        if (undeclared) delete entry.uncompressedBytes;
      });
      notes[0] += `a bomb of ${n} bytes${undeclared ? ', no declared size' : ''}`;
      // Undeclared, the bound is the reader's limit (the case's maxUndeclared): it may hold the bomb.
      return { bytes, notes, target: k, expect: undeclared ? null : 'fails' };
    }
    case 2:
      return variant('a second member after the first', concat(good, gzipSync(payload)), 'fails');
    case 3:
      return variant('bytes after the member', concat(good, rng.bytes(rng.between(1, 16))), 'fails');
    case 4: {
      const flags = rng.pick([2, 4, 8, 16, 30]);
      return variant(`header flags ${flags}`, gzipWithHeader(payload, flags), 'reads');
    }
    case 5:
      return variant('reserved header flag', gzipWithHeader(payload, rng.pick([32, 64, 128])), 'fails');
    case 6: {
      const bad = good.slice();
      bad[bad.length - 8 + rng.int(4)] ^= rng.between(1, 255);
      return variant('CRC-32 changed', bad, 'fails');
    }
    case 7: {
      const bad = good.slice();
      bad[bad.length - 4 + rng.int(4)] ^= rng.between(1, 255);
      return variant('ISIZE changed', bad, 'fails');
    }
    case 8:
      return variant(
        rng.chance(0.5) ? 'zlib wrapper' : 'raw deflate',
        rng.chance(0.5) ? deflateSync(payload) : deflateRawSync(payload),
        'fails',
      );
    case 9:
      return variant('stored blocks (level 0)', gzipSync(payload, { level: 0 }), 'reads');
    case 10:
      return variant('small window, flushed blocks', gzipWithHeader(payload, 0, { level: 9, windowBits: 9 }), 'reads');
    case 11:
      return variant('member cut short', good.subarray(0, rng.between(0, good.length - 1)), 'fails');
    case 12: {
      const strategy = rng.pick([constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FIXED]);
      return variant(`deflate strategy ${strategy}`, gzipSync(payload, { strategy }), 'reads');
    }
    default: {
      // The codec says none: the gzip bytes (or the payload) stored as they are.
      const stored = rng.chance(0.5) ? payload : good;
      notes[0] += `codec none, ${stored === payload ? 'the payload' : 'gzip bytes'} stored`;
      const bytes = reframe(seed, k, stored, (entry) => {
        entry.codec = 'none';
        if ('storedBytes' in entry) entry.storedBytes = stored.length;
        if ('uncompressedBytes' in entry) entry.uncompressedBytes = stored.length;
      });
      return { bytes, notes, target: k, expect: null };
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
