// The hover read-out: the cell under a mouse pointer shows its value of the coloured field (its
// category, or its number), at most once a frame; none in `ui="none"` or while a button is held.
import { html, nothing } from 'lit';
import { formatFieldRef } from '../../core/state/field-ref.js';
import { formatValue } from '../legend-view.js';
import { CameraPathFeature } from './camera-path-feature.js';

export class HoverFeature extends CameraPathFeature {
  /** What the pointer is over: the text and where to show it (CSS px of the element's box). */
  #readout: { text: string; x: number; y: number } | null = null;
  #frame = 0;

  constructor() {
    super();
    this.addEventListener('pointermove', (e) => {
      if (e.pointerType !== 'mouse' || e.buttons || this.ui === 'none') return this.#show(null);
      const box = this.getBoundingClientRect();
      const [x, y] = [e.clientX - box.left, e.clientY - box.top];
      cancelAnimationFrame(this.#frame);
      this.#frame = requestAnimationFrame(() => this.#show(this.#describe(x, y), x, y));
    });
    this.addEventListener('pointerleave', () => this.#show(null));
  }

  protected renderReadout() {
    const r = this.#readout;
    return r
      ? html`<div part="readout" class="readout" aria-hidden="true" style=${`left:${r.x + 12}px;top:${r.y + 12}px`}>
          ${r.text}
        </div>`
      : nothing;
  }

  /** The coloured field's value of the cell drawn at (x, y), or null where there is none. */
  #describe(x: number, y: number): string | null {
    const { coloring, fields, source } = this.store;
    const cell = source && coloring.field && coloring.data ? this.pickCell(x, y) : null;
    if (cell === null) return null;
    const { field, data } = coloring;
    const name = fields.displayName(formatFieldRef(field!));
    if (data!.kind === 'continuous') return `${name}: ${formatValue(data!.values[cell])}`;
    const label = fields.categoriesOf(source!, field!.key)?.[data!.codes[cell]];
    return `${name}: ${label ?? 'no value'}`;
  }

  #show(text: string | null, x = 0, y = 0): void {
    const next = text === null ? null : { text, x, y };
    const now = this.#readout;
    if (next === now || (next && now && next.text === now.text && next.x === now.x && next.y === now.y)) return;
    this.#readout = next;
    this.requestUpdate();
  }
}
