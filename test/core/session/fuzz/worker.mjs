// Worker threads do not inherit the test runner's TypeScript loader: register it, then start.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
