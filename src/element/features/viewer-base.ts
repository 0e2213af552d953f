// The element's base: the one store every feature of the viewer shares. Each feature is a class
// in this folder extending the one before it (as <model-viewer> applies its feature mixins); a
// feature owns its attributes, its part of the public API and its part of the persisted view.
import { LitElement } from 'lit';
import { ViewerStore } from '../store.js';
import type { ViewerElement } from '../store-types.js';
import { viewerStyles } from '../styles.js';
import { rovingFocus } from '../roving-focus.js';

export class ViewerBase extends LitElement {
  static override styles = viewerStyles;

  /** The state and services every feature shares. */
  protected readonly store: ViewerStore = new ViewerStore(this as unknown as ViewerElement);

  constructor() {
    super();
    rovingFocus(this);
  }
}
