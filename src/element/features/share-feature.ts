// Share links (#19): shareLink() puts the view in a parameter of a URL's fragment (`cellucid`, or
// `cellucid.<id>` for a viewer with an id), the Share button copies it, and a viewer whose page is
// opened with one shows that view first: before an autosave, the session-url and the dataset's
// published session. A link too big for its budget leaves out whole parts and says which; a link
// of another dataset is reported as a session of another dataset is; an unreadable one is a notice.
import { html, nothing } from 'lit';
import { compareFingerprints } from '../../core/session/fingerprint.js';
import {
  decodeShareView,
  encodeShareView,
  readShareParameter,
  shareParameterName,
  shareViewOf,
  withShareParameter,
  type OmittedPart,
} from '../../core/share/index.js';
import { emptyOverlays } from '../../core/state/field-overlays.js';
import { readFieldRef } from '../../core/state/field-ref.js';
import { dispatch } from '../events.js';
import { HoverFeature } from './hover-feature.js';

const said = (parts: OmittedPart[]) => parts.map((p) => p.description).join(', ');

export class ShareFeature extends HoverFeature {
  /** The page's link is read once, at the first start-up (not again for another dataset). */
  #linkRead = false;
  /** The last Share click: its link, whether the clipboard took it, and what it left out. */
  #shared: { url: string; copied: boolean; omitted: OmittedPart[] } | null = null;

  /**
   * A link that opens this view: `base` (default: this page's address without its fragment) with the
   * view in the fragment parameter `cellucid`, or `cellucid.<id>` for a viewer with an id (other
   * parameters are kept). Over `budget` characters (default 8,000), whole parts are left out;
   * `cellucid-share` says which.
   */
  async shareLink(options: { base?: string; budget?: number } = {}): Promise<string> {
    return (await this.#link(options)).url;
  }

  async #link({ base, budget }: { base?: string; budget?: number }) {
    const { store } = this;
    store.requireSource('shareLink');
    const view = shareViewOf(store.persistedView(), (await store.fingerprint())!);
    const { value, omitted } = await encodeShareView(view, { budget });
    const page = base ?? this.ownerDocument.URL.replace(/#.*/s, '');
    const detail = { url: withShareParameter(page, shareParameterName(this.id), value), omitted };
    dispatch(this, 'cellucid-share', detail);
    return detail;
  }

  protected override async restoreLink(): Promise<true | [string, string | null] | null> {
    const { store } = this;
    const name = shareParameterName(this.id);
    const value = this.#linkRead ? null : readShareParameter(this.ownerDocument.location?.hash ?? '', name);
    this.#linkRead = true;
    if (value === null) return null;
    try {
      const current = (await store.fingerprint())!;
      // Read once to learn its dataset, then, on this one, with its cells checked against it.
      const { fingerprint } = (await decodeShareView(value, { cellCount: 2 ** 32 })).view;
      const { matches, reasons } = compareFingerprints(fingerprint, current);
      const report = { datasetMatches: matches, restored: [], skipped: [], failed: [], warnings: [], notShown: [] };
      if (!matches) {
        store.session.report({ ...report, mismatch: { saved: fingerprint, current, reasons } }, 'link');
        return [store.session.notice!, store.session.noticeDetail];
      }
      const { view, omitted } = await decodeShareView(value, { cellCount: current.cellCount });
      const overlays = emptyOverlays();
      overlays.fieldRenames = view.renames.fields;
      overlays.categoryRenames = view.renames.categories;
      const notShown = await store.applyView(
        {
          dimension: view.dimension,
          activeField: view.activeField && readFieldRef(view.activeField),
          camera: view.camera,
          filters: view.filters,
          highlights: view.highlights,
          overlays,
          views: view.views,
        },
        'restore',
      );
      store.session.report({ ...report, restored: [name], warnings: omitted.map((o) => o.description), notShown });
      if (omitted.length) store.session.tell(`This link was too big to hold ${said(omitted)}.`);
      this.requestUpdate();
      return true;
    } catch (err) {
      return [
        "The view in this page's link could not be opened: it may have been cut short.",
        err instanceof Error ? err.message : String(err),
      ];
    }
  }

  async #share(): Promise<void> {
    const { url, omitted } = await this.#link({});
    const copied = await navigator.clipboard.writeText(url).then(
      () => true,
      () => false,
    );
    this.#shared = { url, copied, omitted };
    this.store.announce(copied ? 'Link copied' : 'Copy this link');
    this.requestUpdate();
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('.share input');
    input?.focus();
    input?.select();
  }

  #button() {
    return html`<button part="share-button" type="button" @click=${() => this.store.guard(() => this.#share())}>
      Share
    </button>`;
  }

  protected override toolbarControls(): unknown[] {
    return [...super.toolbarControls(), this.#button()];
  }

  protected override figureControls(): unknown[] {
    return [...super.figureControls(), this.#button()];
  }

  /** After a Share click: "Link copied", or the link to copy; what a link too big left out, and Save file. */
  protected override renderNotice() {
    const s = this.#shared;
    // An error takes the panels' place at the foot (as it does a restore's notice), one panel at a time.
    if (!s || this.store.error) return super.renderNotice();
    return html`<div part="share" class="panel share" role="status" data-rove>
      ${
        s.copied
          ? 'Link copied.'
          : html`Copy this link: <input readonly aria-label="Link to this view" .value=${s.url} />`
      }
      ${
        s.omitted.length
          ? html`It was too big to hold ${said(s.omitted)}; a file holds everything.
              <button type="button" @click=${() => this.store.guard(() => this.downloadState(), 'session')}>
                Save file
              </button>`
          : nothing
      }
      <button
        type="button"
        @click=${() => {
          this.#shared = null;
          this.requestUpdate();
        }}
      >
        Dismiss
      </button>
    </div>`;
  }
}
