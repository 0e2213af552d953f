// `npm run screenshots`: pictures of the viewer on the demo dataset at a phone's, an embed's and a
// desktop's size, each in the light and the dark theme, into docs/screenshots/ (the README shows them).
// The viewer fills the window; the phone and the desktop show the built-in controls, the embed the
// default attributes. Each picture is taken once the viewer has drawn the dataset's published view
// (its cellucid-load, then the restore's 'complete' phase, then a frame), never after a fixed time.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from './browser-path.mjs';
import { DEMO_DATA, prepareDemo, serveRepo } from './lib/demo-server.mjs';

const OUT = 'docs/screenshots';
const SIZES = [
  { name: 'phone', width: 360, height: 640, controls: true },
  { name: 'embed', width: 480, height: 320, controls: false },
  { name: 'desktop', width: 1400, height: 900, controls: true },
];
const THEMES = ['light', 'dark'];
// pngquant (Debian: apt-get install pngquant), when present, makes the PNGs about a third as large.
const PNGQUANT = spawnSync('pngquant', ['--version']).status === 0;

/** /screenshot?theme=…&controls=1: one viewer filling the window. */
function screenshotPage(context, next) {
  if (context.path !== '/screenshot') return next();
  const { theme = 'light', controls } = context.query;
  const dark = theme === 'dark';
  context.type = 'text/html';
  context.body = `<!doctype html><html lang="en"><head><meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<script type="module" src="/dist/cellucid-viewer.js"></script>
<style>html,body{margin:0;height:100%;background:${dark ? '#141619' : '#f6f6f7'}}
cellucid-viewer{width:100vw;height:100vh}</style></head><body>
<cellucid-viewer dataset-url="/${DEMO_DATA}/" autosave="off" theme="${dark ? 'dark' : 'light'}"
 ${controls ? 'controls' : ''} alt="The demo dataset"></cellucid-viewer></body></html>`;
  return undefined;
}

prepareDemo();
mkdirSync(OUT, { recursive: true });
const server = await serveRepo(Number(process.env.PORT) || 8090, [screenshotPage]);
const base = `http://localhost:${server.config.port}`;
const browser = await puppeteer.launch({
  executablePath: findChromium({ required: true }),
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  for (const size of SIZES) {
    for (const theme of THEMES) {
      const page = await browser.newPage();
      await page.setViewport({ width: size.width, height: size.height, deviceScaleFactor: 1 });
      // Listening before any script of the page runs, so no event can be missed.
      await page.evaluateOnNewDocument(() => {
        const shot = { loaded: false, restored: false, error: null };
        Object.defineProperty(window, '__shot', { value: shot });
        document.addEventListener('cellucid-load', () => (shot.loaded = true));
        document.addEventListener('cellucid-restore', (e) => {
          if (e.detail.phase === 'complete') shot.restored = true;
        });
        document.addEventListener('cellucid-error', (e) => (shot.error = e.detail.message));
      });
      await page.goto(`${base}/screenshot?theme=${theme}${size.controls ? '&controls=1' : ''}`);
      const handle = await page.waitForFunction(
        () => window.__shot.error ?? (window.__shot.loaded && window.__shot.restored),
        { timeout: 0, polling: 'raf' },
      );
      const outcome = await handle.jsonValue();
      if (outcome !== true) throw new Error(`${size.name}, ${theme}: ${outcome}`);
      // toBlob resolves once the latest view is drawn; two animation frames let the page paint it.
      await page.evaluate(async () => {
        await document.querySelector('cellucid-viewer').toBlob();
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      });
      const file = `${OUT}/${size.name}-${theme}.png`;
      await page.screenshot({ path: file });
      if (PNGQUANT) spawnSync('pngquant', ['--quality=65-90', '--strip', '--force', '--output', file, file]);
      console.log(`${file} (${size.width}×${size.height})`);
      await page.close();
    }
  }
} finally {
  if (!PNGQUANT) console.log('(pngquant is not installed: the PNGs are not compressed)');
  await browser.close();
  await server.stop();
}
