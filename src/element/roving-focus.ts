// Roving tabindex: each toolbar and panel (an element marked data-rove) is one tab stop. Inside it
// the arrow keys, Home and End go from control to control, and the control focused last keeps the
// stop. A control keeps the keys it uses: a text box its caret (Left at its start and Right at its
// end leave it), menus, sliders and number boxes Up and Down, a move handle all four arrows.
import type { ReactiveElement } from 'lit';

type Item = HTMLElement & { disabled?: boolean };

const STEPS: Record<string, number> = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1, Home: -1e9, End: 1e9 };

function items(group: Element): Item[] {
  return [...group.querySelectorAll<Item>('button,select,input,textarea,summary')].filter(
    (e) => !e.disabled && !e.hidden && e.closest('[data-rove]') === group,
  );
}

/** Gives the group's tab stop to `stop`, else to the control that has it, else to the first. */
function setStop(group: Element, stop?: Element): void {
  const list = items(group);
  stop ??= list.find((i) => i.getAttribute('tabindex') === '0') ?? list[0];
  for (const i of list) {
    const t = i === stop ? '0' : '-1';
    if (i.getAttribute('tabindex') !== t) i.setAttribute('tabindex', t);
  }
}

function onKey(e: KeyboardEvent): void {
  const el = e.target as HTMLInputElement;
  const group = el.closest?.('[data-rove]');
  const d = STEPS[e.key];
  if (!group || !d || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  const s = el.selectionStart;
  if (
    typeof s === 'number'
      ? !/Left|Right/.test(e.key) || s !== el.selectionEnd || s !== (d < 0 ? 0 : el.value.length)
      : /Up|Down/.test(e.key) && /^(select-one|range|number)$/.test(el.type)
  )
    return;
  e.preventDefault();
  const list = items(group).filter((i) => i.getClientRects().length);
  list[Math.max(0, Math.min(list.indexOf(el) + d, list.length - 1))]?.focus();
}

/** The focused control takes its group's tab stop. */
function onFocus(e: Event): void {
  const group = (e.target as Element).closest?.('[data-rove]');
  if (group && items(group).includes(e.target as Item)) setStop(group, e.target as Item);
}

/** Roving focus in `host`'s shadow root; after each render every group has one tab stop. */
export function rovingFocus(host: ReactiveElement): void {
  host.addController({
    hostConnected() {
      // The same listeners again are no new ones.
      host.renderRoot.addEventListener('keydown', onKey as EventListener);
      host.renderRoot.addEventListener('focusin', onFocus);
    },
    hostUpdated() {
      host.renderRoot.querySelectorAll('[data-rove]').forEach((g) => setStop(g));
    },
  });
}
