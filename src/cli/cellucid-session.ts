// `cellucid-session`: inspect, validate, unpack and pack .cellucid-session files.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDataset } from '../core/dataset/index.js';
import { computeCellOrderDigest, type DatasetFingerprint } from '../core/session/fingerprint.js';
import { openSessionBundle, type ChunkRead, type ReadLimits } from '../core/session/reader.js';
import { readSessionDocument } from '../core/session/restore.js';
import { frameBundle } from '../core/session/writer.js';
import { gzipBytes } from '../core/session/native-gzip.js';
import { chunkValue, valueToBytes } from './chunk-values.js';
import { fileFetch } from './file-fetch.js';

const USAGE = `Usage:
  cellucid-session inspect FILE [--json]
  cellucid-session validate FILE [--dataset DIR]
  cellucid-session unpack FILE DIR
  cellucid-session pack DIR FILE
Reading takes --max-undeclared-mib N: how far a legacy chunk that declares no size may inflate (default 64).`;

class UsageError extends Error {}

type Out = { out: (s: string) => void; err: (s: string) => void };

export async function main(
  argv: string[],
  io: Out = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
): Promise<number> {
  const [command, ...args] = argv;
  try {
    const [limit, rest] = takeOption(args, '--max-undeclared-mib');
    if (limit !== undefined && !/^[1-9]\d{0,2}$/.test(limit))
      throw new UsageError('--max-undeclared-mib needs a whole number of MiB from 1 through 512');
    limits = limit === undefined ? {} : { maxUndeclaredChunkBytes: Number(limit) * 1024 * 1024 };
    switch (command) {
      case 'inspect':
        return await inspect(rest, io);
      case 'validate':
        return await validate(rest, io);
      case 'unpack':
        return await unpack(rest, io);
      case 'pack':
        return await pack(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.err(`cellucid-session: ${message.split('\n')[0]}\n`);
    if (err instanceof UsageError) io.err(`${USAGE}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

/** What every read of this run is bounded by (the command line's --max-undeclared-mib). */
let limits: ReadLimits = {};

/** An option's value and the other arguments; the value is undefined when the option is not given. */
function takeOption(args: string[], name: string): [string | undefined, string[]] {
  const at = args.indexOf(name);
  if (at < 0) return [undefined, args];
  if (at + 1 >= args.length) throw new UsageError(`${name} needs a value`);
  return [args[at + 1], args.filter((_, i) => i !== at && i !== at + 1)];
}

function positional(args: string[], count: number, usage: string): string[] {
  const pos = args.filter((a) => !a.startsWith('--'));
  if (pos.length !== count) throw new UsageError(`expected ${usage}`);
  return pos;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      cause: err,
    });
  }
}

interface InspectedChunk {
  id: string;
  contributorId: string;
  priority: string;
  kind: string;
  codec: string;
  storedBytes: number | null;
  uncompressedBytes: number | null;
  ok: boolean;
  error?: string;
  value?: unknown;
}

async function readAll(bytes: Uint8Array) {
  const opened = await openSessionBundle(bytes, limits);
  const cellCount = opened.manifest.datasetFingerprint?.cellCount;
  const chunks: InspectedChunk[] = [];
  const reads: ChunkRead[] = [];
  for await (const c of opened.chunks()) {
    reads.push(c);
    const entry: InspectedChunk = {
      id: c.meta.id,
      contributorId: c.meta.contributorId,
      priority: c.meta.priority,
      kind: c.meta.kind,
      codec: c.meta.codec,
      storedBytes: c.meta.storedBytes,
      uncompressedBytes: c.meta.uncompressedBytes,
      ok: c.ok,
    };
    if (c.ok) {
      try {
        entry.value = chunkValue(c.meta, c.payload, opened.generation, cellCount);
      } catch (err) {
        entry.ok = false;
        entry.error = `Chunk "${c.meta.id}": ${(err as Error).message}`;
      }
    } else entry.error = c.error?.message;
    chunks.push(entry);
  }
  return { opened, chunks, reads, errors: opened.trailingErrors.map((e) => e.message) };
}

async function inspect(args: string[], io: Out): Promise<number> {
  const [file] = positional(args, 1, 'inspect FILE [--json]');
  const { opened, chunks, errors } = await readAll(await readBytes(file));
  const allOk = chunks.every((c) => c.ok) && errors.length === 0;
  if (args.includes('--json')) {
    io.out(
      `${JSON.stringify({ generation: opened.generation, manifest: opened.rawManifest, chunks, errors }, null, 2)}\n`,
    );
    return allOk ? 0 : 1;
  }
  const fp = opened.manifest.datasetFingerprint;
  io.out(
    `${file}\n  generation: ${opened.generation}\n  created:    ${opened.manifest.createdAt ?? '(not recorded)'}\n`,
  );
  const order = fp?.cellOrder ? `, ${fp.cellOrder.dimension}-D cell order ${fp.cellOrder.digest}` : '';
  const dataset = fp
    ? `${fp.datasetId ?? '?'} (${fp.sourceType ?? '?'}), ` +
      `${fp.cellCount ?? '?'} cells, ${fp.varCount ?? '?'} genes${order}`
    : '(no fingerprint)';
  io.out(`  dataset:    ${dataset}\n`);
  io.out(`  chunks:     ${chunks.length}\n\n`);
  for (const c of chunks) {
    io.out(
      `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.id}  [${c.contributorId}, ${c.priority}, ${c.kind}, ${c.codec}, ` +
        `${c.storedBytes ?? '?'} → ${c.uncompressedBytes ?? '?'} bytes]\n`,
    );
    if (!c.ok) io.out(`       ${c.error}\n`);
    else io.out(`       ${abbreviate(JSON.stringify(c.value))}\n`);
  }
  for (const e of errors) io.out(`  FAIL ${e}\n`);
  return allOk ? 0 : 1;
}

function abbreviate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

async function validate(args: string[], io: Out): Promise<number> {
  const [datasetDir, rest] = takeOption(args, '--dataset');
  const [file] = positional(rest, 1, 'validate FILE [--dataset DIR]');
  const bytes = await readBytes(file);
  let current: (DatasetFingerprint & { cellCount: number }) | undefined;
  if (datasetDir) current = await fingerprintOfFolder(datasetDir, bytes);
  const { report, generation, manifest } = await readSessionDocument(bytes, { ...limits, current });
  const lines: string[] = [`${file}: ${generation} session, ${manifest.chunks.length} chunks`];
  if (current) {
    lines.push(
      report.datasetMatches
        ? `  dataset: matches ${datasetDir} (${current.cellCount} cells, cell order ` +
            `${current.cellOrder?.digest ?? 'not compared'})`
        : `  dataset: DOES NOT MATCH ${datasetDir}`,
    );
    for (const r of report.mismatch?.reasons ?? []) lines.push(`    ${r}`);
  }
  for (const id of report.restored) lines.push(`  ok      ${id}`);
  for (const id of report.skipped)
    lines.push(
      `  skipped ${id}` +
        (current && !report.datasetMatches ? ' (belongs to another dataset)' : ' (not a chunk this reader knows)'),
    );
  for (const f of report.failed) lines.push(`  FAIL    ${f.message}`);
  for (const w of report.warnings) lines.push(`  warning ${w}`);
  const valid = report.failed.length === 0 && report.datasetMatches && report.skipped.length === 0;
  lines.push(valid ? 'valid' : 'NOT valid');
  io.out(`${lines.join('\n')}\n`);
  return valid ? 0 : 1;
}

async function fingerprintOfFolder(
  dir: string,
  sessionBytes: Uint8Array,
): Promise<DatasetFingerprint & { cellCount: number }> {
  const source = await loadDataset(pathToFileURL(path.resolve(dir) + path.sep).href, { fetch: fileFetch });
  const ds = source.dataset;
  const saved = (await openSessionBundle(sessionBytes)).manifest.datasetFingerprint;
  const dimension =
    saved?.cellOrder && ds.dimensions.includes(saved.cellOrder.dimension)
      ? saved.cellOrder.dimension
      : ds.defaultDimension;
  const positions = await source.loadPositions(dimension);
  return {
    sourceType: saved?.sourceType ?? 'local-demo',
    datasetId: ds.catalogEntryId ?? ds.identity.id,
    cellCount: ds.cellCount,
    varCount: ds.varCount,
    cellOrder: { dimension, digest: computeCellOrderDigest(positions) },
  };
}

/** One file per chunk, named after its id (slashes encoded), e.g. highlights%2Fcells%2Fhighlight_1.json. */
function chunkFileName(id: string): string {
  return `${encodeURIComponent(id).replace(/^\./, '%2E')}.json`;
}

async function unpack(args: string[], io: Out): Promise<number> {
  const [file, dir] = positional(args, 2, 'unpack FILE DIR');
  const { opened, chunks } = await readAll(await readBytes(file));
  const failed = chunks.filter((c) => !c.ok);
  if (failed.length) throw new Error(`cannot unpack: ${failed[0].error}`);
  await mkdir(path.join(dir, 'chunks'), { recursive: true });
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(opened.rawManifest, null, 2)}\n`);
  for (const c of chunks)
    await writeFile(path.join(dir, 'chunks', chunkFileName(c.id)), `${JSON.stringify(c.value, null, 2)}\n`);
  io.out(`unpacked ${chunks.length} chunks to ${dir} (edit chunks/*.json, then: cellucid-session pack ${dir} FILE)\n`);
  return 0;
}

async function pack(args: string[], io: Out): Promise<number> {
  const [dir, file] = positional(args, 2, 'pack DIR FILE');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${path.join(dir, 'manifest.json')}: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(manifest.chunks)) throw new Error('manifest.json has no chunks list');
  const stored: Uint8Array[] = [];
  const entries = (manifest.chunks as Array<Record<string, unknown>>).map((entry) => {
    const id = String(entry.id);
    return { entry, id };
  });
  for (const { entry, id } of entries) {
    const chunkPath = path.join(dir, 'chunks', chunkFileName(id));
    let value: unknown;
    try {
      value = JSON.parse(await readFile(chunkPath, 'utf8'));
    } catch (err) {
      throw new Error(`cannot read ${chunkPath}: ${(err as Error).message}`, { cause: err });
    }
    const raw = valueToBytes({ id, kind: String(entry.kind) }, value);
    const out = entry.codec === 'none' ? raw : await gzipBytes(raw);
    entry.storedBytes = out.length;
    entry.uncompressedBytes = raw.length;
    stored.push(out);
  }
  const bytes = frameBundle(manifest, stored);
  await writeFile(file, bytes);
  // Read it back so a hand edit that breaks the format is caught here, not in the viewer.
  const check = await readAll(bytes);
  const bad = check.chunks.find((c) => !c.ok);
  if (bad) throw new Error(`packed, but ${bad.error}`);
  io.out(`packed ${stored.length} chunks into ${file} (${bytes.length} bytes)\n`);
  return 0;
}
