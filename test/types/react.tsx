// <cellucid-viewer> in a React 19 app, as the README shows it: props, a ref, events.
import type {} from 'cellucid-viewer/react';
import type { CellucidViewer } from 'cellucid-viewer';
import { useEffect, useRef } from 'react';

export function Figure({ url, onCells }: { url: string; onCells: (count: number) => void }) {
  const ref = useRef<CellucidViewer>(null);
  useEffect(() => {
    const viewer = ref.current;
    if (!viewer) return;
    const onLoad = () => void viewer.setActiveField('obs:cell_type');
    viewer.addEventListener('cellucid-load', onLoad);
    return () => viewer.removeEventListener('cellucid-load', onLoad);
  }, []);
  return (
    <cellucid-viewer
      ref={ref}
      datasetUrl={url}
      theme="dark"
      controls
      autosave="off"
      lod="off"
      style={{ display: 'block', height: 480 }}
      oncellucid-load={(e) => onCells(e.detail.cellCount)}
      oncellucid-error={(e) => console.warn(e.detail.kind, e.detail.message)}
    />
  );
}

export const wrongTheme = (
  // @ts-expect-error -- not a theme
  <cellucid-viewer theme="blue" />
);

export const wrongLod = (
  // @ts-expect-error -- not a level-of-detail mode
  <cellucid-viewer lod="fast" />
);

export const wrongDetail = (
  // @ts-expect-error -- the load event's detail has no such property
  <cellucid-viewer oncellucid-load={(e) => e.detail.cellCnt} />
);

export const wrongRef = () => {
  const ref = useRef<HTMLCanvasElement>(null);
  // @ts-expect-error -- the ref is the viewer element
  return <cellucid-viewer ref={ref} />;
};
