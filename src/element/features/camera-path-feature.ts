// Camera paths as the Cellucid app records and plays them: keyframes of the camera, played with the
// app's interpolation (catmull-rom, linear or bezier positions; slerp or linear rotation; its easings
// and default pace), `cellucid-camera-path` events, Add keyframe / Play / Stop in the toolbar, the
// session's cinematic/camera chunk in the app's shape, and `autoplay` (the attribute, or a session's
// flag) playing once a view is restored, unless the reader prefers reduced motion.
import { html, type PropertyDeclarations } from 'lit';
import type { Json } from '../../core/session/document.js';
import {
  addCameraKeyframe,
  cameraPathDuration,
  emptyCameraPath,
  keyframeCamera,
  locateInPath,
  moveCameraKeyframe,
  readCameraPathPayload,
  removeCameraKeyframe,
  sampleCameraPath,
  writeCameraPathPayload,
  type CameraPath,
  type CameraPathControls,
  type NewKeyframe,
} from '../../core/camera-path/index.js';
import { dispatch } from '../events.js';
import { closeIcon, earlierIcon } from '../icons.js';
import { FigureFeature } from './figure-feature.js';

/** A keyframe as getCameraPath() lists it. */
export interface CameraKeyframeSummary {
  id: string;
  label: string;
  /** Seconds of the move to the next keyframe, or null: paced by distance. */
  duration: number | null;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export class CameraPathFeature extends FigureFeature {
  static override properties: PropertyDeclarations = {
    autoplay: { type: Boolean },
  };

  /** Plays the camera path once a view with one is restored (unless the reader prefers reduced motion). */
  autoplay = false;

  #path: CameraPath = emptyCameraPath();
  #controls: CameraPathControls | undefined;
  /** The path was recorded or restored: sessions hold it (else what the last session held is carried). */
  #owned = false;
  #unreadable: string | null = null;
  /** The payload last restored (a restore hands it over in both its phases), and whether it is new. */
  #restored = '';
  #fresh = false;
  /** The playback under way: stop() ends it where it is. */
  #playing: { stop(): void } | null = null;

  constructor() {
    super();
    this.store.register({
      close: () => this.#reset(),
      save: (view) => {
        if (this.#owned)
          view.cinematicCamera = writeCameraPathPayload(
            this.#path,
            this.store.camera.navigationMode,
            this.#controls,
          ) as unknown as Record<string, Json>;
      },
      apply: (view) => {
        const payload = view.cinematicCamera && JSON.stringify(view.cinematicCamera);
        if (!payload || payload === this.#restored) return;
        this.#restored = payload;
        this.#fresh = true;
        try {
          const read = readCameraPathPayload(view.cinematicCamera);
          this.stopCameraPath();
          this.#path = read.path;
          this.#controls = read.controls;
          this.#owned = true;
          this.#unreadable = null;
        } catch (err) {
          this.#unreadable = `the camera path (${(err as Error).message})`;
        }
        this.requestUpdate();
      },
      settle: async () => {
        const unreadable = this.#unreadable;
        const fresh = this.#fresh;
        this.#unreadable = null;
        this.#fresh = false;
        // Played after the restore's frame: a figure that flies through the data on opening.
        const autoplay = this.#path.autoplay || this.autoplay;
        if (fresh && !unreadable && autoplay && this.#path.keyframes.length > 1 && !reducedMotion())
          void this.playCameraPath().catch(() => {});
        return unreadable ? [unreadable] : [];
      },
      describe: (state) => (state.cameraPath = this.getCameraPath()),
    });
  }

  /** The camera path's keyframes, in order. */
  getCameraPath(): CameraKeyframeSummary[] {
    return this.#path.keyframes.map((k) => ({ id: k.id, label: k.label, duration: k.transitionDuration }));
  }

  /**
   * Adds the camera as it is now as the path's last keyframe; `duration`: seconds of the move from it
   * to the next (default: paced by distance). Returns its id; throws past 100 keyframes.
   */
  addCameraKeyframe(options: { label?: string; duration?: number | null } = {}): string {
    this.store.requireSource('addCameraKeyframe');
    const wanted: NewKeyframe = { label: options?.label, duration: options?.duration };
    const { path, id } = addCameraKeyframe(this.#path, this.store.camera, wanted);
    this.#changed(path);
    this.store.announce(`Keyframe ${path.keyframes.length} of the camera path kept.`);
    return id;
  }

  removeCameraKeyframe(id: string): void {
    this.#changed(removeCameraKeyframe(this.#path, id));
  }

  /**
   * Plays the path from its first keyframe; resolves when it reaches the last (a looping path plays
   * until stopCameraPath()). Rejects for a path of fewer than two keyframes.
   */
  async playCameraPath(options: { loop?: boolean } = {}): Promise<void> {
    const { store } = this;
    store.requireSource('playCameraPath');
    const path = this.#path;
    if (path.keyframes.length < 2) throw new Error('playCameraPath: a path needs at least two keyframes.');
    this.stopCameraPath();
    const loop = options?.loop ?? path.loopPlayback;
    const total = cameraPathDuration(path);
    let stopped = false;
    const run = (this.#playing = { stop: () => (stopped = true) });
    this.requestUpdate();
    dispatch(this, 'cellucid-camera-path', { type: 'play', keyframes: path.keyframes.length, durationMs: total, loop });
    let segment = -1;
    const start = performance.now();
    for (;;) {
      await nextFrame();
      if (stopped || !this.isConnected || store.source === null) break;
      const t = performance.now() - start;
      const done = !loop && t >= total;
      const at = done ? total : t;
      // The camera moves as in a restore: drawn every frame, one change noticed at the end.
      store.camera = sampleCameraPath(path, at, loop)!;
      store.renderer.requestDraw();
      const reached = done ? path.keyframes.length - 1 : locateInPath(path, at, loop).segment;
      if (reached !== segment) {
        segment = reached;
        const k = path.keyframes[reached];
        dispatch(this, 'cellucid-camera-path', { type: 'keyframe', index: reached, id: k.id, label: k.label });
      }
      if (done) break;
    }
    if (this.#playing === run) this.#playing = null;
    this.requestUpdate();
    store.changed();
    dispatch(this, 'cellucid-camera-path', { type: 'end', stopped });
  }

  /** Moves a keyframe to position `index` of the path (0 is the first; clamped to the path). */
  moveCameraKeyframe(id: string, index: number): void {
    this.#changed(moveCameraKeyframe(this.#path, id, index));
  }

  /** Stops a playing path where it is. */
  stopCameraPath(): void {
    this.#playing?.stop();
  }

  protected override toolbarControls(): unknown[] {
    const n = this.#path.keyframes.length;
    const playing = this.#playing !== null;
    return [
      ...super.toolbarControls(),
      html`<span part="camera-path" class="camera-path" role="group" aria-label="Camera path">
        <button
          type="button"
          title="Keep the camera as the path's next keyframe"
          @click=${() => this.store.guard(() => this.addCameraKeyframe())}
        >
          Keyframe
        </button>
        <button
          type="button"
          ?disabled=${!playing && n < 2}
          @click=${() => (playing ? this.stopCameraPath() : this.store.guard(() => this.playCameraPath()))}
        >
          ${playing ? 'Stop' : 'Play'}
        </button>
        ${n ? this.#renderKeyframes() : ''}
      </span>`,
    ];
  }

  /** The keyframe list: go to a keyframe, move it one place earlier, remove it. */
  #renderKeyframes() {
    const keyframes = this.#path.keyframes;
    return html`<details part="keyframes" class="keyframes">
      <summary>${keyframes.length} kept</summary>
      <ol class="panel">
        ${keyframes.map(
          (k, i) =>
            html`<li>
              <button
                type="button"
                title="Move the camera to this keyframe"
                @click=${() => this.store.moveCamera(keyframeCamera(k))}
              >
                ${k.label}
              </button>
              <button
                type="button"
                aria-label=${`Move ${k.label} earlier`}
                ?disabled=${i === 0}
                @click=${() => this.moveCameraKeyframe(k.id, i - 1)}
              >
                ${earlierIcon}
              </button>
              <button type="button" aria-label=${`Remove ${k.label}`} @click=${() => this.removeCameraKeyframe(k.id)}>
                ${closeIcon}
              </button>
            </li>`,
        )}
      </ol>
    </details>`;
  }

  #changed(path: CameraPath): void {
    this.#path = path;
    this.#owned = true;
    this.requestUpdate();
    this.store.changed();
  }

  #reset(): void {
    this.stopCameraPath();
    this.#path = emptyCameraPath();
    this.#controls = undefined;
    this.#owned = false;
    this.#restored = '';
  }
}

function reducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
