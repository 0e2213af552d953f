export type DatasetErrorPhase = 'catalog' | 'identity' | 'manifest' | 'payload';

/** A problem with an export folder: names the file and says what is wrong with it. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(
    readonly phase: DatasetErrorPhase,
    readonly file: string | null,
    readonly problem: string,
  ) {
    super(file ? `${file}: ${problem}` : problem);
  }
}
