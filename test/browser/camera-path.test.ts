// Camera paths: recorded keyframes, played with the app's interpolation to the last one, saved in
// the app's cinematic/camera shape and played again after a reload; autoplay, and reduced motion.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CellucidViewer, CameraState } from '../../src/cellucid-viewer.js';
import { openSessionBundle, readSessionDocument, writeSessionBundle } from '../../src/core/session/index.js';
import { DEMO, SESSIONS, mountViewer, waitForEvent } from './helpers.js';

const THREE_D = `${DEMO}synthetic-development-3d/`;
type PathEvent = CustomEvent<{ type: string; index?: number; stopped?: boolean }>;

/** The camera turned and zoomed from `c`. */
function turned(c: CameraState, by: number): CameraState {
  const next = structuredClone(c);
  next.orbit.theta += by;
  next.orbit.radius *= 1 + by / 4;
  return next;
}

function expectSameCamera(a: CameraState, b: CameraState): void {
  expect(a.orbit.theta).to.be.closeTo(b.orbit.theta, 1e-6);
  expect(a.orbit.phi).to.be.closeTo(b.orbit.phi, 1e-6);
  expect(a.orbit.radius).to.be.closeTo(b.orbit.radius, 1e-6);
}

async function documentOf(blob: Blob) {
  const { document, report } = await readSessionDocument(new Uint8Array(await blob.arrayBuffer()));
  expect(report.failed).to.deep.equal([]);
  return document;
}

describe('<cellucid-viewer> camera paths', () => {
  const mounted: CellucidViewer[] = [];
  const mount = async (attrs: Record<string, string> = {}) => {
    const { el } = await mountViewer({ 'dataset-url': THREE_D, ...attrs });
    mounted.push(el);
    return el;
  };
  afterEach(() => mounted.splice(0).forEach((el) => el.remove()));

  /** A viewer with a three-keyframe path of quick moves; resolves with it and the last camera. */
  async function recorded(): Promise<{ el: CellucidViewer; last: CameraState }> {
    const el = await mount();
    const start = el.getCamera();
    el.addCameraKeyframe({ label: 'Start', duration: 0.2 });
    el.setCamera(turned(start, 0.6));
    el.addCameraKeyframe({ duration: 0.2 });
    const last = turned(start, 1.2);
    el.setCamera(last);
    el.addCameraKeyframe({ label: 'End' });
    el.resetCamera();
    return { el, last };
  }

  it('plays a recorded path through every keyframe to the last one', async () => {
    const { el, last } = await recorded();
    expect(el.getCameraPath().map((k) => k.label)).to.deep.equal(['Start', 'KF 2', 'End']);
    const events: string[] = [];
    el.addEventListener('cellucid-camera-path', (e) => {
      const d = (e as PathEvent).detail;
      events.push(d.type === 'keyframe' ? `keyframe ${d.index}` : d.type);
    });
    await el.playCameraPath();
    expectSameCamera(el.getCamera(), last);
    expect(events[0]).to.equal('play');
    expect(events.at(-1)).to.equal('end');
    expect(events).to.include('keyframe 2');
  });

  it('stops where it is, and says it was stopped', async () => {
    const { el } = await recorded();
    const ended = waitForEvent<{ type: string; stopped: boolean }>(el, 'cellucid-camera-path');
    const playing = el.playCameraPath({ loop: true });
    expect((await ended).detail.type).to.equal('play');
    const end = new Promise<PathEvent>((resolve) =>
      el.addEventListener(
        'cellucid-camera-path',
        (e) => (e as PathEvent).detail.type === 'end' && resolve(e as PathEvent),
      ),
    );
    el.stopCameraPath();
    await playing;
    expect((await end).detail.stopped).to.equal(true);
  });

  it("is saved in the app's cinematic/camera shape, and plays again after a reload", async () => {
    const { el, last } = await recorded();
    const blob = await el.saveState();
    const cinematic = (await documentOf(blob)).cinematicCamera as { keyframes: Array<{ id: string; label: string }> };
    expect(cinematic.keyframes.map((k) => k.label)).to.deep.equal(['Start', 'KF 2', 'End']);
    const fresh = await mount();
    await fresh.loadState(blob);
    expect(fresh.getCameraPath()).to.deep.equal(el.getCameraPath());
    await fresh.playCameraPath();
    expectSameCamera(fresh.getCamera(), last);
  });

  it("plays a session's path when it says autoplay, but not for a reader who prefers reduced motion", async () => {
    const { el, last } = await recorded();
    const bytes = new Uint8Array(await (await el.saveState()).arrayBuffer());
    const { manifest } = await openSessionBundle(bytes);
    const doc = await documentOf(new Blob([bytes]));
    (doc.cinematicCamera as { autoplay: boolean }).autoplay = true;
    const autoplaying = await writeSessionBundle(doc, { fingerprint: manifest.datasetFingerprint! as never });

    const viewer = await mount();
    const ended = new Promise<void>((resolve) =>
      viewer.addEventListener('cellucid-camera-path', (e) => (e as PathEvent).detail.type === 'end' && resolve()),
    );
    await viewer.loadState(autoplaying);
    await ended;
    expectSameCamera(viewer.getCamera(), last);

    const matchMedia = window.matchMedia;
    window.matchMedia = ((query: string) => ({ matches: query.includes('reduced-motion') })) as typeof matchMedia;
    try {
      const calm = await mount();
      let played = false;
      calm.addEventListener('cellucid-camera-path', () => (played = true));
      await calm.loadState(autoplaying);
      expect(calm.getCameraPath()).to.have.length(3);
      // The restore has ended with its frame drawn: a path that was going to play has started by now.
      await calm.renderer.nextFrame();
      expect(played).to.equal(false);
      expectSameCamera(calm.getCamera(), el.getCamera());
    } finally {
      window.matchMedia = matchMedia;
    }
  });

  it('plays the path of a session the Cellucid app wrote', async () => {
    const el = await mount({ 'dataset-url': `${DEMO}synthetic-cell-types-2d/` });
    await el.loadState(`${SESSIONS}app-exact-2d.cellucid-session`);
    expect(el.getCameraPath()).to.deep.equal([
      { id: 'k1', label: 'KF 1', duration: 2.5 },
      { id: 'k2', label: 'KF 2', duration: 2.5 },
      { id: 'k3', label: 'KF 3', duration: 2.5 },
    ]);
    await el.playCameraPath();
    // A planar (2-D) path moves the zoom and the target; it ends at the last keyframe's zoom.
    expect(el.getCamera().orbit.radius).to.be.closeTo(2.6, 1e-6);
  });

  it('lists the keyframes: a person goes to one, moves it earlier and removes it', async () => {
    const { el, last } = await recorded();
    const root = el.shadowRoot!;
    const list = root.querySelector<HTMLDetailsElement>('[part="keyframes"]')!;
    list.open = true;
    const rows = () => [...list.querySelectorAll('li')];
    expect(rows().map((li) => li.querySelector('button')!.textContent!.trim())).to.deep.equal(['Start', 'KF 2', 'End']);
    const changed = waitForEvent(el, 'cellucid-state-change');
    rows()[2].querySelector('button')!.click();
    await changed;
    expectSameCamera(el.getCamera(), last);

    rows()[2].querySelector<HTMLButtonElement>('[aria-label="Move End earlier"]')!.click();
    expect(el.getCameraPath().map((k) => k.label)).to.deep.equal(['Start', 'End', 'KF 2']);
    expect(rows()[0].querySelector<HTMLButtonElement>('[aria-label="Move Start earlier"]')!.disabled).to.equal(true);
    await el.updateComplete;
    rows()[0].querySelector<HTMLButtonElement>('[aria-label="Remove Start"]')!.click();
    await el.updateComplete;
    expect(rows().map((li) => li.querySelector('button')!.textContent!.trim())).to.deep.equal(['End', 'KF 2']);
  });

  it('refuses to play fewer than two keyframes', async () => {
    const el = await mount();
    el.addCameraKeyframe();
    let message = '';
    await el.playCameraPath().catch((e: Error) => (message = e.message));
    expect(message).to.equal('playCameraPath: a path needs at least two keyframes.');
  });
});
