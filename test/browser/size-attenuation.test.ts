// Size attenuation: a persisted feature added as one feature module. How much far points shrink in
// 3-D, set by attribute, property or the toolbar's slider, kept in sessions as the Cellucid app's
// own `size-attenuation` control (0–100, its default 80 = the renderer's 0.65) and in the autosave.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import { openSessionBundle, readSessionDocument, writeSessionBundle } from '../../src/core/session/index.js';
import { DEMO, changeControl, differingPixels, mountViewer, until, waitForEvent } from './helpers.js';

const THREE_D = `${DEMO}synthetic-development-3d/`;

async function documentOf(blob: Blob) {
  const { document, report } = await readSessionDocument(new Uint8Array(await blob.arrayBuffer()));
  expect(report.failed).to.deep.equal([]);
  return document;
}

describe('<cellucid-viewer> size attenuation', () => {
  const mounted: CellucidViewer[] = [];
  const mount = async (attrs: Record<string, string> = {}) => {
    const { el } = await mountViewer({ 'dataset-url': THREE_D, 'point-size': '12', ...attrs });
    mounted.push(el);
    return el;
  };
  afterEach(async () => {
    for (const el of mounted.splice(0)) {
      await el.clearAutosaves().catch(() => {});
      el.remove();
    }
  });

  it("starts at the Cellucid app's 0.65 and writes the app's default control", async () => {
    const el = await mount();
    expect(el.sizeAttenuation).to.equal(null);
    expect(el.getViewState().sizeAttenuation).to.equal(0.65);
    const cs = (await documentOf(await el.saveState())).coreState!;
    expect(cs.uiControls['size-attenuation']).to.deep.equal({ type: 'range', value: '80' });
  });

  it('changes how far points are drawn: the attribute, the property and the slider', async () => {
    const flat = await mount({ 'size-attenuation': '0' });
    const deep = await mount({ 'size-attenuation': '1' });
    const same = await mount();
    expect(flat.getViewState().sizeAttenuation).to.equal(0);
    // Full perspective draws near points larger and far ones smaller than none at all.
    expect(await differingPixels(flat, deep)).to.be.greaterThan(0);
    same.sizeAttenuation = 0;
    await same.updateComplete;
    await same.renderer.nextFrame();
    expect(await differingPixels(flat, same)).to.equal(0);

    // The toolbar's slider, as a person moves it: the page hears of the change.
    const changed = waitForEvent<{ sizeAttenuation: number }>(same, 'cellucid-state-change');
    changeControl(same, '[part="size-attenuation"]', '1');
    expect(same.sizeAttenuation).to.equal(1);
    expect((await changed).detail.sizeAttenuation).to.equal(1);
    await same.updateComplete;
    await same.renderer.nextFrame();
    expect(await differingPixels(deep, same)).to.equal(0);
  });

  it('ignores a value outside 0–1', async () => {
    const el = await mount({ 'size-attenuation': '7' });
    expect(el.getViewState().sizeAttenuation).to.equal(0.65);
  });

  it("goes through a session as the app's control and comes back", async () => {
    const el = await mount({ 'size-attenuation': '0.325' });
    const blob = await el.saveState();
    const cs = (await documentOf(blob)).coreState!;
    // 0.325 is half the app's default amount: half its default slider position.
    expect(cs.uiControls['size-attenuation']).to.deep.equal({ type: 'range', value: '40' });
    const fresh = await mount();
    await fresh.loadState(blob);
    expect(fresh.sizeAttenuation).to.equal(0.325);
    expect(fresh.getViewState().sizeAttenuation).to.equal(0.325);
  });

  it('reads the slider of a session the app wrote (100 = full perspective)', async () => {
    const el = await mount();
    const bytes = new Uint8Array(await (await el.saveState()).arrayBuffer());
    const { manifest } = await openSessionBundle(bytes);
    const doc = await documentOf(new Blob([bytes]));
    doc.coreState!.uiControls['size-attenuation'] = { type: 'range', value: '100' };
    const edited = await writeSessionBundle(doc, { fingerprint: manifest.datasetFingerprint! as never });
    await el.loadState(edited);
    expect(el.sizeAttenuation).to.equal(1);
    expect(el.getViewState().sizeAttenuation).to.equal(1);
  });

  it('is kept by the autosave', async () => {
    const first = await mount({ id: 'attenuation-autosave', autosave: 'on' });
    await first.clearAutosaves();
    first.sizeAttenuation = 0.9;
    // Autosave waits for a quiet moment after the change.
    for (const deadline = performance.now() + 30000; (await first.listAutosaves()).length === 0;) {
      if (performance.now() > deadline) throw new Error('no autosave was written');
      await new Promise((r) => setTimeout(r, 100));
    }
    first.remove();
    const second = await mount({ id: 'attenuation-autosave', autosave: 'on' });
    await until(() => second.sizeAttenuation !== null, 'the autosaved amount is restored');
    // Kept as the app's slider position (94): within one step of it.
    expect(second.sizeAttenuation).to.be.closeTo(0.9, 0.01);
  });
});
