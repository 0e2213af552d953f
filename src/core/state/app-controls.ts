// The Cellucid app's interface controls, as `core/state.uiControls` must hold them: exactly these
// 77, each of its type, with a value the app's control accepts. The app refuses a session with one
// more, one fewer, or one out of range. Values come from the viewer's own state where it has an
// equivalent (session-mapping.ts), else from the session last loaded, else the app's defaults.
import type { UiControl } from '../session/document.js';
import { dict, type Dict } from '../dict.js';

// One word per control, in the app's order: id=default, and the default tells the type: a number
// is a range (`/min/max` unless its bounds are 0 and 100), + or - a checkbox, #rrggbb a colour,
// options split by | (the default first) a select; @id is an accordion section (+ open);
// highlight-mode's buttons are highlight-mode-<option>. velocity-field's options are the dataset's.
const TABLE =
  'point-size=16.5/-24/100 lighting-strength=60 fog-density=50 size-attenuation=80 hp-lod-enabled=- ' +
  'hp-lod-force=-1/-1/17 hp-frustum-culling=- hp-antialias=+ smoke-grid=80 smoke-steps=75 cloud-resolution=15 ' +
  'noise-resolution=58 smoke-density=56 smoke-detail=60 smoke-warp=10 smoke-speed=40 smoke-edge=0 ' +
  'smoke-absorption=65 smoke-scatter=50 smoke-direct-light=50 toggle-connectivity=- connectivity-color=#000000 ' +
  'connectivity-alpha=60/1 connectivity-width=10/1/50 connectivity-limit=250000/1000/1000000 ' +
  'velocity-overlay-enabled=- velocity-density=15/1/500 velocity-speed=300/5/500 velocity-lifetime=800/10/1500 ' +
  'velocity-size=1/0.5/30 velocity-opacity=60 velocity-sync-lod=+ velocity-intensity=0.25/0.05/1.5 ' +
  'velocity-glow=0.3/0/1 velocity-comet-stretch=0.6/0/2 velocity-core-sharpness=0.7/0/1 ' +
  'velocity-trail-fade=0.925/0.9/0.995 velocity-chromatic-fade=0/0/1 velocity-turbulence=0.3/0/1 ' +
  'velocity-exposure=0.5/0.1/2 velocity-bloom-strength=0.08/0/0.5 velocity-bloom-threshold=0.75/0.1/1 ' +
  'velocity-anamorphic=1.2/1/3 velocity-saturation=1.15/0.5/2 velocity-contrast=1.05/0.5/2 ' +
  'velocity-highlights=0.85/0.5/1.5 velocity-shadows=1.05/0.5/1.5 velocity-vignette=0/0/1 ' +
  'velocity-film-grain=0/0/0.1 velocity-chromatic-aberration=0/0/1 orbit-key-speed=40/1 orbit-reverse=+ ' +
  'show-orbit-anchor=+ planar-pan-speed=100/1 planar-zoom-to-cursor=+ planar-invert-axes=- look-sensitivity=5/1/30 ' +
  'move-speed=100/1/500 invert-look=- projectiles-enabled=- toggle-centroid-points=- toggle-centroid-labels=- ' +
  'theme-select=light|dark background-select=grid|white|grid-dark|black render-mode=points|smoke ' +
  'hp-shader-quality=full|light|ultralight velocity-field=| ' +
  'velocity-colormap=viridis|plasma|turbo|cividis|magma|coolwarm view-layout-mode=grid|single ' +
  '@session-section=+ @visualization-section=+ @compare-views-section=+ @coloring-filtering-section=+ ' +
  '@highlighted-cells-section=+ @page-analysis-section=+ @shortcuts-section=- ' +
  'highlight-mode=annotation|knn|proximity|lasso';

interface ControlSpec {
  id: string;
  type: UiControl['type'];
  /** The app's default: a string value, or checked / open. */
  value: string | boolean;
  /** Select options and pressed-group buttons. */
  options?: string[];
  /** A range's bounds. */
  min: number;
  max: number;
}

const APP_CONTROLS: readonly ControlSpec[] = TABLE.split(' ').map((word): ControlSpec => {
  const [id, v] = word.split('=');
  const [value, min = 0, max = 100] = v.split('/');
  const on = v === '+';
  const options = v.split('|');
  const spec = { id, min: +min, max: +max };
  if (id[0] === '@') return { ...spec, id: `accordion:${id.slice(1)}`, type: 'details', value: on };
  if (id === 'highlight-mode') {
    const buttons = options.map((o) => `${id}-${o}`);
    return { ...spec, type: 'pressed-group', value: buttons[0], options: buttons };
  }
  if (options[1] !== undefined) return { ...spec, type: 'select', value: options[0], options };
  if (on || v === '-') return { ...spec, type: 'checkbox', value: on };
  return { ...spec, type: v[0] === '#' ? 'color' : 'range', value };
});

const record = (type: UiControl['type'], v: string | boolean) =>
  (type === 'checkbox'
    ? { type, checked: v }
    : type === 'details'
      ? { type, open: v }
      : type === 'pressed-group'
        ? { type, pressedId: v }
        : { type, value: v }) as UiControl;

/** The value a record holds for this control, or undefined when the app would refuse it here. */
function controlValue(spec: ControlSpec, c: UiControl, options: readonly string[] | undefined) {
  if (c.type !== spec.type) return undefined;
  const v = 'checked' in c ? c.checked : 'open' in c ? c.open : 'pressedId' in c ? c.pressedId : c.value;
  const n = Number(v);
  const ok =
    typeof v === 'boolean' ||
    (options
      ? options.includes(v) || (v === '' && !options.length)
      : c.type === 'color'
        ? /^#[0-9a-f]{6}$/.test(v)
        : v.trim() !== '' && n >= spec.min && n <= spec.max);
  return ok ? v : undefined;
}

/** The values of the app's controls a session holds, each one the app would accept (the others are left out). */
export function controlValues(controls: Readonly<Dict<UiControl>>): Dict<string | boolean> {
  const out = dict<string | boolean>();
  for (const spec of APP_CONTROLS) {
    const c = Object.hasOwn(controls, spec.id) ? controls[spec.id] : null;
    // velocity-field's options are the dataset's: no feature of the viewer owns it.
    const v = c && spec.id !== 'velocity-field' ? controlValue(spec, c, spec.options) : undefined;
    if (v !== undefined) out[spec.id] = v;
  }
  return out;
}

/**
 * The full inventory: `mapped` values (the viewer's own state) win, unless the carried record says
 * the same (then it is kept verbatim: ranges compare by number); the rest is carried from the session
 * last loaded when the app would accept it here, else the app's default. `velocityFields`: the
 * dataset's vector fields.
 */
export function appControls(
  mapped: ReadonlyMap<string, string | boolean>,
  carried: Readonly<Dict<UiControl>> | null,
  velocityFields: readonly string[],
): Dict<UiControl> {
  const out = dict<UiControl>();
  for (const spec of APP_CONTROLS) {
    const vector = spec.id === 'velocity-field';
    const options = vector ? velocityFields : spec.options;
    const c = carried && Object.hasOwn(carried, spec.id) ? carried[spec.id] : null;
    const kept = c ? controlValue(spec, c, options) : undefined;
    const wanted = mapped.get(spec.id);
    // The viewer's own values are checked as the app checks them: one it would refuse is not written.
    const want = wanted === undefined ? undefined : controlValue(spec, record(spec.type, wanted), options);
    const same = kept === want || (spec.type === 'range' && Number(kept) === Number(want));
    out[spec.id] = record(
      spec.type,
      want !== undefined && !same ? want : (kept ?? (vector ? (velocityFields[0] ?? '') : spec.value)),
    );
  }
  return out;
}
