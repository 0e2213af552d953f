// The .cellucid-session format as a pure core: runs in browsers, workers and Node.
export { MAGIC, MAX_MANIFEST_BYTES, MAX_STORED_CHUNK_BYTES, MAX_UNCOMPRESSED_CHUNK_BYTES } from './format.js';
export { SessionFormatError } from './errors.js';
export type { SessionSource } from './byte-source.js';
export {
  openSessionBundle,
  decodeChunkPayload,
  type OpenedSession,
  type OpenOptions,
  type ReadLimits,
  type ChunkRead,
  type ChunkInflater,
} from './reader.js';
export { DEFAULT_MAX_UNDECLARED_CHUNK_BYTES } from './chunk-bounds.js';
export {
  validateManifest,
  detectGeneration,
  type ChunkMeta,
  type Generation,
  type SessionManifest,
} from './manifest.js';
export {
  writeSessionBundle,
  sessionFileName,
  frameBundle,
  encodeChunks,
  captureChunks,
  exactJson,
  writeSessionBlob,
  writeSessionBundleAsync,
  type WriteOptions,
} from './writer.js';
export {
  readSessionDocument,
  type RestoreReport,
  type ReadDocumentOptions,
  type ReadDocumentResult,
} from './restore.js';
export {
  computeCellOrderDigest,
  compareFingerprints,
  readFingerprint,
  sourceTypeForUrl,
  type DatasetFingerprint,
  type CellOrder,
} from './fingerprint.js';
export { emptyDocument } from './document.js';
export type * from './document.js';
export { CONTRIBUTORS, contributorFor } from './contributors/index.js';
export type { Contributor, ChunkDescriptor, ContributorContext } from './contributor.js';
export { chunkPayload } from './contributor.js';
export { decodeIndexSet, encodeIndexSet } from './codecs/delta-varint.js';
export { decodeUserCodes, encodeUserCodes, type DecodedCodes } from './codecs/user-codes.js';
export { decodeTable, type DecodedTable } from './codecs/table.js';
export { VarintReader, encodeUvarint } from './codecs/varint.js';
export { gunzipBounded } from './gzip.js';
export { gzipBytes } from './native-gzip.js';
export { parseJsonBytes } from './safe-json.js';
export * from '../camera-path/index.js';
export * from '../share/index.js';
