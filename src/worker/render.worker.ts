// Render worker: draws the cells into the canvas the page transferred, so creating the GL
// context, compiling the shaders and every frame's GL calls stay off the page's main thread.
// The page imports this same module where a canvas cannot be transferred, and serves it there.
import { serveRenderer } from '../render/render-service.js';
import type { Port } from '../platform/rpc.js';

export { serveRenderer };

if (typeof document === 'undefined') serveRenderer(self as unknown as Port);
