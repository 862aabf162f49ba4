// XLSX as officers receive it: a header row somewhere near the top, 省市 merged down its
// group, numbers typed as text (账号, 邮编) next to real numbers, formulas, rich text, dates in
// Chinese formats, and empty rows and columns left over below and to the right.

import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { formatExcelValue, formatGeneral } from './excel-format.js';
import { recordsFromGrid, type GridRecords, type GridRow } from './grid-records.js';
import { scanXlsx } from './xlsx-scan.js';

// exceljs is loaded with the first XLSX, not with the module: it is the heaviest module of the
// build (1.6 s of a loaded 2-core machine's time to import), and a
// notice with a CSV list, or `check`, never needs it.
let excel: Promise<typeof ExcelJS> | undefined;
function loadExcel(): Promise<typeof ExcelJS> {
  return (excel ??= import('exceljs').then((m) => {
    // exceljs knows Excel's built-in CJK date formats (ids 27–36, 50–58, e.g. 31 =
    // yyyy"年"m"月"d"日", the one a Chinese Excel picks for 2020年11月6日) only per locale and
    // returns no format for them, so such dates arrive as bare serial numbers (44141). Give it
    // the zh-CN codes once; the table is exceljs's own module, shared by its reader.
    const require = createRequire(import.meta.url);
    const builtins = require('exceljs/lib/xlsx/defaultnumformats.js') as Record<string, { f?: string; 'zh-cn'?: string }>;
    for (const entry of Object.values(builtins)) {
      if (!entry.f && entry['zh-cn']) entry.f = entry['zh-cn'];
    }
    return m.default;
  }));
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface CellLike {
  value: ExcelJS.CellValue;
  numFmt: string;
  /** exceljs's cell model: holds a formula's saved result as read, 0 and false included. */
  model?: { result?: unknown };
}

/** The text a cell shows. Problems (error values, formulas without a saved result) go to `bag`. */
function cellText(cell: CellLike, where: string, row: number, col: number, bag: DiagnosticBag): string {
  let v = cell.value as unknown;
  // exceljs's `value` drops a falsy saved result ({ formula } for a formula whose result is 0 or
  // FALSE): 0 came out as an empty cell with a "no saved result" warning. The model keeps it.
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v) && (v as { result?: unknown }).result === undefined) {
    const saved = cell.model?.result;
    if (saved !== undefined && saved !== null) v = { ...(v as object), result: saved };
  }
  return valueText(v, cell.numFmt, where, row, col, bag);
}

function valueText(v: unknown, numFmt: string | undefined, where: string, row: number, col: number, bag: DiagnosticBag): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatExcelValue(v, numFmt);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return formatExcelValue(v, numFmt);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) {
      if (o.result === undefined || o.result === null) {
        bag.warn('data-xlsx-formula', `cell ${where} holds a formula without a saved result (shown empty); open and save the file in Excel or WPS so that its value is stored`, row, col, 'data');
        return '';
      }
      return valueText(o.result, numFmt, where, row, col, bag);
    }
    if ('error' in o) {
      bag.warn('data-xlsx-error', `cell ${where} shows the error ${String(o.error)}`, row, col, 'data');
      return String(o.error);
    }
    if ('hyperlink' in o) return valueText(o.text, numFmt, where, row, col, bag);
    if ('text' in o) return valueText(o.text, numFmt, where, row, col, bag);
  }
  return formatGeneral(Number(v));
}

export async function parseXlsx(buf: Uint8Array, sheet: string | undefined, bag: DiagnosticBag): Promise<GridRecords & { sheet: string }> {
  // Limits first, on what the file unpacks to (xlsx-scan.ts): exceljs loads every cell.
  const problem = scanXlsx(buf);
  if (problem) {
    bag.error('data-too-large', problem.sheet ? `sheet "${problem.sheet}": ${problem.message}` : problem.message, 0, 0, 'data');
    return { records: [], columns: [], rowNumbers: [], headerRow: 0, sheet: '' };
  }
  const wb = new (await loadExcel()).Workbook();
  try {
    // exceljs's types want a Node Buffer of its own declaration; the bytes are what matter.
    await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as ExcelJS.Buffer);
  } catch (err) {
    bag.error('data-unreadable', `cannot read the file as XLSX (is it an old .xls, or damaged?): ${(err as Error).message}`, 0, 0, 'data');
    return { records: [], columns: [], rowNumbers: [], headerRow: 0, sheet: '' };
  }
  const sheets = wb.worksheets;
  const ws = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet || s.name.trim() === sheet.trim());
  if (!ws) {
    const names = sheets.map((s) => `"${s.name}"`).join(', ');
    bag.error(
      'data-sheet',
      sheet === undefined ? 'the workbook has no worksheet' : `the workbook has no sheet "${sheet}"; its sheets are ${names}`,
      0,
      0,
      'data',
    );
    return { records: [], columns: [], rowNumbers: [], headerRow: 0, sheet: '' };
  }
  // Only cells that exist are visited: rowCount × columnCount counts formatted empty cells
  // (a border drawn down to row 10,000, a column width set out to XFD) and grows the walk to
  // their product. The grid is as wide as the farthest value (the scan bounded rows × width).
  const rows: { r: number; cells: Map<number, string> }[] = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells = new Map<number, string>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // A merged range shows its top-left cell's value and format in every cell it covers:
      // 省市 merged over its group is filled down into each row's record.
      const src = cell.isMerged ? cell.master : cell;
      const text = cellText(src, `${columnLetter(c - 1)}${r}`, r, c, bag);
      if (text === '') return;
      cells.set(c, text);
      width = Math.max(width, c);
    });
    if (cells.size) rows.push({ r, cells });
  });
  const grid: GridRow[] = rows.map(({ r, cells }) => ({ row: r, cells: Array.from({ length: width }, (_, i) => cells.get(i + 1) ?? '') }));
  return { ...recordsFromGrid(grid, bag, columnLetter), sheet: ws.name };
}
