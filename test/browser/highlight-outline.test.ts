// Highlights as a figure shows them: each highlighted cell keeps its own colour (its legend
// swatch) and gets a thin outline in a colour the palette does not use; the PNG carries a key.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DATASETS, DEMO, mountViewer, pngPixels } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;
/** 3,000 cells: in 2-D its groups are dense discs of overlapping points. */
const DENSE = `${DATASETS}prepared-mixed-3k/`;

type RGB = [number, number, number];
const at = (d: ImageData, i: number): RGB => [d.data[4 * i], d.data[4 * i + 1], d.data[4 * i + 2]];
const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const cellsAlone = async (el: CellucidViewer) => pngPixels(await el.toBlob({ legend: false }));
const everyCell = (n: number) => [...Array(n).keys()];

/** The colour most of the pixels that a highlight changed (more than rounding) turned into: the outline's. */
function outlineOf(before: ImageData, after: ImageData): RGB {
  const counts = new Map<string, number>();
  for (let i = 0; i < before.width * before.height; i++) {
    const c = at(after, i);
    if (distance(c, at(before, i)) > 60) counts.set(`${c}`, (counts.get(`${c}`) ?? 0) + 1);
  }
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  return top[0].split(',').map(Number) as RGB;
}

/** The legend's swatch colours (what the palette paints categories with). */
function swatches(el: CellucidViewer): RGB[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input.swatch')].map(
    (s) => [1, 3, 5].map((k) => parseInt(s.value.slice(k, k + 2), 16)) as RGB,
  );
}

async function denseViewer(attrs: Record<string, string> = {}): Promise<CellucidViewer> {
  const { el } = await mountViewer({ 'dataset-url': DENSE, ...attrs });
  await el.setDimension(2);
  await el.setActiveField('obs:cell type');
  return el;
}

describe('<cellucid-viewer> highlight outlines', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  for (const [name, url] of [
    ['the 72-cell plot', TWO_D],
    ['the dense 3,000-cell plot', DENSE],
  ]) {
    it(`highlighting every cell of ${name} leaves at least half of the drawn pixels in their own colour`, async () => {
      const { el: viewer, load } = await mountViewer({ 'dataset-url': url });
      el = viewer;
      await el.setDimension(2);
      await el.setActiveField(url === DENSE ? 'obs:cell type' : 'obs:cell_type');
      const before = await cellsAlone(el);
      const background = at(before, 0);
      el.createHighlight(everyCell(load.cellCount));
      const after = await cellsAlone(el);
      let drawn = 0;
      let kept = 0;
      for (let i = 0; i < before.width * before.height; i++) {
        if (distance(at(before, i), background) === 0) continue;
        drawn++;
        // Within rounding of the same colour (a cell drawn over its outline is drawn unblended).
        if (distance(at(after, i), at(before, i)) <= 24) kept++;
      }
      expect(drawn).to.be.above(1000);
      expect(kept / drawn, `${kept} of ${drawn} drawn pixels kept their colour`).to.be.at.least(0.5);
      expect(outlineOf(before, after), 'the outline colour').to.deep.equal([0, 0, 0]);
    });
  }

  it('a highlighted group in a dense region is outlined and keeps its fill colour', async () => {
    el = await denseViewer();
    const before = await cellsAlone(el);
    const swatch = swatches(el)[0];
    const near = (d: ImageData) => {
      let n = 0;
      for (let i = 0; i < d.width * d.height; i++) if (distance(at(d, i), swatch) < 60) n++;
      return n;
    };
    const fillBefore = near(before);
    expect(fillBefore, 'pixels in the first category’s colour').to.be.above(500);
    await el.highlightCategory('obs:cell type', 0);
    const after = await cellsAlone(el);
    const outline = outlineOf(before, after);
    let outlined = 0;
    for (let i = 0; i < after.width * after.height; i++) if (distance(at(after, i), outline) === 0) outlined++;
    expect(outlined, 'pixels of the outline colour').to.be.above(200);
    expect(near(after) / fillBefore, 'the group’s fill colour is still there').to.be.above(0.6);
  });

  it('the outline colour is never one of the palette’s: black on light, white on dark, else magenta', async () => {
    el = await denseViewer();
    let before = await cellsAlone(el);
    const group = await el.highlightCategory('obs:cell type', 1);
    let outline = outlineOf(before, await cellsAlone(el));
    expect(outline).to.deep.equal([0, 0, 0]);
    for (const c of swatches(el)) expect(distance(c, outline), `swatch ${c}`).to.be.at.least(64);

    // A category painted black: the outline leaves black for a colour the palette lacks.
    el.deleteHighlight(group);
    el.setCategoryColor('obs:cell type', 0, '#000000');
    before = await cellsAlone(el);
    el.createHighlight(everyCell(3000));
    outline = outlineOf(before, await cellsAlone(el));
    expect(outline).to.deep.equal([255, 0, 255]);
    for (const c of swatches(el)) expect(distance(c, outline), `swatch ${c}`).to.be.at.least(64);
  });

  it('on the dark theme the outline is white', async () => {
    el = await denseViewer({ theme: 'dark' });
    const before = await cellsAlone(el);
    await el.highlightCategory('obs:cell type', 2);
    expect(outlineOf(before, await cellsAlone(el))).to.deep.equal([255, 255, 255]);
  });

  it('toBlob() draws the legend and a key of the shown groups; { legend: false } the cells alone', async () => {
    ({ el } = await mountViewer({ 'dataset-url': TWO_D }));
    const canvas = { width: 400 * devicePixelRatio, height: 300 * devicePixelRatio }; // the element's size
    const alone = await cellsAlone(el);
    expect([alone.width, alone.height]).to.deep.equal([canvas.width, canvas.height]);
    // Without a coloured field and without groups there is nothing to explain: no column.
    await el.setActiveField(null);
    expect((await pngPixels(await el.toBlob())).width).to.equal(canvas.width);

    const column = async (blob: Blob) => {
      const image = await pngPixels(blob);
      const ink = new Set<string>();
      for (let y = 0; y < image.height; y++)
        for (let x = canvas.width; x < image.width; x++) ink.add(`${at(image, y * image.width + x)}`);
      return { width: image.width, ink };
    };
    el.createHighlight([3, 5, 40], { label: 'Picked' });
    const keyOnly = await column(await el.toBlob());
    expect(keyOnly.width, 'a column for the key').to.equal(canvas.width + 220);
    expect(keyOnly.ink.has('0,0,0'), 'the key’s ring in the outline colour').to.equal(true);
    expect((await pngPixels(await el.toBlob({ legend: false }))).width).to.equal(canvas.width);

    await el.setActiveField('obs:cell_type');
    const both = await column(await el.toBlob());
    expect(both.width).to.equal(canvas.width + 220);
    for (const c of swatches(el)) expect(both.ink.has(`${c}`), `legend swatch ${c}`).to.equal(true);
    expect(both.ink.size, 'legend rows drawn as well as the key').to.be.above(keyOnly.ink.size);
    const off = await pngPixels(await el.toBlob({ legend: false }));
    expect(off.width).to.equal(canvas.width);
  });
});
