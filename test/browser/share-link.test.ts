// Share links, as a reader of a page meets them: a link opens the view it holds (before an
// autosave), each viewer of a page reads its own parameter, a link of another dataset or a broken
// one is said in plain words and the viewer opens as usual, and a view too big for a link says what
// it left out and offers a file instead.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import type { ShareEventDetail } from '../../src/element/events.js';
import { readShareParameter } from '../../src/core/share/index.js';
import { DATASETS, DEMO, differingPixels, mountViewer, noPublishedSession, until, waitForEvent } from './helpers.js';

const TWO_D = `${DEMO}synthetic-cell-types-2d/`;
const THREE_D = `${DEMO}synthetic-development-3d/`;
const LARGE = `${DATASETS}synthetic-4k-3d/`;
const PAGE = location.href;

const q = (el: CellucidViewer, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

/** The page's address as a reader opening `url` has it (the test page stays where it is). */
function openAt(url: string): void {
  history.replaceState(null, '', url);
}

/** Resolves with the report of the next complete restore of the viewer with this id (or no id). */
function restoredFor(id: string): Promise<CustomEvent> {
  return new Promise((resolve) => {
    const onRestore = (e: Event) => {
      const ev = e as CustomEvent;
      if (ev.detail.phase !== 'complete' || (e.target as HTMLElement).id !== id) return;
      document.removeEventListener('cellucid-restore', onRestore);
      resolve(ev);
    };
    document.addEventListener('cellucid-restore', onRestore);
  });
}

/** Random distinct cells below n (a fixed seed). */
function someCells(n: number, count: number, seed: number): number[] {
  const set = new Set<number>();
  let s = seed;
  while (set.size < count) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    set.add(s % n);
  }
  return [...set];
}

/** Resolves once the viewer has written an autosave (it waits for a quiet moment first). */
async function waitForAutosave(el: CellucidViewer): Promise<void> {
  while ((await el.listAutosaves()).length === 0) await new Promise((r) => setTimeout(r, 100));
}

describe('<cellucid-viewer> share links', () => {
  const mounted: CellucidViewer[] = [];
  const mount = async (attrs: Record<string, string>, size?: { width: number; height: number }) => {
    const { el } = await mountViewer(attrs, size);
    mounted.push(el);
    return el;
  };
  afterEach(async () => {
    openAt(PAGE);
    for (const el of mounted.splice(0)) {
      if (el.getAttribute('autosave') === 'on') await el.clearAutosaves().catch(() => {});
      el.remove();
    }
  });

  it('a link opens a fresh viewer on the same view: identical state and pixels', async () => {
    const a = await mount({ 'dataset-url': TWO_D });
    await a.setActiveField('obs:batch');
    await a.setCategoryVisible('obs:cell_type', 'type-b', false);
    await a.setRange('obs:library_size', { min: 950, max: 1200 });
    a.renameField('obs:batch', 'Batch <b>1</b>');
    a.renameCategory('obs:batch', 'batch-2', 'Second');
    const camera = a.getCamera();
    camera.orbit.radius *= 0.8;
    a.setCamera(camera);
    a.addSnapshot({ label: 'kept' });
    a.createHighlight([1, 5, 9, 40, 41, 42], { label: 'Picked' });
    const shared = waitForEvent<ShareEventDetail>(a, 'cellucid-share');
    const url = await a.shareLink();
    expect((await shared).detail).to.deep.equal({ url, omitted: [] });
    expect(url.startsWith(PAGE.replace(/#.*/, '') + '#cellucid=')).to.equal(true);
    expect(url.length).to.be.lessThan(2500);

    openAt(url);
    const restored = restoredFor('');
    const b = await mount({ 'dataset-url': TWO_D });
    const { report } = (await restored).detail;
    expect(report.datasetMatches).to.equal(true);
    expect(b.getViewState()).to.deep.equal(a.getViewState());
    expect(await differingPixels(a, b), 'bytes that differ between the two pictures').to.equal(0);
  });

  it("a link comes before this browser's autosave", async () => {
    const a = await mount({ 'dataset-url': TWO_D, id: 'share-first' });
    await a.setActiveField('obs:library_size');
    const url = await a.shareLink();
    a.remove();
    const saver = await mount({ 'dataset-url': TWO_D, id: 'share-first', autosave: 'on' });
    await saver.clearAutosaves();
    await saver.setActiveField('obs:batch');
    await waitForAutosave(saver);
    saver.remove();

    openAt(url);
    const restored = restoredFor('share-first');
    const b = await mount({ 'dataset-url': TWO_D, id: 'share-first', autosave: 'on' });
    await restored;
    expect(b.getViewState().activeField).to.equal('obs:library_size');
    expect((await b.listAutosaves()).length, 'the autosave is still there').to.be.greaterThan(0);
    // Without the link the autosave is what opens.
    b.remove();
    openAt(PAGE);
    const again = restoredFor('share-first');
    const c = await mount({ 'dataset-url': TWO_D, id: 'share-first', autosave: 'on' });
    await again;
    expect(c.getViewState().activeField).to.equal('obs:batch');
  });

  it('two viewers with ids read their own parameters of one link', async () => {
    const left = await mount({ 'dataset-url': TWO_D, id: 'share-left' });
    const right = await mount({ 'dataset-url': TWO_D, id: 'share-right' });
    await left.setActiveField('obs:batch');
    await right.setActiveField('obs:quality_score');
    const url = await right.shareLink({ base: `${await left.shareLink()}&keep=1` });
    const hash = new URL(url).hash;
    expect(readShareParameter(hash, 'cellucid.share-left')).to.not.equal(null);
    expect(readShareParameter(hash, 'cellucid.share-right')).to.not.equal(null);
    expect(readShareParameter(hash, 'keep')).to.equal('1');
    left.remove();
    right.remove();

    openAt(url);
    const restored = [restoredFor('share-left'), restoredFor('share-right')];
    const [l, r] = await Promise.all([
      mount({ 'dataset-url': TWO_D, id: 'share-left' }),
      mount({ 'dataset-url': TWO_D, id: 'share-right' }),
    ]);
    await Promise.all(restored);
    expect(l.getViewState().activeField).to.equal('obs:batch');
    expect(r.getViewState().activeField).to.equal('obs:quality_score');
  });

  it('a link of another dataset is reported as a session of one is; the viewer opens as usual', async () => {
    const other = await mount({ 'dataset-url': THREE_D });
    const url = await other.shareLink();
    other.remove();

    openAt(url);
    const mismatch = waitForEvent<{ saved: { datasetId: string } }>(document, 'cellucid-mismatch');
    const restored = restoredFor('');
    const startupDone = noPublishedSession();
    const el = await mount({ 'dataset-url': TWO_D });
    expect((await mismatch).detail.saved.datasetId).to.equal('synthetic-development-3d');
    const { report } = (await restored).detail;
    expect(report.datasetMatches).to.equal(false);
    expect(report.mismatch.reasons.join(' ')).to.contain('synthetic-development-3d');
    await startupDone;
    expect(el.getViewState().activeField).to.equal('obs:cell_type');
    await until(() => q(el, '[part="notice"]') !== null, 'the notice shows');
    const notice = q(el, '[part="notice"]')!.textContent!;
    expect(notice).to.contain('This link was saved on another dataset');
    expect(notice).to.contain('This link was saved on the dataset "synthetic-development-3d"');
  });

  it('a broken link is a notice in plain words, and the viewer opens as it would without it', async () => {
    openAt(`${PAGE.replace(/#.*/, '')}#top&cellucid=AQ<script>`);
    const startupDone = noPublishedSession();
    const errors: Event[] = [];
    const onError = (e: Event) => errors.push(e);
    document.addEventListener('cellucid-error', onError);
    const el = await mount({ 'dataset-url': TWO_D });
    await startupDone;
    await until(() => q(el, '[part="notice"]') !== null, 'the notice shows');
    const notice = q(el, '[part="notice"]')!;
    expect(notice.textContent).to.contain("The view in this page's link could not be opened");
    expect(notice.querySelector('details')!.textContent).to.contain('Unreadable share link');
    expect(notice.querySelector('script')).to.equal(null);
    expect(el.getViewState().activeField).to.equal('obs:cell_type');
    document.removeEventListener('cellucid-error', onError);
    expect(errors).to.deep.equal([]);
  });

  it('a view too big for its budget leaves out whole groups and says which', async () => {
    const el = await mount({ 'dataset-url': LARGE });
    const small = el.createHighlight(someCells(4000, 50, 1), { label: 'Small' });
    const big = el.createHighlight(someCells(4000, 2000, 2), { label: 'Big' });
    const full = readShareParameter(new URL(await el.shareLink()).hash, 'cellucid')!;
    const shared = waitForEvent<ShareEventDetail>(el, 'cellucid-share');
    const url = await el.shareLink({ budget: full.length - 1 });
    const { omitted } = (await shared).detail;
    expect(omitted).to.deep.equal([
      { part: 'highlight-group', id: big, description: 'highlight group "Big" (2000 cells)' },
    ]);
    expect(readShareParameter(new URL(url).hash, 'cellucid')!.length).to.be.lessThan(full.length);

    // The reader's viewer has the small group, and says what the link could not hold.
    el.remove();
    openAt(url);
    const restored = restoredFor('');
    const b = await mount({ 'dataset-url': LARGE });
    await restored;
    const groups = b.getViewState().highlights.pages[0].groups;
    expect(groups.map((g) => g.id)).to.deep.equal([small]);
    await until(() => q(b, '[part="notice"]') !== null, 'the notice shows');
    expect(q(b, '[part="notice"]')!.textContent).to.contain('highlight group "Big" (2000 cells)');
  });

  it('Share copies the link, or shows it to copy; too big, it says what is left out and offers a file', async () => {
    const el = await mount({ 'dataset-url': LARGE });
    for (let i = 0; i < 24; i++) el.createHighlight(someCells(4000, 2000, 10 + i), { label: `G${i}` });
    const clipboard = navigator.clipboard as Clipboard & { writeText(text: string): Promise<void> };
    const copied: string[] = [];
    clipboard.writeText = async (text: string) => void copied.push(text);
    try {
      await el.updateComplete;
      const shared = waitForEvent<ShareEventDetail>(el, 'cellucid-share');
      q(el, '[part="share-button"]')!.click();
      const { url, omitted } = (await shared).detail;
      expect(omitted.length).to.be.greaterThan(0);
      await until(() => q(el, '[part="share"]') !== null, 'the share panel shows');
      const panel = q(el, '[part="share"]')!;
      expect(copied).to.deep.equal([url]);
      expect(panel.textContent).to.contain('Link copied.');
      expect(panel.textContent).to.contain(omitted[0].description);
      const save = [...panel.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Save file');
      expect(save, 'a Save file button').to.not.equal(undefined);

      // The clipboard refuses: the link is shown, selected, to copy by hand.
      clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      const again = waitForEvent<ShareEventDetail>(el, 'cellucid-share');
      q(el, '[part="share-button"]')!.click();
      const second = (await again).detail.url;
      await until(() => q(el, '[part="share"] input') !== null, 'the link shows');
      const input = q(el, '[part="share"] input') as HTMLInputElement;
      await until(() => input.selectionEnd === second.length, 'the link is selected');
      expect(input.value).to.equal(second);
      expect(input.readOnly).to.equal(true);
      expect(input.selectionStart).to.equal(0);
      expect(q(el, '[part="share"]')!.textContent).to.contain('Copy this link');
    } finally {
      delete (clipboard as { writeText?: unknown }).writeText;
    }
  });

  it('ui="figure" has the Share button too', async () => {
    const el = await mount({ 'dataset-url': TWO_D, ui: 'figure' });
    await el.updateComplete;
    expect(q(el, '.figure-bar [part="share-button"]')).to.not.equal(null);
  });
});
