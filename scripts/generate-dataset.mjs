#!/usr/bin/env node
// Writes a deterministic synthetic Cellucid export folder.
// node scripts/generate-dataset.mjs [--cells 50000] [--genes 50] [--dims 2,3] [--neighbors 10] [--seed 42] [--out DIR]
// [--id ID] [--name NAME] [--catalog] [--layout index|key] [--plain] [--bits 8|16|32]
// [--identity manifest|columns|none]
// Defaults make the demo dataset: 50,000 cells, 3-D and 2-D embeddings, 4 categorical and
// 3 continuous cell fields (pct_mito with missing values), 50 genes, a 10-nearest-neighbour
// connectivity graph (0 = none), gzip, 8-bit quantisation, files named by index. The format
// options write what other exporters do: file names by key, plain files, 16-bit or float32
// values, the identity's fields in column order, or no dataset_identity.json at all.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCatalog, writeSyntheticExport } from './lib/synthetic-export.mjs';

const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '50000' },
    genes: { type: 'string', default: '50' },
    dims: { type: 'string', default: '2,3' },
    neighbors: { type: 'string', default: '10' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string', default: 'demo/data/demo-50k' },
    id: { type: 'string' },
    name: { type: 'string' },
    catalog: { type: 'boolean', default: false },
    layout: { type: 'string', default: 'index' },
    plain: { type: 'boolean', default: false },
    bits: { type: 'string', default: '8' },
    identity: { type: 'string', default: 'manifest' },
  },
});

const cells = Number(values.cells);
const genes = Number(values.genes);
const dims = values.dims.split(',').map(Number);
if (!Number.isSafeInteger(cells) || cells <= 0) throw new Error('--cells must be a positive integer');
if (!Number.isSafeInteger(genes) || genes < 0) throw new Error('--genes must be a non-negative integer');
const neighbors = Number(values.neighbors);
if (!Number.isSafeInteger(neighbors) || neighbors < 0 || neighbors > 100)
  throw new Error('--neighbors must be an integer from 0 to 100');
if (dims.length === 0 || dims.some((d) => ![1, 2, 3].includes(d))) throw new Error('--dims must list 1, 2 and/or 3');
if (!['index', 'key'].includes(values.layout)) throw new Error('--layout must be index or key');
if (!['8', '16', '32'].includes(values.bits)) throw new Error('--bits must be 8, 16 or 32 (float32)');
if (!['manifest', 'columns', 'none'].includes(values.identity))
  throw new Error('--identity must be manifest, columns or none');
const format = {
  layout: values.layout,
  gzip: !values.plain,
  bits: values.bits === '32' ? null : Number(values.bits),
  identity: values.identity === 'none' ? null : values.identity,
};

const started = Date.now();
const summary = writeSyntheticExport({
  cells,
  genes,
  dims,
  neighbors,
  out: values.out,
  seed: Number(values.seed),
  id: values.id,
  name: values.name,
  format,
});
if (values.catalog) writeCatalog(path.dirname(path.resolve(values.out)), [summary]);
console.log(
  `wrote ${summary.cells.toLocaleString('en-US')} cells, ${summary.genes} genes ` +
    `(${summary.dims.join('-D, ')}-D) to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
