import { expect } from '@open-wc/testing';

describe('test pipeline', () => {
  it('serves the shared datasets beside the repo', async () => {
    const res = await fetch('/shared/datasets/cellucid-demo/datasets.json');
    expect(res.ok).to.equal(true);
    const json = await res.json();
    expect(json.default).to.equal('synthetic-cell-types-2d');
  });
  it('has WebGL2', () => {
    const gl = document.createElement('canvas').getContext('webgl2', { antialias: false });
    expect(gl).to.not.equal(null);
  });
});
