// Browser tests run in Debian's chromium (no tool can download a browser here).
// The server's root is the repository: tests fetch the fixtures at /test/fixtures/… and the
// built bundle at /dist/….
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium } from './scripts/browser-path.mjs';
import { hostileDatasets } from './test/fixtures/hostile-datasets.mjs';
import { manyCategories } from './test/fixtures/many-categories.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * /published/<case>/… is the 2-D demo dataset published with a state-snapshots.json of the given
 * case, as a static host would serve it: the element tests of start-up restore use it.
 */
const DATASET = '/test/fixtures/datasets/cellucid-demo/synthetic-cell-types-2d/';
const SESSIONS = '/test/fixtures/sessions/';
const PUBLISHED = {
  // Both shapes: an object with a list, and a bare list of objects; the last session entry wins.
  'object-list': {
    type: 'application/json',
    body: JSON.stringify({ states: ['views/legacy-full.cellucid-session', 'views/strict-full.cellucid-session'] }),
  },
  'bare-list': {
    type: 'application/json',
    body: JSON.stringify([
      { path: 'views/strict-full.cellucid-session' },
      { url: 'views/LEGACY-FULL.Cellucid-Session?v=2#top' },
      'notes.txt',
    ]),
  },
  // The troubleshooting list: an SPA answering with its index page, a typo, an entry that is not a session.
  'html-instead': { type: 'text/html', body: '<!doctype html><html><body>Not found</body></html>' },
  'broken-json': { type: 'application/json', body: '{"states": ["views/strict-full.cellucid-session",' },
  'no-sessions': { type: 'application/json', body: JSON.stringify({ states: ['readme.md'] }) },
};
function publishedDatasets(context, next) {
  const m = /^\/published\/([a-z-]+)\/(.*)$/.exec(context.path);
  if (!m) return next();
  const [, name, rest] = m;
  if (rest === 'state-snapshots.json') {
    const entry = PUBLISHED[name];
    if (!entry) {
      context.status = 404;
      return undefined;
    }
    context.type = entry.type;
    context.body = entry.body;
    return undefined;
  }
  context.url = rest.startsWith('views/') ? `${SESSIONS}${rest.slice(6).toLowerCase()}` : `${DATASET}${rest}`;
  return next();
}

/**
 * /slow/values.bin: 384 KiB of float32 values (98,304 cells) sent in six pieces 80 ms apart, with
 * its length declared, as a slow network would: the decode workers' progress reports are tested on it.
 */
const SLOW_PIECES = 6;
const SLOW_PIECE_BYTES = 64 * 1024;
function slowPayload(context, next) {
  if (context.path !== '/slow/values.bin') return next();
  context.type = 'application/octet-stream';
  context.length = SLOW_PIECES * SLOW_PIECE_BYTES;
  context.body = Readable.from(
    (async function* pieces() {
      for (let i = 0; i < SLOW_PIECES; i++) {
        await new Promise((resolve) => setTimeout(resolve, 80));
        yield Buffer.alloc(SLOW_PIECE_BYTES, i + 1);
      }
    })(),
  );
  return undefined;
}

/**
 * /demo/data/demo-50k/…: the 2-D demo dataset, for the docs-site example page of demo/ (the
 * generated 50,000-cell demo data is not in the repository).
 */
function demoData(context, next) {
  const prefix = '/demo/data/demo-50k/';
  if (context.path.startsWith(prefix)) context.url = `${DATASET}${context.path.slice(prefix.length)}`;
  return next();
}

export default {
  rootDir: here,
  files: [`test/browser/**/*.test.ts`],
  nodeResolve: true,
  // /hostile/<case>/…: broken and malicious export folders; /second-origin: what another origin received.
  // /many-categories/: one cell field of 65,535 categories, for the legend.
  // /demo/data/demo-50k/: the docs-site example's dataset.
  middleware: [publishedDatasets, demoData, slowPayload, manyCategories, await hostileDatasets()],
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 60000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: path.join(here, 'tsconfig.json') })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
