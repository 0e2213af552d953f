// '#rrggbb' ↔ 8-bit RGB, for colour pickers and the colours sessions save.
import type { RGB } from './types.js';

export const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** '#rrggbb' (already checked against HEX_COLOR) as 0–255 channels. */
export function hexToRgb(hex: string): RGB {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;
}

/** 0–255 channels (rounded and clamped) as lower-case '#rrggbb'. */
export function rgbToHex(rgb: readonly number[]): string {
  return `#${rgb
    .slice(0, 3)
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
