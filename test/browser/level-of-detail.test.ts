import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { projectToScreen } from '../../src/core/camera/index.js';
import { lodLevelCounts, lodRanksInSteps } from '../../src/core/lod/order.js';
import { finishSteps } from '../../src/core/steps.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import type { DrawStats } from '../../src/render/level-of-detail.js';
import { DATASETS, DEMO, mountViewer } from './helpers.js';

const LARGE = `${DATASETS}synthetic-4k-3d/`;
const N = 4000;

/** Asks for a frame with the camera where it is (a frame at rest) and returns what it drew. */
async function restFrame(el: CellucidViewer): Promise<DrawStats> {
  el.renderer.requestDraw();
  await el.renderer.nextFrame();
  return (await el.renderer.drawStats())!;
}

/** Turns the camera a little (a moving frame) and returns what that frame drew. */
async function movingFrame(el: CellucidViewer): Promise<DrawStats> {
  const camera = el.getCamera();
  el.setCamera({ ...camera, orbit: { ...camera.orbit, theta: camera.orbit.theta + 0.01 } });
  await el.renderer.nextFrame();
  return (await el.renderer.drawStats())!;
}

/**
 * A viewer of the 4,000-cell dataset with level of detail on and a frame budget nothing fits, so
 * a moving frame always draws the coarsest level, however fast the machine; the camera never
 * settles on its own (frames at rest are asked for). Resolves once its embedding is in LOD order.
 */
async function lodViewer(): Promise<CellucidViewer> {
  const { el } = await mountViewer({ 'dataset-url': LARGE, lod: 'on', 'point-size': '8' }, { width: 400, height: 300 });
  el.renderer.settleMs = 1e9;
  el.renderer.setLod('on', 1e-9);
  await el.setActiveField(null);
  // The order is made in the render worker after the first frames, in steps between them.
  await frameUntil(
    () => restFrame(el),
    (s) => s.ordered,
    'in LOD order',
  );
  return el;
}

/** Repeats `frame` until what it drew passes `check` (a change reaches the renderer some tasks later). */
async function frameUntil(
  frame: () => Promise<DrawStats>,
  check: (s: DrawStats) => boolean,
  what: string,
): Promise<DrawStats> {
  for (let i = 0; i < 200; i++) {
    const stats = await frame();
    if (check(stats)) return stats;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no frame ${what}`);
}

/** The cell the coarsest level leaves out that lies farthest (on screen) from any other cell. */
async function isolatedCellLeftOut(el: CellucidViewer): Promise<number> {
  const xyz = await el.datasetSource!.loadPositions(3);
  const ranks = finishSteps(lodRanksInSteps(xyz, 3));
  const { width, height } = el.getBoundingClientRect();
  const camera = el.getCamera();
  const screen = Array.from({ length: N }, (_, i) =>
    projectToScreen(camera, width, height, [xyz[i * 3], xyz[i * 3 + 1], xyz[i * 3 + 2]]),
  );
  let best = -1;
  let bestRoom = 0;
  for (let i = 0; i < N; i++) {
    const p = screen[i];
    if (ranks[i] < lodLevelCounts(N)[0] || !p || p[0] < 20 || p[1] < 20 || p[0] > width - 20 || p[1] > height - 20)
      continue;
    let room = Infinity;
    for (let j = 0; j < N; j++) {
      const q = screen[j];
      if (j !== i && q) room = Math.min(room, Math.hypot(q[0] - p[0], q[1] - p[1]));
    }
    if (room > bestRoom) [best, bestRoom] = [i, room];
  }
  expect(bestRoom, 'room around the cell').to.be.above(8);
  return best;
}

/**
 * Whether a highlight outline (black on the light background) is drawn within `radius` CSS pixels
 * of a point (read from the canvas as it is, every pixel: the outline may be 1 px wide).
 */
async function ringNear(el: CellucidViewer, [x, y]: [number, number], radius = 10): Promise<boolean> {
  for (let dy = -radius; dy <= radius; dy++)
    for (let dx = -radius; dx <= radius; dx++) {
      const [r, g, b] = (await el.renderer.readPixel(x + dx, y + dy))!;
      if (r + g + b === 0) return true;
    }
  return false;
}

describe('<cellucid-viewer> level of detail', () => {
  let el: CellucidViewer;
  afterEach(() => el?.remove());

  it('a moving camera draws the coarsest level that fits, a camera at rest every cell', async () => {
    el = await lodViewer();
    const rest = await restFrame(el);
    expect(rest).to.include({ points: N, moving: false, level: -1 });
    const moving = await movingFrame(el);
    expect(moving).to.include({ moving: true, level: 0, points: lodLevelCounts(N)[0] });
    expect(moving.points).to.be.below(N);
    // The frame after the camera stopped draws every cell again.
    expect(await restFrame(el)).to.include({ points: N, moving: false, level: -1 });
    // A generous budget: a moving frame draws every level up to all cells.
    el.renderer.setLod('on', 1e9);
    expect(await movingFrame(el)).to.include({ moving: true, level: 17, points: N });
  });

  it('lod="off" draws every cell while moving; auto leaves small datasets in their own order', async () => {
    el = await lodViewer();
    el.setAttribute('lod', 'off');
    await el.updateComplete;
    expect(await movingFrame(el)).to.include({ moving: true, level: -1, points: N });
    el.remove();
    ({ el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` }));
    el.renderer.settleMs = 1e9;
    expect(await movingFrame(el)).to.include({ ordered: false, level: -1, points: 72 });
  });

  it('picking, lasso and highlight rings use every cell, not the level drawn', async () => {
    el = await lodViewer();
    const cell = await isolatedCellLeftOut(el);
    const id = el.createHighlight([cell], { label: 'left out' });
    const stats = await frameUntil(
      () => movingFrame(el),
      (s) => s.rings === 1,
      'with the ring',
    );
    expect(stats).to.include({ moving: true, level: 0, points: lodLevelCounts(N)[0] });
    // The frame drew the coarsest level without this cell, and still its ring.
    const camera = el.getCamera();
    const { width, height } = el.getBoundingClientRect();
    const xyz = await el.datasetSource!.loadPositions(3);
    const p = projectToScreen(camera, width, height, [xyz[cell * 3], xyz[cell * 3 + 1], xyz[cell * 3 + 2]])!;
    expect(await ringNear(el, [p[0], p[1]]), 'ring drawn around the cell left out').to.equal(true);
    el.deleteHighlight(id);
    await frameUntil(
      () => restFrame(el),
      (s) => s.rings === 0,
      'without rings',
    );
    expect(await ringNear(el, [p[0], p[1]]), 'no ring once the group is gone').to.equal(false);
    // Picking and the lasso, in the same moving state.
    expect(el.pickCell(p[0], p[1])).to.equal(cell);
    const d = 3;
    const lasso = el.selectInShape([
      [p[0] - d, p[1] - d],
      [p[0] + d, p[1] - d],
      [p[0] + d, p[1] + d],
      [p[0] - d, p[1] + d],
    ])!;
    expect([...el.getHighlightCells(lasso)]).to.include(cell);
  });
});
