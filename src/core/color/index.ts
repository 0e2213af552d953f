export type { RGB } from './types.js';
export { categoryColor, PICKER_COLORS } from './palettes.js';
export {
  COLORMAP_IDS,
  DEFAULT_COLORMAP,
  colormapLabel,
  colormapStops,
  colormapTable,
  isColormap,
  sampleColormap,
} from './colormaps.js';
export { NEUTRAL_GRAY, MISSING_CODE, colorDomain, colorizeCategorical, colorizeContinuous, type ContinuousColoring } from './colorize.js';
export { defaultPointSize, pointSizeToSlider, sliderToPointSize } from './point-size.js';
export { HEX_COLOR, hexToRgb, rgbToHex } from './hex.js';
