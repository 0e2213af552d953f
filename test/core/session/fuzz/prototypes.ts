// The built-in prototypes as they were: a case that adds, changes or removes a property of one
// (directly or through "__proto__", "constructor" or "prototype" keys) is found, named, and undone
// so the cases after it run in a clean realm.

const WATCHED: Array<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Uint8Array.prototype', Uint8Array.prototype],
  ['TypedArray.prototype', Object.getPrototypeOf(Uint8Array.prototype) as object],
  ['Error.prototype', Error.prototype],
];

interface Snapshot {
  name: string;
  target: object;
  parent: object | null;
  extensible: boolean;
  properties: Map<string | symbol, PropertyDescriptor>;
}

function take(): Snapshot[] {
  return WATCHED.map(([name, target]) => ({
    name,
    target,
    parent: Object.getPrototypeOf(target),
    extensible: Object.isExtensible(target),
    properties: new Map(Reflect.ownKeys(target).map((k) => [k, Object.getOwnPropertyDescriptor(target, k)!])),
  }));
}

const same = (a: PropertyDescriptor, b: PropertyDescriptor) =>
  a.value === b.value &&
  a.get === b.get &&
  a.set === b.set &&
  a.writable === b.writable &&
  a.enumerable === b.enumerable &&
  a.configurable === b.configurable;

export class PrototypeGuard {
  readonly #before = take();

  /** What changed since the guard was made (and puts it back), or an empty list. */
  changes(): string[] {
    const out: string[] = [];
    for (const s of this.#before) {
      const keys = Reflect.ownKeys(s.target);
      for (const k of keys) {
        const now = Object.getOwnPropertyDescriptor(s.target, k)!;
        const was = s.properties.get(k);
        if (!was) {
          const value = typeof now.value === 'function' ? 'a function' : JSON.stringify(now.value);
          out.push(`${s.name}.${String(k)} was added (${value})`);
          Reflect.deleteProperty(s.target, k);
        } else if (!same(was, now)) {
          out.push(`${s.name}.${String(k)} was changed`);
          Object.defineProperty(s.target, k, was);
        }
      }
      for (const [k, was] of s.properties)
        if (!keys.includes(k)) {
          out.push(`${s.name}.${String(k)} was removed`);
          Object.defineProperty(s.target, k, was);
        }
      if (Object.getPrototypeOf(s.target) !== s.parent) {
        out.push(`${s.name}'s prototype was replaced`);
        Object.setPrototypeOf(s.target, s.parent);
      }
      if (Object.isExtensible(s.target) !== s.extensible) out.push(`${s.name} was frozen or sealed`);
    }
    return out;
  }
}
