// What a failure says to a person: what happened and what to do, in plain words, first; the
// technical message follows under "Details" and stays whole in the cellucid-error event.
import { html, nothing } from 'lit';
import type { ErrorKind } from './events.js';

/** Advice by what the technical message says, first match wins. */
const ADVICE: [RegExp, string][] = [
  [
    /Content-Security-Policy/,
    "The page's security policy blocks the viewer: it must allow blob: for scripts and workers.",
  ],
  [
    /stalled|could not be (fetched|read \()/,
    'The download failed or stopped: check the connection and reload the page.',
  ],
  [
    /not found|HTML page|not a valid dataset URL|has no dataset_identity/,
    'No Cellucid export was found there: check the dataset address (dataset-url).',
  ],
  [/WebGL2/, 'This browser has WebGL 2 turned off or lacks it: try another browser, or turn on graphics acceleration.'],
];

const WHAT: Partial<Record<ErrorKind, [string, string]>> = {
  dataset: ['The dataset could not be opened.', 'Its files may be incomplete, or not a Cellucid export.'],
  render: ['The cells cannot be drawn.', 'Reloading the page may help.'],
};

/** The banner's words for a failure of this kind; null: the message is already written for people. */
export function plainError(kind: ErrorKind, message: string): string | null {
  const what = WHAT[kind];
  if (!what) return null;
  const advice = ADVICE.find(([pattern]) => pattern.test(message))?.[1] ?? what[1];
  return `${what[0]} ${advice}`;
}

/** The technical detail under a banner, folded (bound as text, never as HTML). */
export const renderDetail = (detail: string | null | undefined) =>
  detail
    ? html`<details class="detail">
        <summary>Details</summary>
        ${detail}
      </details>`
    : nothing;
