// Autosave when the page goes away: a page changed and then navigated away, reloaded or closed in the
// same task still stores that change, and the page opened again restores it. The page runs in
// a window of its own (test/browser/autosave-page.html), as a tab would.
import { expect } from '@open-wc/testing';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import type { RestoreEventDetail } from '../../src/element/events.js';
import { DEMO, until } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;
const PAGE = '/test/browser/autosave-page.html';

type PageWindow = Window & { viewer?: CellucidViewer; events?: Array<{ name: string; detail: unknown }> };

const loaded = (win: PageWindow) => !!win.events?.some((e) => e.name === 'cellucid-load');
const restored = (win: PageWindow) =>
  !!win.events?.some((e) => e.name === 'cellucid-restore' && (e.detail as RestoreEventDetail).phase === 'complete');

/** Opens the page in a window of its own; resolves once its viewer has loaded the dataset. */
async function openPage(key: string, extra = ''): Promise<PageWindow> {
  const url = `${PAGE}?dataset=${encodeURIComponent(TWO_D)}&key=${key}${extra}`;
  const win = window.open(url, '_blank') as PageWindow | null;
  if (!win) throw new Error('the page could not be opened');
  await until(() => loaded(win), 'the page loaded its dataset', 90_000);
  return win;
}

/**
 * The page's start-up has found no autosave and no published session to restore (its hint says
 * so): it reads storage no more, and the page now stands as a user would find it.
 */
const startedUp = (win: PageWindow) =>
  until(() => !!win.events?.some((e) => e.name === 'hint'), 'the start-up found nothing to restore', 90_000);

/** Changes the page's view (a camera move and a new highlight group): what a user would not want to lose. */
function change(win: PageWindow): void {
  const viewer = win.viewer!;
  const camera = viewer.getCamera();
  viewer.setCamera({ ...camera, orbit: { ...camera.orbit, radius: 3.3, targetRadius: 3.3 } });
  viewer.createHighlight([2, 5, 7, 71], { label: 'the last change' });
}

/** The page's viewer shows the change, restored from its autosave. */
async function expectChangeRestored(win: PageWindow): Promise<void> {
  await until(() => restored(win), 'the page restored its autosave', 90_000);
  const state = win.viewer!.getViewState();
  expect(state.camera.orbit.radius).to.equal(3.3);
  const group = state.highlights.pages.flatMap((p) => p.groups).find((g) => g.label === 'the last change');
  expect(group, 'the highlight group made last').to.not.equal(undefined);
  expect([...win.viewer!.getHighlightCells(group!.id)]).to.deep.equal([2, 5, 7, 71]);
}

describe('<cellucid-viewer> autosave when the page goes away', function () {
  // Each test opens a page twice; a busy machine makes that slow, not wrong.
  this.timeout(240_000);
  const open: PageWindow[] = [];
  afterEach(async () => {
    for (const win of open.splice(0)) {
      if (!win.closed && win.viewer) await win.viewer.clearAutosaves().catch(() => {});
      win.close();
    }
  });
  const key = (what: string) => `unload-${what}-${Math.random().toString(36).slice(2)}`;

  it('a page navigated away in the same task as a change restores it when opened again', async () => {
    const k = key('navigate');
    const win = await openPage(k);
    open.push(win);
    const viewer = win.viewer;
    await startedUp(win);
    change(win);
    win.location.href = `${PAGE}?dataset=${encodeURIComponent(TWO_D)}&key=${k}&again`;
    await until(() => win.viewer !== undefined && win.viewer !== viewer && loaded(win), 'the next page loaded');
    await expectChangeRestored(win);
  });

  it('a page reloaded in the same task as a change restores it', async () => {
    const k = key('reload');
    const win = await openPage(k);
    open.push(win);
    const viewer = win.viewer;
    await startedUp(win);
    change(win);
    win.location.reload();
    await until(() => win.viewer !== undefined && win.viewer !== viewer && loaded(win), 'the page reloaded');
    await expectChangeRestored(win);
  });

  for (const [what, extra] of [
    ['', ''],
    [' even when its database writes never commit (kept in localStorage)', '&dropslot'],
  ])
    it(`a window closed right after a change restores it when the page is opened again${what}`, async () => {
      const k = key('close');
      const win = await openPage(k, extra);
      await startedUp(win);
      change(win);
      win.close();
      await until(() => win.closed, 'the window closed');
      const again = await openPage(k);
      open.push(again);
      await expectChangeRestored(again);
    });
});
