// One Rollup run, TypeScript through esbuild (types are checked by `tsc --noEmit` in `npm run lint`):
//  - the element, built once and written twice:
//      dist/cellucid-viewer.js  the ES module for a <script> tag: lit, twgl.js, … bundled, the workers
//                               inlined and started from Blob URLs;
//      dist/esm/                the same for bundlers: cellucid-viewer.js beside one file per worker
//                               (`new URL('./decode.worker.js', import.meta.url)`), no blob: needed;
//  - the session code beside each (cellucid-viewer-session.js: reading and writing session files,
//    its writer worker): a module of its own, imported by the element as it starts, so the first
//    frame waits for none of it. It imports nothing, so the element's file may be renamed or loaded
//    with a query string without a second copy of the element starting;
//  - dist/session.js  the pure session-format core, for Node scripts and other web apps;
//  - dist/cli.js      the `cellucid-session` command (Node).
import nodeResolve from '@rollup/plugin-node-resolve';
import {
  bundledWorkers,
  compactShaders,
  compactStyles,
  compactTemplates,
  esbuildTypeScript,
  inlineWorkerChunks,
  minifier,
  relativeWorkerUrls,
  sourcemapPathTransform,
} from './scripts/rollup-plugins.mjs';

const onwarn = (warning, warn) => {
  // An import cycle in our own sources is an error (modules evaluated half-initialised); lit's own are its business.
  if (warning.code === 'CIRCULAR_DEPENDENCY') {
    if (warning.ids?.every((id) => id.includes('node_modules'))) return;
    throw new Error(warning.message);
  }
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

const esm = { format: 'es', sourcemap: true, sourcemapPathTransform };

/** The session code's module, beside the element's. */
const SESSION_CODE = 'cellucid-viewer-session';

/** The element's `import('./session-io.js')` loads the session code's own module. */
function sessionCodeApart() {
  return {
    name: 'session-code-apart',
    resolveDynamicImport(specifier) {
      if (specifier === './session-io.js') return { id: `./${SESSION_CODE}.js`, external: true };
      return null;
    },
  };
}

export default [
  {
    input: { 'cellucid-viewer': 'src/index.ts' },
    plugins: [
      sessionCodeApart(),
      bundledWorkers(),
      esbuildTypeScript(),
      nodeResolve({ browser: true }),
      compactStyles(),
      compactShaders(),
      compactTemplates(),
    ],
    output: [
      { dir: 'dist', ...esm, plugins: inlineWorkerChunks(minifier()) },
      { dir: 'dist/esm', ...esm, plugins: [relativeWorkerUrls()] },
    ],
    onwarn,
  },
  {
    input: { [SESSION_CODE]: 'src/element/session-io.ts' },
    plugins: [bundledWorkers(), esbuildTypeScript(), nodeResolve({ browser: true })],
    output: [
      { dir: 'dist', ...esm, plugins: inlineWorkerChunks(minifier()) },
      { dir: 'dist/esm', ...esm, plugins: [relativeWorkerUrls()] },
    ],
    onwarn,
  },
  {
    input: 'src/core/session/index.ts',
    output: { file: 'dist/session.js', format: 'es', sourcemap: true },
    plugins: [esbuildTypeScript(), nodeResolve()],
    onwarn,
  },
  {
    input: 'src/cli/cellucid-session.ts',
    output: { file: 'dist/cli.js', format: 'es', sourcemap: true },
    external: (id) => id.startsWith('node:'),
    plugins: [esbuildTypeScript(), nodeResolve({ preferBuiltins: true })],
    onwarn,
  },
];
