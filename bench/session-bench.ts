// Session bundle size and speed for 1M cells with 8 highlight groups of 125k random cells and
// one user-defined field, plus the cell-order digest of 1M cells.
import {
  computeCellOrderDigest,
  emptyDocument,
  readSessionDocument,
  writeSessionBundle,
} from '../src/core/session/index.js';

const N = 1_000_000;
let seed = 12345;
const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;

const doc = emptyDocument();
doc.highlights = {
  pages: [{ id: 'page_1', name: 'Page 1', color: '#2563eb', highlightedGroups: [] }],
  activePageId: 'page_1',
};
for (let g = 1; g <= 8; g++) {
  const chosen = new Uint8Array(N);
  let k = 0;
  while (k < 125_000) {
    const i = Math.floor(random() * N);
    if (!chosen[i]) {
      chosen[i] = 1;
      k++;
    }
  }
  const cells = new Uint32Array(125_000);
  for (let i = 0, j = 0; i < N; i++) if (chosen[i]) cells[j++] = i;
  doc.highlights.pages[0].highlightedGroups.push({
    id: `highlight_${g}`,
    type: 'lasso',
    label: `Group ${g}`,
    enabled: true,
    cellCount: cells.length,
  });
  doc.highlightCells.set(`highlight_${g}`, cells);
}
const codes = new Uint8Array(N);
for (let i = 0; i < N; i++) codes[i] = Math.floor(random() * 4);
doc.fieldOverlays = {
  renames: { fields: {}, categories: {} },
  deletedFields: { deleted: [], purged: [] },
  userDefinedFields: [
    {
      id: 'udf_1',
      source: 'obs',
      kind: 'category',
      key: 'my_groups',
      isDeleted: false,
      isPurged: false,
      categories: ['A', 'B', 'C', 'D'],
      codesLength: N,
      codesType: 'Uint8Array',
      extra: {},
    },
  ],
};
doc.userDefinedCodes.set('udf_1', { encoding: 0, codes });

const positions = new Float32Array(N * 3);
for (let i = 0; i < positions.length; i++) positions[i] = random() * 2 - 1;
const fingerprint = {
  sourceType: 'local-demo',
  datasetId: 'bench',
  cellCount: N,
  varCount: 0,
  cellOrder: { dimension: 3 as const, digest: computeCellOrderDigest(positions) },
};

const time = async (fn: () => unknown, runs = 3) => {
  const ts: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return ts.sort((a, b) => a - b)[Math.floor(runs / 2)];
};

let bytes = new Uint8Array();
const encodeMs = await time(() => (bytes = await writeSessionBundle(doc, { fingerprint })));
const decodeMs = await time(() => readSessionDocument(bytes, { current: fingerprint }));
const digestMs = await time(() => computeCellOrderDigest(positions), 5);
const raw = 8 * 125_000 * 4 + N;

console.log('| session benchmark (Node) | value |');
console.log('|---|---:|');
console.log(
  `| bundle bytes (8 × 125k-cell groups + one 1M-cell user field) | ${bytes.length.toLocaleString('en-US')} |`,
);
console.log(`| raw Uint32 indices + Uint8 codes | ${raw.toLocaleString('en-US')} |`);
console.log(`| size ratio to raw | ${(bytes.length / raw).toFixed(3)} |`);
console.log(`| encode ms | ${encodeMs.toFixed(0)} |`);
console.log(`| decode ms | ${decodeMs.toFixed(0)} |`);
console.log(`| cell-order digest of 1M cells ms (target ≤ 20) | ${digestMs.toFixed(1)} |`);
