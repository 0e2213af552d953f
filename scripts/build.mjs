// `npm run build`: an empty dist/, then the Rollup run (both builds of the element, the session
// core, the command) beside the type declarations (tsc, which type-checks the sources as it
// writes them): the two use a core each. Then custom-elements.json from the sources.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const started = performance.now();

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed`))));
  });
}

try {
  rmSync('dist', { recursive: true, force: true });
  await Promise.all([
    run('npx', ['rollup', '-c', 'rollup.config.mjs']),
    run('npx', ['tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly']),
  ]);
  await run('npm', ['run', '--silent', 'analyze']);
  console.log(`build: ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
