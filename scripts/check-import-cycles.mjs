// No import cycle under src/, type-only imports included: a cycle means two modules that cannot
// be read (or moved to a worker, or to Node) one without the other. Rollup sees only the imports
// that survive transpiling; this sees every one. Prints each cycle and fails if there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? 'src');
const files = readdirSync(root, { recursive: true })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(root, f));
const known = new Set(files);

/** Relative imports and re-exports of `file`, as the .ts files they name. */
function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')))
    .filter((target) => known.has(target));
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));
const state = new Map(); // file → 'open' while on the path, 'done' after
const cycles = [];

function visit(file, path) {
  state.set(file, 'open');
  path.push(file);
  for (const next of graph.get(file)) {
    if (state.get(next) === 'open') cycles.push(path.slice(path.indexOf(next)).concat(next));
    else if (!state.has(next)) visit(next, path);
  }
  path.pop();
  state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) visit(file, []);

for (const cycle of cycles) console.error(`import cycle: ${cycle.map((f) => relative(root, f)).join(' → ')}`);
if (cycles.length > 0) process.exit(1);
console.log(`No import cycle among ${files.length} modules under ${relative(process.cwd(), root) || '.'}/.`);
