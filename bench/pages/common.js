// Shared by the benchmark pages: timing helpers and a forced GPU flush (software GL renders
// asynchronously; reading one pixel waits until the frame is really drawn).
export const params = new URLSearchParams(location.search);

export function flush(gl) {
  const px = new Uint8Array(4);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
}

/**
 * The element's counterpart of `flush`: resolves once its render worker has drawn every frame
 * sent before (internal: one pixel read back in the worker).
 */
export function flushViewer(viewer) {
  return viewer.renderer.readPixel(0, 0);
}

export function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Long tasks seen on the page. `longestBetween(from, to)` is the longest that started in
 * [from, to); call it after the window's last task has ended (its entry arrives only then). The
 * end is open: a task started right after `to` (a GPU read-back) can carry the same coarsened time.
 */
export function watchLongTasks() {
  const entries = [];
  const frames = [];
  const state = {
    unsupported: false,
    async longestBetween(from, to) {
      await new Promise((r) => setTimeout(r, 100));
      return entries
        .filter((e) => e.startTime >= from && e.startTime < to)
        .reduce((m, e) => Math.max(m, e.duration), 0);
    },
    /**
     * What ran in the animation frame that held the longest task of [from, to) (long animation
     * frame entries name each script's entry point), as "invoker ms" pairs; '' when none was long.
     */
    longestWhat(from, to) {
      const longest = entries
        .filter((e) => e.startTime >= from && e.startTime < to)
        .sort((a, b) => b.duration - a.duration)[0];
      const frame =
        longest &&
        frames.find((f) => f.startTime <= longest.startTime + 1 && longest.startTime < f.startTime + f.duration);
      if (!frame) return '';
      const scripts = frame.scripts
        .filter((s) => s.duration >= 5)
        .map(
          (s) =>
            `${s.invoker}${s.sourceFunctionName ? ` (${s.sourceFunctionName}@${s.sourceCharPosition})` : ''} ` +
            `${Math.round(s.duration)} ` +
            `ms${s.forcedStyleAndLayoutDuration >= 5 ? ` (layout ${Math.round(s.forcedStyleAndLayoutDuration)})` : ''}`,
        );
      return `${scripts.join(', ') || 'no script over 5 ms'}; frame ${Math.round(frame.duration)} ms`;
    },
  };
  try {
    new PerformanceObserver((list) => entries.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => frames.push(...list.getEntries())).observe({
      type: 'long-animation-frame',
      buffered: true,
    });
  } catch {
    state.unsupported = true;
  }
  return state;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function fetchPoints(url, count) {
  const response = await fetch(url);
  const body = response.body.pipeThrough(new DecompressionStream('gzip'));
  const buffer = await new Response(body).arrayBuffer();
  const points = new Float32Array(buffer);
  if (points.length !== count * 3) throw new Error(`expected ${count * 3} floats, got ${points.length}`);
  return points;
}
