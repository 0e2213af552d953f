// Makes sure a Chromium exists before browser tests run. Nothing can download a browser
// build here, so the only source is the system package manager (Debian's `chromium`).
import { execSync } from 'node:child_process';
import { findChromium } from './browser-path.mjs';
import { existsSync } from 'node:fs';

function tryInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!hasApt) return false;
  const sudo = isRoot ? '' : 'sudo -n ';
  console.log("[ensure-browser] no Chromium found, installing Debian's chromium with apt-get…");
  try {
    execSync(`${sudo}apt-get install -y --no-install-recommends chromium`, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    execSync(`${sudo}apt-get update`, { stdio: 'inherit' });
    execSync(`${sudo}apt-get install -y --no-install-recommends chromium`, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  return true;
}

let path = findChromium();
if (!existsSync(path)) {
  try {
    tryInstall();
  } catch (err) {
    console.error(`[ensure-browser] could not install chromium: ${err.message}`);
  }
  path = findChromium();
}
if (!existsSync(path)) {
  console.error(
    '[ensure-browser] No Chromium available. Install one (Debian: apt-get install -y chromium) or set CHROME_PATH.',
  );
  process.exit(1);
}
console.log(`[ensure-browser] using ${path}`);
