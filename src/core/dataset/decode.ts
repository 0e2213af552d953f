// Payload decoding shared by the decode worker and the in-thread fallback: gunzip, check the
// length against the cell count, dequantise or widen. Pure: bytes in, typed arrays out.
import { MAX_PAYLOAD_BYTES, payloadBytes } from './gzip.js';
import { dequantize, type QuantBits } from './quantize.js';
import type { Normalization } from './types.js';

interface Base {
  file: string;
  bytes: ArrayBuffer;
  gz: boolean;
  /** Number of cells (or edges) the payload must hold. */
  count: number;
}

export type DecodeRequest =
  | (Base & { kind: 'points'; dimension: 1 | 2 | 3 })
  | (Base & { kind: 'values'; dtype: 'float32' })
  | (Base & { kind: 'values'; dtype: 'uint8' | 'uint16'; bits: QuantBits; min: number; max: number; missing: number })
  | (Base & { kind: 'codes'; dtype: 'uint8' | 'uint16'; categoryCount: number })
  | (Base & { kind: 'indices'; indexBytes: 2 | 4; bound: number })
  | (Base & { kind: 'weights' });

/** A request before its payload is fetched. */
export type DecodeJob = DistributiveOmit<DecodeRequest, 'bytes'>;
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type DecodeResult =
  /** `spare`: a copy made in a decode worker, for the renderer to take over (see spare-copies.ts). */
  | ({ ok: true; kind: 'points'; positions: Float32Array; spare?: Float32Array } & Normalization)
  | { ok: true; kind: 'values'; values: Float32Array; min: number; max: number }
  | { ok: true; kind: 'codes'; codes: Uint16Array; counts: Uint32Array }
  | { ok: true; kind: 'indices'; indices: Uint32Array }
  | { ok: true; kind: 'weights'; weights: Float32Array }
  | { ok: false; problem: string };

const MISSING_CODE = 65535;

function bytesPerElement(req: DecodeJob): number {
  switch (req.kind) {
    case 'points':
      return 4 * req.dimension;
    case 'values':
      return req.dtype === 'uint8' ? 1 : req.dtype === 'uint16' ? 2 : 4;
    case 'codes':
      return req.dtype === 'uint8' ? 1 : 2;
    case 'indices':
      return req.indexBytes;
    case 'weights':
      return 8;
  }
}

/**
 * Most bytes a payload's file may hold, checked before anything is allocated for it: the decoded
 * size plus room for gzip's worst case (stored blocks, 5 bytes in 64 KiB) and its header. A
 * little more than the decoded size reaches the decoder, which says exactly what is wrong.
 */
export function payloadLimit(job: DecodeJob): number {
  const decoded = job.count * bytesPerElement(job);
  return Number.isSafeInteger(decoded) ? Math.min(MAX_PAYLOAD_BYTES, decoded + Math.ceil(decoded / 1024) + 1024) : 0;
}

/** Decoded size of a job's payload in bytes. */
export function expectedBytes(job: DecodeJob): number {
  return job.count * bytesPerElement(job);
}

/** A payload's bytes (compressed or not) to typed arrays. */
export async function decodePayload(req: DecodeRequest): Promise<DecodeResult> {
  if (!Number.isSafeInteger(req.count) || req.count < 0)
    return { ok: false, problem: `invalid element count ${req.count}` };
  let bytes: Uint8Array;
  try {
    bytes = await payloadBytes(new Uint8Array(req.bytes), expectedBytes(req), req.gz);
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  }
  return decodeBytes(req, bytes);
}

/** A payload's raw bytes, exactly `expectedBytes(job)` of them, to typed arrays. */
export function decodeBytes(req: DecodeJob, bytes: Uint8Array): DecodeResult {
  // Typed views need aligned offsets; copy when the inflated buffer is not aligned.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const buf = aligned.buffer;
  const off = aligned.byteOffset;
  switch (req.kind) {
    case 'points': {
      const { positions, center, scale } = toNormalizedXyz(
        new Float32Array(buf, off, req.count * req.dimension),
        req.dimension,
        req.count,
      );
      return { ok: true, kind: 'points', positions, center, scale };
    }
    case 'values': {
      let values: Float32Array;
      if (req.dtype === 'float32') values = new Float32Array(buf, off, req.count).slice();
      else {
        const q = req.dtype === 'uint8' ? new Uint8Array(buf, off, req.count) : new Uint16Array(buf, off, req.count);
        values = dequantize(q, req.bits, req.min, req.max, req.missing);
      }
      const [min, max] = finiteRange(values);
      return { ok: true, kind: 'values', values, min, max };
    }
    case 'codes': {
      const raw = req.dtype === 'uint8' ? new Uint8Array(buf, off, req.count) : new Uint16Array(buf, off, req.count);
      const marker = req.dtype === 'uint8' ? 255 : 65535;
      const codes = new Uint16Array(req.count);
      const counts = new Uint32Array(req.categoryCount);
      for (let i = 0; i < req.count; i++) {
        const c = raw[i];
        if (c === marker) {
          codes[i] = MISSING_CODE;
          continue;
        }
        if (c >= req.categoryCount)
          return {
            ok: false,
            problem: `cell ${i} has category code ${c} but the field has only ${req.categoryCount} categories`,
          };
        codes[i] = c;
        counts[c]++;
      }
      return { ok: true, kind: 'codes', codes, counts };
    }
    case 'indices': {
      const src = req.indexBytes === 2 ? new Uint16Array(buf, off, req.count) : new Uint32Array(buf, off, req.count);
      const out = new Uint32Array(req.count);
      for (let i = 0; i < req.count; i++) {
        if (src[i] >= req.bound)
          return { ok: false, problem: `edge ${i} refers to cell ${src[i]} but there are only ${req.bound} cells` };
        out[i] = src[i];
      }
      return { ok: true, kind: 'indices', indices: out };
    }
    case 'weights': {
      const src = new Float64Array(buf, off, req.count);
      let max = 0;
      for (let i = 0; i < req.count; i++) {
        const w = src[i];
        if (!(w > 0) || !Number.isFinite(w))
          return { ok: false, problem: `edge ${i} has weight ${w}; weights must be finite and > 0` };
        if (w > max) max = w;
      }
      const weights = new Float32Array(req.count);
      for (let i = 0; i < req.count; i++) weights[i] = src[i] / max;
      return { ok: true, kind: 'weights', weights };
    }
  }
}

/** Pads to xyz (1-D → (x,0,0), 2-D → (x,y,0)) and centres/scales the box into [-1, 1]. */
function toNormalizedXyz(
  src: Float32Array,
  dimension: 1 | 2 | 3,
  count: number,
): { positions: Float32Array } & Normalization {
  const out = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) for (let k = 0; k < dimension; k++) out[i * 3 + k] = src[i * dimension + k];
  const { center, scale } = normalization(out);
  for (let i = 0; i < out.length; i += 3) {
    out[i] = (out[i] - center[0]) * scale;
    out[i + 1] = (out[i + 1] - center[1]) * scale;
    out[i + 2] = (out[i + 2] - center[2]) * scale;
  }
  return { positions: out, center, scale };
}

/** Axis-aligned bounds of xyz triples; null when there is no finite point. */
export function boundingBox(
  xyz: Float32Array,
): { min: [number, number, number]; max: [number, number, number] } | null {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < xyz.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = xyz[i + k];
      if (v < min[k]) min[k] = v;
      if (v > max[k]) max[k] = v;
    }
  }
  return Number.isFinite(min[0]) && Number.isFinite(max[0]) ? { min, max } : null;
}

/** The app's normalisation: centre of the bounding box, scale 2 / largest extent (1 if flat). */
function normalization(xyz: Float32Array): Normalization {
  const box = boundingBox(xyz);
  if (!box) return { center: [0, 0, 0], scale: 1 };
  const { min, max } = box;
  const center: [number, number, number] = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const range = Math.max(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
  return { center, scale: range > 0 && Number.isFinite(range) ? 2 / range : 1 };
}

function finiteRange(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? [min, max] : [NaN, NaN];
}

/** Transferable buffers of a result, so a worker can hand it over without copying. */
export function transferables(result: DecodeResult): ArrayBuffer[] {
  if (!result.ok) return [];
  const arrays = Object.values(result).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v));
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
