export type * from './types.js';
export { loadDataset, openExportFolder, type LoadDatasetOptions } from './load.js';
export { DatasetError } from './errors.js';
export type { PayloadDecoder } from './decoder.js';
export { decodePayload, type DecodeRequest, type DecodeResult } from './decode.js';
export { dequantize } from './quantize.js';
export { safeKey } from './manifests.js';
