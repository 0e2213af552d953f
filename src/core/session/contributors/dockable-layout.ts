// ui/dockable-layout: which panels float where. The one chunk that does not depend on the dataset.
import type { Contributor } from '../contributor.js';
import { jsonChunk } from '../contributor.js';
import type { DockablePanel } from '../document.js';
import { arr, bool, field, int, num, obj, str } from '../shape.js';

const ID = 'ui/dockable-layout';

export const dockableLayoutContributor: Contributor = {
  id: 'dockable-layout',
  owns: (chunkId) => chunkId === ID,
  capture(doc) {
    // Canonical order: z ascending, then id.
    const panels = [...(doc.dockableLayout?.panels ?? [])].sort((a, b) => a.z - b.z || a.id.localeCompare(b.id));
    return [
      jsonChunk(
        ID,
        'dockable-layout',
        'Floating panels',
        { panels: panels.map((p) => ({ id: p.id, open: p.open, rect: { ...p.rect }, z: p.z })) },
        false,
      ),
    ];
  },
  restore(doc, _meta, payload) {
    const p = obj(payload, 'payload');
    const panels = arr(field(p, 'panels') ?? [], 'panels', 1000).map((x, i): DockablePanel => {
      const o = obj(x, `panels[${i}]`);
      const r = obj(field(o, 'rect'), `panels[${i}].rect`);
      return {
        id: str(field(o, 'id'), `panels[${i}].id`),
        open: field(o, 'open') === undefined ? true : bool(field(o, 'open'), `panels[${i}].open`),
        rect: {
          left: num(field(r, 'left'), 'rect.left'),
          top: num(field(r, 'top'), 'rect.top'),
          width: num(field(r, 'width'), 'rect.width'),
          height: num(field(r, 'height'), 'rect.height'),
        },
        z: field(o, 'z') === null || field(o, 'z') === undefined ? 0 : int(field(o, 'z'), `panels[${i}].z`, -1e9, 1e9),
      };
    });
    doc.dockableLayout = { panels };
  },
};
