// The shape of a loaded Cellucid export folder, as the rest of the viewer sees it.
// Pure types: no DOM, no GL. Payload arrays are loaded lazily through a DatasetSource.

export type Dimension = 1 | 2 | 3;

/** Raw `dataset_identity.json` (version 2) after validation; unknown keys are dropped. */
export interface DatasetIdentity {
  version: 2;
  id: string;
  name: string;
  stats: {
    n_cells: number;
    n_genes: number;
    n_obs_fields: number;
    n_categorical_fields: number;
    n_continuous_fields: number;
    has_connectivity: boolean;
    n_edges: number | null;
  };
  embeddings: {
    available_dimensions: Dimension[];
    default_dimension: Dimension;
    files: Partial<Record<'1d' | '2d' | '3d', string>>;
  };
  obs_fields: Array<{ key: string; kind: 'continuous' | 'category'; n_categories?: number }>;
  /** As the file has it: vectorFields() checks it when asked (the viewer does not draw vector fields yet). */
  vector_fields?: unknown;
}

export interface VectorFieldInfo {
  label: string;
  basis: string;
  available_dimensions: Dimension[];
  default_dimension: Dimension;
  files: Partial<Record<'1d' | '2d' | '3d', string>>;
}

/** How an embedding's points were normalised (spec §2.2): `(p - center) * scale`, after padding to xyz. */
export interface Normalization {
  center: [number, number, number];
  scale: number;
}

export interface Centroid {
  category: string;
  position: number[];
  n_points: number;
}

/** Metadata of one obs field (payload not loaded). */
export type ObsFieldInfo = ContinuousFieldInfo | CategoricalFieldInfo;

/** A field of one value per cell: a continuous obs field or a gene. */
export interface ValueFieldInfo {
  key: string;
  /** Position in its list, the Cellucid app's field index (obs: the manifest's, continuous first; var: gene order). */
  index: number;
  valuesPath: string;
  dtype: 'uint8' | 'uint16' | 'float32';
  quantizationBits: 8 | 16 | null;
  minValue: number | null;
  maxValue: number | null;
}

export interface ContinuousFieldInfo extends ValueFieldInfo {
  kind: 'continuous';
}

export interface CategoricalFieldInfo {
  kind: 'category';
  key: string;
  index: number;
  categories: string[];
  codesPath: string;
  codesDtype: 'uint8' | 'uint16';
  codesMissingValue: number;
  /** As obs_manifest.json has it: centroidsOf() checks it (the centroid labels feature reads it). */
  centroidsByDim: unknown;
  outlierPath: string | null;
  outlierDtype: 'uint8' | 'uint16' | 'float32';
  outlierQuantizationBits: 8 | 16 | null;
  outlierMinValue: number | null;
  outlierMaxValue: number | null;
}

export type GeneInfo = ValueFieldInfo;

export interface ConnectivityInfo {
  nEdges: number;
  indexBytes: 2 | 4;
  sourcesPath: string;
  destinationsPath: string;
  weightsPath: string | null;
}

/** Decoded payload of a continuous obs field or gene. NaN = missing. */
export interface ContinuousFieldData {
  kind: 'continuous';
  key: string;
  values: Float32Array;
  /** Finite min/max of `values` (NaN when no finite value). */
  min: number;
  max: number;
}

/** Decoded payload of a categorical obs field. Codes are widened; 65535 = missing. */
export interface CategoricalFieldData {
  kind: 'category';
  key: string;
  categories: string[];
  codes: Uint16Array;
  /** Cells per category (missing cells not counted). */
  counts: Uint32Array;
  /** Outlier quantile per cell; -1 = no quantile. null when the export has none. */
  outlierQuantiles: Float32Array | null;
}

export type FieldData = ContinuousFieldData | CategoricalFieldData;

export interface EdgeData {
  sources: Uint32Array;
  destinations: Uint32Array;
  /** Relative weights w / max(w), 1 for unweighted exports. */
  weights: Float32Array;
}

/** Progress of a load, for the element's progress bar. */
export interface LoadProgress {
  phase: 'identity' | 'manifests' | 'positions' | 'field';
  loadedBytes: number;
  totalBytes: number | null;
}

/** A dataset whose metadata is loaded; payloads come on demand. */
export interface LoadedDataset {
  /** URL of the folder holding dataset_identity.json, ending with "/". */
  baseUrl: string;
  identity: DatasetIdentity;
  cellCount: number;
  varCount: number;
  dimensions: Dimension[];
  defaultDimension: Dimension;
  /** In the Cellucid app's order: continuous fields as obs_manifest.json lists them, then categorical. */
  obsFields: ObsFieldInfo[];
  genes: GeneInfo[];
  connectivity: ConnectivityInfo | null;
  /** The catalog entry this dataset was picked from, when loaded through datasets.json. */
  catalogEntryId: string | null;
}

/**
 * Loads payloads of a dataset. Every method de-duplicates concurrent requests and caches
 * (genes in a bounded LRU). Errors are DatasetError naming the file and the problem.
 */
export interface DatasetSource {
  readonly dataset: LoadedDataset;
  /** Positions as xyz per cell (n*3), padded (1-D → (x,0,0), 2-D → (x,y,0)) and normalised to [-1,1] (spec §2.2). */
  loadPositions(dim: Dimension, signal?: AbortSignal): Promise<Float32Array>;
  /** The normalisation the dimension's positions got, once they are loaded (centroids get the same). */
  normalization(dim: Dimension): Normalization | undefined;
  loadObsField(key: string, signal?: AbortSignal): Promise<FieldData>;
  loadGene(key: string, signal?: AbortSignal): Promise<ContinuousFieldData>;
  loadEdges(signal?: AbortSignal): Promise<EdgeData | null>;
  /** Releases workers and caches. */
  dispose(): void;
}

/** Reads the folder's JSON files and asks whether a file exists, where the decoder reads files. */
export interface Reader {
  json(url: string, file: string): Promise<unknown>;
  exists(url: string, file: string): Promise<boolean>;
}
