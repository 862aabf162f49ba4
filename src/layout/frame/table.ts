// A table's caption (centred on the grid above it), then its rows where the paginator put them
// (tables/rows.ts placeRows: each row's page and top, the head repeated on every page): cells at
// the model's column shares with TABLE.cellPaddingMm padding, their lines broken as rowHeights
// counted them (size × TABLE.lineFactor a line), head cells in 黑体 centred, merged cells over
// the rows they span on a page (a merge cut at a page start, as splitMergesAtPages leaves it,
// shows its text again), and the borders as runs of cell edges: a row's top across the columns
// whose cells start there, a column's edge down the rows it separates, each page's bottom rule
// under its last row.
import type { TableBlock, TableCell } from '../../model/types.js';
import { COLOR, TABLE, type FontRole } from '../../profile/gbt9704.js';
import type { Piece } from '../flow/distribute.js';
import { breakGridLines } from '../lines/grid-lines.js';
import { cellMetrics, type PageBox } from '../measure/metrics.js';
import { gridWidthIn, type TextMetrics } from '../measure/text-width.js';
import { splitMergesAtPages } from '../tables/merges.js';
import { runSegs, runsText, toLines, type TextLine } from './segments.js';
import { baselineIn, type LineStyle, type Seg } from './text.js';
import type { StructureNode } from './types.js';
import type { Surface } from './surface.js';
import { BODY_STYLE, W_CHARS, boxLines } from './body-text.js';

export class TableDrawer {
  constructor(
    private readonly s: Surface,
    private readonly metrics: TextMetrics,
  ) {}

  /** A table block: its caption (a box, centred on the grid above the table), then the table. */
  block(given: TableBlock, pieces: Piece[], box: PageBox, sect: StructureNode, index: number, starts: number[]): void {
    const captionPiece = given.caption ? pieces.filter((p) => p.kind === 'box').pop() : undefined;
    if (given.caption && captionPiece && captionPiece.kind === 'box') {
      const cap = this.s.structure.add(sect, 'Caption');
      const segs: Seg[] = [{ text: given.caption, role: TABLE.headRole, color: COLOR.black, tag: cap.id }];
      boxLines(this.s, captionPiece, toLines(segs, given.caption, breakGridLines(given.caption, W_CHARS, 0, this.s.body), 0, false), BODY_STYLE, box, 'center');
    }
    const tp = pieces.find((p) => p.kind === 'table');
    if (tp?.kind === 'table') this.draw(given, tp, box, sect, index, starts);
  }

  /** Draws table `given` (index `index` in document order) from its piece; `starts`: the rows that start its pages. */
  private draw(given: TableBlock, tp: Extract<Piece, { kind: 'table' }>, box: PageBox, sect: StructureNode, index: number, starts: number[]): void {
    const t = given.repeatMergedOnBreak && starts.length ? splitMergesAtPages(given, starts) : given;
    const node = this.s.structure.add(sect, 'Table');
    const border = this.s.artifact(`table-${index}`);
    const m = cellMetrics(t.size);
    const colX: number[] = [0];
    for (const c of t.columns) colX.push(colX[colX.length - 1] + Math.max(0, c.share) * box.widthPt);
    const headN = Math.max(0, Math.min(t.headerRows, t.rows.length));
    const { placement: P, heights } = tp;
    const trs = new Map<number, StructureNode>();
    const tr = (r: number) => {
      let x = trs.get(r);
      if (!x) trs.set(r, (x = this.s.structure.add(node, 'TR')));
      return x;
    };
    // Body rows by page, in order.
    let r = headN;
    const segments: { page: number; rows: number[] }[] = [];
    if (t.rows.length === headN) segments.push({ page: P.rowPage[0] ?? 0, rows: [] });
    while (r < t.rows.length) {
      const pg = P.rowPage[r];
      const rows: number[] = [];
      while (r < t.rows.length && P.rowPage[r] === pg) rows.push(r++);
      segments.push({ page: pg, rows });
    }
    segments.forEach((seg, k) => {
      const n = tp.page + seg.page;
      const tops: { r: number; top: number; head: boolean }[] = [];
      const headTop = P.headTop[seg.page] ?? (seg.rows.length ? P.rowTop[seg.rows[0]] - heights.slice(0, headN).reduce((a, b) => a + b, 0) : 0);
      let y = headTop;
      for (let h = 0; h < headN; h++) {
        tops.push({ r: h, top: y, head: true });
        y += heights[h];
      }
      for (const row of seg.rows) tops.push({ r: row, top: P.rowTop[row], head: false });
      const segTop = tops.length ? tops[0].top : 0;
      const last = tops[tops.length - 1];
      const segBottom = last ? last.top + heights[last.r] : segTop;
      const lastRow = last?.r ?? 0;
      const repeat = k > 0;
      // Borders: one rule per run of cell edges (a row's top across the columns whose cells
      // start there, a column's left edge down the rows it separates), not four per cell: a
      // 10,000-row list draws about 12,000 rules instead of 80,000.
      const ncols = t.columns.length;
      const vFrom: number[] = new Array(ncols).fill(NaN);
      const vTo: number[] = new Array(ncols).fill(NaN);
      const vertical = (c: number, y1: number, y2: number) => {
        if (Math.abs(vTo[c] - y1) < 0.01) vTo[c] = y2;
        else {
          if (!Number.isNaN(vFrom[c])) this.s.rule(n, colX[c], vFrom[c], colX[c], vTo[c], TABLE.borderPt, COLOR.black, border);
          vFrom[c] = y1;
          vTo[c] = y2;
        }
      };
      const starts: boolean[] = new Array(ncols).fill(false);
      for (let i = 0; i < tops.length; i++) {
        const { r: row, top, head } = tops[i];
        const cells = t.rows[row];
        const rowNode = repeat && head ? undefined : tr(row);
        starts.fill(false);
        for (let c = 0; c < cells.length && c < ncols; c++) {
          const cell = cells[c];
          let own: TableCell | null = cell;
          let span: number;
          if (!own) {
            // A merge from an earlier page, continued at this page's first body row: drawn again.
            if (head || i !== headN || row <= headN) continue;
            const k0 = this.mergeOrigin(t, row, c);
            if (k0 === undefined) continue;
            own = t.rows[k0][c]!;
            span = k0 + Math.max(1, own.rowSpan ?? 1) - row;
          } else span = Math.max(1, Math.min(own.rowSpan ?? 1, t.rows.length - row));
          // Clipped to the rows on this page.
          const endRow = Math.min(row + span - 1, head ? headN - 1 : lastRow);
          let h = 0;
          for (let q = row; q <= endRow; q++) h += heights[q];
          const cs = Math.max(1, Math.min(own.colSpan ?? 1, ncols - c));
          const x = colX[c];
          const w = colX[c + cs] - x;
          // The head repeated on a later page is a pagination artifact (its cells are in the tree once).
          const cellTag = rowNode ? this.s.structure.add(rowNode, head ? 'TH' : 'TD').id : border;
          this.cell(n, own, x, top, w, h, head, head ? TABLE.headRole : TABLE.bodyRole, m, t.columns[c]?.align, cellTag);
          for (let k = c; k < c + cs; k++) starts[k] = true;
          vertical(c, top, top + h);
        }
        for (let c = 0; c < ncols; ) {
          if (!starts[c]) {
            c++;
            continue;
          }
          let e = c;
          while (e < ncols && starts[e]) e++;
          this.s.rule(n, colX[c], top, colX[e], top, TABLE.borderPt, COLOR.black, border);
          c = e;
        }
      }
      for (let c = 0; c < ncols; c++) if (!Number.isNaN(vFrom[c])) this.s.rule(n, colX[c], vFrom[c], colX[c], vTo[c], TABLE.borderPt, COLOR.black, border);
      const right = colX[colX.length - 1];
      this.s.rule(n, 0, segBottom, right, segBottom, TABLE.borderPt, COLOR.black, border);
      this.s.rule(n, right, segTop, right, segBottom, TABLE.borderPt, COLOR.black, border);
    });
  }

  private readonly cellWidths = new Map<string, (s: string) => number>();

  /** Width of cell text in ems of the table's size (tables/rows.ts counts rows with the same). */
  private cellWidth(role: FontRole, sizePt: number): (s: string) => number {
    const k = `${role}/${sizePt}`;
    let f = this.cellWidths.get(k);
    if (!f) this.cellWidths.set(k, (f = gridWidthIn(this.metrics[role], sizePt, sizePt)));
    return f;
  }

  private mergeOrigin(t: TableBlock, row: number, c: number): number | undefined {
    for (let k = row - 1; k >= t.headerRows; k--) {
      const cell = t.rows[k][c];
      if (cell) return k + Math.max(1, cell.rowSpan ?? 1) > row ? k : undefined;
    }
    return undefined;
  }

  private cell(n: number, cell: TableCell, x: number, top: number, w: number, h: number, head: boolean, role: FontRole, m: ReturnType<typeof cellMetrics>, colAlign: string | undefined, tag: number | undefined): void {
    const chars = Math.max(1, (w - m.sidePt) / m.sizePt);
    const widthOf = this.cellWidth(role, m.sizePt);
    const style = this.cellStyle(m.sizePt);
    const align = cell.align ?? colAlign ?? (head ? 'center' : 'left');
    const valign = head ? 'middle' : (cell.valign ?? 'top');
    const lines: TextLine[] = [];
    for (const p of cell.paragraphs) {
      const text = p.length === 1 ? p[0].text : runsText(p);
      const segs = runSegs(p, role, COLOR.black, tag, cell.bold);
      // The common cell: one line that fits (gridLineCount's own shortcut, the same answer).
      if (!text.includes('\n') && widthOf(text) <= chars + 0.05) lines.push({ segs, indentPt: 0, justify: false });
      else for (const l of toLines(segs, text, breakGridLines(text, chars, 0, widthOf), 0, false)) lines.push(l);
    }
    const inner = h - m.chromePt;
    const textH = lines.length * m.linePt;
    const off = valign === 'middle' ? Math.max(0, (inner - textH) / 2) : valign === 'bottom' ? Math.max(0, inner - textH) : 0;
    const pad = (m.sidePt - TABLE.borderPt) / 2;
    const o = this.s.origin(n);
    let y = top + TABLE.borderPt / 2 + pad + off;
    const left = x + m.sidePt / 2;
    const avail = w - m.sidePt;
    const items = this.s.items(n);
    for (const l of lines) {
      const base = o.y + baselineIn(y, m.linePt, m.sizePt);
      const lw = this.s.glyphs.width(l.segs, style);
      // The breaker lets a line run up to 0.05 em over; past the cell's padding it is a layout error.
      if (lw > avail + (m.sidePt - TABLE.borderPt) / 2) this.s.overflow(n, l.segs.map((g) => g.text).join(''), lw - avail);
      const dx = align === 'left' ? 0 : Math.max(0, align === 'center' ? (avail - lw) / 2 : avail - lw);
      this.s.glyphs.draw(items, l.segs, style, o.x + left + dx, base);
      y += m.linePt;
    }
  }

  private readonly cellStyles = new Map<number, LineStyle>();
  private cellStyle(sizePt: number): LineStyle {
    let s = this.cellStyles.get(sizePt);
    if (!s) this.cellStyles.set(sizePt, (s = { sizePt, spacing: 0, grid: true }));
    return s;
  }
}
