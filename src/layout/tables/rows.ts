// Table rows onto pages: each row's height from its cells (lines at the table's size in the
// column's width), rows never split (tr break-inside: avoid; w:cantSplit), the head rows
// repeated at the top of every page the table continues on. A table with a head keeps at least
// two body rows with it (KEPT_ROWS): a head and one row stranded at a page foot with the rest
// on the next page is what an office rejects (issue 9); both renderers keep the head and the
// first body row with the next row (print CSS break-after: avoid; DOCX w:keepNext). A merged cell's text is spread
// over the rows it covers: its rows grow only when the text needs more lines than they have.

import type { TableBlock } from '../../model/types.js';
import { gridLineCount } from '../lines/grid-lines.js';
import { cellMetrics } from '../measure/metrics.js';
import { NOMINAL, gridWidthIn, type TextMetrics } from '../measure/text-width.js';
import { memoByIdentity, sharedTable } from '../../util/identity-memo.js';
import { TABLE } from '../../profile/gbt9704.js';

const cellText = (paras: { text: string }[][]): string[] => paras.map((p) => p.map((r) => r.text).join(''));

/** Height in points of every row of `t`, drawn `widthPt` wide, its Latin text as wide as `metrics` say (kept: never change it). */
export function rowHeights(t: TableBlock, widthPt: number, metrics: TextMetrics = NOMINAL): number[] {
  return measured(t, widthPt, metrics);
}

// Once per table, width and metrics: a batch's documents share a list by identity (util/identity-memo.ts).
const measured = memoByIdentity(measureRows, sharedTable);

function measureRows(t: TableBlock, widthPt: number, metrics: TextMetrics): number[] {
  const m = cellMetrics(t.size);
  const headWidth = gridWidthIn(metrics[TABLE.headRole], m.sizePt, m.sizePt);
  const bodyWidth = gridWidthIn(metrics[TABLE.bodyRole], m.sizePt, m.sizePt);
  const colWidth = t.columns.map((c) => Math.max(0, c.share) * widthPt);
  const lines = t.rows.map(() => 1);
  const spans: { from: number; to: number; lines: number }[] = [];
  t.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (!cell) return;
      let w = 0;
      for (let k = c; k < c + Math.max(1, cell.colSpan ?? 1) && k < colWidth.length; k++) w += colWidth[k];
      const chars = Math.max(1, (w - m.sidePt) / m.sizePt);
      const widthOf = r < t.headerRows ? headWidth : bodyWidth;
      const n = cellText(cell.paragraphs).reduce((a, p) => a + gridLineCount(p, chars, 0, widthOf), 0) || 1;
      const span = Math.max(1, Math.min(cell.rowSpan ?? 1, t.rows.length - r));
      if (span === 1) lines[r] = Math.max(lines[r], n);
      else spans.push({ from: r, to: r + span, lines: n });
    });
  });
  for (const s of spans) {
    const have = lines.slice(s.from, s.to).reduce((a, b) => a + b, 0);
    if (have < s.lines) lines[s.to - 1] += s.lines - have;
  }
  return lines.map((n) => n * m.linePt + m.chromePt);
}

/** Body rows that stay with a table's head on the page the table starts on. */
export const KEPT_ROWS = 2;

/** Rows (head included) that must stand together where the table starts: the head and up to KEPT_ROWS body rows. */
export function keptRows(t: TableBlock): number {
  const headN = Math.max(0, Math.min(t.headerRows, t.rows.length));
  return Math.min(t.rows.length, headN + (headN > 0 ? KEPT_ROWS : 1));
}

/**
 * Rows a page may start with: every body row of a table whose merged cells are cut at page
 * starts and shown again (repeatMergedOnBreak: tables/merges.ts); in any other table only a
 * row that no vertically merged cell crosses. The rows of a merged cell stay on one page when
 * they fit on one, as Chromium kept them when it drew the PDF (measured on synthetic forms: a
 * 3- and an 11-row merge that did not fit below the text went whole to the next page, table and
 * all; the 2022 application's 基本情况一览表 broke before its 所属领域 rows, not between them). The DOCX keeps them
 * together the same way (write/docx/table.ts: keep-with-next inside a merge).
 */
export function pageStartAllowed(t: TableBlock): boolean[] {
  const ok = t.rows.map(() => true);
  if (t.repeatMergedOnBreak) return ok;
  t.rows.forEach((row, r) =>
    row.forEach((cell) => {
      const span = Math.min(Math.max(1, cell?.rowSpan ?? 1), t.rows.length - r);
      for (let k = r + 1; k < r + span; k++) ok[k] = false;
    }),
  );
  return ok;
}

/** Rows (head included) that go to the next page together when they do not fit where the table starts: keptRows, to the end of a merge they are in. */
export function firstRows(t: TableBlock, allowed: boolean[] = pageStartAllowed(t)): number {
  let e = keptRows(t);
  while (e < t.rows.length && !allowed[e]) e++;
  return e;
}

export interface TablePlacement {
  /** Page (0-based, relative to the page the table starts on) of every row; head rows on 0. */
  rowPage: number[];
  /** Rows (indexes into t.rows) that start a page after the first. */
  pageStarts: number[];
  /** Height used on the last page, counted from its top. */
  endPt: number;
  /** Pages the table moves on from its start (0: it ends on the page it started on). */
  pagesAdded: number;
  /** Top of every row on its page, in points from the page's top (the positioned pages draw rows there). */
  rowTop: number[];
  /** Top of the head on each page of the table (index: page relative to the start; the head repeats at 0 after the first). */
  headTop: number[];
}

/**
 * Places the rows, starting `usedPt` down a page `pagePt` tall. A row that does not fit goes to
 * the next page, under the repeated head, with the rows of a merged cell it belongs to
 * (pageStartAllowed) unless they began the page. When the head and its first rows (firstRows)
 * do not fit below `usedPt`, the whole table starts on the next page. `closingPt` is what a
 * page's part of the table takes below its last row: the paginator passes the closing border
 * (TABLE.borderPt), which Word and LibreOffice add to the rows' heights (each row holds its top
 * border) and the PDF draws on the last row's edge. Without it a list whose last row on a page
 * ended on the text block's foot fitted the PDF's page and not LibreOffice's (measured: the
 * 2020-191 list at 65 rows, LibreOffice's table 0.75 pt lower, row 54 on page 10, not 9: the
 * 版记 meant for the foot of page 10 went to odd page 11); `endPt` counts it too.
 */
export function placeRows(t: TableBlock, heights: number[], usedPt: number, pagePt: number, epsilon = 0.5, closingPt = 0): TablePlacement {
  const headN = Math.max(0, Math.min(t.headerRows, t.rows.length));
  const headPt = heights.slice(0, headN).reduce((a, b) => a + b, 0);
  const allowed = pageStartAllowed(t);
  const rowPage: number[] = [];
  const rowTop: number[] = [];
  const pageStarts: number[] = [];
  let page = 0;
  let used = usedPt;
  const first = heights.slice(0, firstRows(t, allowed)).reduce((a, b) => a + b, 0);
  if (used > 0 && used + first + closingPt > pagePt + epsilon) {
    page = 1;
    used = 0;
  }
  const headTop: number[] = [];
  headTop[page] = used;
  for (let r = 0; r < headN; r++) {
    rowPage.push(page);
    rowTop.push(used + heights.slice(0, r).reduce((a, b) => a + b, 0));
  }
  used += headPt;
  let pageFirst = headN; // the first body row on the current page
  for (let r = headN; r < t.rows.length; r++) {
    const h = heights[r];
    if (used + h + closingPt > pagePt + epsilon && used > headPt) {
      // Back to the row its merge starts on, when that leaves a row on this page.
      let g = r;
      while (g > pageFirst && !allowed[g]) g--;
      if (g === pageFirst) g = r;
      page++;
      pageStarts.push(g);
      headTop[page] = 0;
      used = headPt;
      for (let k = g; k < r; k++) {
        rowPage[k] = page;
        rowTop[k] = used;
        used += heights[k];
      }
      pageFirst = g;
    }
    rowPage.push(page);
    rowTop.push(used);
    used += h;
  }
  return { rowPage, pageStarts, endPt: used + closingPt, pagesAdded: page, rowTop, headTop };
}
