// `npm start`: build the bundle when it is missing or older than src/, generate the demo
// dataset when it is missing, then serve the repo and print the demo URL.
import { prepareDemo, serveRepo } from './lib/demo-server.mjs';

prepareDemo();
const server = await serveRepo(Number(process.env.PORT) || 8080);
const base = `http://localhost:${server.config.port}`;
console.log(
  `\ncellucid-viewer demo: ${base}/demo/\nA docs page in a sub-folder (absolute URLs): ${base}/demo/docs-site/guide/` +
    `\n(Ctrl+C to stop)`,
);
