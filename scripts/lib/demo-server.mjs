// The demo's preparation and server, shared by `npm start` and `npm run screenshots`: build the
// bundle when it is missing or older than src/, generate the demo dataset when it is missing, and
// serve the repository (the demo page is /demo/, the bundle /dist/).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startDevServer } from '@web/dev-server';

const BUNDLE = 'dist/cellucid-viewer.js';
export const DEMO_DATA = 'demo/data/demo-50k';

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

export function prepareDemo() {
  if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestMtime('src')) {
    console.log('Building dist/ …');
    execSync('npm run --silent build', { stdio: 'inherit' });
  }
  // Demo data from before the generator wrote connectivity is made again (the same cells, plus the graph).
  if (!existsSync(path.join(DEMO_DATA, 'connectivity_manifest.json'))) {
    console.log('Generating the demo dataset …');
    execSync(
      `node scripts/generate-dataset.mjs --out ${DEMO_DATA} --id demo-50k --name "Synthetic ` +
        `haematopoiesis, 50,000 cells"`,
      { stdio: 'inherit' },
    );
  }
  // Sessions written by an older make-demo-sessions are written again.
  const published = path.join(DEMO_DATA, 'state-snapshots.json');
  if (!existsSync(published) || statSync(published).mtimeMs < statSync('scripts/make-demo-sessions.ts').mtimeMs) {
    execSync(`node --import tsx scripts/make-demo-sessions.ts ${DEMO_DATA}`, { stdio: 'inherit' });
  }
}

/** Resolves with the first port from `wanted` (of 20) nothing listens on. */
async function freePort(wanted) {
  for (let port = wanted; port < wanted + 20; port++) {
    const free = await new Promise((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, 'localhost', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port between ${wanted} and ${wanted + 19}.`);
}

/**
 * Serves the repository on `wanted` or the next free port; resolves with the dev server. The port
 * is probed first: the dev server ends the process when its port is taken.
 */
export async function serveRepo(wanted, middleware = []) {
  const port = await freePort(wanted);
  return startDevServer({
    config: { rootDir: process.cwd(), port, hostname: 'localhost', open: false, watch: false, middleware },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
}
