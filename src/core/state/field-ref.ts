// The one way the public API names a field: "obs:<cell field>" or "var:<gene>", split at the first
// colon as the Cellucid session format does (a key may hold colons of its own: "obs:a:b" is "a:b").
import type { ActiveField, FieldSource } from './active-field.js';

/** A cell field ("obs:cell_type") or a gene ("var:CD3E"). */
export type FieldRef = `obs:${string}` | `var:${string}`;

/** Longest part of an unreadable reference quoted back in an error message. */
const QUOTED = 60;

/** A field reference as `{source, key}`, or null when `ref` is none. */
export function readFieldRef(ref: unknown): ActiveField | null {
  const parts = typeof ref === 'string' ? /^(obs|var):([^]+)$/.exec(ref) : null;
  return parts && { source: parts[1] as FieldSource, key: parts[2] };
}

/** A field reference as `{source, key}`; throws a plain-words error (naming `method`) for anything else. */
export function parseFieldRef(ref: unknown, method: string): ActiveField {
  const field = readFieldRef(ref);
  if (field) return field;
  const shown =
    typeof ref === 'string'
      ? JSON.stringify(ref.slice(0, QUOTED))
      : ref && typeof ref === 'object'
        ? 'an object'
        : String(ref);
  throw new Error(`${method}: expected a field such as "obs:cell_type" or "var:CD3E", not ${shown}.`);
}

export function formatFieldRef(field: ActiveField): FieldRef {
  return `${field.source}:${field.key}`;
}

/** The reference of a cell field (`obs`) or a gene (`var`). */
export const fieldRef = (source: FieldSource, key: string): FieldRef => formatFieldRef({ source, key });

/** The key a reference names ("obs:a:b" → "a:b"); a string that is no reference is its own key. */
export const fieldKey = (ref: string): string => readFieldRef(ref)?.key ?? ref;

/** Whether a reference names a cell field ("obs:…") rather than a gene. */
export const isObsRef = (ref: string): boolean => readFieldRef(ref)?.source === 'obs';
