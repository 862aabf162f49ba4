// loadRecords: one entry point for every data format. The path is resolved inside the project
// folder and refused otherwise, and read by the guarded reader (no FIFO, device or folder; the
// size bound applies to what is read, not to what stat said).

import { stat } from 'node:fs/promises';
import { GuardedReadError, readGuarded } from '../source/guarded-read.js';
import { extname } from 'node:path';
import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { displayPath, resolveInside } from '../source/paths.js';
import { MAX_DATA_BYTES } from './limits.js';
import type { LoadedRecords, LoadOptions } from './types.js';
import { parseYamlRecords } from './yaml.js';

export const DATA_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.yaml', '.yml', '.json'] as const;

export async function loadRecords(path: string, opts: LoadOptions): Promise<LoadedRecords> {
  const abs = resolveInside(opts.projectDir, path);
  const file = abs ? displayPath(abs) : path;
  const bag = new DiagnosticBag(file);
  const fail = (): LoadedRecords => ({ records: [], columns: [], rowNumbers: [], diagnostics: bag.items, file });
  if (!abs) {
    bag.error('data-path', `the data file "${path}" is outside the project folder; data must be inside it`, 0, 0, 'data');
    return fail();
  }
  const ext = extname(abs).toLowerCase();
  if (!(DATA_EXTENSIONS as readonly string[]).includes(ext)) {
    bag.error(
      'data-format',
      ext === '.xls' || ext === '.et'
        ? `"${path}" is an old binary spreadsheet; save it as .xlsx (or CSV) first`
        : `cannot read "${path}": data must be ${DATA_EXTENSIONS.join(', ')}`,
      0,
      0,
      'data',
    );
    return fail();
  }
  let buf: Buffer;
  try {
    buf = readGuarded(path, { projectDir: opts.projectDir, maxBytes: MAX_DATA_BYTES, what: '数据文件' }).bytes;
  } catch (err) {
    if (!(err instanceof GuardedReadError)) throw err;
    if (err.fault === 'outside') bag.error('data-path', `the data file "${path}" is outside the project folder (or a link that leads out of it); data must be inside it`, 0, 0, 'data');
    else if (err.fault === 'missing') bag.error('data-unreadable', `the data file "${path}" does not exist`, 0, 0, 'data');
    else if (err.fault === 'too-large') {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      const size = await stat(abs).then((s) => s.size, () => MAX_DATA_BYTES + 1);
      bag.error('data-too-large', `"${path}" is ${mb(size)} MB; data files are limited to ${mb(MAX_DATA_BYTES)} MB`, 0, 0, 'data');
    } else if (err.fault === 'not-file') bag.error('data-unreadable', `"${path}" is not a file (${err.message})`, 0, 0, 'data');
    else bag.error('data-unreadable', err.message, 0, 0, 'data');
    return fail();
  }
  let result;
  // Each reader is loaded for its own files only: the XLSX one for XLSX, csv-parse (~10 ms) for
  // CSV.
  if (ext === '.xlsx') result = await (await import('./xlsx.js')).parseXlsx(buf, opts.sheet, bag);
  else if (ext === '.yaml' || ext === '.yml' || ext === '.json') result = parseYamlRecords(buf, bag);
  else result = (await import('./csv.js')).parseCsv(buf, bag);
  if (opts.sheet !== undefined && ext !== '.xlsx') {
    bag.warn('data-sheet', `\`sheet\` applies to XLSX files only; "${path}" has no sheets`, 0, 0, 'data');
  }
  return { records: result.records, columns: result.columns, rowNumbers: result.rowNumbers, diagnostics: bag.items, file };
}
