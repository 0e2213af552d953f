// The controls' icons, drawn as lines in the text's colour: Unicode glyphs depend on the reader's
// fonts, and some fonts lack them (an empty box). Decoration only: each button's name is its aria-label.
import { html, type TemplateResult } from 'lit';

// An <svg> inside an html`` template is parsed as SVG (no svg`` fragment is needed); one 12-unit
// grid, lines of the default width (one unit). Every byte counts here: the bundle has almost no spare.
const icon = (d: string): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 12 12" aria-hidden="true"><path d=${d}></path></svg>`;

export const closeIcon = icon('M3 3l6 6m0-6-6 6');
export const renameIcon = icon('M2 10l1-3 6-6 2 2-6 6z');
/** An arrow up: one place earlier. */
export const earlierIcon = icon('M6 10.5V2M2.5 5.5 6 2l3.5 3.5');
export const duplicateIcon = icon('M5 5h6v6H5zM2 8V2h6');
/** Two bars: a drag handle. */
export const moveIcon = icon('M2 4.5h8m-8 3h8');
/** A ring: highlights ring their cells. */
export const highlightIcon = icon('M1 6a5 5 0 0 0 10 0A5 5 0 0 0 1 6');
export const foldIcon = (open: boolean): TemplateResult => icon(open ? 'M3 5l3 3 3-3' : 'M5 3l3 3-3 3');
