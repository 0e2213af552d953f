// The one way the public API names a field: "obs:<cell field>" or "var:<gene>", split at the first
// colon as the Cellucid session format does (a key may hold colons of its own: "obs:a:b" is "a:b").
import type { ActiveField, FieldSource } from './active-field.js';

/** A cell field ("obs:cell_type") or a gene ("var:CD3E"). */
export type FieldRef = `obs:${string}` | `var:${string}`;

/** Longest part of an unreadable reference quoted back in an error message. */
const QUOTED = 60;

/** A field reference as `{source, key}`; throws a plain-words error (naming `method`) for anything else. */
export function parseFieldRef(ref: unknown, method: string): ActiveField {
  if (typeof ref === 'string') {
    const colon = ref.indexOf(':');
    const source = ref.slice(0, colon);
    if (colon > 0 && colon < ref.length - 1 && (source === 'obs' || source === 'var'))
      return { source: source as FieldSource, key: ref.slice(colon + 1) };
  }
  const type = typeof ref;
  const shown =
    type === 'string'
      ? JSON.stringify((ref as string).slice(0, QUOTED))
      : ref == null
        ? String(ref)
        : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
  throw new Error(
    `${method}: expected a field such as "obs:cell_type" (a cell field) or "var:CD3E" (a gene), not ${shown}.`,
  );
}

export function formatFieldRef(field: ActiveField): FieldRef {
  return `${field.source}:${field.key}`;
}
