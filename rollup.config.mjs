// One Rollup run, TypeScript through esbuild (types are checked by `tsc --noEmit` in `npm run lint`):
//  - the element, built once and written twice:
//      dist/cellucid-viewer.js  one self-contained ES module for a <script> tag: lit, twgl.js, pako, …
//                               bundled, and the workers inlined and started from Blob URLs;
//      dist/esm/                the same for bundlers: cellucid-viewer.js beside one file per worker
//                               (`new URL('./decode.worker.js', import.meta.url)`), no blob: needed;
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

export default [
  {
    input: { 'cellucid-viewer': 'src/index.ts' },
    plugins: [
      bundledWorkers(),
      esbuildTypeScript(),
      nodeResolve({ browser: true }),
      compactStyles(),
      compactShaders(),
      compactTemplates(),
    ],
    output: [
      { dir: 'dist', format: 'es', sourcemap: true, sourcemapPathTransform, plugins: inlineWorkerChunks(minifier()) },
      { dir: 'dist/esm', format: 'es', sourcemap: true, sourcemapPathTransform, plugins: [relativeWorkerUrls()] },
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
