// A bounded first pass over an XLSX before xlsx.ts reads its cells. The reader that came before
// (exceljs) built every cell of every sheet in memory, and its grid walk spanned rowCount ×
// columnCount: a 1.6 KB file with values at A1 and XFD20000 (20,000 × 16,384 cells) ran out of
// memory after 61 s at 4.2 GB, and a 7.7 MB sheet of 1M rows took 1.7 GB before its row limit
// applied. So the limits apply before anything is kept:
// each part is inflated in small chunks (fflate's streaming Inflate, nothing kept but counts),
// worksheets are scanned tag by tag for their cells, and the scan stops at the first limit
// passed. Over a 1M-row sheet the pass stops at row 200,001: 2.8 s and 145 MB peak RSS on this
// shared machine (test/trust-limits.test.ts), where exceljs took 1.7 GB before its row limit.

import { Inflate } from 'fflate';
import { MAX_DATA_CELLS, MAX_DATA_ROWS, MAX_XLSX_INFLATED_BYTES } from './limits.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The central directory: names, methods and where each entry's data lies. */
export function readEntries(buf: Uint8Array): ZipEntry[] | undefined {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // End of central directory: the last "PK\5\6" within the final 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || dv.getUint32(p, true) !== 0x02014b50) return undefined;
    const method = dv.getUint16(p + 10, true);
    const compressedSize = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const localOffset = dv.getUint32(p + 42, true);
    const name = Buffer.from(buf.subarray(p + 46, p + 46 + nameLen)).toString('utf8');
    entries.push({ name, method, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Feeds an entry's inflated bytes to `sink` in chunks; `sink` returns false to stop. */
export function inflateEntry(buf: Uint8Array, e: ZipEntry, sink: (chunk: Uint8Array) => boolean): void {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (e.localOffset + 30 > buf.length || dv.getUint32(e.localOffset, true) !== 0x04034b50) throw new Error(`damaged entry ${e.name}`);
  const start = e.localOffset + 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true);
  const data = buf.subarray(start, Math.min(buf.length, start + e.compressedSize));
  if (e.method === 0) {
    sink(data);
    return;
  }
  if (e.method !== 8) throw new Error(`entry ${e.name} uses compression method ${e.method}`);
  let go = true;
  const inflate = new Inflate((chunk) => {
    if (go) go = sink(chunk);
  });
  // 16 KB in gives at most ~16 MB out (DEFLATE's ratio is bounded near 1032:1).
  for (let i = 0; i < data.length && go; i += 16384) inflate.push(data.subarray(i, i + 16384), i + 16384 >= data.length);
}

/** Excel's column letters → 1-based index ("A" → 1, "XFD" → 16384). */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellName(row: number, col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

export interface ScanProblem {
  /** Worksheet part, e.g. xl/worksheets/sheet1.xml (the caller maps it to the sheet's name). */
  part?: string;
  /** The worksheet's name, when workbook.xml gives it. */
  sheet?: string;
  message: string;
}

const ATTR_R = /\br="([A-Z]*)(\d+)"/;

/**
 * Scans the workbook within the limits: every part's inflated size, and in every worksheet the
 * number of cells, of rows with values, and the area from A1 to the farthest value. Returns the
 * first limit passed, or undefined when the workbook is within all of them.
 */
export function scanXlsx(buf: Uint8Array): ScanProblem | undefined {
  const entries = readEntries(buf);
  if (!entries) return undefined; // not a zip: the reader says so
  let inflated = 0;
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  for (const e of entries) {
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(e.name);
    let problem: ScanProblem | undefined;
    let tail = '';
    let row = 0;
    let col = 0;
    let cells = 0;
    let rowsWithValues = 0;
    let rowHasValue = false;
    let maxRow = 0;
    let maxCol = 0;
    const scan = (text: string) => {
      // A hand-written pass over the tags: a regular expression tried at every '<' of a 14 MB
      // sheet took 2.5 s; this takes a tenth of that.
      for (let lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
        let k = lt + 1;
        let nameStart = k;
        while (k < text.length) {
          const ch = text.charCodeAt(k);
          if (ch === 58) nameStart = k + 1; // a namespace prefix (x:c)
          else if (ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13) break;
          k++;
        }
        const nameLen = k - nameStart;
        const isRow = nameLen === 3 && text.startsWith('row', nameStart);
        if (!isRow && !(nameLen === 1 && text.charCodeAt(nameStart) === 99)) continue;
        const gt = text.indexOf('>', k);
        if (gt < 0) return;
        const attrs = text.slice(k, gt);
        const selfClosing = text.charCodeAt(gt - 1) === 47;
        const r = ATTR_R.exec(attrs);
        if (isRow) {
          row = r ? Number(r[2]) : row + 1;
          col = 0;
          rowHasValue = false;
          continue;
        }
        col = r && r[1] ? columnIndex(r[1]) : col + 1;
        if (r) row = Number(r[2]);
        if (++cells > MAX_DATA_CELLS) {
          problem = { part: e.name, message: `the sheet has more than ${MAX_DATA_CELLS.toLocaleString('en')} cells (formatted or not); the limit is ${MAX_DATA_CELLS.toLocaleString('en')}` };
          return;
        }
        if (selfClosing) continue; // <c r="Z9" s="3"/>: formatting without a value
        if (!rowHasValue) {
          rowHasValue = true;
          if (++rowsWithValues > MAX_DATA_ROWS + 1) {
            problem = { part: e.name, message: `the sheet has more than ${MAX_DATA_ROWS.toLocaleString('en')} data rows (row ${row} still has values); the limit is ${MAX_DATA_ROWS.toLocaleString('en')}` };
            return;
          }
        }
        maxRow = Math.max(maxRow, row);
        maxCol = Math.max(maxCol, col);
        if (maxRow * maxCol > MAX_DATA_CELLS) {
          problem = {
            part: e.name,
            message:
              `cell ${cellName(row, col)} holds a value, so the table spans A1:${cellName(maxRow, maxCol)} (${maxRow.toLocaleString('en')} rows × ${maxCol.toLocaleString('en')} columns); ` +
              `the limit is ${MAX_DATA_CELLS.toLocaleString('en')} cells: delete the stray cells beyond the table`,
          };
          return;
        }
      }
    };
    try {
      inflateEntry(buf, e, (chunk) => {
        inflated += chunk.length;
        if (inflated > MAX_XLSX_INFLATED_BYTES) {
          problem = { message: `the workbook unpacks to more than ${mb(MAX_XLSX_INFLATED_BYTES)}; the limit is ${mb(MAX_XLSX_INFLATED_BYTES)}` };
          return false;
        }
        if (!isSheet) return true;
        // Tags are ASCII: latin1 keeps byte offsets and never splits a character that matters.
        const text = tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
        const cut = text.lastIndexOf('>') + 1;
        scan(text.slice(0, cut));
        tail = text.slice(cut);
        // A tag never runs this long; an endless one is a damaged or hostile file.
        if (tail.length > 1 << 20) problem = { part: e.name, message: 'the sheet holds an XML tag longer than 1 MB' };
        return problem === undefined;
      });
    } catch {
      return undefined; // damaged: the reader reports it
    }
    if (problem) return problem.part ? { ...problem, sheet: sheetNameOf(buf, entries, problem.part) } : problem;
  }
  return undefined;
}

/** A part's text, or '' when missing, damaged or over `max` bytes (4 MB: workbook.xml, its relationships). */
export function partText(buf: Uint8Array, entries: ZipEntry[], name: string, max = 4 << 20): string {
  const e = entries.find((x) => x.name === name);
  if (!e) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    inflateEntry(buf, e, (c) => {
      chunks.push(c);
      size += c.length;
      return size <= max;
    });
  } catch {
    return '';
  }
  return size <= max ? Buffer.concat(chunks).toString('utf8') : '';
}

function sheetNameOf(buf: Uint8Array, entries: ZipEntry[], part: string): string | undefined {
  return sheetPartNames(partText(buf, entries, 'xl/workbook.xml'), partText(buf, entries, 'xl/_rels/workbook.xml.rels')).get(part);
}

/** Sheet names by worksheet part, from workbook.xml and its relationships (for messages). */
export function sheetPartNames(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name && part) names.set(part, name.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'));
  }
  return names;
}
