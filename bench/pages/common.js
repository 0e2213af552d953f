// Shared by the benchmark pages: timing helpers and a forced GPU flush (software GL renders
// asynchronously; reading one pixel waits until the frame is really drawn).
export const params = new URLSearchParams(location.search);

export function flush(gl) {
  const px = new Uint8Array(4);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
}

export function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** The longest task that started at or after `state.since` (set it when the measured phase begins). */
export function watchLongTasks() {
  const state = { longest: 0, since: 0 };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime >= state.since) state.longest = Math.max(state.longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
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
