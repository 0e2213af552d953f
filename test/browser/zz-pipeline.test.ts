import { expect } from '@open-wc/testing';

describe('test pipeline', () => {
  it('serves the fixture datasets from the repository', async () => {
    const res = await fetch('/test/fixtures/datasets/cellucid-demo/datasets.json');
    expect(res.ok).to.equal(true);
    const json = await res.json();
    expect(json.default).to.equal('synthetic-cell-types-2d');
  });
  it('has WebGL2', () => {
    const gl = document.createElement('canvas').getContext('webgl2', { antialias: false });
    expect(gl).to.not.equal(null);
  });
});
