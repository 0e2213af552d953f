/** A problem with an export folder: names the file and says what is wrong with it. */
export class DatasetError extends Error {
  constructor(
    readonly file: string | null,
    readonly problem: string,
  ) {
    super(file ? `${file}: ${problem}` : problem);
  }
}

/** The server has no such file (HTTP 404). */
export class NotFoundError extends DatasetError {}
