// XLSX as officers receive it: a header row somewhere near the top, 省市 merged down its
// group, numbers typed as text (账号, 邮编) next to real numbers, formulas, rich text, dates in
// Chinese formats, and empty rows and columns left over below and to the right.
//
// Read here from the parts' XML (fflate, through xlsx-scan.ts's zip reader) rather than with
// exceljs: a name list needs each cell's saved value and its display format, the shared strings
// and the merged ranges, a few hundred lines; exceljs and the packages it pulls in were 35 MB of
// the 100 MB an install may take (issue 22), and it took ~1 s to load cold.

import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { BUILTIN_FORMATS, formatExcelValue, formatGeneral, isDateFormat } from './excel-format.js';
import { recordsFromGrid, type GridRecords, type GridRow } from './grid-records.js';
import { MAX_XLSX_INFLATED_BYTES } from './limits.js';
import { partText, readEntries, scanXlsx, sheetPartNames } from './xlsx-scan.js';

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

/** XML text content: the five entities, numeric references, and Excel's _xHHHH_ escapes (_x000D_). */
function xmlText(s: string): string {
  return s
    .replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (_, dec: string, hex: string, name: string) =>
      dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name],
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const attrRes = new Map<string, RegExp>();
function attr(attrs: string, name: string): string | undefined {
  let re = attrRes.get(name);
  if (!re) attrRes.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const v = re.exec(attrs)?.[1];
  return v === undefined ? undefined : xmlText(v);
}

/** The text of a shared string or an inline string: its runs' <t>, without the phonetic guide (<rPh>). */
function runsText(xml: string): string {
  let out = '';
  for (const m of xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '').matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?(?<!\/)>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)) out += xmlText(m[1]);
  return out;
}

function sharedStrings(xml: string): string[] {
  return Array.from(xml.matchAll(/<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g), (m) => runsText(m[1] ?? ''));
}

/** Each cell style's number format (cellXfs, by index), custom <numFmt>s over the built-in ids. */
function styleFormats(xml: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)>/g)) {
    const id = attr(m[1], 'numFmtId');
    const code = attr(m[1], 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), code);
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return Array.from(xfs.matchAll(/<(?:[\w.-]+:)?xf\b([^>]*)>/g), (m) => {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN_FORMATS[id];
  });
}

/** "C3" → [3, 3]; "XFD20000" → [20000, 16384]. */
function cellRef(ref: string): [number, number] | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), col];
}

const DAY_MS = 86_400_000;
/** The 1904 date system (old Mac workbooks): serial 0 = 1904-01-01. */
const EPOCH_1904_MS = Date.UTC(1904, 0, 1);

interface Ctx {
  strings: string[];
  formats: (string | undefined)[];
  date1904: boolean;
  bag: DiagnosticBag;
}

/** The text a cell shows. Problems (error values, formulas without a saved result) go to the bag. */
function cellText(attrs: string, inner: string, row: number, col: number, ctx: Ctx): string {
  const where = `${columnLetter(col - 1)}${row}`;
  const type = attr(attrs, 't') ?? 'n';
  const numFmt = ctx.formats[Number(attr(attrs, 's') ?? 0)];
  const v = /<(?:[\w.-]+:)?v(?:\s[^>]*)?(?<!\/)>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(inner)?.[1];
  if (type === 'inlineStr') return runsText(/<(?:[\w.-]+:)?is\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?is>/.exec(inner)?.[1] ?? '');
  if (v === undefined) {
    if (/<(?:[\w.-]+:)?f\b/.test(inner)) {
      ctx.bag.warn('data-xlsx-formula', `cell ${where} holds a formula without a saved result (shown empty); open and save the file in Excel or WPS so that its value is stored`, row, col, 'data');
    }
    return '';
  }
  const text = xmlText(v);
  switch (type) {
    case 's':
      return ctx.strings[Number(text)] ?? '';
    case 'str':
      return text;
    case 'b':
      return text.trim() === '1' || /^true$/i.test(text.trim()) ? 'TRUE' : 'FALSE';
    case 'e':
      ctx.bag.warn('data-xlsx-error', `cell ${where} shows the error ${text}`, row, col, 'data');
      return text;
    case 'd': {
      const d = new Date(/Z|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
      return Number.isNaN(d.getTime()) ? text : formatExcelValue(d, numFmt);
    }
    default: {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) return text;
      if (ctx.date1904 && isDateFormat(numFmt)) return formatExcelValue(new Date(EPOCH_1904_MS + Math.round(n * DAY_MS)), numFmt);
      return numFmt === undefined ? formatGeneral(n) : formatExcelValue(n, numFmt);
    }
  }
}

function fail(): GridRecords & { sheet: string } {
  return { records: [], columns: [], rowNumbers: [], headerRow: 0, sheet: '' };
}

export async function parseXlsx(buf: Uint8Array, sheet: string | undefined, bag: DiagnosticBag): Promise<GridRecords & { sheet: string }> {
  // Limits first, on what the file unpacks to (xlsx-scan.ts): nothing is kept until they hold.
  const problem = scanXlsx(buf);
  if (problem) {
    bag.error('data-too-large', problem.sheet ? `sheet "${problem.sheet}": ${problem.message}` : problem.message, 0, 0, 'data');
    return fail();
  }
  const entries = readEntries(buf);
  const unreadable = (why: string) => {
    bag.error('data-unreadable', `cannot read the file as XLSX (is it an old .xls, or damaged?): ${why}`, 0, 0, 'data');
    return fail();
  };
  if (!entries) return unreadable('it is not a zip file');
  const part = (name: string): string => partText(buf, entries, name, MAX_XLSX_INFLATED_BYTES);
  const workbook = part('xl/workbook.xml');
  if (!workbook) return unreadable('it has no xl/workbook.xml');
  const rels = part('xl/_rels/workbook.xml.rels');
  const partsByName = sheetPartNames(workbook, rels);
  // Worksheets in the workbook's order (sheetPartNames keeps it), names for messages.
  const sheets = Array.from(partsByName, ([p, name]) => ({ part: p, name }));
  const ws = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet || s.name.trim() === sheet.trim());
  if (!ws) {
    const names = sheets.map((s) => `"${s.name}"`).join(', ');
    bag.error('data-sheet', sheet === undefined ? 'the workbook has no worksheet' : `the workbook has no sheet "${sheet}"; its sheets are ${names}`, 0, 0, 'data');
    return fail();
  }
  const xml = part(ws.part);
  if (!xml) return unreadable(`its sheet "${ws.name}" (${ws.part}) is missing or damaged`);
  const ctx: Ctx = {
    strings: sharedStrings(part(relTarget(rels, 'sharedStrings') ?? 'xl/sharedStrings.xml')),
    formats: styleFormats(part(relTarget(rels, 'styles') ?? 'xl/styles.xml')),
    date1904: /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook),
    bag,
  };
  // Only cells with a value are kept; formatted empty cells (a border drawn down to row 10,000)
  // add nothing. The grid is as wide as the farthest value (the scan bounded rows × width).
  const rows = new Map<number, Map<number, string>>();
  let row = 0;
  let col = 0;
  let maxRow = 0;
  let width = 0;
  const tag = /<(?:[\w.-]+:)?(row|c)\b([^>]*?)(\/?)>/g;
  const close = /<\/(?:[\w.-]+:)?c>/g;
  const sheetData = /<(?:[\w.-]+:)?sheetData\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?sheetData>/.exec(xml)?.[1] ?? '';
  for (let m = tag.exec(sheetData); m; m = tag.exec(sheetData)) {
    const [, name, attrs, selfClosing] = m;
    if (name === 'row') {
      row = Number(attr(attrs, 'r') ?? row + 1);
      col = 0;
      continue;
    }
    const at = cellRef(attr(attrs, 'r') ?? '');
    [row, col] = at ?? [row, col + 1];
    if (selfClosing) continue;
    close.lastIndex = tag.lastIndex;
    const end = close.exec(sheetData);
    if (!end) return unreadable(`cell ${columnLetter(col - 1)}${row} in sheet "${ws.name}" is not closed`);
    const inner = sheetData.slice(tag.lastIndex, end.index);
    tag.lastIndex = close.lastIndex;
    const text = cellText(attrs, inner, row, col, ctx);
    if (text === '') continue;
    let cells = rows.get(row);
    if (!cells) rows.set(row, (cells = new Map()));
    cells.set(col, text);
    maxRow = Math.max(maxRow, row);
    width = Math.max(width, col);
  }
  // A merged range shows its top-left cell's value and format in every cell it covers: 省市
  // merged over its group is filled down into each row's record. Only within the values' extent:
  // a merge over a whole column adds no rows of its own.
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?mergeCell\b([^>]*)>/g)) {
    const [a, b] = (attr(m[1], 'ref') ?? '').split(':').map(cellRef);
    if (!a || !b) continue;
    const text = rows.get(a[0])?.get(a[1]);
    if (text === undefined) continue;
    for (let r = a[0]; r <= Math.min(b[0], maxRow); r++) {
      for (let c = a[1]; c <= Math.min(b[1], width); c++) {
        let cells = rows.get(r);
        if (!cells) rows.set(r, (cells = new Map()));
        cells.set(c, text);
      }
    }
  }
  const grid: GridRow[] = [...rows.keys()]
    .sort((x, y) => x - y)
    .map((r) => {
      const cells = rows.get(r)!;
      return { row: r, cells: Array.from({ length: width }, (_, i) => cells.get(i + 1) ?? '') };
    });
  return { ...recordsFromGrid(grid, bag, columnLetter), sheet: ws.name };
}

/** The part a workbook relationship of this type points at (sharedStrings, styles), if any. */
function relTarget(relsXml: string, type: string): string | undefined {
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!new RegExp(`/${type}"`).test(m[0])) continue;
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  return undefined;
}
