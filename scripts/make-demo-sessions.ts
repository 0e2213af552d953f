// Writes the demo's published sessions beside the demo dataset: a state-snapshots.json default
// view and a figure view named by session-url, through the same writer the viewer uses.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDataset } from '../src/core/dataset/index.js';
import { computeCellOrderDigest, writeSessionBundle } from '../src/core/session/index.js';
import { defaultCameraState } from '../src/core/camera/index.js';
import { defaultPointSize } from '../src/core/color/point-size.js';
import { defaultPersistedView, viewToDocument, type PersistedView } from '../src/core/state/session-mapping.js';
import { fileFetch } from '../src/cli/file-fetch.js';

const folder = path.resolve(process.argv[2] ?? 'demo/data/demo-50k');
const source = await loadDataset(pathToFileURL(folder + path.sep).href, { fetch: fileFetch });
const ds = source.dataset;

async function write(file: string, view: PersistedView) {
  const positions = await source.loadPositions(view.dimension);
  const fingerprint = {
    sourceType: 'local-demo',
    datasetId: ds.identity.id,
    cellCount: ds.cellCount,
    varCount: ds.varCount,
    cellOrder: { dimension: view.dimension, digest: computeCellOrderDigest(positions) },
  };
  const target = path.join(folder, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(
    target,
    // The dataset's own default point size: without it the session holds a 1-cell dataset's (the slider's top).
    await writeSessionBundle(viewToDocument({ ...view, pointSize: view.pointSize ?? defaultPointSize(ds.cellCount) }), {
      fingerprint,
      createdAt: new Date('2026-01-01T00:00:00.000Z'),
    }),
  );
}

const orbit = defaultCameraState(3);
await write('views/default.cellucid-session', {
  ...defaultPersistedView(3, { source: 'obs', key: 'pseudotime' }),
  camera: { ...orbit, orbit: { ...orbit.orbit, theta: 1.1, phi: 1.0, radius: 2.6, targetRadius: 2.6 } },
  colorScales: { 'obs:pseudotime': { colormap: 'plasma', log: false } },
});
// The figure: a gene beside a snapshot coloured by cell type, with the first cell type's cells
// highlighted, so a reader sees where the gene is expressed against the types.
const types = await source.loadObsField('cell_type');
if (types.kind !== 'category') throw new Error('the demo dataset has no categorical cell_type field');
const firstType = [];
for (let i = 0; i < types.codes.length; i++) if (types.codes[i] === 0) firstType.push(i);
await write('views/figure-gene.cellucid-session', {
  ...defaultPersistedView(2, { source: 'var', key: 'GENE_004' }),
  colorScales: { 'var:GENE_004': { colormap: 'magma', log: false } },
  highlights: {
    activePageId: 'page_1',
    pages: [
      {
        id: 'page_1',
        name: 'Cell types',
        color: '#2563eb',
        groups: [
          {
            id: 'highlight_1',
            type: 'category',
            label: `cell_type: ${types.categories[0]}`,
            enabled: true,
            cells: Uint32Array.from(firstType),
            fieldKey: 'cell_type',
            fieldIndex: 0,
            fieldSource: 'obs',
            categoryIndex: 0,
            categoryName: types.categories[0],
          },
        ],
      },
    ],
  },
  views: {
    layout: 'grid',
    activeId: 'live',
    camerasLocked: true,
    snapshots: [
      {
        id: 'snap_1',
        label: 'by cell_type',
        activeField: { source: 'obs', key: 'cell_type' },
        fieldKind: 'category',
        dimension: 2,
        camera: defaultCameraState(2),
        filters: { categories: {}, ranges: {} },
        filtersText: [],
      },
    ],
  },
});
writeFileSync(
  path.join(folder, 'state-snapshots.json'),
  JSON.stringify({ states: ['views/default.cellucid-session'] }, null, 2),
);
console.log(`wrote the demo sessions and state-snapshots.json to ${folder}`);
