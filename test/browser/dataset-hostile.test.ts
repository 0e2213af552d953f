// Export folders made to break the viewer (served by the test server under /hostile/): paths
// that lead to another origin or out of the folder, a gzip bomb, downloads that stall, a bad
// code byte. Each ends in one clear cellucid-error naming the file, and another origin never
// hears from the viewer.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import type { ErrorEventDetail } from '../../src/element/events.js';
import { waitForEvent, workersRefusing } from './helpers.js';

interface SecondOrigin {
  origin: string;
  requests: string[];
}
const secondOrigin = async (clear = false): Promise<SecondOrigin> =>
  (await fetch(`/second-origin${clear ? '?clear' : ''}`)).json();

/** Mounts a viewer of `url`; resolves with every cellucid-error it fired once it failed or loaded. */
async function mountFailing(
  url: string,
  attrs: Record<string, string> = {},
): Promise<{ el: CellucidViewer; errors: ErrorEventDetail[]; loaded: boolean; ms: number }> {
  const el = document.createElement('cellucid-viewer') as CellucidViewer;
  el.style.cssText = 'width: 300px; height: 200px';
  for (const [k, v] of Object.entries({ autosave: 'off', 'dataset-url': url, ...attrs })) el.setAttribute(k, v);
  const errors: ErrorEventDetail[] = [];
  el.addEventListener('cellucid-error', (e) => errors.push((e as CustomEvent<ErrorEventDetail>).detail));
  const started = performance.now();
  // Settled by the load, or by an error of the dataset (a field's error leaves the load going).
  const settled = new Promise<boolean>((resolve) => {
    el.addEventListener('cellucid-load', () => resolve(true));
    el.addEventListener('cellucid-error', (e) => {
      if ((e as CustomEvent<ErrorEventDetail>).detail.kind === 'dataset') resolve(false);
    });
  });
  document.body.appendChild(el);
  const loaded = await settled;
  const ms = performance.now() - started;
  // Anything reported late (a second event for the same failure) arrives within a few tasks.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { el, errors, loaded, ms };
}

describe('<cellucid-viewer> with hostile export folders', () => {
  const mounted: CellucidViewer[] = [];
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
  });

  it('the second origin records requests (the check below can fail)', async () => {
    const { origin } = await secondOrigin(true);
    await fetch(`${origin}/control.bin`);
    expect((await secondOrigin(true)).requests).to.deep.equal(['GET /control.bin']);
  });

  const paths: Array<[string, string, RegExp]> = [
    ['a catalog path behind a tab', 'catalog-tab', /^datasets\.json: datasets\[0\]\.path .* leads outside/],
    ['a catalog path of %2e%2e segments', 'catalog-dots', /^datasets\.json: datasets\[0\]\.path .* leads outside/],
    ['a catalog path with a scheme split by a tab', 'catalog-scheme', /^datasets\.json: .* leads outside/],
    ['an embedding file behind a space', 'embedding-space', /^dataset_identity\.json: embeddings\.files\["2d"\]/],
    ['an embedding file in backslashes', 'embedding-backslash', /^dataset_identity\.json: embeddings\.files/],
    [
      'a codes pattern behind a newline',
      'obs-newline',
      /^obs_manifest\.json: _obsSchemas\.categorical\.codesPathPattern/,
    ],
    ['an absolute connectivity path', 'connectivity-absolute', /^connectivity_manifest\.json: sourcesPath/],
  ];
  for (const [label, name, message] of paths)
    it(`refuses ${label}, naming the file, and sends the other origin nothing`, async () => {
      await secondOrigin(true);
      const url = `/hostile/${name}/${name.startsWith('catalog') ? 'datasets.json' : ''}`;
      const { el, errors, loaded } = await mountFailing(url);
      mounted.push(el);
      expect(loaded).to.equal(false);
      expect(errors).to.have.length(1);
      expect(errors[0].kind).to.equal('dataset');
      expect(errors[0].message)
        .to.match(message)
        .and.match(/refused$/);
      expect((await secondOrigin()).requests).to.deep.equal([]);
    });

  it('stops a 1 MB points file that inflates to 1 GiB, with a clear message', async () => {
    const { el, errors, loaded, ms } = await mountFailing('/hostile/bomb/');
    mounted.push(el);
    expect(loaded).to.equal(false);
    expect(errors.map((e) => [e.kind, e.message])).to.deep.equal([
      ['dataset', 'points_2d.bin.gz: expands past its declared size (8388608 bytes)'],
    ]);
    // How long it took is reported, not asserted (a busy machine must not fail the suite).
    console.log(`bomb refused after ${ms.toFixed(0)} ms`);
  });

  it('stops the bomb on the page too, where the decode workers cannot start', async () => {
    // The viewers removed before let go of the page's decode workers a task after their removal.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const RealWorker = window.Worker;
    let refused = 0;
    window.Worker = workersRefusing(/decode\.worker/, () => refused++);
    try {
      const { el, errors } = await mountFailing('/hostile/bomb/');
      mounted.push(el);
      expect(refused, 'a decode worker was asked for').to.be.greaterThan(0);
      expect(errors.map((e) => [e.kind, e.message])).to.deep.equal([
        ['dataset', 'points_2d.bin.gz: expands past its declared size (8388608 bytes)'],
      ]);
    } finally {
      window.Worker = RealWorker;
    }
  });

  it('fails a download that trickles 1 byte at a time after the stall timeout (identity, on the page)', async () => {
    const { el, errors, ms } = await mountFailing('/hostile/stall-identity/', { 'stall-timeout': '0.5' });
    mounted.push(el);
    expect(errors.map((e) => [e.kind, e.message])).to.deep.equal([
      ['dataset', 'dataset_identity.json: stalled: less than 1 KiB arrived in 0.5 s'],
    ]);
    expect(ms).to.be.at.least(500);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain('stalled');
  });

  it('fails a stalled points download (in a decode worker) with the file named', async () => {
    const { el, errors } = await mountFailing('/hostile/stall-points/', { 'stall-timeout': '0.5' });
    mounted.push(el);
    expect(errors.map((e) => [e.kind, e.message])).to.deep.equal([
      ['dataset', 'points_2d.bin.gz: stalled: less than 1 KiB arrived in 0.5 s'],
    ]);
  });

  it('a gene whose file is missing is named in plain words, and the menu keeps the field shown', async () => {
    const { el, errors, loaded } = await mountFailing('/hostile/missing-gene/');
    mounted.push(el);
    expect(loaded).to.equal(true);
    const failed = waitForEvent<{ kind: string; message: string }>(el, 'cellucid-error');
    const menu = el.shadowRoot!.querySelector<HTMLSelectElement>('[part="field-select"]')!;
    menu.value = 'var:SYN_MARKER_A';
    menu.dispatchEvent(new Event('change'));
    const { detail } = await failed;
    expect(detail.kind).to.equal('field');
    expect(detail.message, 'the event keeps the technical detail').to.contain('var/0.values.u8.gz');
    await el.updateComplete;
    const banner = el.shadowRoot!.querySelector('[part="error"]')!.textContent!;
    expect(banner).to.contain('Could not colour by gene SYN_MARKER_A');
    expect(banner).to.contain('The cells keep the colours of cell_type.');
    expect(el.getViewState().activeField).to.equal('obs:cell_type');
    expect(menu.value, 'the menu shows the field actually shown').to.equal('obs:cell_type');
    expect(
      errors.map((e) => e.kind),
      'reported once',
    ).to.deep.equal(['field']);
  });

  it('reports one bad code byte once, as a field error, and still draws the cells', async () => {
    const { el, errors, loaded } = await mountFailing('/hostile/bad-code/');
    mounted.push(el);
    expect(loaded).to.equal(true);
    expect(errors.map((e) => [e.kind, e.message])).to.deep.equal([
      ['field', 'obs/0.codes.u8.gz: cell 5 has category code 9 but the field has only 3 categories'],
    ]);
    expect(el.getViewState().visibleCount).to.equal(72);
    expect(el.getViewState().activeField).to.equal(null);
  });
});
