// The legend of a field with 65,535 categories (the most uint16 codes hold): it makes only the rows
// near the scrolled-to place, and scrolling, show/hide and the arrow keys work anywhere in the list.
// The load and colouring times and the longest task are printed (a report, not a check: the
// machine's speed decides them).
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { mountViewer, until } from './helpers.js';

const MANY = '/many-categories/';

describe('<cellucid-viewer> legend of a long category list', () => {
  let el: CellucidViewer | null = null;
  afterEach(() => el?.remove());

  it('65,535 categories: a bounded list, scrolling, show/hide, arrows far down', async function (this: Mocha.Context) {
    this.timeout(180_000);
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    let started = performance.now();
    el = (await mountViewer({ 'dataset-url': MANY }, { width: 480, height: 400 })).el;
    const loadMs = performance.now() - started;
    // Entries not yet delivered to the callback are taken too.
    const longest = () => Math.max(0, ...tasks.splice(0), ...observer.takeRecords().map((e) => e.duration));
    const loadTask = longest();
    expect(el.getViewState().activeField).to.equal('obs:clone');
    await el.updateComplete;
    const list = el.shadowRoot!.querySelector('.legend-rows') as HTMLElement;
    const labels = () => [...list.querySelectorAll('.legend-label')].map((l) => l.textContent);
    expect(labels().length).to.be.within(12, 64);
    expect(labels().slice(0, 3)).to.deep.equal(['c0', 'c1', 'c2']);

    // Far down: the rows there, in natural order.
    list.scrollTop = 60_000 * 22;
    await until(() => labels().includes('c60000'), 'the rows near c60000 are made');
    const shown = labels();
    expect(shown.length).to.be.within(12, 64);
    const at = shown.indexOf('c60000');
    expect(shown.slice(at, at + 3)).to.deep.equal(['c60000', 'c60001', 'c60002']);

    // Hiding a category far down hides its one cell.
    const box = (label: string) =>
      [...list.querySelectorAll('li')]
        .find((li) => li.querySelector('.legend-label')?.textContent === label)
        ?.querySelector<HTMLInputElement>('.category-toggle') ?? null;
    box('c60001')!.click();
    await until(() => el!.getViewState().visibleCount === 65_535, 'the cell of c60001 is hidden');
    box('c60001')!.click();
    await until(() => el!.getViewState().visibleCount === 65_536, 'the cell of c60001 is shown again');

    // The arrow keys go from row to row, past the rows made so far.
    const last = shown[shown.length - 1]!;
    box(last)!.focus();
    for (let i = 0; i < 40; i++) {
      const focused = el.shadowRoot!.activeElement as HTMLElement;
      focused.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
      const next = `c${Number(last.slice(1)) + i + 1}`;
      await until(() => el!.shadowRoot!.activeElement === box(next), `${next} has the focus`);
    }
    (el.shadowRoot!.activeElement as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, composed: true }),
    );
    const back = `c${Number(last.slice(1)) + 39}`;
    await until(() => el!.shadowRoot!.activeElement === box(back), `${back} has the focus`);
    expect(labels().length).to.be.within(12, 64);

    // Colouring by the field again, timed.
    await el.setActiveField(null);
    longest();
    started = performance.now();
    await el.setActiveField('obs:clone');
    const colourMs = performance.now() - started;
    await el.updateComplete;
    const colourTask = longest();
    observer.disconnect();
    console.log(
      `65,535 categories: loaded in ${loadMs.toFixed(0)} ms (longest task ${loadTask.toFixed(0)} ms); ` +
        `coloured in ${colourMs.toFixed(0)} ms (longest task ${colourTask.toFixed(0)} ms)`,
    );
  });
});
