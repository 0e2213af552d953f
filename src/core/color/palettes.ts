// Category colours of the Cellucid app: 20 base colours, then the 48 colour-picker colours,
// then golden-angle hues for any further category.
import { hexToRgb } from './hex.js';
import type { RGB } from './types.js';

/**
 * The 20 base colours, then the 48 colour-picker colours, as bytes in hex (six digits a colour):
 * the app's 0..1 values (to three decimals) times 255, rounded. As hex the table is a third of
 * the bundle's bytes it took as numbers.
 */
const FIXED =
  '0072b2e69f00009e73d55e00cc79a756b4e9f0e44233228888ccee11773344aa99999933ddcc77cc6677882255aa4499' +
  '5f9ea04c4c4cb3b3b36c5b7b1f77b44169e100bfff87ceeb0000cd1919702ca02c00800032cd3290ee900064002e8b57' +
  'd62728ff0000ff6347ff7f50dc143cb22222ff7f0effa500ffd700ffff00bdb76bffe4b59467bd8000808a2be2ee82ee' +
  'e377c2ff69b48c564bd2691ea0522d8b4513deb887f5deb37f7f7fa9a9a9d3d3d36969692f4f4f00000017becf00ced1' +
  '40e0d000ffff48d1cc5f9ea0';
const FIXED_COUNT = FIXED.length / 6;

/** Default colour of category `index`, as bytes. */
export function categoryColor(index: number): RGB {
  if (index < FIXED_COUNT) return hexToRgb(`#${FIXED.slice(6 * index, 6 * index + 6)}`);
  const off = index - FIXED_COUNT;
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
