// Category colours of the Cellucid app: 20 base colours, then the 48 colour-picker colours,
// then golden-angle hues for any further category. Values are 0..1; bytes = round(v * 255).
import type { RGB } from './types.js';

const CATEGORY_PALETTE: ReadonlyArray<readonly [number, number, number]> = [
  [0.0, 0.447, 0.698],
  [0.902, 0.624, 0.0],
  [0.0, 0.62, 0.451],
  [0.835, 0.369, 0.0],
  [0.8, 0.475, 0.655],
  [0.337, 0.706, 0.914],
  [0.941, 0.894, 0.259],
  [0.2, 0.133, 0.533],
  [0.533, 0.8, 0.933],
  [0.067, 0.467, 0.2],
  [0.267, 0.667, 0.6],
  [0.6, 0.6, 0.2],
  [0.867, 0.8, 0.467],
  [0.8, 0.4, 0.467],
  [0.533, 0.133, 0.333],
  [0.667, 0.267, 0.6],
  [0.373, 0.62, 0.627],
  [0.298, 0.298, 0.298],
  [0.702, 0.702, 0.702],
  [0.424, 0.357, 0.482],
];

const COLOR_PICKER_PALETTE: ReadonlyArray<readonly [number, number, number]> = [
  [0.121, 0.466, 0.705],
  [0.255, 0.412, 0.882],
  [0.0, 0.749, 1.0],
  [0.529, 0.808, 0.922],
  [0.0, 0.0, 0.804],
  [0.098, 0.098, 0.439],
  [0.172, 0.627, 0.172],
  [0.0, 0.502, 0.0],
  [0.196, 0.804, 0.196],
  [0.565, 0.933, 0.565],
  [0.0, 0.392, 0.0],
  [0.18, 0.545, 0.341],
  [0.839, 0.152, 0.156],
  [1.0, 0.0, 0.0],
  [1.0, 0.388, 0.278],
  [1.0, 0.498, 0.314],
  [0.863, 0.078, 0.235],
  [0.698, 0.133, 0.133],
  [1.0, 0.498, 0.054],
  [1.0, 0.647, 0.0],
  [1.0, 0.843, 0.0],
  [1.0, 1.0, 0.0],
  [0.741, 0.718, 0.42],
  [1.0, 0.894, 0.71],
  [0.58, 0.404, 0.741],
  [0.502, 0.0, 0.502],
  [0.541, 0.169, 0.886],
  [0.933, 0.51, 0.933],
  [0.89, 0.467, 0.761],
  [1.0, 0.412, 0.706],
  [0.549, 0.337, 0.294],
  [0.824, 0.412, 0.118],
  [0.627, 0.322, 0.176],
  [0.545, 0.271, 0.075],
  [0.871, 0.722, 0.529],
  [0.961, 0.871, 0.702],
  [0.498, 0.498, 0.498],
  [0.663, 0.663, 0.663],
  [0.827, 0.827, 0.827],
  [0.412, 0.412, 0.412],
  [0.184, 0.31, 0.31],
  [0.0, 0.0, 0.0],
  [0.09, 0.745, 0.811],
  [0.0, 0.808, 0.82],
  [0.251, 0.878, 0.816],
  [0.0, 1.0, 1.0],
  [0.282, 0.82, 0.8],
  [0.373, 0.62, 0.627],
];

const FIXED = [...CATEGORY_PALETTE, ...COLOR_PICKER_PALETTE];
/** Default colour of category `index`, as bytes. */
export function categoryColor(index: number): RGB {
  if (index < FIXED.length) return toBytes(FIXED[index]);
  const off = index - FIXED.length;
  const hue = ((off * 137.50776405003785) % 360) / 360;
  const sat = clamp(0.62 + 0.1 * Math.sin(0.8 * off), 0.45, 0.82);
  const light = clamp(0.54 + 0.12 * Math.cos(0.6 * off), 0.38, 0.72);
  return toBytes(hslToRgb(hue, sat, light));
}

function toBytes(c: readonly [number, number, number]): RGB {
  return [Math.round(c[0] * 255), Math.round(c[1] * 255), Math.round(c[2] * 255)];
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  if (s === 0) return [l, l, l];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  return [hueToChannel(p, q, h + 1 / 3), hueToChannel(p, q, h), hueToChannel(p, q, h - 1 / 3)];
}

function hueToChannel(p: number, q: number, t: number): number {
  if (t < 0) t += 1;
  if (t > 1) t -= 1;
  if (t < 1 / 6) return p + (q - p) * 6 * t;
  if (t < 1 / 2) return q;
  if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
  return p;
}
