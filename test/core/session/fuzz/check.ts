// One fuzz case, read as the element reads it and checked against what the README promises:
// - the read resolves, or rejects with a SessionFormatError whose message is a string;
// - every buffer the reader allocates (its meter, and the inflate hook a worker would serve) stays
//   within the size the manifest declares for that chunk (or the limit for chunks that declare
//   none), stored bytes plus gzip's overhead, and the read stays within its work budget (work.ts);
// - an accepted file's chunks are its manifest's: every chunk once, in order, with the sizes it
//   declares, and a chunk the mutation made unreadable (or left readable) is reported so;
// - contributors refuse bad payloads with their own errors, never a TypeError or RangeError;
// - the session-to-view mapping runs on what was accepted, and the view it gives saves and reads
//   back. (The worker checks the prototypes after each case.)
import {
  CONTRIBUTORS,
  detectGeneration,
  gunzipBounded,
  MAGIC,
  MAX_MANIFEST_BYTES,
  MAX_UNCOMPRESSED_CHUNK_BYTES,
  openSessionBundle,
  readSessionDocument,
  SessionFormatError,
  validateManifest,
  writeSessionBundle,
  DEFAULT_MAX_UNDECLARED_CHUNK_BYTES,
  type ChunkMeta,
  type RestoreReport,
  type SessionDocument,
  type SessionSource,
} from '../../../../src/core/session/index.js';
import {
  defaultPersistedView,
  documentToView,
  viewToDocument,
  type FieldCatalog,
  type PersistedView,
} from '../../../../src/core/state/session-mapping.js';
import type { FuzzCase } from './cases.js';
import { CURRENT } from './seeds.js';
import { countingJsonParse, INFLATE_SLACK, noWork, totalWork, workBudget, type Work } from './work.js';

/** Most bytes a runtime DecompressionStream hands out at a time. */
const RUNTIME_PIECE = 64 * 1024;
/** Stored bytes a gzip member of `bound` bytes needs at most: stored blocks, header, trailer. */
const storedBound = (bound: number) => bound + Math.ceil(bound / 16) + 1024;

/** A broken promise: the case's message says which, and the case can be run again alone. */
export class FuzzFailure extends Error {}

export interface CaseOutcome {
  /** The reader resolved. */
  accepted: boolean;
  /** The changed chunk's payload reached its contributor. */
  reachedContributor: boolean;
  /** The session-to-view mapping ran. */
  mapped: boolean;
  /** Largest buffer allocated for a chunk, over that chunk's bound (0 when none). */
  worstRatio: number;
  /** Work the read did, over its budget (work.ts): at most 1. */
  workShare: number;
  /** A prototype gained, lost or changed a property (a failure unless the run only counts them). */
  prototypesChanged: boolean;
}

export interface Env {
  catalog: FieldCatalog;
}

const failIf = (broken: boolean, message: string) => {
  if (broken) throw new FuzzFailure(message);
};

/** The file's manifest entries as the reader validates them, or null when the header or manifest is unreadable. */
function declaredChunks(bytes: Uint8Array): { chunks: ChunkMeta[]; strict: boolean } | null {
  if (bytes.length < MAGIC.length + 4 || MAGIC.some((b, i) => bytes[i] !== b)) return null;
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  try {
    const raw = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length)));
    return { chunks: validateManifest(raw).manifest.chunks, strict: detectGeneration(raw) === 'strict' };
  } catch {
    return null;
  }
}

function sourceOf(c: FuzzCase): SessionSource {
  const bytes = c.bytes.slice();
  switch (c.source) {
    case 'bytes':
      return bytes;
    case 'arraybuffer':
      return bytes.buffer;
    case 'blob':
      return new Blob([bytes]);
    default: {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) controller.close();
          else controller.enqueue(bytes.slice(at, (at += c.piece)));
        },
      });
    }
  }
}

/** Which chunk ids reached a contributor, and what contributors threw that is not their own error. */
const contributorLog = { reached: new Set<string>(), crashes: [] as string[] };
let contributorsWrapped = false;

function watchContributors(): void {
  if (contributorsWrapped) return;
  contributorsWrapped = true;
  for (const contributor of CONTRIBUTORS) {
    const restore = contributor.restore.bind(contributor);
    contributor.restore = (doc, meta, payload, ctx) => {
      contributorLog.reached.add(meta.id);
      try {
        restore(doc, meta, payload, ctx);
      } catch (err) {
        // Contributors refuse bad input with an Error saying why; an engine error means input went unchecked.
        if (err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError)
          contributorLog.crashes.push(`${contributor.id} on ${meta.id}: ${err.name}: ${err.message}`);
        throw err;
      }
    };
  }
}

function checkError(err: unknown, what: string): void {
  if (err instanceof FuzzFailure) throw err;
  failIf(
    !(err instanceof SessionFormatError),
    `${what} rejected with ${(err as Error)?.name ?? typeof err}, not a SessionFormatError: ` +
      `${(err as Error)?.stack ?? String(err)}`,
  );
  const message = (err as SessionFormatError).message;
  failIf(typeof message !== 'string' || message.length === 0, `${what}: an error without a message`);
}

/** The reader under test: the session reader, or (in the fuzzer's own tests) one that does too much. */
export type SessionReader = typeof readSessionDocument;

export async function runCase(c: FuzzCase, env: Env, read: SessionReader = readSessionDocument): Promise<CaseOutcome> {
  watchContributors();
  contributorLog.reached.clear();
  contributorLog.crashes.length = 0;
  const declared = declaredChunks(c.bytes);
  const maxUndeclared = c.maxUndeclared ?? DEFAULT_MAX_UNDECLARED_CHUNK_BYTES;
  const boundOf = (meta: ChunkMeta) => meta.uncompressedBytes ?? Math.min(maxUndeclared, MAX_UNCOMPRESSED_CHUNK_BYTES);
  const outcome: CaseOutcome = {
    accepted: false,
    reachedContributor: false,
    mapped: false,
    worstRatio: 0,
    workShare: 0,
    prototypesChanged: false,
  };

  // The meter: every buffer the reader allocates for the file, against the bound of the chunk it is for.
  // Its output buffer is allocated once, at most at the bound; the runtime's inflater hands out
  // pieces of at most RUNTIME_PIECE, and stops within INFLATE_SLACK past the bound (each member is
  // inflated at most twice: measured, then into its buffer, plus a small member's scratch buffer).
  const violations: string[] = [];
  const inflatedPerChunk = new Map<number, number>();
  const work: Work = noWork();
  const allocated = (bytes: number, index: number | null, use: 'read' | 'inflate') => {
    if (use === 'read') work.read += bytes;
    else work.inflated += bytes;
    if (index === null) {
      if (bytes > Math.min(MAX_MANIFEST_BYTES, c.bytes.length))
        violations.push(`${bytes} bytes allocated for the header of a ${c.bytes.length}-byte file`);
      return;
    }
    const meta = declared?.chunks[index];
    if (!meta) return void violations.push(`${bytes} bytes allocated for chunk ${index}, which the manifest lacks`);
    const bound = boundOf(meta);
    if (use === 'read') {
      // Stored bytes: the bound plus gzip's overhead (deflate's stored blocks, header and trailer).
      const limit = meta.codec === 'none' ? bound : storedBound(bound);
      if (bytes > Math.max(limit, 4)) violations.push(`${bytes} stored bytes read for ${meta.id} bounded by ${bound}`);
      return;
    }
    if (bytes > Math.max(bound, 1, RUNTIME_PIECE))
      violations.push(`a ${bytes}-byte buffer allocated to inflate ${meta.id}, bounded by ${bound}`);
    const total = (inflatedPerChunk.get(index) ?? 0) + bytes;
    inflatedPerChunk.set(index, total);
    if (total > 3 * bound + 2 * INFLATE_SLACK)
      violations.push(`${total} bytes inflated for ${meta.id}, bounded by ${bound}`);
    if (bound > 0) outcome.worstRatio = Math.max(outcome.worstRatio, bytes / Math.max(bound, RUNTIME_PIECE));
  };

  // The work budget: what the reader's design lets it do for this file, counted in bytes, not time.
  const budget = workBudget(c.bytes, declared, maxUndeclared);
  // Pausing lets the page run between slices of time; here it only makes the reader slice its work.
  const pause = c.pause ? async () => {} : undefined;

  // The inflate hook a worker serves: told the bound of the chunk being read, which must be the manifest's.
  let chunkBeingRead = 0;
  const inflate =
    c.inflater === 'none'
      ? undefined
      : async (stored: Uint8Array, options: { bound: number; exact: number | null }) => {
          const meta = declared?.chunks[chunkBeingRead];
          if (!meta) violations.push(`inflater asked for chunk ${chunkBeingRead}, which the manifest lacks`);
          else if (options.bound > boundOf(meta))
            violations.push(`inflater told a bound of ${options.bound} for ${meta.id}, bounded by ${boundOf(meta)}`);
          if (c.inflater === 'decline') return null;
          const index = chunkBeingRead;
          return await gunzipBounded(stored, { ...options, meter: (bytes) => allocated(bytes, index, 'inflate') });
        };

  // Read as the element does: the eager view once the first lazy chunk (or the last chunk) is in.
  const events: Array<{ meta: ChunkMeta; outcome: string; loadedBytes: number; totalChunks: number }> = [];
  const views: { eager: Partial<PersistedView> | null } = { eager: null };
  const mapEager = async (doc: SessionDocument, report: RestoreReport) => {
    if (views.eager || unreadable(report) || !report.datasetMatches) return;
    views.eager = await mapping(() => documentToView(doc, env.catalog).view, 'eager');
  };
  let result: Awaited<ReturnType<typeof readSessionDocument>> | null = null;
  try {
    result = await countingJsonParse(work, () =>
      read(sourceOf(c), {
        current: CURRENT,
        meter: allocated,
        pause,
        inflate,
        maxUndeclaredChunkBytes: c.maxUndeclared,
        onChunk: async ({ meta, outcome: o, document, report, loadedChunks, totalChunks, loadedBytes }) => {
          events.push({ meta, outcome: o, loadedBytes, totalChunks });
          chunkBeingRead = loadedChunks;
          if (meta.priority === 'lazy' || loadedChunks === totalChunks) await mapEager(document, report);
        },
      }),
    );
  } catch (err) {
    checkError(err, 'readSessionDocument');
  }
  outcome.workShare = totalWork(work) / totalWork(budget);
  failIf(
    outcome.workShare > 1,
    `the read did more work than its budget: ${describeWork(work)}, budget ${describeWork(budget)}`,
  );
  failIf(violations.length > 0, `allocation past the bound: ${violations.slice(0, 3).join('; ')}`);
  failIf(contributorLog.crashes.length > 0, `a contributor crashed: ${contributorLog.crashes.join('; ')}`);

  if (result) {
    outcome.accepted = true;
    const { manifest, report, document } = result;
    failIf(!declared, 'the reader accepted a file whose manifest does not validate');
    // Every chunk of the manifest once, in order, with its declared stored size.
    failIf(
      events.length !== manifest.chunks.length,
      `${events.length} chunks reported, the manifest lists ${manifest.chunks.length}`,
    );
    let before = 0;
    events.forEach((e, i) => {
      const meta = manifest.chunks[i];
      failIf(e.meta.id !== meta.id, `chunk ${i} reported as ${e.meta.id}, the manifest says ${meta.id}`);
      failIf(e.totalChunks !== manifest.chunks.length, `chunk ${i}: totalChunks ${e.totalChunks}`);
      const stored = e.loadedBytes - before - 4;
      failIf(stored < 0, `chunk ${i}: loadedBytes went from ${before} to ${e.loadedBytes}`);
      if (e.outcome === 'restored' && meta.storedBytes !== null)
        failIf(
          stored !== meta.storedBytes,
          `chunk ${meta.id} restored from ${stored} bytes, declared ${meta.storedBytes}`,
        );
      before = e.loadedBytes;
    });
    const listed = [...report.restored, ...report.skipped, ...report.failed.map((f) => f.id)].filter(
      (id) => id !== '(end of file)',
    );
    failIf(
      listed.length !== manifest.chunks.length || manifest.chunks.some((m) => !listed.includes(m.id)),
      `the report lists ${JSON.stringify(listed)}, the manifest ${JSON.stringify(manifest.chunks.map((m) => m.id))}`,
    );
    for (const f of report.failed)
      failIf(typeof f.message !== 'string' || !f.message, `chunk ${f.id} failed without a message`);
    for (const w of report.warnings) failIf(typeof w !== 'string', 'a warning that is not a string');
    if (!report.datasetMatches)
      for (const id of report.restored)
        failIf(manifest.chunks.find((m) => m.id === id)!.datasetDependent, `${id} restored onto another dataset`);
    // The changed chunk reaches its contributor exactly when its bytes decode.
    const target = c.target === null ? undefined : declared?.chunks[c.target];
    if (target) {
      outcome.reachedContributor = contributorLog.reached.has(target.id);
      if (c.expect === 'reads' && report.datasetMatches)
        failIf(!outcome.reachedContributor, `chunk ${target.id} should decode: ${failureOf(report, target.id)}`);
      if (c.expect === 'fails')
        failIf(outcome.reachedContributor || !failureOf(report, target.id), `chunk ${target.id} should be refused`);
    }

    // The mapping, as the element runs it, and (some cases) a save of the view it gives.
    if (!unreadable(report) && report.datasetMatches) {
      await mapEager(document, report);
      const late = await mapping(
        () => documentToView(document, { ...env.catalog, cellCount: CURRENT.cellCount }, 'complete').view,
        'complete',
      );
      const view: PersistedView = { ...defaultPersistedView(2), ...views.eager, ...late };
      outcome.mapped = true;
      if (c.save) {
        const saved = await mapping(
          async () => writeSessionBundle(viewToDocument(view), { fingerprint: CURRENT }),
          'saving the restored view',
        );
        const back = await readSessionDocument(saved, { current: CURRENT });
        failIf(
          back.report.failed.length > 0,
          `the restored view saved a session that does not read back: ${JSON.stringify(back.report.failed)}`,
        );
      }
    }
  } else if (c.expect === 'reads') {
    throw new FuzzFailure('a file whose one changed chunk decodes was refused');
  }
  if (c.chunkReader) await checkChunks(c, declared, boundOf, outcome.accepted);
  return outcome;
}

const describeWork = (w: Work) =>
  `${totalWork(w)} (${w.read} bytes read, ${w.inflated} inflated, ${w.parsed} characters of JSON parsed)`;

const failureOf = (report: RestoreReport, id: string) => report.failed.find((f) => f.id === id)?.message ?? null;

async function mapping<T>(run: () => T | Promise<T>, phase: string): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new FuzzFailure(`the session-to-view mapping (${phase}) threw: ${(err as Error)?.stack ?? String(err)}`);
  }
}

/** Nothing readable: the element then changes nothing. */
function unreadable(report: RestoreReport): boolean {
  return report.restored.length === 0 && report.skipped.length === 0 && report.failed.length > 0;
}

/**
 * The chunk reader itself (openSessionBundle): each chunk once, in order, with sizes that agree
 * with its entry, the target chunk read or refused as the mutation decides, and errors naming
 * their chunk.
 */
async function checkChunks(
  c: FuzzCase,
  declared: { chunks: ChunkMeta[]; strict: boolean } | null,
  boundOf: (meta: ChunkMeta) => number,
  acceptedBefore: boolean,
): Promise<void> {
  let opened;
  try {
    opened = await openSessionBundle(sourceOf(c), { maxUndeclaredChunkBytes: c.maxUndeclared });
  } catch (err) {
    checkError(err, 'openSessionBundle');
    failIf(acceptedBefore, 'openSessionBundle refused a file readSessionDocument accepted');
    return;
  }
  try {
    failIf(!acceptedBefore, 'openSessionBundle accepted a file readSessionDocument refused');
    const { chunks } = opened.manifest;
    let next = 0;
    for await (const read of opened.chunks()) {
      const meta = chunks[next];
      failIf(read.index !== next || read.meta !== meta, `chunk ${next} came as index ${read.index}`);
      next++;
      if (read.ok) {
        if (meta.storedBytes !== null)
          failIf(
            read.storedBytes !== meta.storedBytes,
            `${meta.id}: ${read.storedBytes} stored bytes, declared ${meta.storedBytes}`,
          );
        failIf(
          read.decodedBytes > boundOf(meta),
          `${meta.id}: decoded ${read.decodedBytes} bytes, bound ${boundOf(meta)}`,
        );
        if (declared?.strict)
          failIf(
            read.decodedBytes !== meta.uncompressedBytes,
            `${meta.id}: decoded ${read.decodedBytes}, declared ${meta.uncompressedBytes}`,
          );
        if (meta.codec === 'none')
          failIf(read.decodedBytes !== read.storedBytes, `${meta.id}: codec none changed the size`);
        if (meta.kind === 'binary')
          failIf(
            !(read.payload instanceof Uint8Array) || read.payload.length !== read.decodedBytes,
            `${meta.id}: a binary payload that is not its decoded bytes`,
          );
        else failIf(read.payload instanceof Uint8Array, `${meta.id}: a json payload given as bytes`);
      } else if (!read.skipped) {
        checkError(read.error, `chunk ${meta.id}`);
        failIf(read.error.chunkId !== meta.id, `chunk ${meta.id}'s error names ${read.error.chunkId}`);
      }
      if (next - 1 === c.target && c.expect)
        failIf(
          read.ok !== (c.expect === 'reads'),
          `chunk ${meta.id} should ${c.expect === 'reads' ? 'read' : 'be refused'}: ` +
            `${read.ok ? 'it read' : read.error?.message}`,
        );
    }
    failIf(next !== chunks.length, `${next} chunks read, the manifest lists ${chunks.length}`);
    for (const e of opened.trailingErrors) checkError(e, 'the end of the file');
  } finally {
    opened.close();
  }
}
