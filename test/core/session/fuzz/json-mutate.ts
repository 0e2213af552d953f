// Structured mutations of JSON (manifests and chunk payloads): keys that name prototype members,
// values of the wrong type, numbers no reader expects (huge, negative, fractional, past float64),
// sizes and counts that lie, deep nesting, huge arrays and strings. The tree is written back by
// `serialize`, which keeps an own "__proto__" key a key and writes numbers JSON.stringify cannot.
import type { Rng } from './rng.js';

/** A number written as this text (1e400, -0, 30 digits): JSON.parse reads it, JSON.stringify cannot write it. */
export class RawNumber {
  constructor(readonly text: string) {}
}

export type Json = null | boolean | number | string | RawNumber | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Keys and strings that are also names of prototype members (or mean something to a careless reader). */
export const DANGEROUS_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
  'length',
  'then',
] as const;

const isObject = (v: Json): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RawNumber);

/** Sets an own property, "__proto__" included (assignment would set the prototype instead). */
function defineOwn(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function copy(value: Json): Json {
  if (Array.isArray(value)) return value.map(copy);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const k of Object.keys(value)) defineOwn(out, k, copy(value[k]));
  return out;
}

/** JSON text of `value`: JSON.stringify writes own "__proto__" keys as keys; raw numbers go in as written. */
export function serialize(value: Json): string {
  const raw: string[] = [];
  const text = JSON.stringify(value, (_key, v: Json) => {
    if (!(v instanceof RawNumber)) return v;
    raw.push(v.text);
    return `\u0001raw${raw.length - 1}`;
  });
  return raw.length ? text.replace(/"\\u0001raw(\d+)"/g, (_m, i: string) => raw[Number(i)]) : text;
}

/** Where a value sits: its container and key, or the root (no container). */
interface Site {
  parent: Json[] | JsonObject | null;
  key: string | number;
  value: Json;
  depth: number;
}

function sites(root: Json, limit = 4000): Site[] {
  const out: Site[] = [{ parent: null, key: '', value: root, depth: 0 }];
  for (let i = 0; i < out.length && out.length < limit; i++) {
    const { value, depth } = out[i];
    if (depth > 40) continue;
    if (Array.isArray(value)) value.forEach((v, k) => out.push({ parent: value, key: k, value: v, depth: depth + 1 }));
    else if (isObject(value))
      for (const k of Object.keys(value)) out.push({ parent: value, key: k, value: value[k], depth: depth + 1 });
  }
  return out;
}

/** Replaces the value at a site; returns the (possibly new) root. */
function put(root: Json, site: Site, value: Json): Json {
  if (site.parent === null) return value;
  if (Array.isArray(site.parent)) site.parent[site.key as number] = value;
  else defineOwn(site.parent, site.key as string, value);
  return root;
}

const ODD_NUMBERS: Json[] = [
  0,
  -1,
  1,
  0.5,
  -0.5,
  255,
  256,
  65535,
  65536,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 32 + 1,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  Number.MIN_VALUE,
  new RawNumber('1e400'),
  new RawNumber('-1e400'),
  new RawNumber('-0'),
  new RawNumber('1e-400'),
  new RawNumber('123456789012345678901234567890'),
];

const ODD_STRINGS: Json[] = [
  '',
  ' ',
  '<img src=x onerror=alert(1)>',
  '\u0000',
  '\ud800',
  'obs:',
  'var:',
  '#zzzzzz',
  '../../etc/passwd',
  'NaN',
  '1e400',
];

/** Nested `depth` deep: arrays, objects or both. */
function nested(rng: Rng, depth: number, inner: Json = 0): Json {
  let v: Json = inner;
  const kind = rng.int(3);
  for (let i = 0; i < depth; i++) {
    if (kind === 0 || (kind === 2 && i % 2)) v = [v];
    else {
      const o: JsonObject = {};
      defineOwn(o, rng.pick(['a', ...DANGEROUS_NAMES]), v);
      v = o;
    }
  }
  return v;
}

function hugeArray(rng: Rng): Json {
  const length = rng.pick([1000, 4096, 4096, 65_536]);
  const fill: Json = rng.pick([0, 1e9, -1, 'a', null, true, 2 ** 32]);
  return new Array<Json>(length).fill(fill);
}

/** An object whose keys are prototype members' names. */
function pollutingObject(rng: Rng): JsonObject {
  const o: JsonObject = {};
  defineOwn(o, '__proto__', { polluted: 'yes', isAdmin: '#ff0000' });
  const proto: JsonObject = {};
  defineOwn(proto, 'prototype', { polluted: 'yes' });
  defineOwn(o, 'constructor', proto);
  defineOwn(o, rng.pick(DANGEROUS_NAMES), rng.pick(['x', 1, null, [], {}]));
  return o;
}

/** A value of another shape, or a lie about this one. */
function oddValue(rng: Rng, like: Json, all: Site[]): Json {
  const roll = rng.int(20);
  if (typeof like === 'number' && roll < 8) {
    // Sizes, counts and indices that lie.
    return rng.pick([
      like + 1,
      like - 1,
      like * 2,
      like * 1000 + 7,
      -like,
      2 ** 32 - like,
      like + 0.5,
      Math.floor(like / 2),
      0,
    ]);
  }
  if (typeof like === 'string' && roll < 5)
    return rng.pick([like + 'x', like.slice(0, -1), like.toUpperCase(), `${like}\u0000`, like.repeat(3)]);
  if (Array.isArray(like) && roll < 5) {
    const copy = like.slice();
    switch (rng.int(4)) {
      case 0:
        return copy.reverse();
      case 1:
        return copy.slice(0, rng.int(copy.length + 1));
      case 2:
        return [...copy, ...copy];
      default:
        return new Array<Json>(rng.pick([10, 100, 1000])).fill(copy[0] ?? null).concat(copy);
    }
  }
  switch (rng.int(14)) {
    case 0:
    case 1:
      return rng.pick(DANGEROUS_NAMES);
    case 2:
    case 3:
      return rng.pick(ODD_NUMBERS);
    case 4:
      return rng.pick(ODD_STRINGS);
    case 5:
      return 'x'.repeat(rng.pick([1000, 65_536, 300_000]));
    case 6:
      return rng.pick([true, false, null]);
    case 7:
      return rng.pick<Json>([[], {}, [null], ['__proto__'], [[]]]);
    case 8:
      return nested(rng, rng.pick([50, 255, 257, 300, 2000]));
    case 9:
      return hugeArray(rng);
    case 10:
      return pollutingObject(rng);
    default:
      // Another site's value (a copy: it may be this site's ancestor): the right shape in the wrong place.
      return copy(rng.pick(all).value);
  }
}

/** Most JSON text a mutation may write: a larger payload is just slower to read, not more interesting. */
const MAX_TEXT = 1 << 20;

/**
 * One to three structured mutations of a copy of `root`; returns the new root and what was done.
 * A result past MAX_TEXT is made again (the smallest of four tries is kept).
 */
export function mutateJson(rng: Rng, root: Json): { root: Json; notes: string[] } {
  let smallest: { root: Json; notes: string[]; size: number } | null = null;
  for (let attempt = 0; attempt < 4; attempt++) {
    const made = mutateOnce(rng, copy(root));
    const size = textSize(made.root, MAX_TEXT + 1);
    if (size <= MAX_TEXT) return made;
    if (!smallest || size < smallest.size) smallest = { ...made, size };
  }
  return { root: smallest!.root, notes: smallest!.notes };
}

/** About how long `value`'s JSON text is, counted up to `cap` (a value shared by several places counts each time). */
function textSize(value: Json, cap: number): number {
  let size = 0;
  const stack: Json[] = [value];
  while (stack.length && size < cap) {
    const v = stack.pop()!;
    if (typeof v === 'string') size += v.length + 2;
    else if (v instanceof RawNumber) size += v.text.length;
    else if (Array.isArray(v)) {
      size += 1 + v.length;
      for (let i = 0; i < v.length && size < cap; i++) stack.push(v[i]);
    } else if (isObject(v))
      for (const k of Object.keys(v)) {
        size += k.length + 4;
        stack.push(v[k]);
      }
    else size += 5;
  }
  return size;
}

function mutateOnce(rng: Rng, root: Json): { root: Json; notes: string[] } {
  const notes: string[] = [];
  const count = rng.pick([1, 1, 1, 2, 3]);
  for (let n = 0; n < count; n++) {
    const all = sites(root);
    const site = rng.pick(all);
    const where = site.parent === null ? '(root)' : String(site.key);
    const op = rng.int(20);
    if (op < 12) {
      root = put(root, site, oddValue(rng, site.value, all));
      notes.push(`value at ${where}`);
    } else if (op < 15) {
      // Rename a key: to a prototype member's name, or to a sibling's (the sibling's value is lost).
      const objects = all.filter((s) => isObject(s.value) && Object.keys(s.value).length > 0);
      if (!objects.length) continue;
      const target = rng.pick(objects).value as JsonObject;
      const keys = Object.keys(target);
      const from = rng.pick(keys);
      const to = rng.chance(0.7) ? rng.pick(DANGEROUS_NAMES) : rng.pick(keys);
      const renamed: JsonObject = {};
      for (const k of keys) if (k !== from) defineOwn(renamed, k === to ? from : k, target[k]);
      defineOwn(renamed, to, target[from]);
      for (const k of Object.keys(target)) delete target[k];
      for (const k of Object.keys(renamed)) defineOwn(target, k, renamed[k]);
      notes.push(`key ${from} → ${to}`);
    } else if (op < 17) {
      if (site.parent === null) continue;
      if (Array.isArray(site.parent)) site.parent.splice(site.key as number, 1);
      else delete site.parent[site.key as string];
      notes.push(`removed ${where}`);
    } else if (op < 19) {
      const objects = all.filter((s) => isObject(s.value));
      if (!objects.length) continue;
      const target = rng.pick(objects).value as JsonObject;
      const key = rng.chance(0.7) ? rng.pick(DANGEROUS_NAMES) : `extra_${rng.int(100)}`;
      defineOwn(target, key, oddValue(rng, null, all));
      notes.push(`added key ${key}`);
    } else {
      root = nested(rng, rng.pick([2, 10, 255, 300]), root);
      notes.push('nested the whole document');
    }
  }
  return { root, notes };
}

/** The strings of `value`: those used as keys, and those used as values (field references as their key). */
export function stringsIn(
  value: Json,
  into = { keys: new Set<string>(), values: new Set<string>() },
): { keys: Set<string>; values: Set<string> } {
  if (typeof value === 'string') into.values.add(value.replace(/^(obs|var):/, ''));
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, into);
  else if (isObject(value))
    for (const k of Object.keys(value)) {
      into.keys.add(k.replace(/^(obs|var):/, ''));
      stringsIn(value[k], into);
    }
  return into;
}

/** `value` with the string `from` renamed `to` everywhere: as a key, a value, and inside field references. */
export function renameEverywhere(value: Json, from: string, to: string): Json {
  const rename = (s: string) =>
    s === from ? to : s === `obs:${from}` ? `obs:${to}` : s === `var:${from}` ? `var:${to}` : s;
  if (typeof value === 'string') return rename(value);
  if (Array.isArray(value)) return value.map((v) => renameEverywhere(v, from, to));
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const k of Object.keys(value)) defineOwn(out, rename(k), renameEverywhere(value[k], from, to));
    return out;
  }
  return value;
}
