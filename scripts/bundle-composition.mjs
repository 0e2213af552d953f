// `npm run bundle:composition` (after `npm run build`): what dist/cellucid-viewer.js (and the session
// code it imports when first needed, dist/cellucid-viewer-session.js) are made of, per
// source file, from its source map: each source's minified text, raw and gzipped on its own (gzip of
// the parts over-counts the whole, but ranks them right). The workers, inlined as strings the map
// does not follow, are one line each, then itemised from dist/esm/*.worker.js (unminified there).
// `--all` lists every source, else the largest 50.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map';

const gz = (text) => gzipSync(text, { level: 9 }).length;
const all = process.argv.includes('--all');
const shown = 50;

/** Each source's share of `file`'s text, by the generated ranges its map gives it. */
async function composition(file, cuts = []) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const marks = []; // [offset, source or null], in order
  await SourceMapConsumer.with(map, null, (consumer) =>
    consumer.eachMapping((m) => marks.push([lineStarts[m.generatedLine - 1] + m.generatedColumn, m.source ?? null])),
  );
  // Texts the map does not follow (the workers' strings): their own rows, cut out of the mapped ranges.
  for (const [from, to, label] of cuts) marks.push([from, label], [to, 'cut-end']);
  marks.sort((a, b) => a[0] - b[0] || (a[1] === 'cut-end' ? -1 : 1));
  const labels = new Set(cuts.map(([, , label]) => label));
  let open = null; // the cut being read
  let before = null; // the source before it, which resumes after it
  for (const mark of marks) {
    if (labels.has(mark[1])) open = mark[1];
    else if (mark[1] === 'cut-end') {
      open = null;
      mark[1] = before;
    } else if (open) mark[1] = open;
    else before = mark[1];
  }
  const parts = new Map();
  const add = (source, text) => parts.set(source, (parts.get(source) ?? '') + text);
  if (marks.length === 0 || marks[0][0] > 0) add(null, code.slice(0, marks[0]?.[0] ?? code.length));
  marks.forEach(([at, source], i) => add(source, code.slice(at, marks[i + 1]?.[0] ?? code.length)));
  /** The source of the text at `offset`. */
  const sourceAt = (offset) => marks.findLast(([at]) => at <= offset)?.[1] ?? null;
  return { code, parts, sourceAt };
}

const name = (source) =>
  source === null
    ? '(unmapped)'
    : source
        .replace(/^(\.\.\/)+/, '')
        .replace(/^main\//, '')
        .replace(/^node_modules\//, '~');

function report(title, { code, parts }, note) {
  const rows = [...parts].map(([source, text]) => [name(source), text.length, gz(text)]).sort((a, b) => b[2] - a[2]);
  console.log(`\n${title}: ${code.length} bytes, ${gz(code)} gzip${note ?? ''}`);
  console.log('   gzip    raw  source');
  for (const [n, raw, g] of all ? rows : rows.slice(0, shown))
    console.log(`${String(g).padStart(7)}${String(raw).padStart(7)}  ${n}`);
  if (!all && rows.length > shown) console.log(`   … ${rows.length - shown} more (--all)`);
}

/** A minified module's composition; its inlined workers (`const $k='…';`, unmapped) on rows of their own. */
async function withWorkers(file) {
  const bundle = readFileSync(file, 'utf8');
  const { sourceAt } = await composition(file);
  const cuts = [...bundle.matchAll(/const (\$\d+)=(['"])(?:\\.|(?!\2).)*\2;/gs)].map((m) => {
    const usedIn = name(sourceAt(bundle.indexOf(`[${m[1]}]`, m.index + m[0].length)));
    return [m.index, m.index + m[0].length, `(the worker ${usedIn} starts, inlined)`];
  });
  return composition(file, cuts);
}

const modules = ['dist/cellucid-viewer.js', 'dist/cellucid-viewer-session.js'];
const pages = await Promise.all(modules.map(withWorkers));
// `--show <part of a source's path>`: that source's minified text in the modules, and nothing else.
const show = process.argv[process.argv.indexOf('--show') + 1];
if (process.argv.includes('--show')) {
  for (const [i, page] of pages.entries())
    for (const [source, text] of page.parts)
      if (name(source).includes(show)) console.log(`${modules[i]} ${name(source)}:\n${text}\n`);
  process.exit(0);
}
pages.forEach((page, i) => report(modules[i], page));
for (const file of readdirSync('dist/esm')
  .filter((f) => f.endsWith('.worker.js'))
  .sort())
  report(`dist/esm/${file}`, await composition(`dist/esm/${file}`), ' (unminified)');
