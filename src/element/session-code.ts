// The session code (session-io.ts: the session format, its mapping to the viewer's view, the bundle
// writer's worker) is a module of its own: the first frame needs none of it. It is imported once per
// page: as a viewer with autosave starts (a page closed right after a change writes it at once), as
// the dataset loads when a session is named, else when the viewer first restores or saves.
type SessionCode = typeof import('./session-io.js');

let loaded: SessionCode | null = null;
let loading: Promise<SessionCode> | null = null;

/** The session code, imported on the first call; a failed import is tried again on the next. */
export function sessionCode(): Promise<SessionCode> {
  loading ??= import('./session-io.js').then(
    (code) => (loaded = code),
    (err: unknown) => {
      loading = null;
      throw new Error(
        `The viewer's session code (cellucid-viewer-session.js, beside cellucid-viewer.js) could not be loaded: ${
          err instanceof Error ? err.message : String(err)
        }`,
      );
    },
  );
  return loading;
}

/** The session code if it has arrived (for work that cannot wait: a page going away), else null. */
export function sessionCodeNow(): SessionCode | null {
  return loaded;
}

export type { SessionCode };
