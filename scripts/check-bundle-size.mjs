// The element's bundle must stay within its budget: 80 KiB gzip (level 9), as the README reports.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 80 * 1024;
const bytes = gzipSync(readFileSync('dist/cellucid-viewer.js'), { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
if (bytes > BUDGET) {
  console.error(`dist/cellucid-viewer.js is ${kib(bytes)} gzip, over its ${kib(BUDGET)} budget.`);
  process.exit(1);
}
console.log(`dist/cellucid-viewer.js: ${kib(bytes)} gzip (budget ${kib(BUDGET)}).`);
