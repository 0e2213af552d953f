// What the fuzzer starts from: valid sessions of the 72-cell demo dataset (the strict and legacy
// fixtures, one the Cellucid app wrote, and one this viewer's writer makes from a view that uses
// every family: user fields of both kinds, highlights, filters, colours, snapshots), and the
// dataset's fields as the element gives them to the session-to-view mapping.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultCameraState } from '../../../../src/core/camera/index.js';
import { loadDataset } from '../../../../src/core/dataset/index.js';
import { writeSessionBundle } from '../../../../src/core/session/index.js';
import { emptyOverlays, fieldFromHighlightPages } from '../../../../src/core/state/field-overlays.js';
import type { HighlightPage } from '../../../../src/core/state/highlights.js';
import { viewToDocument, type FieldCatalog, type PersistedView } from '../../../../src/core/state/session-mapping.js';
import { FIXTURE_SESSIONS } from '../../../fixtures/paths.js';
import { BASE, fsFetch } from '../../dataset/fs-fetch.js';
import { DEMO_FINGERPRINT } from '../build-session.js';
import { frame, parseBundle, type SeedBundle } from './bundle.js';

export const CURRENT = DEMO_FINGERPRINT;

export async function demoCatalog(): Promise<FieldCatalog> {
  const { dataset } = await loadDataset(`${BASE}cellucid-demo/synthetic-cell-types-2d/`, { fetch: fsFetch().fetch });
  const categories = new Map<string, readonly string[]>();
  for (const f of dataset.obsFields) if (f.kind === 'category') categories.set(f.key, f.categories);
  return {
    obs: new Set(dataset.obsFields.map((f) => f.key)),
    var: new Set(dataset.genes.map((g) => g.key)),
    categories,
    dimensions: dataset.dimensions,
  };
}

export async function seedBundles(): Promise<SeedBundle[]> {
  const fixtures = ['strict-full', 'legacy-full', 'app-exact-2d'].map((name) =>
    parseBundle(name, new Uint8Array(readFileSync(path.join(FIXTURE_SESSIONS, `${name}.cellucid-session`)))),
  );
  return [...fixtures, await writtenSeed()];
}

/** A session this viewer writes, its chunks gzipped again by node:zlib so the seed is the same on every run. */
async function writtenSeed(): Promise<SeedBundle> {
  const written = await writeSessionBundle(viewToDocument(richView()), {
    fingerprint: CURRENT,
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
  });
  const parsed = parseBundle('written', written);
  const chunks = parsed.chunks.map((c) => {
    const stored = c.entry.codec === 'gzip' ? new Uint8Array(gzipSync(c.payload)) : c.stored;
    return { ...c, stored, entry: { ...c.entry, storedBytes: stored.length } };
  });
  const manifest = { ...parsed.manifest, chunks: chunks.map((c) => c.entry) };
  const bytes = frame(
    new TextEncoder().encode(JSON.stringify(manifest)),
    chunks.map((c) => c.stored),
  );
  return { name: 'written', bytes, manifest, chunks };
}

function richView(): PersistedView {
  const camera = defaultCameraState(2);
  const page: HighlightPage = {
    id: 'page_1',
    name: 'Mine',
    color: '#dc2626',
    groups: [
      { id: 'highlight_1', type: 'lasso', label: 'Left', enabled: true, cells: Uint32Array.from([0, 5, 70]) },
      { id: 'highlight_2', type: 'lasso', label: 'Right', enabled: false, cells: Uint32Array.from([1, 2, 3, 71]) },
    ],
  };
  const overlays = emptyOverlays();
  overlays.userFields.push(fieldFromHighlightPages([page], 72, 'udf_1', 'my_groups'), {
    kind: 'continuous',
    source: 'var',
    id: 'udf_2',
    key: 'marker copy',
    sourceKey: 'SYN_MARKER_A',
    extra: {
      sourceField: { kind: 'gene-expression', sourceKey: 'SYN_MARKER_A' },
      operation: { type: 'copy-field', source: 'var', sourceKey: 'SYN_MARKER_A' },
      createdAt: 6,
    },
  });
  overlays.fieldRenames.set('obs:cell_type', 'Cell type');
  overlays.categoryRenames.set('obs:9:cell_type:s:type-a', 'Alpha');
  overlays.deleted.add('obs:batch');
  return {
    camera: { ...camera, orbit: { ...camera.orbit, target: [0.1, -0.2, 0], radius: 2, targetRadius: 2 } },
    dimension: 2,
    activeField: { source: 'obs', key: 'my_groups' },
    colorScales: { 'var:SYN_MARKER_A': { colormap: 'magma', log: true } },
    categoryColors: { cell_type: { 'type-a': '#ff8000' }, my_groups: { Mine: '#102030' } },
    pointSize: 7,
    theme: 'dark',
    background: '#102030',
    panels: { legend: false, highlights: true },
    panelPositions: { legend: { x: 12.5, y: 40 }, highlights: null },
    filters: {
      categories: {
        cell_type: { hidden: ['type-b'], enabled: false },
        my_groups: { hidden: ['Mine'], enabled: true },
      },
      ranges: { 'obs:quality_score': { min: 0.75, max: 0.8, enabled: true } },
    },
    highlights: { pages: [page], activePageId: 'page_1' },
    overlays,
    views: {
      layout: 'grid',
      activeId: 'snap_1',
      camerasLocked: false,
      snapshots: [
        {
          id: 'snap_1',
          label: 'by cell type',
          activeField: { source: 'obs', key: 'cell_type' },
          fieldKind: 'category',
          dimension: 2,
          camera,
          filters: { categories: { batch: { hidden: ['b2'], enabled: true } }, ranges: {} },
          filtersText: ['batch: 1 hidden'],
        },
      ],
    },
    outlierThreshold: 0.5,
  };
}
