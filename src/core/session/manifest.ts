// Manifest rules of both generations: lenient "legacy" files (extra dataSource/summary keys)
// and exact "strict" files (three root keys, nine-key chunk entries).
import { SessionFormatError } from './errors.js';
import { readFingerprint, type DatasetFingerprint } from './fingerprint.js';
import { MAX_STORED_CHUNK_BYTES, MAX_UNCOMPRESSED_CHUNK_BYTES } from './format.js';
import { isPlainObject, own } from './safe-json.js';

export type Generation = 'legacy' | 'strict';

export interface ChunkMeta {
  id: string;
  contributorId: string;
  priority: 'eager' | 'lazy';
  kind: 'json' | 'binary';
  codec: 'none' | 'gzip';
  label: string;
  datasetDependent: boolean;
  storedBytes: number | null;
  uncompressedBytes: number | null;
}

export interface SessionManifest {
  createdAt: string | null;
  datasetFingerprint: DatasetFingerprint | null;
  chunks: ChunkMeta[];
}

const ROOT_KEYS = ['chunks', 'createdAt', 'datasetFingerprint'];
const CHUNK_KEYS = [
  'codec',
  'contributorId',
  'datasetDependent',
  'id',
  'kind',
  'label',
  'priority',
  'storedBytes',
  'uncompressedBytes',
];
const MAX_CHUNKS = 100_000;

export function detectGeneration(root: Record<string, unknown>): Generation {
  const keys = Object.keys(root).sort();
  return keys.length === 3 && keys.every((k, i) => k === ROOT_KEYS[i]) ? 'strict' : 'legacy';
}

export function validateManifest(raw: unknown): { manifest: SessionManifest; generation: Generation } {
  if (!isPlainObject(raw)) throw new SessionFormatError('Invalid session file (manifest must be a JSON object).');
  const chunksRaw = own(raw, 'chunks');
  if (!Array.isArray(chunksRaw))
    throw new SessionFormatError('Invalid session file (manifest.chunks must be an array).');
  if (chunksRaw.length > MAX_CHUNKS)
    throw new SessionFormatError(
      `Invalid session manifest: ${chunksRaw.length} chunks is more than the limit of ${MAX_CHUNKS}.`,
    );
  const generation = detectGeneration(raw);
  const strict = generation === 'strict';
  const createdAt = own(raw, 'createdAt');
  if (
    strict &&
    (typeof createdAt !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(createdAt) ||
      Number.isNaN(Date.parse(createdAt)))
  ) {
    throw new SessionFormatError('Session manifest createdAt must be a canonical ISO timestamp.');
  }
  const fpRaw = own(raw, 'datasetFingerprint');
  const datasetFingerprint = readFingerprint(fpRaw);
  if (strict && !datasetFingerprint)
    throw new SessionFormatError('Session manifest datasetFingerprint must be an object.');
  const ids = new Set<string>();
  let seenLazy = false;
  const chunks = chunksRaw.map((entry, i): ChunkMeta => {
    const fail = (what: string): never => {
      throw new SessionFormatError(`Invalid session manifest (chunk ${i} ${what}).`);
    };
    if (!isPlainObject(entry)) fail('must be an object');
    const e = entry as Record<string, unknown>;
    if (strict) {
      const keys = Object.keys(e).sort();
      if (keys.length !== CHUNK_KEYS.length || keys.some((k, j) => k !== CHUNK_KEYS[j]))
        fail(`must contain exactly the keys ${CHUNK_KEYS.join(', ')}`);
    }
    const id = own(e, 'id');
    if (typeof id !== 'string' || id.trim() === '' || (strict && id.trim() !== id))
      fail('id must be a non-empty trimmed string');
    if (ids.has(id as string)) {
      if (strict) fail(`id "${id}" is duplicated`);
    }
    ids.add(id as string);
    const contributorId = own(e, 'contributorId');
    if (typeof contributorId !== 'string' || contributorId === '') fail('contributorId must be a non-empty string');
    const priority = own(e, 'priority');
    if (priority !== 'eager' && priority !== 'lazy') fail('priority must be eager or lazy');
    if (priority === 'lazy') seenLazy = true;
    else if (seenLazy && strict)
      throw new SessionFormatError('Session manifest eager chunks must precede lazy chunks.');
    const kind = own(e, 'kind');
    if (kind !== 'json' && kind !== 'binary') fail('kind must be json or binary');
    const codec = own(e, 'codec');
    if (codec !== 'none' && codec !== 'gzip') fail('codec must be none or gzip');
    const label = own(e, 'label');
    if (typeof label !== 'string' || (strict && (label.trim() === '' || label.trim() !== label)))
      fail('label must be a non-empty trimmed string');
    const datasetDependent = own(e, 'datasetDependent');
    if (typeof datasetDependent !== 'boolean') fail('datasetDependent must be boolean');
    const size = (key: string, limit: number): number | null => {
      const v = own(e, key);
      if (v === undefined || v === null) {
        if (strict) fail(`${key} must be a safe integer from 0 through ${limit}`);
        return null;
      }
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > limit)
        fail(`${key} must be a safe integer from 0 through ${limit}`);
      return v as number;
    };
    const storedBytes = size('storedBytes', MAX_STORED_CHUNK_BYTES);
    const uncompressedBytes = size('uncompressedBytes', MAX_UNCOMPRESSED_CHUNK_BYTES);
    if (strict && codec === 'none' && storedBytes !== uncompressedBytes)
      fail('storedBytes and uncompressedBytes must match for codec none');
    return {
      id: id as string,
      contributorId: contributorId as string,
      priority: priority as ChunkMeta['priority'],
      kind: kind as ChunkMeta['kind'],
      codec: codec as ChunkMeta['codec'],
      label: (label as string) || (id as string),
      datasetDependent: datasetDependent as boolean,
      storedBytes,
      uncompressedBytes,
    };
  });
  return {
    manifest: { createdAt: typeof createdAt === 'string' ? createdAt : null, datasetFingerprint, chunks },
    generation,
  };
}
