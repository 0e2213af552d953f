// Failures in plain words: what happened and what to do first, in a compact banner; the technical
// message folded under "Details" and whole in the cellucid-error event.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { DATASETS, DEMO, SESSIONS, mountViewer, waitForEvent } from './helpers.js';

/** The words a banner shows unfolded: its own text, without the folded detail and the buttons. */
const wordsOf = (banner: Element) =>
  [...banner.childNodes]
    .filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => n.textContent)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

describe('<cellucid-viewer> errors for people', () => {
  const mounted: CellucidViewer[] = [];
  afterEach(() => mounted.splice(0).forEach((el) => el.remove()));

  it('a dataset address with no export: what happened and what to check, the detail folded', async () => {
    const el = document.createElement('cellucid-viewer') as CellucidViewer;
    mounted.push(el);
    el.setAttribute('dataset-url', `${DATASETS}no-such-folder/`);
    const failed = waitForEvent<{ kind: string; message: string }>(el, 'cellucid-error');
    document.body.appendChild(el);
    const { detail } = await failed;
    await el.updateComplete;
    const banner = el.shadowRoot!.querySelector('[part="error"]')!;
    const details = banner.querySelector('details')!;
    expect(wordsOf(banner)).to.equal(
      'The dataset could not be opened. No Cellucid export was found there: check the dataset address (dataset-url).',
    );
    expect(details.open, 'the technical detail is folded').to.equal(false);
    expect(details.textContent).to.contain(detail.message);
  });

  it('a session from another dataset: one sentence over a small plot, the reasons folded', async () => {
    const { el } = await mountViewer({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` }, { width: 480, height: 320 });
    mounted.push(el);
    const report = await el.loadState(`${SESSIONS}mismatch-other-dataset.cellucid-session`);
    await el.updateComplete;
    const notice = el.shadowRoot!.querySelector<HTMLElement>('[part="notice"]')!;
    const details = notice.querySelector('details')!;
    expect(wordsOf(notice)).to.equal(
      'This session was saved on another dataset: nothing that depends on the data was applied.',
    );
    expect(details.open).to.equal(false);
    expect(details.textContent).to.contain(report.mismatch!.reasons[0]);
    const lineHeight = parseFloat(getComputedStyle(notice).lineHeight) || 20;
    const { height } = notice.getBoundingClientRect();
    expect(height, 'at most three lines with its buttons').to.be.at.most(lineHeight * 3 + 24);
    expect(height / 320, 'covers little of the plot').to.be.below(0.3);
  });
});
