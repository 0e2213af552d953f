// The layouts and encodings Cellucid exporters write, for the synthetic exports: file names by
// obs/var index (exporter 0.9.1) or by sanitised key (0.9.0 and earlier), gzip or plain files,
// 8-bit, 16-bit or float32 values, and the identity file's field order (or no identity file).
import { gzipSync } from 'node:zlib';

/**
 * layout 'index' | 'key'; gzip true | false; bits 8 | 16 | null (float32, not quantised);
 * identity 'manifest' (fields as the manifest lists them, exporter 0.9.1), 'columns' (in obs
 * column order, as cellucid-python's prepare() writes them) or null (no dataset_identity.json).
 */
export const DEFAULT_FORMAT = { layout: 'index', gzip: true, bits: 8, identity: 'manifest' };

/** File-name form of a key in key-based exports: runs of other characters become "_", "._" trimmed. */
export function safeKey(key) {
  return key.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|[._]+$/g, '') || 'field';
}

/** Quantises like the Cellucid exporter: 0..maxQuant, the top code = missing; bounds: finite min/max as float32. */
export function quantize(values, bits) {
  if (bits === null) return { q: Float32Array.from(values), min: null, max: null };
  const maxQuant = bits === 8 ? 254 : 65534;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!Number.isFinite(min)) [min, max] = [0, 0];
  min = Math.fround(min);
  max = Math.fround(max);
  const q = bits === 8 ? new Uint8Array(values.length) : new Uint16Array(values.length);
  const span = max - min;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) q[i] = maxQuant + 1;
    else if (span === 0) q[i] = 0;
    else q[i] = Math.trunc(Math.min(maxQuant, Math.max(0, ((v - min) * maxQuant) / span + 1e-8)));
  }
  return { q, min, max };
}

const EXT = { 8: 'u8', 16: 'u16', null: 'f32' };
const DTYPE = { 8: 'uint8', 16: 'uint16', null: 'float32' };

export class ExportFormat {
  constructor(format = {}) {
    Object.assign(this, DEFAULT_FORMAT, format);
    this.suffix = this.gzip ? '.gz' : '';
  }

  /** Bytes of a typed array as the file holds them. */
  bytes(data) {
    const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return this.gzip ? gzipSync(raw, { level: 6 }) : raw;
  }

  /** The file-name placeholder and its value for an obs column or gene. */
  #id(index, key) {
    return this.layout === 'index' ? String(index) : safeKey(key);
  }

  #placeholder() {
    return this.layout === 'index' ? '{index}' : '{key}';
  }

  /** The path pattern and encoding of obs ("obs") or gene ("var") values. */
  valueSchema(folder) {
    const s = { pathPattern: `${folder}/${this.#placeholder()}.values.${EXT[this.bits]}${this.suffix}` };
    s.ext = EXT[this.bits];
    s.dtype = DTYPE[this.bits];
    s.quantized = this.bits !== null;
    if (this.bits !== null) s.quantizationBits = this.bits;
    return s;
  }

  categoricalSchema() {
    const p = this.#placeholder();
    return {
      codesPathPattern: `obs/${p}.codes.{ext}${this.suffix}`,
      outlierPathPattern: `obs/${p}.outliers.${EXT[this.bits]}${this.suffix}`,
      outlierExt: EXT[this.bits],
      outlierDtype: DTYPE[this.bits],
      outlierQuantized: this.bits !== null,
    };
  }

  valuesFile(folder, index, key) {
    return `${folder}/${this.#id(index, key)}.values.${EXT[this.bits]}${this.suffix}`;
  }

  codesFile(index, key, codesExt) {
    return `obs/${this.#id(index, key)}.codes.${codesExt}${this.suffix}`;
  }

  outliersFile(index, key) {
    return `obs/${this.#id(index, key)}.outliers.${EXT[this.bits]}${this.suffix}`;
  }

  /** A manifest tuple: [index, key] (index layout) or [key], then the bounds when quantised. */
  tuple(index, key, rest, bounds) {
    const head = this.layout === 'index' ? [index, key] : [key];
    return [...head, ...rest, ...(this.bits === null ? [] : bounds)];
  }
}
