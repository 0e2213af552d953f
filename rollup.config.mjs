// Three outputs:
//  - dist/cellucid-viewer.js  the element: one self-contained ES module (lit, twgl.js, pako, … bundled)
//  - dist/session.js          the pure session-format core, for Node scripts and other web apps
//  - dist/cli.js              the `cellucid-session` command (Node)
// Workers (`*.worker.ts`, referenced as `new URL('./x.worker.ts', import.meta.url)`) are bundled
// separately and inlined as Blob URLs so the element stays a single file.
import path from 'node:path';
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

const tsOptions = {
  tsconfig: './tsconfig.json',
  declaration: false,
  declarationDir: undefined,
  sourceMap: true,
  inlineSources: false,
  outDir: 'dist',
  noEmitOnError: true,
};

/**
 * pako's single-file build clears its deflate tables at load through `zero$1(…)`, which only
 * those tables use. The element only inflates, so marking the function pure drops the calls.
 */
const PAKO_PURE = ['zero$1'];

/** The element's and its workers' minifier: ES modules, no comments (licences are in the README). */
const minifier = (format = {}) =>
  terser({
    module: true,
    ecma: 2022,
    compress: { passes: 3, pure_funcs: PAKO_PURE, keep_fargs: false },
    format: { comments: false, ...format },
  });

const WORKER_URL = /new URL\(\s*(['"])((?:\.\.?\/)+[^'"]+\.worker\.ts)\1\s*,\s*import\.meta\.url\s*\)/g;

function inlineWorkers({ minify }) {
  return {
    name: 'inline-workers',
    async transform(code, id) {
      if (!code.includes('.worker.ts')) return null;
      const matches = [...code.matchAll(WORKER_URL)];
      if (matches.length === 0) return null;
      let out = code;
      for (const m of matches) {
        const workerPath = path.resolve(path.dirname(id), m[2]);
        this.addWatchFile(workerPath);
        const bundle = await rollup({
          input: workerPath,
          plugins: [
            nodeResolve({ browser: true }),
            typescript({ ...tsOptions, sourceMap: false }),
            compactShaders(),
            ...(minify ? [minifier()] : []),
          ],
          onwarn: (w, warn) => (w.code === 'CIRCULAR_DEPENDENCY' ? undefined : warn(w)),
        });
        const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
        await bundle.close();
        const source = JSON.stringify(output[0].code);
        const blobUrl = `URL.createObjectURL(new Blob([${source}], { type: 'text/javascript' }))`;
        // A function replacement: the worker code contains "$" sequences replace() would expand.
        out = out.replace(m[0], () => blobUrl);
      }
      return { code: out, map: null };
    },
  };
}

/** A plugin that rewrites one source file's compiled code (after TypeScript, before terser). */
function rewriteFile(name, suffix, rewrite) {
  return {
    name,
    transform(code, id) {
      return id.endsWith(suffix) ? { code: rewrite(code), map: null } : null;
    },
  };
}

/** Collapses the whitespace of the element's stylesheet (a css`` literal terser leaves alone). */
const compactStyles = () =>
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
const compactShaders = () =>
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
const compactTemplates = () => ({
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

const onwarn = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY') return;
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    input: 'src/index.ts',
    output: { file: 'dist/cellucid-viewer.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: [
      inlineWorkers({ minify: true }),
      nodeResolve({ browser: true }),
      typescript(tsOptions),
      compactStyles(),
      compactShaders(),
      compactTemplates(),
      minifier(),
    ],
    onwarn,
  },
  {
    input: 'src/core/session/index.ts',
    output: { file: 'dist/session.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve(), typescript(tsOptions)],
    onwarn,
  },
  {
    input: 'src/cli/cellucid-session.ts',
    output: { file: 'dist/cli.js', format: 'es', sourcemap: true },
    external: (id) => id.startsWith('node:'),
    plugins: [nodeResolve({ preferBuiltins: true }), typescript(tsOptions)],
    onwarn,
  },
];
