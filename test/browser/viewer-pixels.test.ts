import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { projectToScreen } from '../../src/core/camera/index.js';
import type { CategoricalFieldData } from '../../src/core/dataset/types.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DEMO, mountViewer, pngPixels, waitForEvent, workersRefusing, until } from './helpers.js';

function nearest(rgb: number[], palette: number[][]): number {
  let best = -1;
  let bestD = Infinity;
  palette.forEach((p, i) => {
    // Compare chromaticity as well as value: lighting darkens a sprite but keeps its hue.
    const d = p.reduce((s, v, k) => s + (v - rgb[k]) ** 2, 0);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/**
 * Mounts the 2-D demo coloured by cell type and checks that each cell is drawn in its category's colour where it
 * projects.
 */
async function expectCategoryColoursWhereCellsProject(): Promise<void> {
  const W = 400;
  const H = 300;
  const { el } = await mountViewer(
    { 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, 'point-size': '6' },
    { width: W, height: H },
  );
  try {
    await el.setActiveField('obs:cell_type');
    const source = el.datasetSource!;
    const positions = await source.loadPositions(2);
    const field = (await source.loadObsField('cell_type')) as CategoricalFieldData;
    const camera = el.getCamera();
    const image = await pngPixels(await el.toBlob());
    const scale = image.height / H;
    const projected = Array.from({ length: source.dataset.cellCount }, (_, i) =>
      projectToScreen(camera, W, H, [positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]]),
    );
    // Shaded sprite centres are darker than the palette (lighting), so classify against
    // the palette scaled the same way for every class, plus the background.
    const palette = [
      [0, 114, 178],
      [230, 159, 0],
      [0, 158, 115],
    ];
    const background = [image.data[0], image.data[1], image.data[2]];
    let checked = 0;
    for (let i = 0; i < projected.length; i++) {
      const p = projected[i];
      if (!p) continue;
      // Skip cells with a neighbour of another category close enough to overlap the centre.
      const crowded = projected.some(
        (q, j) => j !== i && q && field.codes[j] !== field.codes[i] && Math.hypot(q[0] - p[0], q[1] - p[1]) < 8,
      );
      if (crowded) continue;
      const x = Math.round(p[0] * scale);
      const y = Math.round(p[1] * scale);
      const k = (y * image.width + x) * 4;
      const rgb = [image.data[k], image.data[k + 1], image.data[k + 2]];
      const shadedPalette = palette.map((c) => c.map((v) => v * 0.82));
      const cls = nearest(rgb, [...shadedPalette, background]);
      expect(cls, `cell ${i} at (${x},${y}) drew rgb(${rgb}) `).to.equal(field.codes[i]);
      checked++;
    }
    expect(checked).to.be.greaterThan(30);
  } finally {
    el.remove();
  }
}

/** Runs `body` with `target[key]` replaced by `value`, then puts the original back. */
async function withReplaced<T extends object>(
  target: T,
  key: string,
  value: unknown,
  body: () => Promise<void>,
): Promise<void> {
  const had = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  try {
    await body();
  } finally {
    if (had) Object.defineProperty(target, key, had);
    else delete (target as Record<string, unknown>)[key];
  }
}

describe('<cellucid-viewer> pixels', () => {
  it('draws cells of each category in that category colour where they project', expectCategoryColoursWhereCellsProject);

  it('draws on the page where a canvas cannot be transferred to a worker', () =>
    withReplaced(
      HTMLCanvasElement.prototype,
      'transferControlToOffscreen',
      undefined,
      expectCategoryColoursWhereCellsProject,
    ));

  // Only the named worker is refused; the others start as usual.
  it('draws on the page when the render worker cannot start (as under a strict CSP)', () =>
    withReplaced(window, 'Worker', workersRefusing(/render\.worker/), expectCategoryColoursWhereCellsProject));

  it('fetches and decodes on the page when the decode workers cannot start', () =>
    withReplaced(window, 'Worker', workersRefusing(/decode\.worker/), expectCategoryColoursWhereCellsProject));

  it('says once, in plain words, that a browser without DecompressionStream is too old, before any fetch', () =>
    withReplaced(window, 'DecompressionStream', undefined, async () => {
      const el = document.createElement('cellucid-viewer') as CellucidViewer;
      // A folder that does not exist: a fetch would have failed with "not found" instead.
      const folder = `${DEMO}no-such-folder/`;
      const errors: Array<{ kind: string; message: string }> = [];
      el.addEventListener('cellucid-error', (e) => errors.push(e.detail));
      el.setAttribute('autosave', 'off');
      el.setAttribute('dataset-url', folder);
      document.body.appendChild(el);
      try {
        await until(() => errors.length > 0, 'a cellucid-error');
        await el.updateComplete;
        expect(errors).to.have.length(1);
        expect(errors[0].kind).to.equal('dataset');
        expect(errors[0].message).to.match(
          /too old.*DecompressionStream.*Chrome or Edge 80, Firefox 113, Safari 16\.4/,
        );
        expect(el.shadowRoot!.textContent).to.contain('This browser is too old for the viewer');
      } finally {
        el.remove();
      }
    }));

  it('puts the legend to the right of the cells in the PNG', async () => {
    const { el } = await mountViewer(
      { 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, 'point-size': '4' },
      { width: 200, height: 150 },
    );
    try {
      await el.setActiveField('obs:cell_type');
      const image = await pngPixels(await el.toBlob());
      const cellsWidth = el.shadowRoot!.querySelector('canvas')!.width;
      expect(image.width).to.be.greaterThan(cellsWidth);
      // Legend text and swatches: pixels that are not the background right of the cells.
      let legendInk = 0;
      for (let y = 0; y < image.height; y++) {
        for (let x = cellsWidth; x < image.width; x++) if (image.data[(y * image.width + x) * 4] !== 246) legendInk++;
      }
      expect(legendInk).to.be.greaterThan(50);
    } finally {
      el.remove();
    }
  });

  it('draws the background where there are no cells and nothing after removal', async () => {
    const { el } = await mountViewer(
      { 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, 'point-size': '4' },
      { width: 200, height: 150 },
    );
    const image = await pngPixels(await el.toBlob());
    // Top-left corner is outside the data's projected bounds.
    expect([image.data[0], image.data[1], image.data[2]]).to.deep.equal([246, 246, 247]);
    el.remove();
    await nextTask();
    // A removed viewer gives its GL context back: its canvas is blank, with no context.
    expect(el.shadowRoot!.querySelector('canvas')!.getContext('2d')).to.not.equal(null);
    // Put back, it loads its dataset again and draws.
    const reloaded = waitForEvent(el, 'cellucid-load');
    document.body.appendChild(el);
    await reloaded;
    expect(await inkedPixels(el)).to.be.greaterThan(100);
    el.remove();
  });

  it('keeps its dataset, renderer and state when moved within the page', async () => {
    const { el } = await mountViewer(
      { 'dataset-url': `${DEMO}synthetic-cell-types-2d/`, 'point-size': '4' },
      { width: 200, height: 150 },
    );
    const elsewhere = document.body.appendChild(document.createElement('section'));
    try {
      await el.setActiveField('obs:cell_type');
      const group = await el.highlightCategory('obs:cell_type', 0);
      const before = el.getViewState();
      const source = el.datasetSource;
      const canvas = el.shadowRoot!.querySelector('canvas');
      let reloads = 0;
      el.addEventListener('cellucid-load', () => reloads++);
      elsewhere.appendChild(el);
      await nextTask();
      await nextTask();
      expect(el.datasetSource, 'the same open dataset').to.equal(source);
      expect(el.shadowRoot!.querySelector('canvas'), 'the same canvas and renderer').to.equal(canvas);
      expect(reloads).to.equal(0);
      expect(el.getViewState()).to.deep.equal(before);
      expect(el.getHighlightCells(group).length).to.be.greaterThan(0);
      el.resetCamera();
      expect(await inkedPixels(el)).to.be.greaterThan(100);
    } finally {
      el.remove();
      elsewhere.remove();
    }
  });

  it('finishes loading when moved while its dataset loads', async () => {
    const el = document.createElement('cellucid-viewer');
    el.style.cssText = 'display:block;width:200px;height:150px';
    el.setAttribute('autosave', 'off');
    el.setAttribute('dataset-url', `${DEMO}synthetic-cell-types-2d/`);
    const elsewhere = document.body.appendChild(document.createElement('section'));
    const loaded = waitForEvent(el, 'cellucid-load');
    document.body.appendChild(el);
    await nextTask();
    elsewhere.appendChild(el);
    try {
      await loaded;
      expect(await inkedPixels(el)).to.be.greaterThan(100);
    } finally {
      el.remove();
      elsewhere.remove();
    }
  });

  it('shows the view it had when put back after a removal', async () => {
    const { el } = await mountViewer(
      { 'dataset-url': `${DEMO}synthetic-development-3d/`, 'point-size': '4' },
      { width: 200, height: 150 },
    );
    try {
      await el.setActiveField('obs:timepoint');
      await el.highlightCategory('obs:timepoint', 1, { label: 'kept' });
      el.setCamera({ ...el.getCamera(), orbit: { ...el.getCamera().orbit, radius: 2.5 } });
      const before = el.getViewState();
      const picture = await pngPixels(await el.toBlob());
      el.remove();
      await nextTask();
      const reloaded = waitForEvent(el, 'cellucid-load');
      document.body.appendChild(el);
      await reloaded;
      // The view is applied after the load event: wait for it, then compare (a diff on failure).
      await until(() => JSON.stringify(el.getViewState()) === JSON.stringify(before), 'the view is back').catch(
        () => {},
      );
      expect(el.getViewState()).to.deep.equal(before);
      const again = await pngPixels(await el.toBlob());
      expect(again.data).to.deep.equal(picture.data);
    } finally {
      el.remove();
    }
  });
});

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Pixels of the viewer's PNG that are not the light theme's background. */
async function inkedPixels(el: CellucidViewer): Promise<number> {
  const image = await pngPixels(await el.toBlob());
  let inked = 0;
  for (let i = 0; i < image.data.length; i += 4) if (image.data[i] !== 246) inked++;
  return inked;
}
