// From a grid of cells (CSV fields, XLSX cells) to records: the header is the first non-empty
// row, blank rows are dropped, blank columns without a header are dropped, and header names
// must be present and unique. Shared by the CSV and XLSX loaders so both apply one rule.

import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { MAX_CELL_CHARS, MAX_DATA_COLUMNS, MAX_DATA_ROWS } from './limits.js';

export interface GridRow {
  cells: string[];
  /** 1-based line (CSV) or row (XLSX) where the row starts. */
  row: number;
}

export interface GridRecords {
  records: Record<string, string>[];
  columns: string[];
  rowNumbers: number[];
  /** Source row of the header, 0 when the file has none. */
  headerRow: number;
}

/** Values are trimmed, NFC-normalised strings with LF line ends (cells may hold several lines). */
export function cleanValue(v: string): string {
  return v.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

export function recordsFromGrid(
  grid: GridRow[],
  bag: DiagnosticBag,
  columnLabel: (index: number) => string,
): GridRecords {
  // Bounds first, on the raw cells, before any value is cleaned or copied.
  for (const r of grid) {
    let last = r.cells.length;
    while (last > 0 && r.cells[last - 1].trim() === '') last--;
    if (last > MAX_DATA_COLUMNS) {
      bag.error('data-too-large', `this row has ${last.toLocaleString('en')} columns; data files are limited to ${MAX_DATA_COLUMNS.toLocaleString('en')} columns`, r.row, MAX_DATA_COLUMNS + 1, 'data');
      return { records: [], columns: [], rowNumbers: [], headerRow: 0 };
    }
    for (let i = 0; i < last; i++) {
      if (r.cells[i].length > MAX_CELL_CHARS) {
        bag.error('data-too-large', `column ${columnLabel(i)} holds ${r.cells[i].length.toLocaleString('en')} characters; one value is limited to ${MAX_CELL_CHARS.toLocaleString('en')} (Excel's own limit)`, r.row, i + 1, 'data');
        return { records: [], columns: [], rowNumbers: [], headerRow: 0 };
      }
    }
  }
  const rows = grid
    .map((r) => ({ row: r.row, cells: r.cells.map(cleanValue) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length === 0) {
    bag.error('data-empty', 'the file has no header row and no data', 0, 0, 'data');
    return { records: [], columns: [], rowNumbers: [], headerRow: 0 };
  }
  const [head, ...body] = rows;
  if (body.length > MAX_DATA_ROWS) {
    bag.error('data-too-many-rows', `the file has ${body.length} data rows; the limit is ${MAX_DATA_ROWS}`, head.row, 1, 'data');
    return { records: [], columns: [], rowNumbers: [], headerRow: head.row };
  }
  let width = head.cells.length;
  for (const r of body) width = Math.max(width, r.cells.length);
  const hasData = new Array<boolean>(width).fill(false);
  for (const r of body) r.cells.forEach((c, i) => { if (c !== '') hasData[i] = true; });

  // Keep a column when it has a header name or any value; a nameless column with values is an
  // error (its values would have no key), a nameless empty one is Excel's leftover formatting.
  const keep: number[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < width; i++) {
    const name = head.cells[i] ?? '';
    if (name === '') {
      // Fields beyond the header's length are the CSV loader's to report (a row too long).
      if (hasData[i] && i < head.cells.length) {
        bag.error('data-header-empty', `column ${columnLabel(i)} has values but no header name`, head.row, i + 1, 'data');
      }
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      bag.error(
        'data-header-duplicate',
        `header "${name}" appears twice (columns ${columnLabel(first)} and ${columnLabel(i)}); header names must be unique`,
        head.row,
        i + 1,
        'data',
      );
      continue;
    }
    seen.set(name, i);
    keep.push(i);
  }
  const columns = keep.map((i) => head.cells[i]);
  const records: Record<string, string>[] = [];
  const rowNumbers: number[] = [];
  for (const r of body) {
    const rec: Record<string, string> = Object.create(null);
    for (const i of keep) rec[head.cells[i]] = r.cells[i] ?? '';
    records.push(rec);
    rowNumbers.push(r.row);
  }
  return { records, columns, rowNumbers, headerRow: head.row };
}
