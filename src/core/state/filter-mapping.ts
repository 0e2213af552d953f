// Filters and colour scales to and from the session's per-field filter entries (the live view's
// and each snapshot's): hidden categories by name, value ranges, colormaps and log scale.
import { DEFAULT_COLORMAP, hexToRgb, isColormap, rgbToHex } from '../color/index.js';
import type { CategoryFilter, ContinuousFilter, CoreState } from '../session/document.js';
import { viewerNaming, type AppNaming, type ViewerNaming } from './app-naming.js';
import { rangeMoved } from './view-label.js';
import { dict } from '../dict.js';
import type { FieldCatalog, PersistedFilters, PersistedView } from './persisted-view.js';
import { fieldRef, readFieldRef } from './field-ref.js';

/** '#rrggbb' ↔ the session's [r, g, b] in 0…1. */
const toUnit = (hex: string) => hexToRgb(hex).map((v) => Math.round((v / 255) * 1e4) / 1e4) as [number, number, number];
const toHex = (unit: readonly number[]) => rgbToHex(unit.map((v) => v * 255));

/**
 * The app's filter entries, "modified only" as it writes them: keyed and labelled by the names it
 * shows (`naming`), nothing for deleted fields, a range only when it moved off the field's own.
 */
export function filtersToEntries(
  persisted: PersistedFilters,
  colorScales: PersistedView['colorScales'],
  categoryColors: PersistedView['categoryColors'],
  naming: AppNaming,
): CoreState['filters'] {
  const filters: CoreState['filters'] = dict();
  const category = (key: string) => {
    const f = naming.field(fieldRef('obs', key), 'category');
    if (f?.kind !== 'category') return undefined;
    // Categories by the label the app shows, in category order.
    const label = (name: string) => f.labels?.[f.names!.indexOf(name)] ?? name;
    const order = (name: string) => f.names?.indexOf(name) ?? 0;
    const entry = (filters[fieldRef('obs', f.key)] ??= {
      kind: 'category',
      filterEnabled: null,
      visibility: [],
      colors: [],
      colormapId: null,
    }) as CategoryFilter;
    return { entry, label, order };
  };
  const continuous = (ref: string) => {
    const f = naming.field(ref);
    if (f?.kind !== 'continuous') return undefined;
    const entry = (filters[`${ref.slice(0, 4)}${f.key}`] ??= {
      kind: 'continuous',
      filterEnabled: null,
      filter: null,
      colorRange: null,
      useLogScale: null,
      useFilterColorRange: null,
      outlierFilterEnabled: null,
      outlierThreshold: null,
      colormapId: null,
    }) as ContinuousFilter;
    return { entry, f };
  };
  for (const [key, c] of Object.entries(persisted.categories)) {
    const to = c.hidden.length ? category(key) : undefined;
    if (!to) continue;
    to.entry.filterEnabled = c.enabled ? null : false;
    to.entry.visibility = [...c.hidden]
      .sort((a, b) => to.order(a) - to.order(b))
      .map((name) => ({ categoryName: to.label(name), visible: false }));
  }
  for (const [key, byName] of Object.entries(categoryColors)) {
    const to = Object.keys(byName).length ? category(key) : undefined;
    if (!to) continue;
    to.entry.colors = Object.entries(byName)
      .sort(([a], [b]) => to.order(a) - to.order(b))
      .map(([name, hex]) => ({ categoryName: to.label(name), color: toUnit(hex) }));
  }
  for (const [ref, r] of Object.entries(persisted.ranges)) {
    const to = continuous(ref);
    if (!to) continue;
    if (rangeMoved(r, to.f)) {
      to.entry.filter = { min: r.min, max: r.max };
      to.entry.filterEnabled = r.enabled ? null : false;
    }
  }
  for (const [ref, s] of Object.entries(colorScales)) {
    const to = s.colormap !== DEFAULT_COLORMAP || s.log ? continuous(ref) : undefined;
    if (!to) continue;
    to.entry.useLogScale = s.log ? true : null;
    to.entry.colormapId = s.colormap === DEFAULT_COLORMAP ? null : s.colormap;
  }
  // An entry must change something (a range that did not move changes nothing).
  for (const [ref, e] of Object.entries(filters))
    if (e.kind === 'continuous' && !e.filter && !e.useLogScale && !e.colormapId) delete filters[ref];
  return filters;
}

export function entriesToFilters(
  entries: CoreState['filters'],
  fields: FieldCatalog,
  skipped: string[],
  names: ViewerNaming = viewerNaming(null),
): { filters: PersistedFilters; scales: PersistedView['colorScales']; colors: PersistedView['categoryColors'] } {
  const scales: PersistedView['colorScales'] = dict();
  const colors: PersistedView['categoryColors'] = dict();
  const filters: PersistedFilters = { categories: dict(), ranges: dict() };
  for (const [shown, f] of Object.entries(entries)) {
    // The file names fields and categories as the app shows them; the viewer by the export's names.
    const ref = names.field(shown);
    const { source, key } = readFieldRef(ref) ?? { source: '', key: ref };
    const known = (source === 'obs' ? fields.obs : fields.var).has(key);
    if (!known) {
      skipped.push(`the filter on ${ref} (not in this dataset)`);
      continue;
    }
    if (f.kind !== 'continuous') {
      const known = fields.categories.get(key);
      if (!known) {
        skipped.push(`the category filter on ${ref} (not a categorical field here)`);
        continue;
      }
      // A category by its shown label (legacy files: by its index), as the export names it.
      const category = (c: { categoryName?: string; categoryIndex?: number }, what: string) => {
        const name = c.categoryName !== undefined ? names.category(ref, c.categoryName) : known[c.categoryIndex ?? -1];
        if (name !== undefined && known.includes(name)) return name;
        skipped.push(`${what} the unknown category ${JSON.stringify(c.categoryName ?? c.categoryIndex)} of ${ref}`);
        return undefined;
      };
      const hidden: string[] = [];
      for (const v of f.visibility) {
        const name = v.visible ? undefined : category(v, 'hiding');
        if (name !== undefined) hidden.push(name);
      }
      if (hidden.length) filters.categories[key] = { hidden, enabled: f.filterEnabled !== false };
      for (const c of f.colors) {
        const name = category(c, 'the colour of');
        if (name !== undefined) (colors[key] ??= dict())[name] = toHex(c.color);
      }
      continue;
    }
    if (f.filter) filters.ranges[ref] = { min: f.filter.min, max: f.filter.max, enabled: f.filterEnabled !== false };
    if (f.outlierThreshold !== null) skipped.push(`the outlier filter on ${ref}`);
    if (f.colormapId !== null || f.useLogScale) {
      const colormap = f.colormapId && isColormap(f.colormapId) ? f.colormapId : DEFAULT_COLORMAP;
      if (f.colormapId && !isColormap(f.colormapId))
        skipped.push(`the colormap "${f.colormapId}" of ${ref} (shown with viridis)`);
      scales[ref] = { colormap, log: f.useLogScale === true };
    }
  }
  return { filters, scales, colors };
}
