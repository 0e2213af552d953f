// What a TypeScript app gets from the package's types: each line compiles as an app's code would,
// and each `@ts-expect-error` line is a mistake the types must catch (tsc fails if it compiles).
import type { CellucidViewer, ErrorKind, FieldRef, LoadEventDetail, RestorePhase, ViewState } from 'cellucid-viewer';

declare const el: CellucidViewer;
const seen: unknown[] = [];

// Events: the detail of each cellucid-* event is known, on the element and on the document.
el.addEventListener('cellucid-load', (e) => seen.push(e.detail.cellCount, e.detail.dimensions[0]));
// @ts-expect-error -- the load event's detail has no such property
el.addEventListener('cellucid-load', (e) => seen.push(e.detail.cellCnt));
document.addEventListener('cellucid-error', (e) => {
  const kind: ErrorKind = e.detail.kind;
  seen.push(kind, e.detail.message);
});
// @ts-expect-error -- an error's detail says its kind, not a phase
document.addEventListener('cellucid-error', (e) => seen.push(e.detail.phase));
el.addEventListener('cellucid-state-change', (e) => {
  const state: ViewState = e.detail;
  const field: FieldRef | null = state.activeField;
  seen.push(field, state.hiddenFields, state.userFields[0]?.copyOf);
});
el.addEventListener('cellucid-save', (e) => seen.push(e.detail.totalBytes, e.detail.totalChunks));
el.addEventListener('cellucid-restore-progress', (e) => seen.push(e.detail.loadedBytes / (e.detail.totalBytes ?? 1)));
el.addEventListener('cellucid-restore', (e) => {
  const phase: RestorePhase = e.detail.phase;
  seen.push(phase, e.detail.report.notShown);
});
el.addEventListener('cellucid-mismatch', (e) => seen.push(e.detail.saved?.datasetId, e.detail.current.datasetId));
const onLoad = (detail: LoadEventDetail) => seen.push(detail.datasetId);
document.querySelector('cellucid-viewer')?.addEventListener('cellucid-load', (e) => onLoad(e.detail));

// Fields are named one way: "obs:<cell field>" or "var:<gene>".
void el.setActiveField('obs:cell_type');
void el.setActiveField('var:CD3E');
void el.setActiveField(null);
// @ts-expect-error -- a bare key is not a field reference
void el.setActiveField('cell_type');
// @ts-expect-error -- nor is the {source, key} object of earlier versions
void el.setActiveField({ source: 'obs', key: 'cell_type' });
void el.setRange('obs:pct_mito', { min: 0, max: 5 });
void el.setCategoryVisible('obs:cell_type', 'B cell', false);
void el.duplicateField('var:CD3E').then((copy: FieldRef) => el.setActiveField(copy));
void el.hideField('obs:batch');
el.showField('obs:batch');
// @ts-expect-error -- a field is hidden, not deleted (deleteUserField deletes fields of your own)
void el.deleteField('obs:batch');

// Closed choices are unions of their names.
el.setColormap('magma');
// @ts-expect-error -- not a colormap of the viewer's
el.setColormap('rainbow');
void el.setDimension(2);
// @ts-expect-error -- embeddings are 1-, 2- or 3-D
void el.setDimension(4);
el.setSelectionTool('lasso');
// @ts-expect-error -- not a selection tool
el.setSelectionTool('wand');
el.setLayout('grid');
// @ts-expect-error -- not a layout
el.setLayout('tiles');
el.setPanelOpen('highlights', false);
// @ts-expect-error -- not a panel
el.setPanelOpen('toolbar', false);
el.theme = 'dark';
// @ts-expect-error -- not a theme
el.theme = 'blue';
el.autosave = 'off';
// @ts-expect-error -- autosave is on or off
el.autosave = 'sometimes';

export { seen };
