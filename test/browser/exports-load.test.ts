// Export folders as the Cellucid exporters write them load and draw: prepared-mixed-3k (the
// python exporter's prepare(): identity fields in column order, manifest continuous first), and
// generated folders in every other layout and encoding (plain files, 16-bit, float32, no identity).
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { projectToScreen } from '../../src/core/camera/index.js';
import type { CategoricalFieldData } from '../../src/core/dataset/types.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DATASETS, mountViewer, pngPixels } from './helpers.js';

const MIXED = `${DATASETS}prepared-mixed-3k/`;

/** A fully saturated colour of the given hue (degrees), as #rrggbb. */
function hueColor(hue: number): string {
  const channel = (n: number) => {
    const k = (n + hue / 60) % 6;
    return Math.round(255 * (1 - Math.max(0, Math.min(k, 4 - k, 1))));
  };
  return `#${[5, 3, 1].map((n) => channel(n).toString(16).padStart(2, '0')).join('')}`;
}

function hueOf([r, g, b]: number[]): number {
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return NaN;
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return h * 60;
}

describe('<cellucid-viewer> with exports written by the Cellucid exporters', () => {
  const mounted: CellucidViewer[] = [];
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
  });

  it('loads prepared-mixed-3k and draws each cell in its category colour where it projects', async () => {
    const W = 600;
    const H = 450;
    const { el, load } = await mountViewer({ 'dataset-url': MIXED, 'point-size': '4' }, { width: W, height: H });
    mounted.push(el);
    expect(load).to.deep.equal({ datasetId: 'prepared-mixed-3k', cellCount: 3000, varCount: 20, dimensions: [2, 3] });
    await el.setDimension(2);
    // The first categorical field is coloured at load, as in the app.
    expect(el.getViewState().activeField).to.equal('obs:cell type');
    const source = el.datasetSource!;
    const positions = await source.loadPositions(2);
    const field = (await source.loadObsField('cell type')) as CategoricalFieldData;
    const camera = el.getCamera();
    const projected = Array.from({ length: 3000 }, (_, i) =>
      projectToScreen(camera, W, H, [positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]]),
    );
    // Nine colours 40° of hue apart: lighting scales a sprite's colour and adds white, neither of
    // which moves its hue, so each drawn cell's hue names its category.
    for (let c = 0; c < 9; c++) await el.setCategoryColor('obs:cell type', c, hueColor(c * 40));
    const image = await pngPixels(await el.toBlob());
    const scale = image.height / H;
    const checkedPerCategory = new Array(field.categories.length).fill(0);
    for (let i = 0; i < 3000; i++) {
      const p = projected[i];
      if (!p) continue;
      // Only cells no cell of another category (drawn later or earlier) can cover at their centre.
      const crowded = projected.some(
        (q, j) => j !== i && q && field.codes[j] !== field.codes[i] && Math.hypot(q[0] - p[0], q[1] - p[1]) < 5,
      );
      if (crowded) continue;
      const k = (Math.round(p[1] * scale) * image.width + Math.round(p[0] * scale)) * 4;
      const rgb = [image.data[k], image.data[k + 1], image.data[k + 2]];
      const category = Math.round(hueOf(rgb) / 40) % 9;
      expect(category, `cell ${i} drew rgb(${rgb})`).to.equal(field.codes[i]);
      checkedPerCategory[field.codes[i]]++;
    }
    expect(
      checkedPerCategory.every((n) => n >= 5),
      `cells checked per category: ${checkedPerCategory}`,
    ).to.equal(true);
  });

  it("lists prepared-mixed-3k's fields in the app's order: continuous, categorical, yours", async () => {
    const { el } = await mountViewer({ 'dataset-url': MIXED });
    mounted.push(el);
    await el.duplicateField('obs:total_counts', 'mine');
    await el.updateComplete;
    const groups = [...el.shadowRoot!.querySelectorAll('[part="field-select"] optgroup')].map((g) => [
      g.getAttribute('label'),
      [...g.querySelectorAll('option')].map((o) => o.textContent!.trim()),
    ]);
    expect(groups.slice(0, 2)).to.deep.equal([
      ['Cell fields', ['total_counts', 'pct_counts_mt', 'cell type', 'phase', 'donor']],
      ['Your fields', ['mine']],
    ]);
  });

  const generated: Array<[string, number[]]> = [
    ['index-plain-u16', [2, 3]],
    ['index-gz-f32', [2]],
    ['key-plain-f32', [1, 3]],
    ['key-gz-u16', [2]],
    ['key-gz-u8-no-identity', [2, 3]],
  ];
  for (const [name, dimensions] of generated)
    it(`loads and draws ${name}, coloured by a field and by a gene`, async () => {
      const { el, load } = await mountViewer({ 'dataset-url': `${DATASETS}generated/${name}/`, 'point-size': '4' });
      mounted.push(el);
      expect(load).to.deep.equal({ datasetId: name, cellCount: 300, varCount: 3, dimensions });
      expect(el.getViewState().activeField).to.equal('obs:cell_type');
      const inked = async () => {
        const image = await pngPixels(await el.toBlob());
        const bg = [image.data[0], image.data[1], image.data[2]];
        let count = 0;
        for (let i = 0; i < image.data.length; i += 4)
          if (Math.abs(image.data[i] - bg[0]) + Math.abs(image.data[i + 1] - bg[1]) > 30) count++;
        return count;
      };
      expect(await inked()).to.be.above(500);
      await el.setActiveField('var:GENE_001');
      await el.setActiveField('obs:pct_mito');
      expect(el.getViewState().visibleCount).to.equal(300);
      expect(await inked()).to.be.above(500);
    });
});
