// A content file after reading: front matter (YAML only) and the Markdown body, with the
// positions that diagnostics need.

export interface FieldPlace {
  line: number;
  column: number;
}

export interface SourceFile {
  /** Path as the user gave it (relative to the working folder), used in diagnostics. */
  path: string;
  /** Absolute path. */
  absPath: string;
  /** The whole file as read (UTF-8, BOM removed, CRLF normalised to LF). */
  text: string;
  /**
   * Front matter as plain data: YAML dates are normalised to 'YYYY-MM-DD' strings, so no
   * stage ever sees a Date object. Empty object when the file has no front matter.
   */
  data: Record<string, unknown>;
  /** The Markdown body after the front matter. */
  body: string;
  /** 1-based line of the file where the body's first line is. */
  bodyLine: number;
  /**
   * Where a front-matter field is: the value's position for `['attachments', 1, 'file']`,
   * or the closest enclosing key that exists. Falls back to line 1, column 1.
   */
  placeOf(path: (string | number)[]): FieldPlace;
}
