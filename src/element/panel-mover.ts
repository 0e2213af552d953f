// Moving the element's panels: drag a panel's move handle (or focus it and use the arrow keys;
// Home returns the panel to its corner). Positions are CSS pixels from the element's top-left.
import { html, type TemplateResult } from 'lit';
import { moveIcon } from './icons.js';

export type PanelName = 'legend' | 'highlights';
export type PanelPosition = { x: number; y: number } | null;

export interface PanelMoveActions {
  position(panel: PanelName): PanelPosition;
  /** Moves a panel (null: back to its corner); the host clamps it inside its box. */
  move(panel: PanelName, position: PanelPosition): void;
}

const KEY_STEP_PX = 10;

/** Inline style of a moved panel, or nothing for its default corner. */
export function panelStyle(position: PanelPosition): string {
  return position ? `left: ${position.x}px; top: ${position.y}px; right: auto; bottom: auto;` : '';
}

export function moveHandle(panel: PanelName, actions: PanelMoveActions): TemplateResult {
  let start: { px: number; py: number; x: number; y: number } | null = null;
  const origin = (button: HTMLElement) => {
    const box = button.closest('.panel') as HTMLElement;
    return actions.position(panel) ?? { x: box.offsetLeft, y: box.offsetTop };
  };
  return html`<button
    type="button"
    class="icon-button move-handle"
    aria-label=${`Move the ${panel} (arrow keys; Home puts it back)`}
    title="Drag to move; Home puts it back"
    @pointerdown=${(e: PointerEvent) => {
      const button = e.currentTarget as HTMLElement;
      const at = origin(button);
      start = { px: e.clientX, py: e.clientY, ...at };
      try {
        button.setPointerCapture(e.pointerId);
      } catch {
        // A synthetic or finished pointer: the move still works inside the button.
      }
      e.stopPropagation();
    }}
    @pointermove=${(e: PointerEvent) => {
      if (!start) return;
      actions.move(panel, { x: start.x + e.clientX - start.px, y: start.y + e.clientY - start.py });
    }}
    @pointerup=${() => (start = null)}
    @pointercancel=${() => (start = null)}
    @dblclick=${() => actions.move(panel, null)}
    @keydown=${(e: KeyboardEvent) => {
      const d: Record<string, [number, number]> = {
        ArrowLeft: [-1, 0],
        ArrowRight: [1, 0],
        ArrowUp: [0, -1],
        ArrowDown: [0, 1],
      };
      if (e.key === 'Home') actions.move(panel, null);
      else if (d[e.key]) {
        const at = origin(e.currentTarget as HTMLElement);
        actions.move(panel, { x: at.x + d[e.key][0] * KEY_STEP_PX, y: at.y + d[e.key][1] * KEY_STEP_PX });
      } else return;
      e.preventDefault();
      e.stopPropagation();
    }}
  >
    ${moveIcon}
  </button>`;
}
