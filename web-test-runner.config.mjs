// Browser tests run in Debian's chromium (no tool can download a browser here).
// rootDir is the repo's parent so tests can fetch the shared datasets and session
// fixtures at /shared/… without copying them into the repo.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium } from './scripts/browser-path.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoName = path.basename(here);

export default {
  rootDir: path.resolve(here, '..'),
  files: [`test/browser/**/*.test.ts`],
  nodeResolve: true,
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
  testRunnerHtml: (testFramework) => `<!doctype html><html><head><meta charset="utf-8"><script>window.__REPO__ = ${JSON.stringify('/' + repoName + '/')};</script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
};
