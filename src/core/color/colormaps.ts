// Continuous colormaps as evenly spaced stops (0..1 RGB), sampled as the Cellucid app does:
// linear interpolation between neighbouring stops.
import { hexToRgb } from './hex.js';
import type { RGB } from './types.js';

type Stops = ReadonlyArray<readonly [number, number, number]>;

const hex = (...codes: string[]): Stops =>
  codes.map((h) => hexToRgb(`#${h}`).map((v) => v / 255) as unknown as readonly [number, number, number]);

interface Colormap {
  label: string;
  stops: Stops;
  diverging?: boolean;
}

const COLORMAPS = {
  viridis: {
    label: 'Viridis',
    stops: [
      [0.267, 0.004, 0.329],
      [0.283, 0.141, 0.458],
      [0.254, 0.265, 0.53],
      [0.207, 0.372, 0.553],
      [0.164, 0.471, 0.558],
      [0.128, 0.567, 0.551],
      [0.135, 0.659, 0.518],
      [0.267, 0.749, 0.441],
      [0.478, 0.821, 0.318],
      [0.741, 0.873, 0.15],
    ],
  },
  plasma: { label: 'Plasma', stops: hex('0d0887', '5402a3', '8b0aa5', 'b83289', 'db5c68', 'f48849', 'f0f921') },
  inferno: {
    label: 'Inferno',
    stops: hex('000004', '1b0c41', '4a0c6b', '781c6d', 'a52c60', 'cf4446', 'ed6925', 'fb9b06', 'f7d13d', 'fcffa4'),
  },
  magma: {
    label: 'Magma',
    stops: hex('000004', '180f3d', '440f76', '721f81', '9e2f7f', 'cd4071', 'f1605d', 'fd9668', 'feca8d', 'fcfdbf'),
  },
  cividis: {
    label: 'Cividis',
    stops: [
      [0.0, 0.133, 0.306],
      [0.145, 0.225, 0.413],
      [0.315, 0.328, 0.428],
      [0.44, 0.432, 0.448],
      [0.559, 0.54, 0.463],
      [0.688, 0.653, 0.45],
      [0.829, 0.773, 0.413],
      [0.996, 0.91, 0.22],
    ],
  },
  turbo: {
    label: 'Turbo',
    stops: [
      [0.136, 0.091, 0.107],
      [0.288, 0.244, 0.686],
      [0.269, 0.415, 0.935],
      [0.197, 0.586, 0.97],
      [0.148, 0.74, 0.881],
      [0.162, 0.866, 0.733],
      [0.25, 0.953, 0.573],
      [0.401, 0.993, 0.428],
      [0.589, 0.982, 0.313],
      [0.777, 0.921, 0.231],
      [0.932, 0.814, 0.177],
      [1, 0.67, 0.142],
      [1, 0.502, 0.114],
      [0.935, 0.329, 0.084],
      [0.786, 0.175, 0.047],
      [0.632, 0.07, 0.006],
      [0.566, 0.05, 0],
    ],
  },
  coolwarm: {
    label: 'Cool–warm (diverging)',
    diverging: true,
    stops: hex('3b4cc0', '6282ea', '8db0fe', 'b8d0f9', 'dddddd', 'f5c4ad', 'f49a7b', 'de604d', 'b40426'),
  },
} satisfies Record<string, Colormap>;

/** The colormaps a continuous field can be drawn with. */
export type ColormapId = keyof typeof COLORMAPS;

export const DEFAULT_COLORMAP: ColormapId = 'viridis';

/** Colormap ids in menu order. */
export const COLORMAP_IDS = Object.keys(COLORMAPS) as readonly ColormapId[];

/** Looked up by names from sessions and pages, which may be anything ("toString" included). */
const byName = (id: string): Colormap => COLORMAPS[isColormap(id) ? id : DEFAULT_COLORMAP];

export function colormapLabel(id: string): string {
  return byName(id).label;
}

export function isColormap(id: string): id is ColormapId {
  return Object.prototype.hasOwnProperty.call(COLORMAPS, id);
}

export function colormapStops(id: string): Stops {
  return byName(id).stops;
}

/** Colour at t in [0,1] (clamped) as bytes; an unknown id falls back to viridis. */
export function sampleColormap(id: string, t: number): RGB {
  const stops = colormapStops(id);
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const x = clamped * (stops.length - 1);
  const i0 = Math.floor(x);
  const i1 = Math.min(stops.length - 1, i0 + 1);
  const f = x - i0;
  const a = stops[i0];
  const b = stops[i1];
  return [
    Math.round((a[0] + (b[0] - a[0]) * f) * 255),
    Math.round((a[1] + (b[1] - a[1]) * f) * 255),
    Math.round((a[2] + (b[2] - a[2]) * f) * 255),
  ];
}
