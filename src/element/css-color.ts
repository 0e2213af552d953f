// Resolves a CSS colour string (any syntax the browser knows) to linear 0..1 RGB for GL.
import { HEX_COLOR, hexToRgb } from '../core/color/index.js';

let probe: CanvasRenderingContext2D | null = null;

export function cssColorToRgb(value: string, fallback: [number, number, number]): [number, number, number] {
  const text = value.trim();
  if (!text) return fallback;
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return fallback;
  probe.fillStyle = '#010203';
  probe.fillStyle = text;
  const normalised = String(probe.fillStyle);
  // '#rrggbb', or 'rgba(r, g, b, a)' for a colour that is not opaque.
  const rgb = HEX_COLOR.test(normalised)
    ? hexToRgb(normalised)
    : /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(normalised)?.slice(1).map(Number);
  if (rgb) return rgb.map((v) => v / 255) as [number, number, number];
  return fallback;
}
