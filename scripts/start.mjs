// `npm start`: build the bundle when it is missing or older than src/, generate the demo
// dataset when it is missing, then serve the repo and print the demo URL.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startDevServer } from '@web/dev-server';

const BUNDLE = 'dist/cellucid-viewer.js';
const DEMO_DATA = 'demo/data/demo-50k';

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

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
if (!existsSync(path.join(DEMO_DATA, 'state-snapshots.json'))) {
  execSync(`node --import tsx scripts/make-demo-sessions.ts ${DEMO_DATA}`, { stdio: 'inherit' });
}

const wanted = Number(process.env.PORT) || 8080;
let server;
for (let port = wanted; port < wanted + 20 && !server; port++) {
  try {
    server = await startDevServer({
      config: { rootDir: process.cwd(), port, hostname: 'localhost', open: false, watch: false },
      readCliArgs: false,
      readFileConfig: false,
      logStartMessage: false,
    });
  } catch (err) {
    if (!/EADDRINUSE|already in use/i.test(String(err?.message ?? err))) throw err;
  }
}
if (!server) throw new Error(`No free port between ${wanted} and ${wanted + 19}.`);
console.log(`\ncellucid-viewer demo: http://localhost:${server.config.port}/demo/\n(Ctrl+C to stop)`);
