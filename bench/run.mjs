#!/usr/bin/env node
// `npm run bench`: load and frame times of <cellucid-viewer> against a bare twgl.js page (the
// floor) and regl-scatterplot (the peer), measured in the same headless Chromium run, plus the
// session-format benchmark. Not part of CI.
//   node bench/run.mjs [--sizes 1000000,5000000,10000000,20000000] [--only load|interactions|session] [--frames 5]
//                      [--renderers element,floor,regl] [--build single|esm] [--autosave off|on]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROMIUM_ARGS, findChromium } from '../scripts/browser-path.mjs';
import { writeSyntheticExport } from '../scripts/lib/synthetic-export.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,5000000,10000000,20000000' },
    only: { type: 'string' },
    frames: { type: 'string', default: '5' },
    renderers: { type: 'string', default: 'element,floor,regl' },
    // esm: the element's bundler build (unminified), so that long tasks name their functions.
    build: { type: 'string', default: 'single' },
    // on: the element as a page gets it by default (its session code imported as it starts, the
    // orbit's camera changes autosaved); off keeps the orbit's frames to drawing.
    autosave: { type: 'string', default: 'off' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const PAGE_TIMEOUT = 40 * 60 * 1000;
const lines = [];
const log = (s = '') => {
  console.log(s);
  lines.push(s);
};

function dataset(n) {
  const out = path.join(root, 'bench/.data', `cells-${n}`);
  if (!existsSync(path.join(out, 'dataset_identity.json'))) {
    console.error(`generating ${n.toLocaleString('en-US')} cells …`);
    writeSyntheticExport({ cells: n, genes: 5, dims: [3], out, seed: 1, id: `bench-${n}` });
  }
  return `/bench/.data/cells-${n}/`;
}

async function runPage(browser, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 800, height: 600 });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT });
    await page.waitForFunction(() => window.__result !== undefined, { timeout: PAGE_TIMEOUT, polling: 200 });
    return await page.evaluate(() => window.__result);
  } catch (err) {
    return { ok: false, error: String(err.message ?? err).split('\n')[0] };
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * A browser just launched starts its GPU process for a second or more, and the first WebGL
 * context on any page waits for it (200–500 ms here, the bare page's as much as the element's).
 * Users' browsers have long been running; so the measured pages start once a context comes fast.
 */
async function warmUpGpu(browser) {
  const page = await browser.newPage();
  try {
    await page.evaluate(async () => {
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        const gl = document.createElement('canvas').getContext('webgl2');
        gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
        gl?.getExtension('WEBGL_lose_context')?.loseContext();
        if (performance.now() - t < 20) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    });
  } finally {
    await page.close();
  }
}

const f = (v, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '–');

/** regl-scatterplot ships CommonJS dependencies; bundle it once into an ES module for the peer page. */
async function bundlePeer() {
  const outfile = path.join(root, 'bench/.data/regl-scatterplot.js');
  if (existsSync(outfile)) return;
  await build({
    stdin: { contents: "export { default } from 'regl-scatterplot';", resolveDir: root },
    bundle: true,
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
}

async function loadBench() {
  await bundlePeer();
  if (!existsSync(path.join(root, 'dist/cellucid-viewer.js')))
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  const server = await startDevServer({
    config: {
      rootDir: root,
      port: 8765,
      nodeResolve: true,
      plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
      watch: false,
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const base = `http://localhost:${server.config.port}/bench/pages/`;
  const browser = await puppeteer.launch({
    executablePath: findChromium({ required: true }),
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
    protocolTimeout: PAGE_TIMEOUT,
  });
  await warmUpGpu(browser);
  log(
    '| cells | renderer | load ms | first frame ms | orbit frame ms, LOD (points drawn) | orbit frame ms, ' +
      "every cell | the render worker's own orbit frame ms, LOD / every cell | longest main-thread task during " +
      'load ms | JS heap B/cell | GPU B/cell |',
  );
  log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const notes = [];
  try {
    for (const n of sizes) {
      const ds = dataset(n);
      const q = `frames=${values.frames}&pointSize=2`;
      const points = `points=${ds}points_3d.bin.gz&cells=${n}&${q}`;
      const pages = {
        element: ['element', `element.html?dataset=${ds}&${q}&build=${values.build}&autosave=${values.autosave}`],
        floor: ['bare twgl.js (floor)', `bare-twgl.html?${points}`],
        regl: ['regl-scatterplot', `regl.html?${points}`],
      };
      const runs = [];
      for (const key of values.renderers.split(',')) {
        const [name, page] = pages[key];
        runs.push([name, await runPage(browser, base + page)]);
      }
      for (const [name, r] of runs) {
        const lod = r.frameLodMs === undefined ? '–' : `${f(r.frameLodMs)} (${f(r.lodPoints)})`;
        const cells = r.ok
          ? [
              f(r.loadMs),
              f(r.firstFrameMs),
              lod,
              f(r.frameMs),
              r.drawLodMs === undefined ? '–' : `${f(r.drawLodMs)} / ${f(r.drawMs)}`,
              f(r.longestTaskMs),
              f(r.jsHeapBytesPerCell, 1),
              f(r.gpuBytesPerCell, 0),
            ]
          : [`failed: ${r.error}`, '', '', '', '', '', '', ''];
        log(`| ${n.toLocaleString('en-US')} | ${name} | ${cells.join(' | ')} |`);
        if (r.longestWhat) notes.push(`${n.toLocaleString('en-US')} cells, ${name}'s longest task: ${r.longestWhat}`);
        if (r.lodReadyMs)
          notes.push(`${n.toLocaleString('en-US')} cells: LOD order ready ${f(r.lodReadyMs)} ms after the start`);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  log('');
  log(
    'Load: from the start until the first frame is issued (data fetched, decoded, coloured and handed to the GPU); ' +
      'first frame: until its pixels are on the canvas. Orbit frame: median of the orbit steps, each from the ' +
      'camera move until its pixels are drawn (the wait for the next animation frame included); the render ' +
      "worker's own frame: from its first GL call until the pixels are drawn, what sets the frame rate. " +
      'GPU bytes per cell: the buffers the renderer holds (xyz float32 + RGBA bytes). JS heap: ' +
      "usedJSHeapSize growth per cell up to the first frame (the page's own heap; workers have theirs).",
  );
  for (const line of notes) log(`${line}.`);
}

// A task that runs page JavaScript (a timer, a message, an IndexedDB callback, a frame) is the
// page's own work; one that only collects garbage or runs browser internals is not.
const RUNS_SCRIPT = new Set([
  'FunctionCall',
  'v8.callFunction',
  'TimerFire',
  'HandlePostMessage',
  'FireAnimationFrame',
  'EventDispatch',
  'v8.run',
]);

/**
 * The main thread's tasks between two user-timing marks of a Chromium trace: their summed
 * duration (what the page paid), the part in tasks that ran the page's JavaScript (the step's
 * own work, garbage collections inside it included), and the longest task (how long the page
 * could not answer input).
 */
function tasksBetween(trace, startMark, endMark) {
  const events = JSON.parse(Buffer.from(trace).toString('utf8')).traceEvents;
  const start = events.find((e) => e.name === startMark);
  const end = events.find((e) => e.name === endMark);
  if (!start || !end) return { busyMs: NaN, ownMs: NaN, longestMs: NaN };
  const onMain = events.filter(
    (e) =>
      e.pid === start.pid &&
      e.tid === start.tid &&
      typeof e.dur === 'number' &&
      e.ts < end.ts &&
      e.ts + e.dur > start.ts,
  );
  let busy = 0;
  let own = 0;
  let longest = 0;
  for (const e of onMain) {
    if (e.name !== 'RunTask') continue;
    // Only the part of a task inside the window counts (the first one began before the mark).
    const from = Math.max(e.ts, start.ts);
    const to = Math.min(e.ts + e.dur, end.ts);
    if (to <= from) continue;
    busy += to - from;
    longest = Math.max(longest, to - from);
    if (onMain.some((k) => RUNS_SCRIPT.has(k.name) && k.ts >= e.ts && k.ts <= e.ts + e.dur)) own += to - from;
  }
  return { busyMs: busy / 1000, ownMs: own / 1000, longestMs: longest / 1000 };
}

/**
 * Traces `runs` runs of a page step between two marks: the median and range of both costs, and the worst longest task.
 */
async function traceRuns(page, step, marks, runs = 5) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    await page.tracing.start({
      categories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'blink.user_timing', 'v8'],
    });
    await page.evaluate(step);
    results.push(tasksBetween(await page.tracing.stop(), `${marks}-start`, `${marks}-end`));
  }
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs / 2)];
  const spread = (key) =>
    `${f(Math.min(...results.map((r) => r[key])), 1)}–${f(Math.max(...results.map((r) => r[key])), 1)}`;
  return {
    busyMedian: median('busyMs'),
    ownMedian: median('ownMs'),
    busySpread: spread('busyMs'),
    ownSpread: spread('ownMs'),
    worstLongestMs: Math.max(...results.map((r) => r.longestMs)),
  };
}

/**
 * Interactions and save/restore on the element, 1M cells (targets: ≤ 100 ms to the new frame; restore tasks ≤ 50 ms;
 * autosave ≤ 10 ms).
 */
async function interactionBench() {
  if (!existsSync(path.join(root, 'dist/cellucid-viewer.js')))
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  const n = 1_000_000;
  const ds = dataset(n);
  const server = await startDevServer({
    config: { rootDir: root, port: 8766, watch: false },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const browser = await puppeteer.launch({
    executablePath: findChromium({ required: true }),
    args: CHROMIUM_ARGS,
    protocolTimeout: PAGE_TIMEOUT,
  });
  await warmUpGpu(browser);
  const page = await browser.newPage();
  await page.setViewport({ width: 800, height: 600 });
  try {
    let r;
    try {
      await page.goto(`http://localhost:${server.config.port}/bench/pages/interactions.html?dataset=${ds}`, {
        waitUntil: 'load',
        timeout: PAGE_TIMEOUT,
      });
      await page.waitForFunction(() => window.__result !== undefined, { timeout: PAGE_TIMEOUT, polling: 200 });
      r = await page.evaluate(() => window.__result);
    } catch (err) {
      r = { ok: false, error: String(err.message ?? err).split('\n')[0] };
    }
    log(
      `| element, ${n.toLocaleString('en-US')} cells | ms until the call resolves | main-thread busy ms ` +
        'meanwhile (target ≤ 100) | longest main-thread task ms (0: none over 50) | ms until it is on screen | ' +
        'one redraw ms (software GL) |',
    );
    log('|---|---:|---:|---:|---:|---:|');
    // NaN travels back from the page as null: a column a row does not measure.
    const num = (v) => (typeof v === 'number' ? v : NaN);
    if (!r.ok) log(`| failed: ${r.error} | – | – | – | – | – |`);
    else
      for (const row of r.rows)
        log(
          `| ${row.name} | ${f(num(row.resolvedMs))} | ${f(num(row.busyMs))} | ` +
            `${f(num(row.longestTaskMs))} | ${f(num(row.wallMs))} | ${f(num(row.drawMs))} |`,
        );
    if (r.ok) log(`| session bytes | ${r.bytes.toLocaleString('en-US')} | | | | |`);
    if (r.ok) {
      log('');
      log(
        '| one autosave, 1M cells, 8 groups of 125k + 1 user field (median of 5 traced runs) | ' +
          "main-thread ms in the save's own tasks (target ≤ 10) | range over the runs | " +
          'all main-thread ms in the window (with garbage collections of the edit) | range | longest task ms |',
      );
      log('|---|---:|---:|---:|---:|---:|');
      for (const [kind, name] of [
        ['first', 'right after the groups and field were made (all chunks encoded)'],
        ['camera', 'after a camera move (unchanged chunks reused)'],
      ]) {
        const t = await traceRuns(page, `window.benchAutosave(${JSON.stringify(kind)})`, 'autosave');
        log(
          `| ${name} | ${f(t.ownMedian, 1)} | ${t.ownSpread} | ${f(t.busyMedian, 1)} | ${t.busySpread} | ` +
            `${f(t.worstLongestMs, 1)} |`,
        );
      }
      log('');
      log(
        '| restore of that session, 1M cells (3 traced runs) | main-thread busy ms (median) | range over ' +
          'the runs | longest task ms, worst run (target ≤ 50) |',
      );
      log('|---|---:|---:|---:|');
      const t = await traceRuns(page, 'window.benchRestore()', 'restore', 3);
      log(`| loadState, start to complete | ${f(t.busyMedian, 0)} | ${t.busySpread} | ${f(t.worstLongestMs, 1)} |`);
    }
  } finally {
    await page.close().catch(() => {});
    await browser.close();
    await server.stop();
  }
}

/** A Node benchmark script under bench/ that prints a markdown table. */
function nodeBench(file) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', file)], {
    cwd: root,
    encoding: 'utf8',
  });
  for (const line of out.trimEnd().split('\n')) log(line);
}

log(
  `cellucid-viewer benchmarks, ${new Date().toISOString().slice(0, 10)}, headless Chromium (SwiftShader ` +
    `software WebGL), 800×600 canvas, point size 2`,
);
log('');
if (values.only !== 'session' && values.only !== 'interactions') await loadBench();
if (!values.only || values.only === 'interactions') {
  log('');
  await interactionBench();
}
if (values.only !== 'load' && values.only !== 'interactions') {
  log('');
  nodeBench('session-bench.ts');
  log('');
  nodeBench('state-bench.ts');
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/latest.md'), `${lines.join('\n')}\n`);
