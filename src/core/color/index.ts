export type { RGB } from './types.js';
export { categoryColor } from './palettes.js';
export {
  COLORMAP_IDS,
  DEFAULT_COLORMAP,
  colormapLabel,
  colormapStops,
  isColormap,
  sampleColormap,
  type ColormapId,
} from './colormaps.js';
export {
  NEUTRAL_GRAY,
  colorDomain,
  colorizeCategorical,
  colorizeContinuous,
  type ContinuousColoring,
} from './colorize.js';
export { defaultPointSize, fittedPointSize } from './point-size.js';
export { HEX_COLOR, hexToRgb, rgbToHex } from './hex.js';
