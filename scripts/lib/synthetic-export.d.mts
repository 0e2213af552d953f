// Types of what the tests use from synthetic-export.mjs (a plain JavaScript module).

/** See export-format.mjs: the layouts and encodings exporters write. */
export interface ExportFormatOptions {
  layout?: 'index' | 'key';
  gzip?: boolean;
  bits?: 8 | 16 | null;
  identity?: 'manifest' | 'columns' | null;
}

export interface SyntheticExportOptions {
  cells: number;
  genes: number;
  dims: number[];
  out: string;
  seed?: number;
  id?: string;
  name?: string;
  neighbors?: number;
  format?: ExportFormatOptions;
}

export interface SyntheticExport {
  id: string;
  cells: number;
  genes: number;
  dims: number[];
  identity: Record<string, unknown>;
  /** Normalised positions by dimension, `dim` numbers a cell. */
  embeddings: Record<number, Float32Array>;
  /** Each obs column's source values (continuous) or codes (categorical). */
  obs: Record<string, Float32Array | Uint8Array | Uint16Array>;
  geneValues: Float32Array[];
}

export function writeSyntheticExport(o: SyntheticExportOptions): SyntheticExport;

export function quantize8(values: ArrayLike<number>): { q: Uint8Array; min: number; max: number };
