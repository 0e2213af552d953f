// Shared helpers for element tests: datasets and sessions are served from test/fixtures/.
import { expect } from '@open-wc/testing';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';
import type { RestoreReport } from '../../src/core/session/restore.js';
import type { LoadEventDetail, ErrorEventDetail } from '../../src/element/events.js';
import { SessionController } from '../../src/element/session-controller.js';
import { appSessionProblems } from '../conformance/app-session.js';
import { appDataset } from '../conformance/datasets.js';

export const DATASETS = '/test/fixtures/datasets/';
export const DEMO = `${DATASETS}cellucid-demo/`;
export const SESSIONS = '/test/fixtures/sessions/';

export function waitForEvent<T>(target: EventTarget, name: string, timeoutMs = 30000): Promise<CustomEvent<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${name}`)), timeoutMs);
    target.addEventListener(
      name,
      (e) => {
        clearTimeout(timer);
        resolve(e as CustomEvent<T>);
      },
      { once: true },
    );
  });
}

/** Resolves once `promise` rejects with an Error whose message matches; fails the test if it resolves. */
export async function expectRejection(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'rejects').to.be.instanceOf(Error);
  expect((error as Error).message).to.match(message);
}

/**
 * Resolves once `condition()` holds, checked every 20 ms: for state that follows an action in
 * later tasks. The bound is only there to end a broken test; a slow machine just waits longer.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 30000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Resolves with the hint a viewer logs when its start-up finds no published session to restore:
 * the last step of a start-up that restores nothing. Listen before the viewer is mounted.
 */
export function noPublishedSession(): Promise<string> {
  return new Promise((resolve) => {
    const info = console.info;
    console.info = (...args: unknown[]) => {
      const message = args.map(String).join(' ');
      if (!message.startsWith('cellucid-viewer: no published session')) return info.apply(console, args);
      console.info = info;
      resolve(message);
    };
  });
}

/** Creates a viewer in the document and resolves with it once cellucid-load (or rejects on cellucid-error). */
export async function mountViewer(
  attrs: Record<string, string>,
  { width = 400, height = 300 }: { width?: number; height?: number } = {},
): Promise<{ el: CellucidViewer; load: LoadEventDetail }> {
  const el = document.createElement('cellucid-viewer') as CellucidViewer;
  el.style.width = `${width}px`;
  el.style.height = `${height}px`;
  // Tests start from the published view unless they test autosave themselves.
  for (const [k, v] of Object.entries({ autosave: 'off', ...attrs })) el.setAttribute(k, v);
  const loaded = new Promise<LoadEventDetail>((resolve, reject) => {
    el.addEventListener('cellucid-load', (e) => resolve((e as CustomEvent<LoadEventDetail>).detail), { once: true });
    el.addEventListener(
      'cellucid-error',
      (e) => reject(new Error((e as CustomEvent<ErrorEventDetail>).detail.message)),
      { once: true },
    );
  });
  document.body.appendChild(el);
  const load = await loaded;
  return { el, load };
}

/** What the Cellucid app would refuse in a session `el` wrote (the conformance module's findings). */
export async function appSessionProblemsOf(el: CellucidViewer, blob: Blob): Promise<string[]> {
  return appSessionProblems(blob, await appDataset(datasetReader(el)));
}

/**
 * Every session a test saves must open in the Cellucid web app. One hook on the element's class:
 * saveState() resolves only once the conformance check found no problem in its file; an autosave's
 * file (gzipped, or written at once as the page goes away) is checked too, and its problems fail
 * the test that was running.
 */
const autosaveChecks: Array<Promise<string[]>> = [];
void customElements.whenDefined('cellucid-viewer').then((ctor) => {
  const proto = ctor.prototype as CellucidViewer;
  const { saveState } = proto;
  proto.saveState = async function (this: CellucidViewer) {
    const blob = await saveState.call(this);
    const problems = await appSessionProblemsOf(this, blob);
    expect(problems, 'what the Cellucid app would refuse in the saved session').to.deep.equal([]);
    return blob;
  };
});
// Every bundle the session controller makes (for an autosave, or at once as the page goes away).
{
  const session = SessionController.prototype;
  const { bundle, bundleNow } = session;
  session.bundle = async function (this: SessionController) {
    const made = await bundle.call(this);
    autosaveChecks.push(appSessionProblemsOf(this.viewer as CellucidViewer, made.blob));
    return made;
  };
  session.bundleNow = function (this: SessionController, fingerprint) {
    const bytes = bundleNow.call(this, fingerprint);
    if (bytes) autosaveChecks.push(appSessionProblemsOf(this.viewer as CellucidViewer, new Blob([bytes as BlobPart])));
    return bytes;
  };
}
afterEach(async () => {
  const problems = (await Promise.all(autosaveChecks.splice(0))).flat();
  expect(problems, 'what the Cellucid app would refuse in an autosaved session').to.deep.equal([]);
});

/** Reads the open dataset's JSON files, through its catalog when the viewer was given one. */
function datasetReader(el: CellucidViewer): (file: string) => Promise<unknown> {
  const url = new URL(el.getAttribute('dataset-url')!, document.baseURI);
  const json = async (u: URL) => {
    const r = await fetch(u);
    if (!r.ok) throw new Error(`${u}: ${r.status}`);
    return r.json();
  };
  const catalog = url.pathname.endsWith('.json');
  const base = catalog || url.href.endsWith('/') ? url : new URL(`${url.href}/`);
  const folder = (async () => {
    if (!catalog && (await fetch(new URL('obs_manifest.json', base))).ok) return base;
    const catalogUrl = catalog ? url : new URL('datasets.json', base);
    const c = (await json(catalogUrl)) as { datasets: Array<{ id: string; path: string }> };
    const entry = c.datasets.find((d) => d.id === el.getViewState().datasetId) ?? c.datasets[0];
    return new URL(entry.path.endsWith('/') ? entry.path : `${entry.path}/`, catalogUrl);
  })();
  return async (file) => json(new URL(file, await folder));
}

/**
 * `Worker` as a page would have it where some workers cannot start (a strict CSP, say): those
 * whose URL matches `refused` get a script that does not exist and fail; the others start.
 */
export function workersRefusing(refused: RegExp, onRefused: () => void = () => {}): typeof Worker {
  const RealWorker = window.Worker;
  return class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const refuse = refused.test(String(url));
      if (refuse) onRefused();
      super(refuse ? '/no-such-worker.js' : url, options);
    }
  };
}

/** RGBA pixels of a PNG blob (what toBlob() returns). */
export async function pngPixels(blob: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
}

/** Bytes that differ between the PNGs of two viewers (toBlob); 0 = the same picture. */
export async function differingPixels(a: CellucidViewer, b: CellucidViewer): Promise<number> {
  const [pa, pb] = await Promise.all([a.toBlob().then(pngPixels), b.toBlob().then(pngPixels)]);
  if (pa.data.length !== pb.data.length) return Math.max(pa.data.length, pb.data.length);
  let differing = 0;
  for (let i = 0; i < pa.data.length; i++) if (pa.data[i] !== pb.data[i]) differing++;
  return differing;
}

/** Sets a control inside the viewer as a person would (value, then a change event); returns it. */
export function changeControl<T extends HTMLInputElement | HTMLSelectElement>(
  el: CellucidViewer,
  selector: string,
  value: string,
): T {
  const control = el.shadowRoot!.querySelector(selector) as T;
  control.value = value;
  control.dispatchEvent(new Event('change'));
  return control;
}

/**
 * Save → reload the page → load: `a`'s bundle is loaded into a fresh viewer of the same dataset and
 * size (a test cannot reload its page), no chunk may fail and getViewState() must be identical.
 * `beforeLoad` can listen to the fresh viewer; `check` then looks at it before it is removed.
 */
export async function expectRoundTrip(
  a: CellucidViewer,
  check: (b: CellucidViewer, report: RestoreReport) => unknown = () => {},
  beforeLoad: (b: CellucidViewer) => void = () => {},
): Promise<void> {
  const blob = await a.saveState();
  const { width, height } = a.getBoundingClientRect();
  const { el: b } = await mountViewer({ 'dataset-url': a.getAttribute('dataset-url')! }, { width, height });
  try {
    beforeLoad(b);
    const report = await b.loadState(blob);
    expect(report.failed).to.deep.equal([]);
    // A snapshot's tab label stays in the viewer that named it; the file holds the app's computed label.
    const state = (v: CellucidViewer) => {
      const s = v.getViewState();
      return { ...s, views: { ...s.views, snapshots: s.views.snapshots.map((x) => ({ ...x, label: '' })) } };
    };
    expect(state(b)).to.deep.equal(state(a));
    await check(b, report);
  } finally {
    b.remove();
  }
}
