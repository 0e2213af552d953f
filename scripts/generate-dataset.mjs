#!/usr/bin/env node
// Writes a deterministic synthetic Cellucid export folder.
// node scripts/generate-dataset.mjs [--cells 50000] [--genes 50] [--dims 2,3] [--neighbors 10] [--seed 42] [--out DIR]
// [--id ID] [--name NAME] [--catalog]
// Defaults make the demo dataset: 50,000 cells, 3-D and 2-D embeddings, 4 categorical and
// 3 continuous cell fields (pct_mito with missing values), 50 genes, a 10-nearest-neighbour
// connectivity graph (0 = none), gzip, 8-bit quantisation.
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
});
if (values.catalog) writeCatalog(path.dirname(path.resolve(values.out)), [summary]);
console.log(
  `wrote ${summary.cells.toLocaleString('en-US')} cells, ${summary.genes} genes ` +
    `(${summary.dims.join('-D, ')}-D) to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
