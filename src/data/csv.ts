// CSV (and tab-separated text) as Excel and WPS save it: GBK or UTF-8 with BOM, CRLF, quoted
// fields holding commas, quotes and line breaks. Positions are file lines, so an error says
// which line of the file to open.

import { createRequire } from 'node:module';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { decodeText } from './decode-text.js';
import { recordsFromGrid, type GridRecords, type GridRow } from './grid-records.js';

// csv-parse's CommonJS build: one file, where its ES build is ten modules for Node's slower ES
// loader (the same code; ~10 ms less on the way of every check of a document with a CSV list).
const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');

/**
 * The delimiter of the header line: the most frequent of comma, tab, semicolon (Excel's
 * "Unicode text" is tab-separated; some European locales use semicolons). Comma by default.
 */
function detectDelimiter(text: string): string {
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const n = unquoted.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export function parseCsv(buf: Uint8Array, bag: DiagnosticBag): GridRecords & { encoding: string } {
  const { text, encoding, problem } = decodeText(buf);
  if (problem) {
    bag.error('data-encoding', problem.message, problem.line, 1, 'data');
    return { records: [], columns: [], rowNumbers: [], headerRow: 0, encoding };
  }
  const delimiter = detectDelimiter(text);
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      // A stray quote inside an unquoted field ("基地"名称) is kept as text, not an error.
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
      raw: true,
    }) as unknown as ParsedRecord[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    bag.error('data-csv-syntax', `CSV 无法解析：检查引号是否成对（值中的引号写两个 ""）（解析器：${e.message ?? String(err)}）`, e.lines ?? 0, 1, 'data');
    return { records: [], columns: [], rowNumbers: [], headerRow: 0, encoding };
  }
  // csv-parse reports the line where a record ends; a record with quoted line breaks starts
  // earlier by the number of breaks it holds.
  const grid: GridRow[] = parsed.map((p) => {
    const body = p.raw.endsWith('\n') ? p.raw.slice(0, -1) : p.raw;
    let breaks = 0;
    for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) breaks++;
    return { cells: p.record, row: p.info.lines - breaks };
  });
  const result = recordsFromGrid(grid, bag, (i) => String(i + 1));

  // Every non-blank row must have as many fields as the header: a short row usually means a
  // comma lost in editing, a long one an unquoted comma inside a value. Trailing empty fields
  // beyond the header are tolerated (Excel pads rows to the widest row).
  const head = grid.find((r) => r.row === result.headerRow);
  if (head) {
    const want = head.cells.length;
    // Trailing nameless header fields (Excel's padding) do not have to be present in a row.
    let wantMin = want;
    while (wantMin > 0 && head.cells[wantMin - 1].trim() === '') wantMin--;
    for (const r of grid) {
      if (r.row <= head.row || r.cells.every((c) => c.trim() === '')) continue;
      let n = r.cells.length;
      while (n > want && r.cells[n - 1].trim() === '') n--;
      if (n < wantMin || n > want) {
        bag.error(
          'data-csv-fields',
          // No row number in the text (the position has it): the same slip on many rows is
          // one problem, summarised by the reporter.
          `这一行有 ${n} 个字段，表头有 ${wantMin} 个：` +
            (n > want ? '值中的逗号要加引号（"…,…"）或改用全角「，」' : '补上漏掉的逗号或值'),
          r.row,
          1,
          'data',
        );
      }
    }
  }
  return { ...result, encoding };
}
