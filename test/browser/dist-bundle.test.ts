// The published builds on a bare page: one module script and the tag, nothing else.
import { expect } from '@open-wc/testing';
import { DATASETS, DEMO } from './helpers.js';
import type { CellucidViewer } from '../../src/cellucid-viewer.js';

function barePage(
  tag: string,
  { script = '/dist/cellucid-viewer.js', head = '' }: { script?: string; head?: string } = {},
): Promise<{ frame: HTMLIFrameElement; detail: Record<string, unknown> }> {
  const frame = document.createElement('iframe');
  frame.style.width = '420px';
  frame.style.height = '320px';
  frame.srcdoc = `<!doctype html><html><head>${head}</head><body>
    <script type="module" src="${script}"></script>
    ${tag}
  </body></html>`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no cellucid-load within 30 s')), 30000);
    frame.addEventListener('load', () => {
      const doc = frame.contentDocument!;
      doc.addEventListener('cellucid-load', (e) => {
        clearTimeout(timer);
        resolve({ frame, detail: (e as CustomEvent).detail });
      });
      doc.addEventListener('cellucid-error', (e) => {
        clearTimeout(timer);
        reject(new Error((e as CustomEvent).detail.message));
      });
    });
    document.body.appendChild(frame);
  });
}

type Viewer = CellucidViewer;

/** The paths of the scripts a framed page has fetched so far. */
function fetchedScripts(frame: HTMLIFrameElement): string[] {
  return frame
    .contentWindow!.performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((path) => path.endsWith('.js'));
}

/** Saves the view, moves the camera away, restores the save: the camera it had comes back. */
async function saveAndRestore(el: Viewer): Promise<void> {
  const camera = el.getCamera();
  el.setCamera({ ...camera, orbit: { ...camera.orbit, theta: camera.orbit.theta + 0.5 } });
  const saved = el.getCamera();
  const blob = await el.saveState();
  el.setCamera(camera);
  const report = await el.loadState(blob);
  expect(report.datasetMatches).to.equal(true);
  expect(el.getCamera()).to.deep.equal(saved);
}

describe('dist/cellucid-viewer.js on a bare page', () => {
  it('shows the 96 cells of the 3-D demo folder and fires cellucid-load', async () => {
    const { frame, detail } = await barePage(
      `<cellucid-viewer dataset-url="${DEMO}synthetic-development-3d/"></cellucid-viewer>`,
    );
    try {
      expect(detail).to.deep.equal({
        datasetId: 'synthetic-development-3d',
        cellCount: 96,
        varCount: 10,
        dimensions: [3],
      });
      const el = frame.contentDocument!.querySelector('cellucid-viewer') as HTMLElement & { toBlob(): Promise<Blob> };
      const blob = await el.toBlob();
      expect(blob.type).to.equal('image/png');
    } finally {
      frame.remove();
    }
  });

  for (const [folder, cells] of [
    ['synthetic-cell-types-2d', 72],
    ['synthetic-trajectory-1d', 48],
  ] as const) {
    it(`shows the ${cells} cells of ${folder}`, async () => {
      const { frame, detail } = await barePage(`<cellucid-viewer dataset-url="${DEMO}${folder}/"></cellucid-viewer>`);
      frame.remove();
      expect(detail.cellCount).to.equal(cells);
    });
  }

  it('opens a catalog entry chosen with the dataset attribute', async () => {
    const { frame, detail } = await barePage(
      `<cellucid-viewer dataset-url="${DEMO}" dataset="synthetic-trajectory-1d"></cellucid-viewer>`,
    );
    frame.remove();
    expect(detail.datasetId).to.equal('synthetic-trajectory-1d');
  });

  it('says in plain words that a Content-Security-Policy refusing blob: stops it', async () => {
    // The bundle runs its workers (or, failing that, their modules on the page) from blob: URLs.
    const frame = document.createElement('iframe');
    const csp = `<meta http-equiv="Content-Security-Policy" content="script-src 'self'; worker-src 'self'">`;
    frame.srcdoc = `<!doctype html><html><head>${csp}</head><body>
      <script type="module" src="/dist/cellucid-viewer.js"></script>
      <cellucid-viewer dataset-url="${DEMO}synthetic-development-3d/"></cellucid-viewer>
    </body></html>`;
    const errors: Array<{ kind: string; message: string }> = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${JSON.stringify(errors)} within 20 s`)), 20000);
        frame.addEventListener('load', () => {
          const doc = frame.contentDocument!;
          doc.addEventListener('cellucid-load', () => reject(new Error('loaded despite the policy')));
          doc.addEventListener('cellucid-error', (e) => {
            errors.push((e as CustomEvent).detail);
            if (new Set(errors.map((x) => x.kind)).size === 2) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        document.body.appendChild(frame);
      });
      expect(errors.map((e) => e.kind).sort()).to.deep.equal(['dataset', 'render']);
      for (const { message } of errors)
        expect(message).to.contain('a Content-Security-Policy must allow blob: for scripts and workers');
      const el = frame.contentDocument!.querySelector('cellucid-viewer')!;
      await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      expect(el.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain('Content-Security-Policy');
    } finally {
      frame.remove();
    }
  });

  it('shows a dataset without the session code, which arrives as a second module to save and restore', async () => {
    const { frame } = await barePage(
      `<cellucid-viewer dataset-url="${DEMO}synthetic-development-3d/" autosave="off"></cellucid-viewer>`,
    );
    try {
      const el = frame.contentDocument!.querySelector('cellucid-viewer')!;
      expect(fetchedScripts(frame)).to.deep.equal(['/dist/cellucid-viewer.js']);
      await saveAndRestore(el);
      expect(fetchedScripts(frame)).to.deep.equal(['/dist/cellucid-viewer.js', '/dist/cellucid-viewer-session.js']);
    } finally {
      frame.remove();
    }
  });

  it('copied alone, still shows the data, and saving says which file is missing', async () => {
    // Loaded from a blob: URL, the module has no folder to find its session code in.
    const text = await (await fetch('/dist/cellucid-viewer.js')).text();
    const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
    const { frame, detail } = await barePage(
      `<cellucid-viewer dataset-url="${DEMO}synthetic-development-3d/" autosave="off"></cellucid-viewer>`,
      { script: url },
    );
    try {
      expect(detail.cellCount).to.equal(96);
      const el = frame.contentDocument!.querySelector('cellucid-viewer')!;
      let message = '';
      await el.saveState().catch((err: Error) => (message = err.message));
      expect(message).to.contain('cellucid-viewer-session.js, beside cellucid-viewer.js');
    } finally {
      frame.remove();
      URL.revokeObjectURL(url);
    }
  });

  it('loads the key-based 2-D folder', async () => {
    const { frame, detail } = await barePage(
      `<cellucid-viewer dataset-url="${DATASETS}synthetic-cell-types-2d-keybased/"></cellucid-viewer>`,
    );
    frame.remove();
    expect(detail.cellCount).to.equal(72);
  });
});

describe('dist/esm/, the build for bundlers', () => {
  it('starts its workers from their own files, so a Content-Security-Policy that refuses blob: is fine', async () => {
    const { frame, detail } = await barePage(
      `<cellucid-viewer dataset-url="${DEMO}synthetic-development-3d/" autosave="off"></cellucid-viewer>`,
      {
        script: '/dist/esm/cellucid-viewer.js',
        head: `<meta http-equiv="Content-Security-Policy" content="script-src 'self'; worker-src 'self'">`,
      },
    );
    try {
      expect(detail.cellCount).to.equal(96);
      const workers = frame
        .contentWindow!.performance.getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((path) => path.endsWith('.worker.js'));
      expect(workers).to.include.members(['/dist/esm/decode.worker.js', '/dist/esm/render.worker.js']);
      const el = frame.contentDocument!.querySelector('cellucid-viewer')!;
      // Drawn by the render worker: the picture comes back from it.
      const blob = await el.toBlob();
      expect(blob.type).to.equal('image/png');
      // The session code is a module of its own, and its writer worker a file too.
      await saveAndRestore(el);
      expect(fetchedScripts(frame)).to.include.members([
        '/dist/esm/cellucid-viewer-session.js',
        '/dist/esm/session-writer.worker.js',
      ]);
    } finally {
      frame.remove();
    }
  });
});
