// Which field colours the cells: an obs column or a gene (var), or none.
export type FieldSource = 'obs' | 'var';

export interface ActiveField {
  source: FieldSource;
  key: string;
}

export function sameField(a: ActiveField | null, b: ActiveField | null): boolean {
  if (a === null || b === null) return a === b;
  return a.source === b.source && a.key === b.key;
}

/** Parses "obs:cell_type" / "var:GENE" (the session filter-key form); null when malformed. */
export function parseFieldRef(text: string): ActiveField | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const source = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if ((source !== 'obs' && source !== 'var') || key.length === 0) return null;
  return { source, key };
}

export function formatFieldRef(field: ActiveField): string {
  return `${field.source}:${field.key}`;
}
