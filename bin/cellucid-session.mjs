#!/usr/bin/env node
// The `cellucid-session` command; its code is built by `npm run build` into dist/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('cellucid-session: dist/cli.js is missing; run `npm run build` first.');
  process.exit(2);
}
// Output piped into `head` and closed early is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
