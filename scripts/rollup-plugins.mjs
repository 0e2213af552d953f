// The build's Rollup plugins: TypeScript through esbuild (types are checked once, by `tsc --noEmit`
// in `npm run lint`), workers bundled in the same run, and the rewrites that keep the element small.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { transform } from 'esbuild';
import terser from '@rollup/plugin-terser';

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
        // As tsconfig.json: Lit's reactive properties need assignments, not class-field definitions.
        tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, verbatimModuleSyntax: false } },
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
 * The page's chunk is minified with a free variable where each worker goes; then each string is
 * declared as a constant before one of the page's top-level statements, the one where gzip finds
 * the most of it in the code around (a worker shares names, messages and idioms with the page
 * modules that drive it): about 300 bytes less than each string where it is used. Each constant
 * comes before the statement that uses it, so it is set before any code can read it.
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
      if (!used.length) return null;
      const strings = await Promise.all(used.map((name) => workers.get(name).code.then(stringLiteral)));
      return { code: placeStrings(code, used, strings, (c) => this.parse(c)), map: null };
    },
    generateBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) if (/\.worker\.js(\.map)?$/.test(fileName)) delete bundle[fileName];
    },
  };
  return [inline, minify, capture];
}

/**
 * `code` with each free variable `names[k]` (used once) renamed to a short unused one, declared as
 * the constant `strings[k]` before a top-level statement no later than the one using it: the
 * places that give the smallest gzip, found by trying each worker's every place in turn (twice).
 */
function placeStrings(code, names, strings, parse) {
  const statements = parse(code).body;
  const starts = statements.map((s) => s.start);
  const user = names.map((name) => statements.findIndex((s) => code.slice(s.start, s.end).includes(name)));
  const short = unusedNames(code, names.length);
  const body = names.reduce((out, name, k) => out.replace(name, short[k]), code);
  // The renaming shortens the code before each use: statement starts move left by as much.
  const shift = (at) =>
    names.reduce((d, name, k) => d + (code.indexOf(name) < at ? name.length - short[k].length : 0), 0);
  const offsets = starts.map((at) => at - shift(at));
  const write = (places) => {
    const order = names.map((_, k) => k).sort((a, b) => places[a] - places[b] || a - b);
    let out = '';
    let at = 0;
    for (const k of order) {
      const to = offsets[places[k]];
      out += `${body.slice(at, to)}const ${short[k]}=${strings[k]};`;
      at = to;
    }
    return out + body.slice(at);
  };
  const size = (places) => gzipSync(write(places), { level: 9 }).length;
  const places = user.slice();
  let best = size(places);
  for (let round = 0; round < 2; round++)
    for (let k = 0; k < names.length; k++)
      for (let i = 0; i <= user[k]; i++) {
        const tried = places.with(k, i);
        const n = size(tried);
        if (n < best) [best, places[k]] = [n, i];
      }
  const out = write(places);
  parse(out); // a constant put anywhere but between two statements fails the build here
  return out;
}

/** `count` short identifiers that appear nowhere in `code`. */
function unusedNames(code, count) {
  const names = [];
  for (let i = 0; names.length < count; i++)
    if (!new RegExp(`(?<![\\w$])\\$${i}(?![\\w$])`).test(code)) names.push(`$${i}`);
  return names;
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

/** Collapses the whitespace of the element's stylesheet (a css`` literal terser leaves alone). */
export const compactStyles = () =>
  rewriteFile('compact-styles', '/src/element/styles.ts', (code) =>
    code.replace(
      /css\s*`([^`]*)`/g,
      (_, body) =>
        `css\`${body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .trim()}\``,
    ),
  );

/**
 * Drops the indentation, comment lines and the spaces around punctuation of the GLSL sources,
 * and joins statements. Preprocessor lines are left alone and keep their newlines, and spaces
 * around + and - stay (\`a - -b\` must not become \`a--b\`).
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
        .replace(/ ([+-]) (?![+-])/g, '$1'),
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
