// Payload access for a loaded dataset: lazy, de-duplicated per URL, genes in a bounded LRU.
import type { DecodeJob, DecodeRequest, DecodeResult, DistributiveOmit } from './decode.js';
import type { PayloadDecoder } from './decoder.js';
import { DatasetError } from './errors.js';
import type { FetchContext } from './fetching.js';
import { keepSpare } from './spare-copies.js';
import type {
  CategoricalFieldData,
  ContinuousFieldData,
  DatasetSource,
  Dimension,
  EdgeData,
  FieldData,
  LoadedDataset,
  LoadProgress,
  Normalization,
} from './types.js';

const GENE_CACHE_SIZE = 32;

export class ExportFolderSource implements DatasetSource {
  readonly #positions = new Map<Dimension, Promise<Float32Array>>();
  /** Normalisation applied to each dimension's points (vectors get the same scale, centroids all of it). */
  readonly #normalizations = new Map<Dimension, Normalization>();
  readonly #obs = new Map<string, Promise<FieldData>>();
  readonly #genes = new Map<string, Promise<ContinuousFieldData>>();
  #edges: Promise<EdgeData | null> | null = null;
  #disposed = false;

  /** How files are fetched (the fetch and stall timeout; each load brings its own signal). */
  readonly #ctx: FetchContext;
  readonly #decoder: PayloadDecoder;
  readonly #onProgress: ((p: LoadProgress) => void) | undefined;

  constructor(
    readonly dataset: LoadedDataset,
    { fetch, stallMs }: FetchContext,
    decoder: PayloadDecoder,
    onProgress?: (p: LoadProgress) => void,
  ) {
    this.#ctx = { fetch, stallMs };
    this.#decoder = decoder;
    this.#onProgress = onProgress;
  }

  loadPositions(dim: Dimension, signal?: AbortSignal): Promise<Float32Array> {
    const file = this.dataset.identity.embeddings.files[`${dim}d`];
    if (!this.dataset.dimensions.includes(dim) || !file) {
      return Promise.reject(new DatasetError(null, `this dataset has no ${dim}-D embedding`));
    }
    return this.#memo(this.#positions, dim, async () => {
      const r = (await this.decodeFile(
        file,
        { kind: 'points', dimension: dim, count: this.dataset.cellCount },
        signal,
        'positions',
      )) as Extract<DecodeResult, { kind: 'points' }>;
      this.#normalizations.set(dim, { center: r.center, scale: r.scale });
      if (r.spare) keepSpare(r.positions, r.spare);
      return r.positions;
    });
  }

  normalization(dim: Dimension): Normalization | undefined {
    return this.#normalizations.get(dim);
  }

  loadObsField(key: string, signal?: AbortSignal): Promise<FieldData> {
    const info = this.dataset.obsFields.find((f) => f.key === key);
    if (!info) return Promise.reject(new DatasetError(null, `this dataset has no cell field named "${key}"`));
    return this.#memo(this.#obs, key, async (): Promise<FieldData> => {
      const n = this.dataset.cellCount;
      if (info.kind === 'continuous') {
        const r = await this.decodeFile(info.valuesPath, valueRequest(info, n), signal, 'field');
        const v = r as Extract<DecodeResult, { kind: 'values' }>;
        return { kind: 'continuous', key, values: v.values, min: v.min, max: v.max };
      }
      const codesP = this.decodeFile(
        info.codesPath,
        { kind: 'codes', dtype: info.codesDtype, categoryCount: info.categories.length, count: n },
        signal,
        'field',
      );
      const floatOutliers = info.outlierDtype === 'float32' || info.outlierQuantizationBits === null;
      const outlierP = info.outlierPath
        ? this.decodeFile(
            info.outlierPath,
            valueRequest(
              {
                dtype: info.outlierDtype,
                quantizationBits: info.outlierQuantizationBits,
                minValue: info.outlierMinValue ?? 0,
                maxValue: info.outlierMaxValue ?? 1,
              },
              n,
              -1,
            ),
            signal,
            'field',
          )
        : Promise.resolve(null);
      const [codes, outliers] = await Promise.all([codesP, outlierP]);
      const c = codes as Extract<DecodeResult, { kind: 'codes' }>;
      const q = outliers ? (outliers as Extract<DecodeResult, { kind: 'values' }>).values : null;
      // Quantised quantiles come with -1 for "none" already: only float32 ones are walked here (a
      // 20M-cell pass on the page was a long task).
      if (q && floatOutliers) for (let i = 0; i < q.length; i++) if (q[i] !== q[i]) q[i] = -1;
      const data: CategoricalFieldData = {
        kind: 'category',
        key,
        categories: info.categories,
        codes: c.codes,
        counts: c.counts,
        outlierQuantiles: q,
      };
      return data;
    });
  }

  loadGene(key: string, signal?: AbortSignal): Promise<ContinuousFieldData> {
    const info = this.dataset.genes.find((g) => g.key === key);
    if (!info) return Promise.reject(new DatasetError(null, `this dataset has no gene named "${key}"`));
    const cached = this.#genes.get(key);
    if (cached) {
      // Refresh its place in the LRU order.
      this.#genes.delete(key);
      this.#genes.set(key, cached);
      return cached;
    }
    const p = this.#memo(this.#genes, key, async () => {
      const r = await this.decodeFile(info.valuesPath, valueRequest(info, this.dataset.cellCount), signal, 'field');
      const v = r as Extract<DecodeResult, { kind: 'values' }>;
      return { kind: 'continuous' as const, key, values: v.values, min: v.min, max: v.max };
    });
    while (this.#genes.size > GENE_CACHE_SIZE) this.#genes.delete(this.#genes.keys().next().value!);
    return p;
  }

  loadEdges(signal?: AbortSignal): Promise<EdgeData | null> {
    const conn = this.dataset.connectivity;
    if (!conn) return Promise.resolve(null);
    this.#edges ??= (async () => {
      const n = conn.nEdges;
      const bound = this.dataset.cellCount;
      const [src, dst, w] = await Promise.all([
        this.decodeFile(
          conn.sourcesPath,
          { kind: 'indices', indexBytes: conn.indexBytes, bound, count: n },
          signal,
          'field',
        ),
        this.decodeFile(
          conn.destinationsPath,
          { kind: 'indices', indexBytes: conn.indexBytes, bound, count: n },
          signal,
          'field',
        ),
        conn.weightsPath
          ? this.decodeFile(conn.weightsPath, { kind: 'weights', count: n }, signal, 'field')
          : Promise.resolve(null),
      ]);
      const sources = (src as Extract<DecodeResult, { kind: 'indices' }>).indices;
      const destinations = (dst as Extract<DecodeResult, { kind: 'indices' }>).indices;
      for (let i = 0; i < n; i++) {
        if (sources[i] >= destinations[i])
          throw new DatasetError(
            conn.sourcesPath,
            `edge ${i} (${sources[i]}, ${destinations[i]}) is not stored as src < dst`,
          );
        if (
          i > 0 &&
          (sources[i] < sources[i - 1] || (sources[i] === sources[i - 1] && destinations[i] <= destinations[i - 1]))
        ) {
          throw new DatasetError(conn.sourcesPath, `edges are not strictly sorted at edge ${i}`);
        }
      }
      const weights = w ? (w as Extract<DecodeResult, { kind: 'weights' }>).weights : new Float32Array(n).fill(1);
      return { sources, destinations, weights };
    })();
    this.#edges.catch(() => (this.#edges = null));
    return this.#edges;
  }

  dispose(): void {
    this.#disposed = true;
    this.#positions.clear();
    this.#obs.clear();
    this.#genes.clear();
    this.#edges = null;
  }

  #memo<K, V>(map: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
    const existing = map.get(key);
    if (existing) return existing;
    const p = load();
    map.set(key, p);
    // A failed or aborted load is forgotten so a later request retries it.
    p.catch(() => {
      if (map.get(key) === p) map.delete(key);
    });
    return p;
  }

  /** Fetches and decodes one of the dataset's files (see readFile), de-duplicated by the callers. */
  async decodeFile(
    file: string,
    request: DistributiveOmit<DecodeRequest, 'file' | 'bytes' | 'gz'>,
    signal: AbortSignal | undefined,
    phase: LoadProgress['phase'],
  ): Promise<Extract<DecodeResult, { ok: true }>> {
    if (this.#disposed) throw new DatasetError(file, 'the dataset was closed');
    // Inside the folder: the manifests' paths and patterns were checked when they were read.
    const url = new URL(file, this.dataset.baseUrl).href;
    const onBytes = (loaded: number, total: number | null) =>
      this.#onProgress?.({ phase, loadedBytes: loaded, totalBytes: total });
    const job = { ...request, file, gz: /\.gz$/i.test(file.split(/[?#]/)[0]) } as DecodeJob;
    // Fetched and decoded where the decoder runs (a worker): the page never holds the download.
    const result = (await this.#decoder.read(
      { ...this.#ctx, signal },
      { kind: 'payload', url, job },
      onBytes,
    )) as DecodeResult;
    if (!result.ok) throw new DatasetError(file, result.problem);
    return result;
  }
}

function valueRequest(
  info: {
    dtype: 'uint8' | 'uint16' | 'float32';
    quantizationBits: 8 | 16 | null;
    minValue: number | null;
    maxValue: number | null;
  },
  count: number,
  missing = NaN,
): DistributiveOmit<DecodeRequest, 'file' | 'bytes' | 'gz'> {
  if (info.dtype === 'float32' || info.quantizationBits === null) return { kind: 'values', dtype: 'float32', count };
  // A quantised field's manifest entry has its bounds (parseObsManifest and parseVarManifest insist).
  return {
    kind: 'values',
    dtype: info.dtype,
    bits: info.quantizationBits,
    min: info.minValue!,
    max: info.maxValue!,
    missing,
    count,
  };
}
