// The MkDocs-style example in demo/docs-site/: a page in a sub-folder, read at its folder's URL as
// MkDocs serves pages, names the script and the dataset from the site's root. (The tests' server
// serves the 2-D demo fixture at /demo/data/demo-50k/: the generated demo data is not in the repository.)
import { expect } from '@open-wc/testing';
import { until } from './helpers.js';

describe('demo/docs-site: a docs page in a sub-folder', () => {
  it('loads the script and the dataset by root-relative URLs from /demo/docs-site/guide/', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '900px';
    frame.style.height = '700px';
    frame.src = '/demo/docs-site/guide/';
    document.body.appendChild(frame);
    try {
      // The page's caption says what its viewer's cellucid-load (or cellucid-error) reported.
      const status = () => frame.contentDocument?.getElementById('status')?.textContent ?? '';
      await until(() => status() !== '' && !status().startsWith('Loading'), "the page's viewer to load or fail");
      expect(status()).to.equal('Loaded 72 cells.');
      expect(frame.contentWindow!.location.pathname).to.equal('/demo/docs-site/guide/');
      const viewer = frame.contentDocument!.querySelector('cellucid-viewer')!;
      expect(viewer.getViewState().datasetId).to.equal('synthetic-cell-types-2d');
    } finally {
      frame.remove();
    }
  });
});
