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
