// What every data loader returns: records as the user's table has them, all values strings.

import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface LoadOptions {
  /** The project folder: a data path that resolves outside it is refused. */
  projectDir: string;
  /** XLSX: the sheet to read (by name); default the first sheet. */
  sheet?: string;
}

export interface LoadedRecords {
  /** One object per data row, keyed by header name; every column present, '' when blank. */
  records: Record<string, string>[];
  /** Header names in file order (blank columns dropped). */
  columns: string[];
  /** 1-based source position of each record: CSV line / XLSX row / YAML line, for errors. */
  rowNumbers: number[];
  /** Problems found; any error means the records must not be used to build a document. */
  diagnostics: Diagnostic[];
  /** The path shown in diagnostics for this file. */
  file: string;
}
