// Filters and colour scales to and from the session's per-field filter entries (the live view's
// and each snapshot's): hidden categories by name, value ranges, colormaps and log scale.
import { DEFAULT_COLORMAP, hexToRgb, isColormap, rgbToHex } from '../color/index.js';
import type { ContinuousFilter, CoreState } from '../session/document.js';
import { dict } from '../dict.js';
import type { FieldCatalog, PersistedFilters, PersistedView } from './persisted-view.js';

/** '#rrggbb' ↔ the session's [r, g, b] in 0…1. */
const toUnit = (hex: string) => hexToRgb(hex).map((v) => Math.round((v / 255) * 1e4) / 1e4) as [number, number, number];
const toHex = (unit: readonly number[]) => rgbToHex(unit.map((v) => v * 255));

export function filtersToEntries(
  persisted: PersistedFilters,
  colorScales: PersistedView['colorScales'],
  categoryColors: PersistedView['categoryColors'] = dict(),
): CoreState['filters'] {
  const filters: CoreState['filters'] = dict();
  for (const [key, f] of Object.entries(persisted.categories)) {
    if (f.hidden.length === 0) continue;
    filters[`obs:${key}`] = {
      kind: 'category',
      filterEnabled: f.enabled ? null : false,
      visibility: f.hidden.map((categoryName) => ({ categoryName, visible: false })),
      colors: [],
      colormapId: null,
    };
  }
  for (const [key, byName] of Object.entries(categoryColors)) {
    const colors = Object.entries(byName).map(([categoryName, hex]) => ({ categoryName, color: toUnit(hex) }));
    if (colors.length === 0) continue;
    const existing = filters[`obs:${key}`];
    if (existing?.kind === 'category') existing.colors = colors;
    else filters[`obs:${key}`] = { kind: 'category', filterEnabled: null, visibility: [], colors, colormapId: null };
  }
  for (const [ref, r] of Object.entries(persisted.ranges)) {
    filters[ref] = {
      kind: 'continuous',
      filterEnabled: r.enabled ? null : false,
      filter: { min: r.min, max: r.max },
      colorRange: null,
      useLogScale: null,
      useFilterColorRange: null,
      outlierFilterEnabled: null,
      outlierThreshold: null,
      colormapId: null,
    };
  }
  for (const [key, s] of Object.entries(colorScales)) {
    if (s.colormap === DEFAULT_COLORMAP && !s.log) continue;
    const existing = filters[key];
    if (existing?.kind === 'continuous') {
      existing.useLogScale = s.log ? true : null;
      existing.colormapId = s.colormap === DEFAULT_COLORMAP ? null : s.colormap;
      continue;
    }
    // "Modified only": only what differs from the defaults is written.
    const entry: ContinuousFilter = {
      kind: 'continuous',
      filterEnabled: null,
      filter: null,
      colorRange: null,
      useLogScale: s.log ? true : null,
      useFilterColorRange: null,
      outlierFilterEnabled: null,
      outlierThreshold: null,
      colormapId: s.colormap === DEFAULT_COLORMAP ? null : s.colormap,
    };
    filters[key] = entry;
  }
  return filters;
}

export function entriesToFilters(
  entries: CoreState['filters'],
  fields: FieldCatalog,
  skipped: string[],
): { filters: PersistedFilters; scales: PersistedView['colorScales']; colors: PersistedView['categoryColors'] } {
  const scales: PersistedView['colorScales'] = dict();
  const colors: PersistedView['categoryColors'] = dict();
  const filters: PersistedFilters = { categories: dict(), ranges: dict() };
  for (const [ref, f] of Object.entries(entries)) {
    const [source, key] = [ref.slice(0, 3), ref.slice(4)];
    const known = (source === 'obs' ? fields.obs : fields.var).has(key);
    if (!known) {
      skipped.push(`the filter on ${ref} (not in this dataset)`);
      continue;
    }
    if (f.kind !== 'continuous') {
      const names = fields.categories.get(key);
      if (!names) {
        skipped.push(`the category filter on ${ref} (not a categorical field here)`);
        continue;
      }
      const hidden: string[] = [];
      for (const v of f.visibility) {
        if (v.visible) continue;
        const name = v.categoryName ?? (v.categoryIndex !== undefined ? names[v.categoryIndex] : undefined);
        if (name !== undefined && names.includes(name)) hidden.push(name);
        else skipped.push(`hiding the unknown category ${JSON.stringify(v.categoryName ?? v.categoryIndex)} of ${ref}`);
      }
      if (hidden.length) filters.categories[key] = { hidden, enabled: f.filterEnabled !== false };
      for (const c of f.colors) {
        const name = c.categoryName ?? (c.categoryIndex !== undefined ? names[c.categoryIndex] : undefined);
        if (name === undefined || !names.includes(name)) {
          skipped.push(
            `the colour of the unknown category ${JSON.stringify(c.categoryName ?? c.categoryIndex)} of ${ref}`,
          );
          continue;
        }
        (colors[key] ??= dict())[name] = toHex(c.color);
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
