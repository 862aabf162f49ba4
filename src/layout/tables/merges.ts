// Merged cells across page starts (a name list's 省市 continued on the next page, its value
// shown again): the cut the layout stage applies once it knows where pages start.
import type { TableBlock, TableCell } from '../../model/types.js';
import { memoByIdentity, sharedTable } from '../../util/identity-memo.js';

/**
 * Cuts every vertical merge that crosses a page start, so that the value shows again on the
 * new page (a name list's 省市 continued from the page before): the cell keeps the rows of its
 * first page and a copy of it (same paragraphs, alignment, colSpan) starts at the page start
 * with the remaining span, as often as the span crosses page starts.
 *
 * `pageStartRows` are indices into `table.rows` (head rows counted) of the first row of each
 * page after the first; indices inside the head or past the table are ignored, as are spans
 * that start in the head. Pure: the input table is not changed; applying it twice with the same
 * page starts gives the same table (no span crosses a page start any more).
 */
export function splitMergesAtPages(table: TableBlock, pageStartRows: number[]): TableBlock {
  return splitAt(table, pageStartRows.join(','));
}

// Once per table and page starts: a batch's documents share a list by identity (util/identity-memo.ts).
const splitAt = memoByIdentity((table: TableBlock, starts: string) => splitMerges(table, starts ? starts.split(',').map(Number) : []), sharedTable);

function splitMerges(table: TableBlock, pageStartRows: number[]): TableBlock {
  const n = table.rows.length;
  const starts = [...new Set(pageStartRows)].filter((p) => Number.isInteger(p) && p > table.headerRows && p < n).sort((a, b) => a - b);
  if (starts.length === 0) return table;
  let rows: (TableCell | null)[][] | undefined; // copied on the first change
  const nCols = table.rows.reduce((m, r) => Math.max(m, r.length), 0);
  for (let c = 0; c < nCols; c++) {
    for (let r = table.headerRows; r < n; r++) {
      const cell = (rows ?? table.rows)[r][c];
      const span = Math.min(cell?.rowSpan ?? 1, n - r);
      if (!cell || span <= 1) continue;
      const end = r + span; // first row after the span
      const cuts: number[] = [];
      for (let i = firstAbove(starts, r); i < starts.length && starts[i] < end; i++) cuts.push(starts[i]);
      if (cuts.length === 0) continue;
      rows ??= table.rows.map((row) => row.slice());
      const bounds = [r, ...cuts, end];
      for (let k = 0; k + 1 < bounds.length; k++) {
        const from = bounds[k];
        const part = bounds[k + 1] - from;
        const { rowSpan: _drop, ...rest } = cell;
        rows[from][c] = part > 1 ? { ...rest, rowSpan: part } : { ...rest };
      }
      r = end - 1;
    }
  }
  return rows ? { ...table, rows } : table;
}

/** Index of the first element of sorted `a` greater than `x` (binary search: long lists). */
function firstAbove(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * An official form's grouped rows (大类, 小类, a chain's 名称: fixedColumns and
 * repeatMergedOnBreak) as their value in every row, the vertical merges dropped. A form's table
 * follows its text on a page, and LibreOffice breaks that text by its own widths (the
 * application's 企业类别 note took three lines, the PDF's two), so its table pages start rows
 * away from the layout's: cut at the layout's page starts, the 研发服务体系一览表 began
 * LibreOffice's pages 9 and 10 with rows without 大类 and 小类. In every row they show wherever
 * any word processor breaks. A name list keeps its merges (write/docx/table.ts). Applied
 * before the columns are fitted, for both outputs: with the merges kept in the PDF alone, its
 * rows were shorter than LibreOffice's and the application's page counts parted (34 against 35).
 */
export const unmergeFormRows = memoByIdentity(unmergeForm, sharedTable);

function unmergeForm(t: TableBlock): TableBlock {
  if (!t.fixedColumns || !t.repeatMergedOnBreak) return t;
  let rows: (TableCell | null)[][] | undefined;
  t.rows.forEach((row, r) => {
    if (r < t.headerRows) return;
    row.forEach((cell, c) => {
      const span = Math.min(Math.max(1, Math.floor(cell?.rowSpan ?? 1)), t.rows.length - r);
      if (!cell || span <= 1) return;
      rows ??= t.rows.map((x) => x.slice());
      const { rowSpan: _drop, ...plain } = cell;
      for (let k = r; k < r + span; k++) rows[k][c] = { ...plain };
    });
  });
  return rows ? { ...t, rows } : t;
}
