#!/usr/bin/env node
// Where a long main-thread task during a load goes: loads the element's bundler build (function
// names kept) on the benchmark page with V8's sampling profiler on, and prints, for each
// main-thread task over 50 ms, the functions that ran in it by self time. Not part of CI.
//   node bench/profile-load.mjs [--cells 10000000]   (the export must exist: run `npm run bench` once)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { startDevServer } from '@web/dev-server';
import { CHROMIUM_ARGS, findChromium } from '../scripts/browser-path.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { cells: { type: 'string', default: '10000000' } } });
const server = await startDevServer({
  config: { rootDir: root, port: 8766, nodeResolve: true, watch: false },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const browser = await puppeteer.launch({ executablePath: findChromium({ required: true }), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 800, height: 600 });
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.tracing.start({ categories: ['disabled-by-default-devtools.timeline', 'devtools.timeline'] });
  await cdp.send('Profiler.start');
  const dataset = `/bench/.data/cells-${values.cells}/`;
  await page.goto(`http://localhost:8766/bench/pages/element.html?dataset=${dataset}&frames=1&build=esm`, {
    timeout: 0,
  });
  await page.waitForFunction(() => window.__result !== undefined, { timeout: 0, polling: 500 });
  const { profile } = await cdp.send('Profiler.stop');
  const result = await page.evaluate(() => window.__result);
  console.log(result.ok ? `loaded ${result.cells} cells in ${Math.round(result.loadMs)} ms` : result.error);
  const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8')).traceEvents;
  // Main-thread tasks over 50 ms (trace times in µs, as the profile's).
  const main = trace.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = trace.filter((e) => e.name === 'RunTask' && e.tid === main?.tid && e.dur > 50_000);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const times = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  for (const task of tasks) {
    const self = new Map();
    profile.samples.forEach((id, i) => {
      if (times[i] < task.ts || times[i] > task.ts + task.dur) return;
      const { functionName, url: file, lineNumber } = byId.get(id).callFrame;
      const key = `${functionName || '(anonymous)'} ${file.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + 1);
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.log(`task of ${(task.dur / 1000).toFixed(0)} ms, ${total} samples:`);
    for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12))
      console.log(`  ${((100 * n) / total).toFixed(0).padStart(3)} %  ${key}`);
  }
  if (!tasks.length) console.log('no main-thread task over 50 ms');
} finally {
  await browser.close();
  await server.stop();
}
