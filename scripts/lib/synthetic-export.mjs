// Deterministic synthetic single-cell data written as a Cellucid export folder, for the demo, the
// benchmarks and the loader's tests: by default index-based compact_v1, gzip, 8-bit quantisation;
// `format` (see export-format.mjs) writes the other layouts and encodings exporters produce.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ExportFormat, quantize } from './export-format.mjs';

const CELL_TYPES = [
  'HSC',
  'MPP',
  'CMP',
  'GMP',
  'Monocyte',
  'Neutrophil',
  'MEP',
  'Erythroblast',
  'Megakaryocyte',
  'CLP',
  'B cell',
  'T cell',
];
// Where each cluster sits along a branching trajectory (branch, position 0..1).
const CLUSTER_PATH = [
  [0, 0.0],
  [0, 0.35],
  [1, 0.2],
  [1, 0.55],
  [1, 0.85],
  [1, 1.0],
  [2, 0.3],
  [2, 0.7],
  [2, 1.0],
  [3, 0.3],
  [3, 0.7],
  [3, 1.0],
];
const BRANCH_ENDS = [
  [
    [-1.2, -0.2, 0],
    [-0.2, 0, 0],
  ],
  [
    [-0.2, 0, 0],
    [1.1, 0.9, 0.5],
  ],
  [
    [-0.2, 0, 0],
    [1.0, -0.9, -0.4],
  ],
  [
    [-0.2, 0, 0],
    [0.2, 0.2, -1.2],
  ],
];
const PHASES = ['G1', 'S', 'G2M'];
const CONDITIONS = ['control', 'treated'];

/** splitmix32: small, fast and good enough for synthetic data. */
export function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
  let spare = null;
  const normal = () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = next();
    while (u <= 1e-12) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { next, normal };
}

/** Quantises like the Cellucid exporter: 0..254, 255 = missing; bounds are the finite min/max as float32. */
export function quantize8(values) {
  return quantize(values, 8);
}

/** Centres the bounding box and scales the longest axis to [-1, 1], as the exporter does. */
export function normalizeEmbedding(coords, dim) {
  const n = coords.length / dim;
  const lo = new Array(dim).fill(Infinity);
  const hi = new Array(dim).fill(-Infinity);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < dim; k++) {
      const v = coords[i * dim + k];
      if (v < lo[k]) lo[k] = v;
      if (v > hi[k]) hi[k] = v;
    }
  const range = Math.max(...hi.map((h, k) => h - lo[k])) || 1;
  const out = new Float32Array(coords.length);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < dim; k++) out[i * dim + k] = ((coords[i * dim + k] - (lo[k] + hi[k]) / 2) * 2) / range;
  return out;
}

/**
 * Outlier quantile per cell: rank of its distance to its category's centroid / category size
 * (NaN for missing codes and categories under 10 cells), plus inlier centroids per dimension.
 */
function outlierQuantiles(codes, nCategories, latent, embeddings) {
  const n = codes.length;
  const quantiles = new Float32Array(n).fill(NaN);
  const members = Array.from({ length: nCategories }, () => []);
  for (let i = 0; i < n; i++) members[codes[i]].push(i);
  const centroidsByDim = {};
  for (const dim of Object.keys(embeddings)) centroidsByDim[dim] = [];
  members.forEach((cells, c) => {
    if (cells.length < 10) return;
    const centre = [0, 0, 0];
    for (const i of cells) for (let k = 0; k < 3; k++) centre[k] += latent[i * 3 + k] / cells.length;
    const dist = new Float64Array(cells.length);
    cells.forEach((i, j) => {
      dist[j] = Math.hypot(latent[i * 3] - centre[0], latent[i * 3 + 1] - centre[1], latent[i * 3 + 2] - centre[2]);
    });
    const order = Uint32Array.from(cells.keys()).sort((a, b) => dist[a] - dist[b]);
    const inliers = [];
    order.forEach((j, rank) => {
      const q = (rank + 1) / cells.length;
      quantiles[cells[j]] = q;
      if (q <= 0.95) inliers.push(cells[j]);
    });
    for (const [dim, coords] of Object.entries(embeddings)) {
      const d = Number(dim);
      const pos = new Array(d).fill(0);
      for (const i of inliers) for (let k = 0; k < d; k++) pos[k] += coords[i * d + k] / inliers.length;
      centroidsByDim[dim].push({ category: String(c), position: pos, n_points: inliers.length });
    }
  });
  return { quantiles, centroidsByDim };
}

/**
 * The k-nearest-neighbour graph of 3-D points as Cellucid stores connectivity: each undirected
 * edge once with src < dst, sorted by (src, dst), weight 1 / (1 + distance / median distance).
 * A uniform grid finds the neighbours; it grows its search ring until the k-th one is certain.
 */
export function knnEdges(points, k) {
  const n = points.length / 3;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++)
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], points[i * 3 + a]);
      hi[a] = Math.max(hi[a], points[i * 3 + a]);
    }
  // About n cells along the data's longest axis cubed: clustered points leave most of them empty.
  const size = Math.max(...hi.map((h, a) => h - lo[a]), 1e-9) / Math.max(1, Math.round(Math.cbrt(n) * 1.5));
  const dims = hi.map((h, a) => Math.floor((h - lo[a]) / size) + 1);
  const cellOf = (i, a) => Math.min(dims[a] - 1, Math.floor((points[i * 3 + a] - lo[a]) / size));
  const buckets = new Map();
  for (let i = 0; i < n; i++) {
    const key = (cellOf(i, 0) * dims[1] + cellOf(i, 1)) * dims[2] + cellOf(i, 2);
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key).push(i);
  }
  const pairs = new Map();
  // The k nearest seen so far, nearest first.
  const bestD = new Float64Array(k);
  const bestJ = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = [cellOf(i, 0), cellOf(i, 1), cellOf(i, 2)];
    let count = 0;
    const consider = (j) => {
      const d = Math.hypot(
        points[j * 3] - points[i * 3],
        points[j * 3 + 1] - points[i * 3 + 1],
        points[j * 3 + 2] - points[i * 3 + 2],
      );
      if (count === k && (d > bestD[k - 1] || (d === bestD[k - 1] && j > bestJ[k - 1]))) return;
      let at = count < k ? count++ : k - 1;
      while (at > 0 && (bestD[at - 1] > d || (bestD[at - 1] === d && bestJ[at - 1] > j))) {
        bestD[at] = bestD[at - 1];
        bestJ[at] = bestJ[at - 1];
        at--;
      }
      bestD[at] = d;
      bestJ[at] = j;
    };
    // Rings of grid cells around the point's own, until every point closer than the k-th is seen.
    for (let ring = 0; ; ring++) {
      for (let x = c[0] - ring; x <= c[0] + ring; x++)
        for (let y = c[1] - ring; y <= c[1] + ring; y++)
          for (let z = c[2] - ring; z <= c[2] + ring; z++) {
            if (Math.max(Math.abs(x - c[0]), Math.abs(y - c[1]), Math.abs(z - c[2])) !== ring) continue;
            if (x < 0 || y < 0 || z < 0 || x >= dims[0] || y >= dims[1] || z >= dims[2]) continue;
            for (const j of buckets.get((x * dims[1] + y) * dims[2] + z) ?? []) if (j !== i) consider(j);
          }
      const done = ring >= Math.max(...dims);
      if (done || (count === k && bestD[k - 1] <= ring * size)) break;
    }
    for (let m = 0; m < count; m++) pairs.set(Math.min(i, bestJ[m]) * n + Math.max(i, bestJ[m]), bestD[m]);
  }
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  const median = [...pairs.values()].sort((a, b) => a - b)[pairs.size >> 1] || 1;
  const sources = new Uint32Array(keys.length);
  const destinations = new Uint32Array(keys.length);
  const weights = new Float64Array(keys.length);
  keys.forEach((key, e) => {
    sources[e] = Math.floor(key / n);
    destinations[e] = key % n;
    weights[e] = 1 / (1 + pairs.get(key) / median);
  });
  const degree = new Uint32Array(n);
  for (let e = 0; e < keys.length; e++) {
    degree[sources[e]]++;
    degree[destinations[e]]++;
  }
  return { sources, destinations, weights, maxNeighbors: degree.reduce((m, d) => Math.max(m, d), 0) };
}

/**
 * Writes a synthetic export folder and returns a summary (with the cells' source values, for tests).
 * @param {{cells:number, genes:number, dims:number[], out:string, seed?:number, id?:string, name?:string,
 *   neighbors?:number, format?:object}} o
 */
export function writeSyntheticExport(o) {
  const format = new ExportFormat(o.format);
  const gz = (data) => format.bytes(data);
  const n = o.cells;
  const nGenes = o.genes;
  const dims = [...o.dims].sort();
  const r = rng(o.seed ?? 42);
  mkdirSync(path.join(o.out, 'obs'), { recursive: true });
  if (nGenes > 0) mkdirSync(path.join(o.out, 'var'), { recursive: true });

  // Cells: a cluster, a position along its branch, and a 3-D latent point near the branch.
  const K = CELL_TYPES.length;
  const cluster = new Uint8Array(n);
  const pseudotime = new Float32Array(n);
  const latent = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(r.next() * K);
    cluster[i] = c;
    const [branch, at] = CLUSTER_PATH[c];
    const t = Math.min(1, Math.max(0, at + r.normal() * 0.06));
    const [a, b] = BRANCH_ENDS[branch];
    for (let k = 0; k < 3; k++) latent[i * 3 + k] = a[k] + (b[k] - a[k]) * t + r.normal() * 0.09;
    pseudotime[i] = branch === 0 ? t * 0.3 : 0.3 + t * 0.7;
  }
  const embeddings = {};
  if (dims.includes(3)) embeddings[3] = normalizeEmbedding(latent, 3);
  if (dims.includes(2)) {
    // A 2-D layout that is not just a projection: the branches fan out in the plane.
    const flat = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      flat[i * 2] = latent[i * 3] + 0.35 * latent[i * 3 + 2] + r.normal() * 0.02;
      flat[i * 2 + 1] = latent[i * 3 + 1] - 0.6 * latent[i * 3 + 2] + r.normal() * 0.02;
    }
    embeddings[2] = normalizeEmbedding(flat, 2);
  }
  if (dims.includes(1)) embeddings[1] = normalizeEmbedding(pseudotime, 1);
  const files = {};
  for (const d of dims) {
    files[`${d}d`] = `points_${d}d.bin${format.suffix}`;
    writeFileSync(path.join(o.out, files[`${d}d`]), gz(embeddings[d]));
  }

  // Obs columns in source order: the index-based file names use this order.
  const batch = new Uint8Array(n);
  const phase = new Uint8Array(n);
  const condition = new Uint8Array(n);
  const nCounts = new Float32Array(n);
  const pctMito = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    batch[i] = Math.floor(r.next() * 3);
    phase[i] = cluster[i] < 2 ? (r.next() < 0.5 ? 1 : 2) : Math.floor(r.next() * 3);
    condition[i] = r.next() < 0.5 ? 0 : 1;
    nCounts[i] = Math.round(Math.exp(8 + 0.5 * r.normal() + 0.1 * (cluster[i] % 4)));
    pctMito[i] = r.next() < 0.05 ? NaN : Math.max(0, 3 + 1.5 * r.normal() + (batch[i] === 2 ? 2 : 0));
  }
  const obsColumns = [
    { key: 'cell_type', kind: 'category', categories: CELL_TYPES, codes: cluster },
    { key: 'batch', kind: 'category', categories: ['batch_1', 'batch_2', 'batch_3'], codes: batch },
    { key: 'phase', kind: 'category', categories: PHASES, codes: phase },
    { key: 'condition', kind: 'category', categories: CONDITIONS, codes: condition },
    { key: 'pseudotime', kind: 'continuous', values: pseudotime },
    { key: 'n_counts', kind: 'continuous', values: nCounts },
    { key: 'pct_mito', kind: 'continuous', values: pctMito },
  ];
  const continuousFields = [];
  const categoricalFields = [];
  // 16-bit exports store codes as uint16 too (the exporter's obs_categorical_dtype "uint16").
  const wideCodes = format.bits === 16;
  obsColumns.forEach((col, index) => {
    if (col.kind === 'continuous') {
      const { q, min, max } = quantize(col.values, format.bits);
      writeFileSync(path.join(o.out, format.valuesFile('obs', index, col.key)), gz(q));
      continuousFields.push(format.tuple(index, col.key, [], [min, max]));
    } else {
      const codes = wideCodes ? Uint16Array.from(col.codes) : col.codes;
      writeFileSync(path.join(o.out, format.codesFile(index, col.key, wideCodes ? 'u16' : 'u8')), gz(codes));
      const { quantiles, centroidsByDim } = outlierQuantiles(col.codes, col.categories.length, latent, embeddings);
      for (const list of Object.values(centroidsByDim))
        for (const c of list) c.category = col.categories[Number(c.category)];
      const { q, min, max } = quantize(quantiles, format.bits);
      writeFileSync(path.join(o.out, format.outliersFile(index, col.key)), gz(q));
      const codeType = wideCodes ? ['uint16', 65535] : ['uint8', 255];
      categoricalFields.push(format.tuple(index, col.key, [col.categories, ...codeType, centroidsByDim], [min, max]));
    }
  });

  // Genes: each marks one cluster (higher, less sparse there) over a sparse background.
  const varFields = [];
  const geneValues = [];
  for (let g = 0; g < nGenes; g++) {
    const values = new Float32Array(n);
    const marked = g % K;
    const level = 1.5 + (g % 5) * 0.6;
    for (let i = 0; i < n; i++) {
      const isMarked = cluster[i] === marked;
      const expressed = r.next() < (isMarked ? 0.92 : 0.25);
      values[i] = expressed ? Math.max(0, (isMarked ? level + 1.2 : 0.6) + 0.45 * r.normal()) : 0;
    }
    const key = `GENE_${String(g).padStart(3, '0')}`;
    const { q, min, max } = quantize(values, format.bits);
    writeFileSync(path.join(o.out, format.valuesFile('var', g, key)), gz(q));
    varFields.push(format.tuple(g, key, [], [min, max]));
    geneValues.push(values);
  }

  // Connectivity (optional): a kNN graph of the latent points; it uses no random numbers, so the
  // rest of the dataset is the same with or without it.
  const graph = o.neighbors > 0 ? knnEdges(latent, o.neighbors) : null;
  if (graph) {
    mkdirSync(path.join(o.out, 'connectivity'), { recursive: true });
    const wide = n > 65536;
    const indices = (a) => (wide ? a : Uint16Array.from(a));
    const file = (name) => `connectivity/edges.${name}.bin${format.suffix}`;
    writeFileSync(path.join(o.out, file('src')), gz(indices(graph.sources)));
    writeFileSync(path.join(o.out, file('dst')), gz(indices(graph.destinations)));
    // Key-based (older) exports binarised the graph: no weights file.
    const weighted = format.layout === 'index';
    if (weighted) writeFileSync(path.join(o.out, file('weights.f64')), gz(graph.weights));
    const compression = format.gzip ? 6 : null;
    writeFileSync(
      path.join(o.out, 'connectivity_manifest.json'),
      JSON.stringify({
        format: 'edge_pairs',
        n_cells: n,
        n_edges: graph.sources.length,
        max_neighbors: graph.maxNeighbors,
        index_bytes: wide ? 4 : 2,
        index_dtype: wide ? 'uint32' : 'uint16',
        sourcesPath: file('src'),
        destinationsPath: file('dst'),
        ...(weighted ? { weightsPath: file('weights.f64'), weight_dtype: 'float64', weight_bytes: 8 } : {}),
        compression,
      }),
    );
  }
  const id = o.id ?? path.basename(path.resolve(o.out));
  const categorical = obsColumns.filter((c) => c.kind === 'category');
  const continuous = obsColumns.filter((c) => c.kind === 'continuous');
  const identity = {
    version: 2,
    id,
    name: o.name ?? `Synthetic haematopoiesis (${n.toLocaleString('en-US')} cells)`,
    description:
      'Deterministic synthetic data: 12 clusters along a branching trajectory, made by scripts/generate-dataset.mjs.',
    created_at: '2026-01-01T00:00:00Z',
    cellucid_data_version: 'cellucid-viewer-generator',
    stats: {
      n_cells: n,
      n_genes: nGenes,
      n_obs_fields: obsColumns.length,
      n_categorical_fields: categorical.length,
      n_continuous_fields: continuous.length,
      has_connectivity: graph !== null,
      n_edges: graph ? graph.sources.length : null,
    },
    embeddings: { available_dimensions: dims, default_dimension: dims[dims.length - 1], files },
    // Manifest order (every continuous field, then every categorical one), or the columns' order.
    obs_fields: (format.identity === 'columns' ? obsColumns : [...continuous, ...categorical]).map((c) =>
      c.kind === 'continuous'
        ? { key: c.key, kind: 'continuous' }
        : { key: c.key, kind: 'category', n_categories: c.categories.length },
    ),
    export_settings: {
      compression: format.gzip ? 6 : null,
      var_quantization: format.bits,
      obs_continuous_quantization: format.bits,
      obs_categorical_dtype: wideCodes ? 'uint16' : 'uint8',
    },
  };
  const obsManifest = {
    _format: 'compact_v1',
    n_points: n,
    centroid_outlier_quantile: 0.95,
    latent_key: 'synthetic_latent',
    compression: format.gzip ? 6 : null,
    _obsSchemas: { continuous: format.valueSchema('obs'), categorical: format.categoricalSchema() },
    _continuousFields: continuousFields,
    _categoricalFields: categoricalFields,
  };
  if (format.identity) writeFileSync(path.join(o.out, 'dataset_identity.json'), JSON.stringify(identity, null, 2));
  writeFileSync(path.join(o.out, 'obs_manifest.json'), JSON.stringify(obsManifest));
  if (nGenes > 0) {
    const varManifest = {
      _format: 'compact_v1',
      n_points: n,
      var_gene_id_column: 'symbol',
      compression: format.gzip ? 6 : null,
      quantization: format.bits,
      _varSchema: { kind: 'continuous', ...format.valueSchema('var') },
      fields: varFields,
    };
    writeFileSync(path.join(o.out, 'var_manifest.json'), JSON.stringify(varManifest));
  }
  const obs = Object.fromEntries(obsColumns.map((c) => [c.key, c.kind === 'continuous' ? c.values : c.codes]));
  return { id, cells: n, genes: nGenes, dims, identity, embeddings, obs, geneValues };
}

/** A datasets.json catalog over generated folders (paths relative to the catalog). */
export function writeCatalog(root, summaries) {
  const catalog = {
    version: 1,
    default: summaries[0].id,
    datasets: summaries.map((s) => ({
      id: s.id,
      path: `${s.id}/`,
      name: s.identity.name,
      description: s.identity.description,
      n_cells: s.cells,
      n_genes: s.genes,
    })),
  };
  writeFileSync(path.join(root, 'datasets.json'), JSON.stringify(catalog, null, 2));
}
