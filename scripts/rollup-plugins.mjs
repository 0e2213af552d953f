// The build's Rollup plugins: TypeScript through esbuild (types are checked once, by `tsc --noEmit`
// in `npm run lint`), workers bundled in the same run, and the rewrites that keep the element small.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { transform } from 'esbuild';
import terser from '@rollup/plugin-terser';

// The element's classes (LitElement, its features): Lit's reactive properties need assignments, not
// class-field definitions, as in tsconfig.json. Other classes keep their fields as written (`#x = 0;`
// is shorter than `#x;` and `this.#x = 0` in the constructor); none reads a constructor parameter
// property in a field's initialiser, which runs before the parameter is assigned.
const LIT_ELEMENT = /extends (LitElement|ViewerBase|\w+Feature)\b/;

/** TypeScript → JavaScript, one file at a time (no type checking: `tsc --noEmit` does that once). */
export function esbuildTypeScript() {
  return {
    name: 'esbuild-typescript',
    // The sources import each other as `./x.js` (as TypeScript resolves them): that is `./x.ts`.
    resolveId(source, importer) {
      if (!importer || !/^\.\.?\//.test(source) || !source.endsWith('.js')) return null;
      const file = path.resolve(path.dirname(importer), `${source.slice(0, -3)}.ts`);
      return existsSync(file) ? file : null;
    },
    async transform(code, id) {
      if (!realPath(id).endsWith('.ts')) return null;
      const out = await transform(code, {
        loader: 'ts',
        format: 'esm',
        target: 'es2022',
        sourcemap: true,
        sourcefile: realPath(id),
        tsconfigRaw: {
          compilerOptions: { useDefineForClassFields: !LIT_ELEMENT.test(code), verbatimModuleSyntax: false },
        },
      });
      return { code: out.code, map: out.map };
    },
  };
}

// Workers: each `new URL('…/x.worker.ts', import.meta.url)` becomes a chunk of the same build named
// `x.worker.js`. Its modules are loaded under ids of their own (the suffix below), so the worker
// chunk shares no module with the page's chunk or another worker's: every worker file is
// self-contained, which the single-file bundle needs (it inlines them) and strict pages like.
const WORKER_URL = /new URL\(\s*(['"])((?:\.\.?\/)+[^'"]+\.worker\.ts)\1\s*,\s*import\.meta\.url\s*\)/g;
const WORKER_SUFFIX = '?cellucid-worker=';

/** The file behind a module id, without the worker suffix. */
function realPath(id) {
  const at = id.indexOf(WORKER_SUFFIX);
  return at < 0 ? id : id.slice(0, at);
}

/** The worker suffix of a module id, or '' for the page's modules. */
function workerSuffix(id) {
  const at = id.indexOf(WORKER_SUFFIX);
  return at < 0 ? '' : id.slice(at);
}

/** Source maps name the files themselves. */
export const sourcemapPathTransform = (relative) => realPath(relative);

export function bundledWorkers() {
  let emitted;
  return {
    name: 'bundled-workers',
    buildStart() {
      emitted = new Map();
    },
    async resolveId(source, importer, options) {
      if (workerSuffix(source)) return source;
      const suffix = importer && workerSuffix(importer);
      if (!suffix) return null;
      const resolved = await this.resolve(source, realPath(importer), { ...options, skipSelf: true });
      if (!resolved || resolved.external || resolved.id.startsWith('\0')) return resolved;
      return { ...resolved, id: resolved.id + suffix };
    },
    load(id) {
      return workerSuffix(id) ? readFile(realPath(id), 'utf8') : null;
    },
    transform(code, id) {
      if (!code.includes('.worker.ts')) return null;
      let changed = false;
      const out = code.replace(WORKER_URL, (_, _quote, relative) => {
        const file = path.resolve(path.dirname(realPath(id)), relative);
        const name = path.basename(file, '.ts');
        if (!emitted.has(file)) {
          const ref = this.emitFile({ type: 'chunk', id: `${file}${WORKER_SUFFIX}${name}`, fileName: `${name}.js` });
          emitted.set(file, ref);
        }
        changed = true;
        return `import.meta.ROLLUP_FILE_URL_${emitted.get(file)}`;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

/**
 * For the bundler build (an output plugin): each worker as `new URL('./x.worker.js', import.meta.url)`,
 * the form bundlers recognise and copy.
 */
export const relativeWorkerUrls = () => ({
  name: 'relative-worker-urls',
  resolveFileUrl: ({ relativePath }) =>
    `new URL(${JSON.stringify(relativePath.startsWith('.') ? relativePath : `./${relativePath}`)}, import.meta.url)`,
});

/**
 * The single-file bundle's output plugins, around its minifier: each worker chunk, once minified,
 * becomes a string inside the page's chunk (started as a Blob URL) and is not written as a file.
 * The page's chunk is minified with a free variable where each worker goes; then its top-level
 * statements are laid out for gzip with the workers' strings (see arrangeForGzip).
 */
export function inlineWorkerChunks(minify) {
  const workers = new Map(); // placeholder variable → the worker chunk's minified code, when ready
  const entry = (variable) => {
    if (!workers.has(variable)) {
      let resolve;
      workers.set(variable, { code: new Promise((r) => (resolve = r)), resolve });
    }
    return workers.get(variable);
  };
  const variable = (fileName) => `__cellucid_${fileName.replace(/\W/g, '_')}`;
  const isWorker = (fileName) => fileName.endsWith('.worker.js');
  const inline = {
    name: 'inline-worker-chunks',
    renderStart() {
      workers.clear();
    },
    resolveFileUrl({ fileName }) {
      entry(variable(fileName));
      return `URL.createObjectURL(new Blob([${variable(fileName)}],{type:"text/javascript"}))`;
    },
  };
  const capture = {
    name: 'capture-worker-chunks',
    async renderChunk(code, chunk) {
      if (isWorker(chunk.fileName)) {
        entry(variable(chunk.fileName)).resolve(code);
        return null;
      }
      const used = [...workers.keys()].filter((name) => code.includes(name));
      const strings = await Promise.all(used.map((name) => workers.get(name).code.then(stringLiteral)));
      return arrangeForGzip(code, used, strings, (c) => this.parse(c));
    },
    generateBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) if (/\.worker\.js(\.map)?$/.test(fileName)) delete bundle[fileName];
    },
  };
  return [inline, minify, capture];
}

const gzipSize = (text) => gzipSync(text, { level: 9 }).length;

/**
 * The page's minified code laid out for gzip, which finds repeats only in the last 32 KiB:
 *  - each top-level function declaration (hoisted: where it stands changes nothing when the code
 *    runs), largest first, goes where it compresses best, among the places beside the statements
 *    that share most of its text;
 *  - each worker's code (`strings[k]`, for the free variable `names[k]` the page uses once) is
 *    declared as a constant under a short unused name before the top-level statement where it
 *    compresses best, no later than the statement that uses it, so it is set before it is read.
 * Returns the code and its source map (to the minified code).
 */
function arrangeForGzip(code, names, strings, parse) {
  for (const name of names)
    if (code.indexOf(name) !== code.lastIndexOf(name)) throw new Error(`${name} is used more than once`);
  const statements = parse(code).body;
  const short = unusedNames(code, names.length);
  // A piece: slices of `code` ([from, to]) and inserted texts, in order; its text is cached.
  const pieces = statements.map((s, i) => {
    const from = i === 0 ? 0 : s.start;
    const to = i + 1 < statements.length ? statements[i + 1].start : code.length;
    let parts = [[from, to]];
    names.forEach((name, k) => {
      const at = code.indexOf(name, from);
      if (at < 0 || at >= to) return;
      parts = parts.flatMap((p) =>
        typeof p === 'string' || at < p[0] || at >= p[1] ? [p] : [[p[0], at], short[k], [at + name.length, p[1]]],
      );
    });
    return {
      parts,
      movable: s.type === 'FunctionDeclaration',
      uses: names.findIndex((_, k) => parts.includes(short[k])),
    };
  });
  // The last statement may end without its semicolon: it needs one once something follows it.
  if (!/;\s*$/.test(code)) pieces.at(-1).parts.push(';');
  for (const p of pieces) p.text = p.parts.map((x) => (typeof x === 'string' ? x : code.slice(x[0], x[1]))).join('');
  let order = pieces.slice();
  const text = (list) => list.map((p) => p.text).join('');
  let best = gzipSize(text(order));
  /** Tries `piece` at each of `places` (indices into the order without it); keeps the best. */
  const tryPlaces = (piece, places) => {
    const rest = order.filter((p) => p !== piece);
    const at = order.indexOf(piece);
    for (const i of places) {
      if (i === at) continue;
      const tried = [...rest.slice(0, i), piece, ...rest.slice(i)];
      const size = gzipSize(text(tried));
      if (size < best) [best, order] = [size, tried];
    }
  };
  const grams = (t) => {
    const set = new Set();
    for (let i = 0; i + 8 <= t.length; i += 2) set.add(t.slice(i, i + 8));
    return set;
  };
  for (const p of order) p.grams = grams(p.text);
  /** The places beside the `count` pieces among the first `last` that share most text with `piece`. */
  const near = (piece, last, count) => {
    const rest = order.filter((p) => p !== piece).slice(0, last);
    const shared = (p) => {
      let n = 0;
      for (const g of piece.grams) if (p.grams.has(g)) n++;
      return n / Math.sqrt(p.grams.size + 50);
    };
    const ranked = rest.map((p, i) => [shared(p), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    return [...new Set(ranked.slice(0, count).flatMap(([, i]) => [i, i + 1]))].filter((i) => i <= last);
  };
  // Worker strings first: the largest pieces, they decide what the code around them compresses with.
  names.forEach((_, k) => {
    const piece = { parts: [`const ${short[k]}=`, strings[k], ';'], movable: false, uses: -1 };
    piece.text = piece.parts.join('');
    piece.grams = grams(piece.text);
    const user = order.findIndex((p) => p.uses === k);
    // A function declaration can be called before it stands: its worker's constant then comes first.
    const last = order[user].movable ? 0 : user;
    order.splice(last, 0, piece);
    best = gzipSize(text(order));
    tryPlaces(piece, near(piece, last, 20));
  });
  const functions = order.filter((p) => p.movable && p.uses < 0).sort((a, b) => b.text.length - a.text.length);
  // Each function's places (beside the 20 pieces most like it) are ranked by gzip of the text
  // around them (16 KiB before, 8 KiB after), a tenth of the whole; every place that ranks better
  // than where it stands is then measured whole, and the smallest taken if smaller. (The best-ranked
  // place alone, beside 5 pieces, left 0.5 KB: the ranking often errs.)
  const around = (list, i, piece) => {
    let before = '';
    for (let j = i - 1; j >= 0 && before.length < 16384; j--) before = list[j].text + before;
    let after = '';
    for (let j = i; j < list.length && after.length < 8192; j++) after += list[j].text;
    before = before.slice(-16384);
    after = after.slice(0, 8192);
    return gzipSize(before + piece.text + after) - gzipSize(before + after);
  };
  for (const f of functions) {
    const rest = order.filter((p) => p !== f);
    const at = order.indexOf(f);
    const here = around(rest, at, f);
    const better = near(f, order.length, 20)
      .filter((i) => i !== at)
      .map((i) => [around(rest, i, f), i])
      .filter(([c]) => c < here)
      .sort((a, b) => a[0] - b[0]);
    if (better.length)
      tryPlaces(
        f,
        better.map(([, i]) => i),
      );
  }
  const out = text(order);
  parse(out); // a piece put anywhere but between two statements fails the build here
  return { code: out, map: sourceMap(code, order) };
}

/** `count` short identifiers that appear nowhere in `code`. */
function unusedNames(code, count) {
  const names = [];
  for (let i = 0; names.length < count; i++)
    if (!new RegExp(`(?<![\\w$])\\$${i}(?![\\w$])`).test(code)) names.push(`$${i}`);
  return names;
}

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    const digit = v & 31;
    v >>>= 5;
    out += VLQ[digit | (v ? 32 : 0)];
  } while (v);
  return out;
}

/** (line, column) of each offset, through the offsets where lines start. */
function positions(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (at) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return [lo, at - starts[lo]];
  };
}

/**
 * The source map of the laid-out code to `code`: a segment at each token of the slices moved,
 * one without a source where a text was put in.
 */
function sourceMap(code, order) {
  const anchors = []; // [output offset, input offset or null]
  let at = 0;
  for (const piece of order)
    for (const part of piece.parts) {
      if (typeof part === 'string') {
        if (part) anchors.push([at, null]);
        at += part.length;
        continue;
      }
      const [from, to] = part;
      for (const m of code.slice(from, to).matchAll(/[\w$]+|[^\w$\s]/g)) anchors.push([at + m.index, from + m.index]);
      at += to - from;
    }
  const out = positions(order.map((p) => p.text).join(''));
  const source = positions(code);
  let mappings = '';
  let line = 0;
  let first = true;
  const prev = { column: 0, line: 0, sourceColumn: 0 };
  for (const [to, from] of anchors) {
    const [l, c] = out(to);
    for (; line < l; line++, first = true, prev.column = 0) mappings += ';';
    mappings += (first ? '' : ',') + vlq(c - prev.column);
    first = false;
    prev.column = c;
    if (from === null) continue;
    const [sl, sc] = source(from);
    mappings += `A${vlq(sl - prev.line)}${vlq(sc - prev.sourceColumn)}`;
    [prev.line, prev.sourceColumn] = [sl, sc];
  }
  return { version: 3, sources: [''], names: [], mappings };
}

/** A JavaScript string literal of `text`, in the quotes that need the fewest escapes. */
function stringLiteral(text) {
  const quoted = (q) =>
    q +
    text.replace(new RegExp(`[\\\\${q}\\n\\r\\u2028\\u2029]`, 'g'), (c) =>
      c === '\\' || c === q ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ) +
    q;
  const [single, double] = [quoted("'"), quoted('"')];
  return single.length <= double.length ? single : double;
}

/** The element's and its workers' minifier: ES modules, no comments (licences are in the README). */
export const minifier = () =>
  terser({
    module: true,
    ecma: 2022,
    // unsafe_arrows: a function expression that reads no `this` becomes an arrow (none is a
    // constructor or has its prototype read). Not unsafe_comps: `!(w > 0)` must stay true for NaN.
    compress: { passes: 3, keep_fargs: false, unsafe_arrows: true },
    format: { comments: false },
  });

/** A plugin that rewrites one source file's compiled code (after TypeScript, before terser). */
function rewriteFile(name, suffix, rewrite) {
  return {
    name,
    transform(code, id) {
      return realPath(id).endsWith(suffix) ? { code: rewrite(code), map: null } : null;
    },
  };
}

/**
 * Collapses the whitespace of the element's stylesheet (a literal terser leaves alone), drops the
 * semicolon before each closing brace and the zero before a decimal point.
 */
export const compactStyles = () =>
  rewriteFile('compact-styles', '/src/element/styles.ts', (code) =>
    code.replace(
      /(unsafeCSS\(|css\s*)`([^`]*)`/g,
      (_, tag, body) =>
        `${tag}\`${body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .replace(/([:\s,(-])0\.(\d)/g, '$1.$2')
          .trim()}\``,
    ),
  );

/**
 * Drops the indentation, comment lines and the spaces around punctuation of the GLSL sources,
 * and joins statements. Preprocessor lines are left alone and keep their newlines, and spaces
 * around + and - stay (\`a - -b\` must not become \`a--b\`). Float constants lose a zero that
 * says nothing (\`1.0\` is \`1.\`, \`0.5\` is \`.5\`).
 */
export const compactShaders = () =>
  rewriteFile('compact-shaders', '/src/render/shaders.ts', (code) =>
    code.replace(/`#version[^`]*`/g, (glsl) =>
      glsl
        .replace(/\n[ \t]+/g, '\n')
        .replace(/\n\/\/[^\n]*/g, '')
        .replace(/\n{2,}/g, '\n')
        .replace(/^(?!#).*$/gm, (line) => line.replace(/\s*([=*/<>(),;{}?:!&|])\s*/g, '$1'))
        .replace(/([;{}])\n(?!#)/g, '$1')
        .replace(/ ([+-]) (?![+-])/g, '$1')
        .replace(/^(?!#).*$/gm, (line) => line.replace(/(?<![\w.])(\d+\.)0(?!\d)|(?<![\w.])0(\.\d)/g, '$1$2')),
    ),
  );

/**
 * Collapses each run of whitespace that holds a line break, in the static parts of lit `html`
 * templates, to one space: the markup renders the same (no template holds pre-formatted text)
 * and the bundle loses its indentation. Found through the parsed syntax tree, so strings, other
 * templates and comments are never touched.
 */
export const compactTemplates = () => ({
  name: 'compact-html',
  transform(code, id) {
    if (!/\/src\/(element\/|cellucid-viewer\.ts)/.test(id) || !/\bhtml\s*`/.test(code)) return null;
    const quasis = [];
    const visit = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'html')
        quasis.push(...node.quasi.quasis);
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object') visit(value);
      }
    };
    visit(this.parse(code));
    let out = '';
    let at = 0;
    for (const q of quasis.sort((x, y) => x.start - y.start)) {
      out += code.slice(at, q.start) + code.slice(q.start, q.end).replace(/\s*\n\s*/g, ' ');
      at = q.end;
    }
    return { code: out + code.slice(at), map: null };
  },
});
