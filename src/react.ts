// JSX types for React 19: <cellucid-viewer> with its properties, its events and a ref. An app opts
// in once, in any of its files: `import type {} from 'cellucid-viewer/react';` (React itself is the
// app's: this package neither needs nor brings it).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CellucidViewer } from './cellucid-viewer.js';
import type { CellucidEventMap } from './element/events.js';

/**
 * React 19 listens for a custom element's `on<name>` prop as the event `<name>`, spelled exactly as
 * after "on": `oncellucid-load` is `cellucid-load`. (`onCellucidLoad` would be an event named
 * "CellucidLoad", which the element never fires.)
 */
export type CellucidViewerEventProps = {
  [K in keyof CellucidEventMap as `on${K}`]?: (event: CellucidEventMap[K]) => void;
};

/**
 * The element's own properties as props: React 19 sets a prop as a property when the element has
 * one (import 'cellucid-viewer' before rendering, so the element is defined by then).
 */
export type CellucidViewerProps = Partial<
  Pick<
    CellucidViewer,
    | 'datasetUrl'
    | 'catalogEntry'
    | 'pointSize'
    | 'sizeAttenuation'
    | 'ui'
    | 'colorBy'
    | 'autoplay'
    | 'alt'
    | 'sessionUrl'
    | 'sourceType'
    | 'autosave'
    | 'autosaveKeyName'
    | 'controls'
    | 'theme'
    | 'background'
    | 'lod'
  >
> &
  CellucidViewerEventProps &
  DetailedHTMLProps<HTMLAttributes<CellucidViewer>, CellucidViewer>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX namespace is where tags are declared
  namespace JSX {
    interface IntrinsicElements {
      'cellucid-viewer': CellucidViewerProps;
    }
  }
}
