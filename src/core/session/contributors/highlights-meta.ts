// highlights/meta: highlight pages and their groups (memberships are separate lazy chunks).
import type { Contributor } from '../contributor.js';
import { jsonChunk } from '../contributor.js';
import type { HighlightGroupMeta, HighlightGroupType, HighlightPage, Json } from '../document.js';
import { arr, bool, field, int, num, obj, str } from '../shape.js';

const ID = 'highlights/meta';
const GROUP_TYPES: HighlightGroupType[] = ['annotation', 'category', 'combined', 'knn', 'lasso', 'proximity', 'range'];
const EMPTY_HIGHLIGHTS = {
  pages: [{ id: 'page_1', name: 'Page 1', color: '#2563eb', highlightedGroups: [] }],
  activePageId: 'page_1',
};

function readGroup(v: unknown, where: string, cellCount: number): HighlightGroupMeta {
  const o = obj(v, where);
  const type = field(o, 'type');
  if (!GROUP_TYPES.includes(type as HighlightGroupType))
    throw new Error(`${where}.type ${JSON.stringify(type)} is not a highlight type`);
  const g: HighlightGroupMeta = {
    id: str(field(o, 'id'), `${where}.id`),
    type: type as HighlightGroupType,
    label: str(field(o, 'label') ?? '', `${where}.label`),
    enabled: field(o, 'enabled') === undefined ? true : bool(field(o, 'enabled'), `${where}.enabled`),
    cellCount: int(field(o, 'cellCount') ?? 0, `${where}.cellCount`, 0, cellCount),
  };
  const fk = field(o, 'fieldKey');
  if (typeof fk === 'string') g.fieldKey = fk;
  const fi = field(o, 'fieldIndex');
  if (typeof fi === 'number' && Number.isSafeInteger(fi)) g.fieldIndex = fi;
  const fs = field(o, 'fieldSource');
  if (fs === 'obs' || fs === 'var') g.fieldSource = fs;
  const ci = field(o, 'categoryIndex');
  if (typeof ci === 'number' && Number.isSafeInteger(ci)) g.categoryIndex = ci;
  const cn = field(o, 'categoryName');
  if (typeof cn === 'string') g.categoryName = cn;
  if (field(o, 'rangeMin') !== undefined) g.rangeMin = num(field(o, 'rangeMin'), `${where}.rangeMin`);
  if (field(o, 'rangeMax') !== undefined) g.rangeMax = num(field(o, 'rangeMax'), `${where}.rangeMax`);
  return g;
}

function writeGroup(g: HighlightGroupMeta): Json {
  const base: Record<string, Json> = {
    id: g.id,
    type: g.type,
    label: g.label,
    enabled: g.enabled,
    cellCount: g.cellCount,
  };
  if (g.type === 'category')
    Object.assign(base, {
      fieldKey: g.fieldKey ?? '',
      fieldIndex: g.fieldIndex ?? 0,
      fieldSource: g.fieldSource ?? 'obs',
      categoryIndex: g.categoryIndex ?? 0,
      categoryName: g.categoryName ?? '',
    });
  if (g.type === 'range')
    Object.assign(base, {
      fieldKey: g.fieldKey ?? '',
      fieldIndex: g.fieldIndex ?? 0,
      fieldSource: g.fieldSource ?? 'obs',
      rangeMin: g.rangeMin ?? 0,
      rangeMax: g.rangeMax ?? 0,
    });
  return base;
}

export const highlightsMetaContributor: Contributor = {
  id: 'highlights-meta',
  owns: (chunkId) => chunkId === ID,
  capture(doc) {
    const h = doc.highlights;
    if (!h || h.pages.length === 0) return [jsonChunk(ID, 'highlights-meta', 'Highlight metadata', EMPTY_HIGHLIGHTS)];
    return [
      jsonChunk(ID, 'highlights-meta', 'Highlight metadata', {
        pages: h.pages.map((p) => ({
          id: p.id,
          name: p.name,
          color: p.color,
          // Groups without cells cannot be saved: their membership chunk would be empty.
          highlightedGroups: p.highlightedGroups
            .filter((g) => (doc.highlightCells.get(g.id)?.length ?? 0) > 0)
            .map((g) => writeGroup({ ...g, cellCount: doc.highlightCells.get(g.id)!.length })),
        })),
        activePageId: h.activePageId,
      }),
    ];
  },
  restore(doc, _meta, payload, ctx) {
    const p = obj(payload, 'payload');
    const ids = new Set<string>();
    const pages = arr(field(p, 'pages'), 'pages', 1000).map((x, i): HighlightPage => {
      const o = obj(x, `pages[${i}]`);
      const color = str(field(o, 'color') ?? '#2563eb', `pages[${i}].color`);
      return {
        id: str(field(o, 'id'), `pages[${i}].id`),
        name: str(field(o, 'name') ?? '', `pages[${i}].name`),
        color: /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : '#2563eb',
        highlightedGroups: arr(field(o, 'highlightedGroups') ?? [], `pages[${i}].highlightedGroups`, 100_000).map(
          (g, k) => {
            const group = readGroup(g, `pages[${i}].highlightedGroups[${k}]`, ctx.cellCount);
            if (ids.has(group.id)) throw new Error(`highlight group id "${group.id}" is duplicated`);
            ids.add(group.id);
            return group;
          },
        ),
      };
    });
    if (pages.length === 0) throw new Error('pages must not be empty');
    let activePageId = field(p, 'activePageId');
    if (typeof activePageId !== 'string' || !pages.some((pg) => pg.id === activePageId)) activePageId = pages[0].id;
    doc.highlights = { pages, activePageId: activePageId as string };
  },
};
