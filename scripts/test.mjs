// `npm test`: lint and type-check, build the bundle (some browser tests load dist/), run the core
// tests in Node, then the element tests in headless Chromium (installed through apt-get if missing).
import { spawnSync } from 'node:child_process';

const started = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function run(cmd, args) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  console.log(`(${args.at(-1)}: ${seconds(t)})`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('npm', ['run', '--silent', 'lint']);
run('npm', ['run', '--silent', 'build']);
run(process.execPath, ['scripts/check-bundle-size.mjs']);
run('npm', ['run', '--silent', 'test:node']);
run('npm', ['run', '--silent', 'test:browser']);
console.log(`\nnpm test: ${seconds(started)}`);
