// The one column-width allocator, for pipe tables and name lists alike. Widths follow the
// content: each column gets its natural width (its longest line) when everything fits;
// otherwise the widest columns are cut down to a common level (water-filling from the top),
// never below their minimum (the head and the longest Latin run, which cannot break), and a
// local search then moves width between the cut columns, in half-character steps, while the
// table gets shorter: the cost is the table's lines (Σ over rows of the tallest cell), plus a
// little for each cell broken over lines and more for each line of one or two characters.
// Lines are counted with the cell line filler (layout/lines/cell.ts), which breaks between
// words, and the same filler writes the breaks into the cells, so the count is what both
// renderers draw. Measured on content/2021-45-clusters.md (109 rows, 5 columns, portrait):
// before, 16 cell lines held one character and 科委 split; see test/columns.test.ts.

import type { CellAlign, Run, TableBlock, TableCell } from '../../model/types.js';
import { TABLE, ptToMm } from '../../profile/gbt9704.js';
import { breakCell, cellUnits } from '../lines/cell.js';
import { textWidth } from './text-width.js';

/**
 * Room added to a width that must hold its text on one line: the character estimate, the
 * renderers' rounding to whole twips, and a font's side bearings must not push the last
 * character onto a second line ("序/号" in a column exactly two characters wide).
 */
export const FIT_SLACK_CHARS = 0.5;

/** Step and bounds of the height search that follows the water-filling. */
const SEARCH_STEP_CHARS = 0.5;
const SEARCH_MAX_ROWS = 1000;
const SEARCH_MAX_COLUMNS = 6;
const SEARCH_MAX_MOVES = 40;
/** Costs besides the lines themselves: a cell broken over lines, a line of one or two characters. */
const BROKEN_CELL_COST = 0.1;
const SHORT_LINE_COST = 2;

// ---------------------------------------------------------------------------------------------
// Cell text

/** The text segments of a cell: its paragraphs, cut at the author's line breaks; the layout's own are dropped. */
export function cellSegments(cell: TableCell): string[] {
  const out: string[] = [];
  for (const p of cell.paragraphs) {
    let cur = '';
    for (const r of p) {
      if (r.lineBreak === 'layout') continue;
      if (r.text === '\n') {
        out.push(cur);
        cur = '';
      } else cur += r.text;
    }
    out.push(cur);
  }
  return out;
}

interface CellLines {
  lines: number;
  short: number;
}

function countLines(segments: string[], width: number): CellLines {
  let lines = 0;
  let short = 0;
  for (const s of segments) {
    const ls = breakCell(s, width);
    lines += ls.length;
    if (ls.length > 1) short += ls.filter((l) => textWidth(l) <= 2).length;
  }
  return { lines, short };
}

// ---------------------------------------------------------------------------------------------
// Widths

export interface ColumnMeasure {
  /** Width of the head text (one line wanted). */
  header: number;
  /** Longest line of any cell. */
  longest: number;
  /** Longest run that cannot break (a Latin word or number: 账号 tjjd150616002, 电话). */
  unbreakable: number;
  /** A width the author fixed, in characters. */
  fixed?: number;
  /** Each body row's cell segments (undefined where no single cell of this column starts). */
  cells?: (string[] | undefined)[];
}

/** The longest run that cannot break: a Latin word or number. */
function longestLatin(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/[A-Za-z0-9@._\-+/:%]+/g)) max = Math.max(max, textWidth(m[0]));
  return max;
}

/**
 * Content widths in characters, padding excluded, slack included (see the file head).
 * `fits` is false when even the minimums do not fit (they are then scaled down).
 */
export function allocateWidths(cols: ColumnMeasure[], available: number): { widths: number[]; fits: boolean } {
  const natural = cols.map((c) => Math.max(c.header, c.longest, 1) + FIT_SLACK_CHARS);
  const minimum = cols.map((c, i) => Math.min(natural[i], Math.max(c.header, c.unbreakable, 1) + FIT_SLACK_CHARS));
  const fixedTotal = cols.reduce((s, c) => s + (c.fixed ?? 0), 0);
  const free = cols.map((c, i) => (c.fixed === undefined ? i : -1)).filter((i) => i >= 0);
  const room = available - fixedTotal;
  const widths = cols.map((c) => c.fixed ?? 0);
  if (free.length === 0) return { widths, fits: fixedTotal <= available + 1e-9 };
  const naturalTotal = free.reduce((s, i) => s + natural[i], 0);
  if (naturalTotal <= room) {
    // Everything fits on one line: the room left is shared in proportion to the natural widths.
    const extra = room - naturalTotal;
    for (const i of free) widths[i] = natural[i] + (extra * natural[i]) / naturalTotal;
    return { widths, fits: true };
  }
  const minTotal = free.reduce((s, i) => s + minimum[i], 0);
  if (minTotal >= room) {
    const f = Math.max(room, 0) / minTotal;
    for (const i of free) widths[i] = minimum[i] * f;
    return { widths, fits: false };
  }
  // The level L with Σ clamp(natural, minimum, L) = room, by bisection (monotone in L).
  let lo = 0;
  let hi = Math.max(...free.map((i) => natural[i]));
  const total = (L: number) => free.reduce((s, i) => s + Math.max(minimum[i], Math.min(natural[i], L)), 0);
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (total(mid) > room) hi = mid;
    else lo = mid;
  }
  for (const i of free) widths[i] = Math.max(minimum[i], Math.min(natural[i], lo));
  const rest = room - free.reduce((s, i) => s + widths[i], 0);
  const widest = free.reduce((a, b) => (widths[b] > widths[a] ? b : a));
  widths[widest] += rest;
  const cut = free.filter((i) => widths[i] < natural[i] - 1e-9);
  reduceHeight(widths, cut, minimum, natural, cols);
  return { widths, fits: true };
}

/** Moves width between the cut columns while the table's cost falls (see the file head). */
function reduceHeight(widths: number[], cut: number[], minimum: number[], natural: number[], cols: ColumnMeasure[]): void {
  if (cut.length < 2 || cut.length > SEARCH_MAX_COLUMNS || cut.some((i) => !cols[i].cells)) return;
  const rowsAll = cols[cut[0]].cells!.length;
  const stride = Math.max(1, Math.ceil(rowsAll / SEARCH_MAX_ROWS));
  const sampleOf = (c: ColumnMeasure) => c.cells!.filter((_, r) => r % stride === 0);
  const n = sampleOf(cols[cut[0]]).length;
  // Lines of the columns that do not move.
  const base = new Array<number>(n).fill(1);
  cols.forEach((c, i) => {
    if (cut.includes(i) || !c.cells) return;
    sampleOf(c).forEach((segs, r) => {
      if (segs) base[r] = Math.max(base[r], countLines(segs, widths[i] - FIT_SLACK_CHARS).lines);
    });
  });
  const samples = cut.map((i) => sampleOf(cols[i]));
  const memo = cut.map(() => new Map<number, CellLines[]>());
  const linesAt = (k: number, w: number): CellLines[] => {
    const key = Math.round(w * 1000);
    let got = memo[k].get(key);
    if (!got) {
      got = samples[k].map((segs) => (segs ? countLines(segs, w - FIT_SLACK_CHARS) : { lines: 1, short: 0 }));
      memo[k].set(key, got);
    }
    return got;
  };
  const cost = (w: number[]) => {
    const per = cut.map((_, k) => linesAt(k, w[k]));
    let h = 0;
    for (let r = 0; r < n; r++) {
      let m = base[r];
      for (let k = 0; k < cut.length; k++) {
        const c = per[k][r];
        if (c.lines > 1) h += BROKEN_CELL_COST;
        h += c.short * SHORT_LINE_COST;
        if (c.lines > m) m = c.lines;
      }
      h += m;
    }
    return h;
  };
  const w = cut.map((i) => widths[i]);
  let best = cost(w);
  for (let move = 0; move < SEARCH_MAX_MOVES; move++) {
    // Moves of 1, 2, … steps from column a to column b: gains come in jumps (a 16-character
    // name needs the whole 16.5 before it takes one line less), so single steps would stall.
    let bestMove: [number, number, number] | undefined;
    let bestCost = best;
    for (let a = 0; a < cut.length; a++) {
      for (let b = 0; b < cut.length; b++) {
        if (a === b) continue;
        const wa = w[a];
        const wb = w[b];
        const most = Math.min(wa - minimum[cut[a]], natural[cut[b]] - wb);
        for (let d = SEARCH_STEP_CHARS; d < most + SEARCH_STEP_CHARS - 1e-9; d += SEARCH_STEP_CHARS) {
          const step = Math.min(d, most);
          w[a] = wa - step;
          w[b] = wb + step;
          const c = cost(w);
          if (c < bestCost - 1e-9) {
            bestCost = c;
            bestMove = [a, b, step];
          }
        }
        w[a] = wa;
        w[b] = wb;
      }
    }
    if (!bestMove) break;
    w[bestMove[0]] -= bestMove[2];
    w[bestMove[1]] += bestMove[2];
    best = bestCost;
  }
  cut.forEach((i, k) => (widths[i] = w[k]));
}

// ---------------------------------------------------------------------------------------------
// Figures

/** A number, amount or percentage: 1,234.5 / 12% / 3.5万元 / -2. Codes and phone numbers (7+ bare digits) are not. */
const FIGURE = /^[-+−]?(\d{1,3}(,\d{3})+|\d{1,6})(\.\d+)?\s*(%|％|‰|万元|亿元|元|万|亿|千元)?$/;

export function isFigure(text: string): boolean {
  return FIGURE.test(text.trim());
}

/** Whether a column's body cells count 1, 2, 3… (a 序号 column: centred, not a figure). */
function isSequence(texts: string[]): boolean {
  return texts.length > 0 && texts.every((t, i) => t.trim() === String(i + 1));
}

// ---------------------------------------------------------------------------------------------
// The table

const joined = (c: TableCell) => cellSegments(c).join('\n');

/** The cell with its text broken into lines of `width` characters by layout line-break runs. */
function fillCell(cell: TableCell, width: number): TableCell {
  let changed = false;
  const paragraphs = cell.paragraphs.map((p) => {
    const runs = p.filter((r) => r.lineBreak !== 'layout');
    if (runs.length !== p.length) changed = true;
    const out: Run[] = [];
    // Each author line separately: split the runs at the filler's line ends.
    let line: Run[] = [];
    const flush = () => {
      const text = line.map((r) => r.text).join('');
      const lines = breakCell(text, width);
      if (lines.length > 1) {
        changed = true;
        const ends = new Set<number>();
        let at = 0;
        for (const l of lines.slice(0, -1)) ends.add((at += l.length));
        let pos = 0;
        for (const r of line) {
          let start = 0;
          for (let k = 1; k <= r.text.length; k++) {
            if (!ends.has(pos + k)) continue;
            out.push({ ...r, text: r.text.slice(start, k) }, { text: '\n', lineBreak: 'layout' });
            start = k;
          }
          if (start < r.text.length) out.push({ ...r, text: r.text.slice(start) });
          pos += r.text.length;
        }
      } else out.push(...line);
      line = [];
    };
    for (const r of runs) {
      if (r.text === '\n') {
        flush();
        out.push(r);
      } else line.push(r);
    }
    flush();
    return out;
  });
  return changed ? { ...cell, paragraphs } : cell;
}

interface TableMeasure {
  measures: ColumnMeasure[];
  available: number;
  padChars: number;
}

function measureTable(table: TableBlock, textWidthMm: number): TableMeasure {
  const nCols = table.columns.length;
  const charMm = ptToMm(TABLE.sizePt[table.size] ?? TABLE.sizePt.body);
  const padChars = (2 * TABLE.cellPaddingMm) / charMm;
  const available = textWidthMm / charMm - nCols * padChars;
  const head = table.rows.slice(0, table.headerRows);
  const body = table.rows.slice(table.headerRows);
  const measures: ColumnMeasure[] = table.columns.map((col, k) => {
    let header = 0;
    for (const row of head) {
      const c = row[k];
      if (c && (c.colSpan ?? 1) === 1) header = Math.max(header, ...cellSegments(c).map(textWidth));
    }
    let longest = 0;
    let unbreakable = 0;
    const cells = body.map((row) => {
      const c = row[k];
      if (!c || (c.colSpan ?? 1) > 1) return undefined;
      const segs = cellSegments(c);
      for (const s of segs) {
        longest = Math.max(longest, textWidth(s));
        if (/[A-Za-z0-9]/.test(s)) unbreakable = Math.max(unbreakable, longestLatin(s));
      }
      // A merged cell spreads over its rows: measured, but not counted in the height search.
      return (c.rowSpan ?? 1) > 1 ? undefined : segs;
    });
    const fixed = col.widthMm !== undefined ? col.widthMm / charMm : undefined;
    return { header, longest, unbreakable, fixed, cells };
  });
  return { measures, available, padChars };
}

/** Whether the columns of `table` can be given at least their minimum widths (heads and Latin runs whole). */
export function tableFits(table: TableBlock, textWidthMm: number): boolean {
  const { measures, available } = measureTable(table, textWidthMm);
  const need = measures.reduce((s, c) => s + (c.fixed ?? Math.max(c.header, c.unbreakable, 1) + FIT_SLACK_CHARS), 0);
  return need <= available + 1e-9;
}

/**
 * Allocates the columns of `table` on a text block `textWidthMm` wide, writes the cell line
 * breaks, and right-aligns columns of figures. Pure; `fits` false when even the minimums do
 * not fit (the widths are then scaled down and text may overflow its cell).
 */
export function allocateTable(table: TableBlock, textWidthMm: number): { table: TableBlock; fits: boolean } {
  const nCols = table.columns.length;
  if (nCols === 0) return { table, fits: true };
  if (table.fixedColumns) return { table: fitFormAtSize(table, textWidthMm), fits: true };
  const { measures, available, padChars } = measureTable(table, textWidthMm);
  const body = table.rows.slice(table.headerRows);
  const { widths, fits } = allocateWidths(measures, available);
  const totalChars = widths.reduce((s, w) => s + w + padChars, 0);

  // Figures: a column whose body cells are all numbers, amounts or percentages (and not a 序号).
  const figures = table.columns.map((_, k) => {
    const texts = body.map((row) => row[k]).filter((c): c is TableCell => !!c).map(joined).filter((t) => t.trim() !== '');
    return texts.length > 0 && texts.every(isFigure) && !isSequence(texts);
  });
  const columns = table.columns.map((c, k) => ({ ...c, share: (widths[k] + padChars) / totalChars, ...(figures[k] ? { align: 'right' as CellAlign } : {}) }));

  const widthOf = (k: number, span: number) => {
    let w = widths[k] - FIT_SLACK_CHARS;
    for (let j = k + 1; j < Math.min(k + span, nCols); j++) w += widths[j] + padChars;
    return w;
  };
  const rows = table.rows.map((row, r) =>
    row.map((cell, k) => {
      if (!cell) return cell;
      let c = fillCell(cell, widthOf(k, cell.colSpan ?? 1));
      if (figures[k] && r >= table.headerRows && c.align !== 'right') c = { ...c, align: 'right' };
      return c;
    }),
  );
  return { table: { ...table, columns, rows }, fits };
}

// ---------------------------------------------------------------------------------------------
// Forms: the form's own shares, a little width moved where it removes a break

/**
 * How far a form's column may give or take width: a third of its own (the form keeps its look);
 * a narrow one may take up to FORM_TAKE_CHARS more (a 序号 column of 5 % holds less than two
 * characters of 小四: "10" went over two lines).
 */
const FORM_GIVE = 1 / 3;
const FORM_TAKE_CHARS = 2.5;
const FORM_MAX_MOVES = 30;
const FORM_MOVE_STEPS = 6;
/** Costs of one cell: each line past the first, a line of one character, a word cut inside. */
const FORM_LINE_COST = 1;
const FORM_LONE_COST = 20;
const FORM_CUT_COST = 6;
/**
 * A figure cut inside (4,862 / ,350) reads as two numbers: dearer than a lone character. Its
 * thousands make it wider than the Latin run the minimums count, so it is weighed here instead.
 */
const FORM_FIGURE_CUT_COST = 40;
const FIGURE_UNIT = /^[0-9][0-9,.]*[0-9]$/;

/**
 * A form at its own size, or at 五号 where that size cannot hold it: a 小四 form whose columns,
 * within their shares, still cut a figure (41,268,500 → 41,268 / ,500) or leave a label's
 * character alone on a line (负责 / 人) is set in 五号, as clerks shrink such a form in Word,
 * when that has fewer such cells. Measured on the 2022 application's 基本情况 form: at 小四 four
 * figures cut or 负责人 and 联系人 broken, whichever the columns gave; at 五号 neither.
 */
function fitFormAtSize(table: TableBlock, textWidthMm: number): TableBlock {
  const fitted = fitForm(table, textWidthMm);
  if (table.size !== 'small') return fitted;
  const defects = formDefects(fitted);
  if (defects === 0) return fitted;
  const smaller = fitForm({ ...table, size: 'form' }, textWidthMm);
  return formDefects(smaller) < defects ? smaller : fitted;
}

/** Cells of a fitted form with a figure cut inside or a line of one character. */
function formDefects(table: TableBlock): number {
  let n = 0;
  for (const row of table.rows)
    for (const cell of row) {
      if (!cell) continue;
      for (const p of cell.paragraphs) {
        const lines = p.map((r) => r.text).join('').split('\n');
        if (lines.length < 2) continue;
        if (lines.some((l, i) => (i > 0 && /^[,，][0-9]/.test(l.trim())) || [...l.trim()].length === 1)) n++;
      }
    }
  return n;
}

/**
 * An official form (fixedColumns): the columns keep the form's shares, except that width moves
 * between columns, half a character at a time and at most a third of a column's own, while that
 * removes breaks — a 联系人 label or a fax number (027-87651009) that takes one line more than it
 * needs, a line of one character, a word or number cut — and then every cell's text is broken
 * into lines by the cell filler, so that the DOCX and the PDF break it alike. Measured on the
 * 2022 application: 联系/人, 主管领/导, …有限公/司, 027-/8765/1009 were drawn by the renderers
 * from the bare shares.
 */
export function fitForm(table: TableBlock, textWidthMm: number): TableBlock {
  const nCols = table.columns.length;
  const charMm = ptToMm(TABLE.sizePt[table.size] ?? TABLE.sizePt.body);
  const padChars = (2 * TABLE.cellPaddingMm) / charMm;
  const totalChars = textWidthMm / charMm;
  const shareTotal = table.columns.reduce((a, c) => a + c.share, 0) || 1;
  const w0 = table.columns.map((c) => (c.share / shareTotal) * totalChars - padChars);
  const lo = w0.map((w) => w * (1 - FORM_GIVE));
  const hi = w0.map((w) => w + Math.max(w * FORM_GIVE, FORM_TAKE_CHARS));
  interface FormCell {
    col: number;
    span: number;
    segs: string[];
  }
  const cells: FormCell[] = [];
  for (const row of table.rows)
    row.forEach((c, k) => {
      if (!c) return;
      const segs = cellSegments(c).filter((t) => t.trim() !== '');
      if (segs.length) cells.push({ col: k, span: Math.min(c.colSpan ?? 1, nCols - k), segs });
    });
  const inner = (w: number[], c: { col: number; span: number }) => {
    let x = -FIT_SLACK_CHARS;
    for (let j = c.col; j < c.col + c.span; j++) x += w[j] + (j > c.col ? padChars : 0);
    return x;
  };
  const costOf = (c: FormCell, width: number) => {
    let cost = 0;
    for (const s of c.segs) {
      if (textWidth(s) <= width + 1e-9) continue;
      const ls = breakCell(s, width);
      cost += (ls.length - 1) * FORM_LINE_COST;
      if (ls.length > 1) cost += ls.filter((l) => [...l].length === 1).length * FORM_LONE_COST;
      const cut = cellUnits(s).filter((u) => textWidth(u) > width + 1e-9);
      if (cut.length) cost += cut.some((u) => FIGURE_UNIT.test(u)) ? FORM_FIGURE_CUT_COST : FORM_CUT_COST;
    }
    return cost;
  };
  // First the minimums: a column narrower than its longest number or address (a mobile number
  // of 11 digits, 6 characters of 小四, in a 5.4-character column), or than two characters (序号,
  // 座机), takes the difference from the columns with the most room above their own minimum, as
  // far as the bounds allow. Chinese words are not minimums: they may break at their parts.
  const hard = w0.map(() => 0);
  const soft = w0.map(() => 0);
  for (const c of cells)
    if (c.span === 1)
      for (const t of c.segs) {
        hard[c.col] = Math.max(hard[c.col], longestLatin(t) + FIT_SLACK_CHARS);
        if ([...t.trim()].length >= 2) soft[c.col] = Math.max(soft[c.col], 2 + FIT_SLACK_CHARS);
      }
  // A number wider than its column may ever get (2021 表一's 23-character e-mail address) breaks
  // anyway: its column is held at its labels' minimum only, and gives the rest where it helps.
  const minimum = hard.map((h, k) => (h > hi[k] ? soft[k] : Math.max(h, soft[k])));
  const w = [...w0];
  // Two-character labels first, then numbers and addresses; no column gives below its own
  // minimum. Where the form cannot hold them all (2021 表一: a 26-character e-mail address in a
  // column of 8 characters, its eight columns' minimums 40 characters in 31), the labels win:
  // taken below two characters first, 名称, 地址, 联系人 stood one character a line.
  for (const [need0, floor] of [
    [soft, soft],
    [minimum, minimum],
  ] as const) {
    for (let k = 0; k < nCols; k++) {
      let need = Math.min(need0[k], hi[k]) - w[k];
      while (need > 1e-9) {
        let donor = -1;
        let room = 1e-9;
        for (let j = 0; j < nCols; j++) {
          const r = w[j] - Math.max(lo[j], floor[j]);
          if (j !== k && r > room) [donor, room] = [j, r];
        }
        if (donor < 0) break;
        // Half a character at a time from the roomiest column: the take is spread.
        const d = Math.min(need, room, SEARCH_STEP_CHARS);
        w[donor] -= d;
        w[k] += d;
        need -= d;
      }
    }
  }
  for (let k = 0; k < nCols; k++) lo[k] = Math.min(w[k], Math.max(lo[k], minimum[k]));
  const byCol = w.map((_, k) => cells.map((c, i) => (k >= c.col && k < c.col + c.span ? i : -1)).filter((i) => i >= 0));
  const costs = cells.map((c) => costOf(c, inner(w, c)));
  for (let move = 0; move < FORM_MAX_MOVES; move++) {
    let bestGain = 1e-9;
    let bestMove: [number, number, number] | undefined;
    for (let a = 0; a < nCols; a++)
      for (let b = 0; b < nCols; b++) {
        if (a === b) continue;
        const touched = [...new Set([...byCol[a], ...byCol[b]])];
        if (!touched.some((i) => costs[i] > 0)) continue;
        const before = touched.reduce((s2, i) => s2 + costs[i], 0);
        for (let k = 1; k <= FORM_MOVE_STEPS; k++) {
          const d = k * SEARCH_STEP_CHARS;
          if (w[a] - d < lo[a] - 1e-9 || w[b] + d > hi[b] + 1e-9) break;
          w[a] -= d;
          w[b] += d;
          const after = touched.reduce((s2, i) => s2 + costOf(cells[i], inner(w, cells[i])), 0);
          w[a] += d;
          w[b] -= d;
          // A gain per half character moved: the smallest move that removes the break.
          const gain = (before - after) / k;
          if (gain > bestGain) {
            bestGain = gain;
            bestMove = [a, b, d];
          }
        }
      }
    if (!bestMove) break;
    const [a, b, d] = bestMove;
    w[a] -= d;
    w[b] += d;
    for (const i of new Set([...byCol[a], ...byCol[b]])) costs[i] = costOf(cells[i], inner(w, cells[i]));
  }
  const columns = table.columns.map((c, k) => ({ ...c, share: (w[k] + padChars) / totalChars }));
  const rows = table.rows.map((row) => row.map((cell, k) => (cell ? fillCell(cell, inner(w, { col: k, span: Math.min(cell.colSpan ?? 1, nCols - k) })) : cell)));
  return { ...table, columns, rows };
}
