// The viewer's inventory of the Cellucid app's controls against the conformance module's (written
// from the app's rules): the same ids in the same order, types, defaults, bounds and options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appControls } from '../../../src/core/state/app-controls.js';
import type { UiControl } from '../../../src/core/session/document.js';
import { APP_CONTROLS } from '../../conformance/app-controls.js';

const valueOf = (c: UiControl) =>
  'checked' in c ? c.checked : 'open' in c ? c.open : 'pressedId' in c ? c.pressedId : c.value;

test('with nothing to carry, every control of the app at its default, in the app’s order', () => {
  const out = appControls(new Map(), null, []);
  assert.deepEqual(Object.keys(out), Object.keys(APP_CONTROLS));
  for (const [id, spec] of Object.entries(APP_CONTROLS)) {
    assert.equal(out[id].type, spec.type, id);
    assert.equal(valueOf(out[id]), spec.default, id);
  }
});

test('a carried value is kept inside the app’s bounds and options, and replaced by the default outside', () => {
  const carried: Record<string, UiControl> = {};
  const outside: Record<string, UiControl> = {};
  for (const [id, spec] of Object.entries(APP_CONTROLS)) {
    if (spec.type === 'range') {
      carried[id] = { type: 'range', value: spec.max! };
      outside[id] = { type: 'range', value: String(Number(spec.max) + 0.001) };
    } else if (spec.options?.length) {
      const last = spec.options.at(-1)!;
      carried[id] =
        spec.type === 'pressed-group' ? { type: 'pressed-group', pressedId: last } : { type: 'select', value: last };
      outside[id] =
        spec.type === 'pressed-group' ? { type: 'pressed-group', pressedId: 'x' } : { type: 'select', value: 'x' };
    }
  }
  carried['connectivity-color'] = { type: 'color', value: '#12ab9f' };
  outside['connectivity-color'] = { type: 'color', value: '#12AB9F' };
  const kept = appControls(new Map(), carried, []);
  const dropped = appControls(new Map(), outside, []);
  for (const id of Object.keys(carried)) {
    assert.deepEqual(kept[id], carried[id], id);
    assert.equal(valueOf(dropped[id]), APP_CONTROLS[id].default, id);
  }
  // Below a range's minimum too; a record of another type is not the control's.
  const low = appControls(new Map(), { 'point-size': { type: 'range', value: '-24.5' } }, []);
  assert.deepEqual(low['point-size'], { type: 'range', value: '16.5' });
  const typed = appControls(new Map(), { 'hp-antialias': { type: 'details', open: false } }, []);
  assert.deepEqual(typed['hp-antialias'], { type: 'checkbox', checked: true });
});

test('the viewer’s own values win, but a carried record saying the same is kept verbatim', () => {
  const carried: Record<string, UiControl> = { 'point-size': { type: 'range', value: '40.0' } };
  assert.deepEqual(appControls(new Map([['point-size', '40']]), carried, [])['point-size'], carried['point-size']);
  assert.deepEqual(appControls(new Map([['point-size', '41']]), carried, [])['point-size'], {
    type: 'range',
    value: '41',
  });
});

test('velocity-field offers the dataset’s vector fields, and nothing without them', () => {
  assert.deepEqual(appControls(new Map(), null, [])['velocity-field'], { type: 'select', value: '' });
  assert.deepEqual(appControls(new Map(), null, ['umap_velocity'])['velocity-field'], {
    type: 'select',
    value: 'umap_velocity',
  });
  const carried: Record<string, UiControl> = { 'velocity-field': { type: 'select', value: 'gone' } };
  assert.deepEqual(appControls(new Map(), carried, ['v'])['velocity-field'], { type: 'select', value: 'v' });
});
