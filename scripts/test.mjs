// `npm test`: lint, build (its tsc type-checks the sources), the type tests, the bundle budget (some
// browser tests load dist/), the core tests in Node, then the element tests in headless Chromium.
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

// `npm run lint` in three parts, so the sources are type-checked once: by the build's tsc, which
// writes the declarations; every test (core, element, type tests) then compiles against them under strict.
run('npm', ['run', '--silent', 'lint:code']);
run('npm', ['run', '--silent', 'build']);
run('npx', ['tsc', '-p', 'test/tsconfig.json']);
run(process.execPath, ['scripts/check-bundle-size.mjs']);
run('npm', ['run', '--silent', 'test:node']);
run('npm', ['run', '--silent', 'test:browser']);
console.log(`\nnpm test: ${seconds(started)}`);
