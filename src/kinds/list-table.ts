// Name-list tables (名单): the `kind: list` annex. Records from a CSV/XLSX/YAML file become a
// TableBlock with an optional 序号 column, vertically merged group columns (省市) and column
// widths measured from the content, so that short columns (序号, 省市, names) stay on one line
// and long text (基地名称) wraps inside its cell.
//
// Rules, stated once:
// - Merge: in a `merge` column, equal adjacent values form one cell (rowSpan). A blank cell
//   right after a value belongs to that value's group ("fill down"): lists exported from a
//   merged sheet, like seed 000's, write 省市 on the first row of each group only. Blank cells
//   before any value stay single blank cells. Merge columns nest in the order `merge` lists
//   them: a group of a later column never crosses a boundary of an earlier one.
// - Widths are in grid characters of the list size (4号 = 14 pt): a CJK character or full-width
//   mark is 1, a digit or lower-case letter 0.55, an upper-case letter 0.7, other ASCII 0.5
//   (fonts differ: Times and 仿宋's half-width Latin are narrower, the free substitutes wider, so
//   the estimate leans wide), and whatever must stay on one line gets FIT_SLACK_CHARS more. The
//   text block is 156 mm wide (portrait) or 225 mm (landscape). An explicit `width` is a number
//   of those characters (`width: 6`) or millimetres (`width: 30mm`) and wins.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CellAlign, Place, TableBlock, TableCell, TableColumn } from '../model/types.js';
import { LANDSCAPE, PAGE, ptToMm, TABLE } from '../profile/gbt9704.js';

export interface ListColumnSpec {
  /** Column of the data. */
  field: string;
  /** Text of the head cell; default the field name. */
  header?: string;
  /** Characters of the list size (number, or "6字") or millimetres ("30mm"). */
  width?: number | string;
  align?: CellAlign;
}

export interface ListSpec {
  /** Which columns, in what order; default all columns of the data. */
  columns?: (string | ListColumnSpec)[];
  /** Header of an auto-numbered first column (序号); `true` means "序号". */
  number?: string | boolean;
  /** Columns whose equal adjacent cells merge vertically. */
  merge?: string[];
  orientation?: 'portrait' | 'landscape';
}

export interface ListTableResult {
  table: TableBlock;
  diagnostics: Diagnostic[];
  /** The page orientation the widths were computed for: the section must use it. */
  orientation: 'portrait' | 'landscape';
}

/** Columns whose longest cell is at most this many grid characters are centred (序号, 省市, names). */
const SHORT_COLUMN_CHARS = 8;

/**
 * Room added to a width that must hold its text on one line: the character estimate, the
 * renderers' rounding to whole twips, and a font's side bearings must not push the last
 * character onto a second line ("序/号" in a column exactly two characters wide).
 */
const FIT_SLACK_CHARS = 0.5;

// ---------------------------------------------------------------------------------------------
// Text width

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, Kangxi, CJK symbols and punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, bopomofo, enclosed CJK, compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // Unified Ideographs
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff01 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) || // Extensions B–H
    // Chinese quotes, dashes and ellipsis are drawn full-width by the Chinese fonts of 公文.
    cp === 0x2018 || cp === 0x2019 || cp === 0x201c || cp === 0x201d || cp === 0x2014 || cp === 0x2026 || cp === 0x00b7
  );
}

/** Width of one line of text in grid characters of its own size. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isWide(cp)) w += 1;
    else if (cp >= 0x0300 && cp <= 0x036f) continue; // combining marks
    else if (cp >= 0x41 && cp <= 0x5a) w += 0.7; // A–Z
    else if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) w += 0.55; // 0–9, a–z
    else w += 0.5;
  }
  return w;
}

/** Width of a cell: its longest line. */
function cellWidth(text: string): number {
  if (!text.includes('\n')) return textWidth(text);
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, textWidth(line));
  return max;
}

/** The longest run that cannot break: a Latin word or number (账号 tjjd150616002, 电话). */
function longestUnbreakable(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/[A-Za-z0-9@._\-+/:%]+/g)) max = Math.max(max, textWidth(m[0]));
  return max;
}

// ---------------------------------------------------------------------------------------------
// Spec checking

/** Reads a `kind: list` spec from front matter, reporting shape errors at `place`. */
export function readListSpec(raw: unknown, place?: Place): { spec: ListSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const err = (ruleId: string, message: string) => diagnostics.push(diag('error', ruleId, message, place));
  const spec: ListSpec = {};
  if (raw === undefined || raw === null) return { spec, diagnostics };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    err('list-spec', 'the list settings must be a mapping (columns, number, merge, orientation)');
    return { spec, diagnostics };
  }
  const o = raw as Record<string, unknown>;
  if (o.columns !== undefined) {
    if (!Array.isArray(o.columns)) err('list-columns', '`columns` must be a list of column names');
    else {
      spec.columns = [];
      for (const c of o.columns) {
        if (typeof c === 'string' || typeof c === 'number') spec.columns.push(String(c).trim());
        else if (c && typeof c === 'object' && typeof (c as { field?: unknown }).field === 'string') {
          const cc = c as Record<string, unknown>;
          const col: ListColumnSpec = { field: String(cc.field).trim() };
          if (cc.header !== undefined) col.header = String(cc.header);
          if (cc.width !== undefined) {
            if (typeof cc.width === 'number' || typeof cc.width === 'string') col.width = cc.width;
            else err('list-columns', `the width of column "${col.field}" must be a number of characters or "NNmm"`);
          }
          if (cc.align !== undefined) {
            if (cc.align === 'left' || cc.align === 'center' || cc.align === 'right') col.align = cc.align;
            else err('list-columns', `the align of column "${col.field}" must be left, center or right`);
          }
          spec.columns.push(col);
        } else err('list-columns', 'each entry of `columns` is a column name or {field, header, width, align}');
      }
    }
  }
  if (o.number !== undefined && o.number !== null && o.number !== false) {
    if (o.number === true) spec.number = true;
    else if (typeof o.number === 'string' && o.number.trim() !== '') spec.number = o.number.trim();
    else err('list-number', '`number` is the header of the numbering column, e.g. 序号');
  }
  if (o.merge !== undefined) {
    const m = typeof o.merge === 'string' ? [o.merge] : o.merge;
    if (!Array.isArray(m) || !m.every((x) => typeof x === 'string')) err('list-merge', '`merge` must be a list of column names');
    else spec.merge = m.map((x) => x.trim());
  }
  if (o.orientation !== undefined) {
    if (o.orientation === 'portrait' || o.orientation === 'landscape') spec.orientation = o.orientation;
    else err('list-orientation', '`orientation` must be portrait or landscape');
  }
  return { spec, diagnostics };
}

function diag(severity: 'error' | 'warning', ruleId: string, message: string, place?: Place): Diagnostic {
  return { file: place?.file ?? '', line: place?.line ?? 0, column: place?.column ?? 0, severity, ruleId, message, source: 'schema' };
}

// ---------------------------------------------------------------------------------------------
// Merging

/**
 * Fills blank cells of `columns` down from the value above, group by group (the merge rule
 * above), returning new records. Useful beyond tables: batches grouped by 省市 need the same.
 */
export function fillDown(records: Record<string, string>[], columns: string[]): Record<string, string>[] {
  const out = records.map((r) => ({ ...r }));
  const groups = mergeGroups(records, columns);
  columns.forEach((c, k) => {
    for (const g of groups[k]) for (let i = g.start; i < g.start + g.span; i++) out[i][c] = g.value;
  });
  return out;
}

interface Group {
  start: number;
  span: number;
  value: string;
}

/** Groups of each merge column, nested in the order given. */
function mergeGroups(records: Record<string, string>[], columns: string[]): Group[][] {
  const boundaries = new Set<number>([0]);
  const result: Group[][] = [];
  for (const c of columns) {
    const groups: Group[] = [];
    let cur: Group | undefined;
    for (let i = 0; i < records.length; i++) {
      const v = records[i][c] ?? '';
      const startsHere = boundaries.has(i) || !cur || (v !== '' && v !== cur.value) || (v === '' && cur.value === '');
      if (startsHere) {
        cur = { start: i, span: 1, value: v };
        groups.push(cur);
      } else cur!.span++;
    }
    for (const g of groups) boundaries.add(g.start);
    result.push(groups);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Widths

function parseWidth(w: number | string, charMm: number): number | undefined {
  if (typeof w === 'number') return w > 0 ? w : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mm|字|ch|chars?)?\s*$/i.exec(w);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  return m[2]?.toLowerCase() === 'mm' ? n / charMm : n;
}

export interface ColumnMeasure {
  header: number;
  longest: number;
  unbreakable: number;
  fixed?: number;
  /** Width of each row's cell (a sample of rows for long lists); absent for merged columns. */
  cells?: number[];
}

/** Step and bounds of the height search that follows the water-filling. */
const SEARCH_STEP_CHARS = 0.5;
const SEARCH_MAX_ROWS = 1000;
const SEARCH_MAX_COLUMNS = 4;
const SEARCH_MAX_MOVES = 30;

/** Lines a cell of width `x` takes in a column of width `w` (slack included in `w`). */
function linesIn(x: number, w: number): number {
  const cap = Math.max(w - FIT_SLACK_CHARS, 0.5);
  return x <= cap + 1e-9 ? 1 : Math.ceil(x / cap - 1e-9);
}

/**
 * Water-filling makes the cut columns equally wide, which is right when their texts are alike
 * but not when one column's longest cell is an outlier (建设单位: most 9 characters, one 21).
 * This local search moves width between the cut columns in half-character steps while the
 * cost falls: the table's lines (Σ over rows of the tallest cell) plus the number of cells
 * broken over lines; each column stays within its minimum and natural width. It looks at a
 * sample of rows for long lists.
 */
function reduceHeight(widths: number[], cut: number[], minimum: number[], natural: number[], cols: ColumnMeasure[]): void {
  if (cut.length < 2 || cut.length > SEARCH_MAX_COLUMNS || cut.some((i) => !cols[i].cells)) return;
  const rowsAll = cols[cut[0]].cells!.length;
  const stride = Math.max(1, Math.ceil(rowsAll / SEARCH_MAX_ROWS));
  const sample: number[][] = cut.map((i) => cols[i].cells!.filter((_, r) => r % stride === 0));
  const others = cols.map((c, i) => (cut.includes(i) || !c.cells ? undefined : c.cells.filter((_, r) => r % stride === 0)));
  const n = sample[0].length;
  // Lines of the columns that do not move (1 unless they were given less than their natural width).
  const base = new Array<number>(n).fill(1);
  others.forEach((cells, i) => {
    if (cells) for (let r = 0; r < n; r++) base[r] = Math.max(base[r], linesIn(cells[r], widths[i]));
  });
  // Cost: lines of the table plus one for every cell broken over lines, so that among layouts
  // of equal height the one that keeps more cells whole wins.
  const height = (w: number[]) => {
    let h = 0;
    for (let r = 0; r < n; r++) {
      let m = base[r];
      for (let k = 0; k < cut.length; k++) {
        const l = linesIn(sample[k][r], w[k]);
        if (l > 1) h++;
        if (l > m) m = l;
      }
      h += m;
    }
    return h;
  };
  const w = cut.map((i) => widths[i]);
  let best = height(w);
  for (let move = 0; move < SEARCH_MAX_MOVES; move++) {
    // Try moving 1, 2, … steps from column a to column b: gains come in jumps (a 16-character
    // name needs the whole 16.5 before it takes one line less), so single steps would stall.
    let bestMove: [number, number, number] | undefined;
    let bestH = best;
    for (let a = 0; a < cut.length; a++) {
      for (let b = 0; b < cut.length; b++) {
        if (a === b) continue;
        const wa = w[a];
        const wb = w[b];
        // b never grows past its natural width; the last step may be shorter to reach it.
        const most = Math.min(wa - minimum[cut[a]], natural[cut[b]] - wb);
        for (let d = SEARCH_STEP_CHARS; d < most + SEARCH_STEP_CHARS - 1e-9; d += SEARCH_STEP_CHARS) {
          const step = Math.min(d, most);
          w[a] = wa - step;
          w[b] = wb + step;
          const h = height(w);
          if (h < bestH) {
            bestH = h;
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
    best = bestH;
  }
  cut.forEach((i, k) => (widths[i] = w[k]));
}

/**
 * Content widths in grid characters, padding excluded. Each column gets its natural width (the
 * longest of header and cells) when everything fits; otherwise the widest columns are cut down
 * to a common level (water-filling from the top) but never below their minimum (the header and
 * the longest unbreakable word), so long text wraps and short columns keep one line; a local
 * search (reduceHeight) then trades width between the cut columns when that saves lines. Room
 * left over is shared in proportion to the natural widths, so the table spans the text block.
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
    const extra = room - naturalTotal;
    for (const i of free) widths[i] = natural[i] + (extra * natural[i]) / naturalTotal;
    return { widths, fits: true };
  }
  const minTotal = free.reduce((s, i) => s + minimum[i], 0);
  if (minTotal >= room) {
    // Even the minimums do not fit: scale them; the caller warns.
    const f = Math.max(room, 0) / minTotal;
    for (const i of free) widths[i] = minimum[i] * f;
    return { widths, fits: false };
  }
  // Find the level L with Σ clamp(natural, minimum, L) = room by bisection (monotone in L).
  let lo = 0;
  let hi = Math.max(...free.map((i) => natural[i]));
  const total = (L: number) => free.reduce((s, i) => s + Math.max(minimum[i], Math.min(natural[i], L)), 0);
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (total(mid) > room) hi = mid;
    else lo = mid;
  }
  for (const i of free) widths[i] = Math.max(minimum[i], Math.min(natural[i], lo));
  // Hand the rounding remainder to the widest column.
  const rest = room - free.reduce((s, i) => s + widths[i], 0);
  const widest = free.reduce((a, b) => (widths[b] > widths[a] ? b : a));
  widths[widest] += rest;
  const cut = free.filter((i) => widths[i] < natural[i] - 1e-9);
  reduceHeight(widths, cut, minimum, natural, cols);
  return { widths, fits: true };
}

// ---------------------------------------------------------------------------------------------
// The table

// Name lists centre every cell vertically: when a long name wraps to two lines, its 序号 and
// 账号 stand in the middle of the row, as in the published lists.
const cellOf = (text: string, extra: Partial<TableCell> = {}): TableCell => ({
  paragraphs: text.includes('\n') ? text.split('\n').map((line) => (line === '' ? [] : [{ text: line }])) : [text === '' ? [] : [{ text }]],
  valign: 'middle',
  ...extra,
});

/**
 * Builds the table. `rawSpec` is a ListSpec or the raw front matter (checked here with
 * readListSpec; other keys are ignored). `orientation`, when given, overrides the spec's (the
 * caller may read it from the front matter itself: the section needs it too).
 */
export function buildListTable(
  records: Record<string, string>[],
  columnsOfData: string[],
  rawSpec: ListSpec | Record<string, unknown>,
  place?: Place,
  orientationOverride?: 'portrait' | 'landscape',
): ListTableResult {
  const { spec, diagnostics } = readListSpec(rawSpec, place);
  const orientation = orientationOverride ?? spec.orientation ?? 'portrait';
  const have = columnsOfData.map((c) => `"${c}"`).join(', ');
  const missing = (what: string, name: string) =>
    diagnostics.push(diag('error', `list-${what}`, `the data has no column "${name}"; its columns are ${have}`, place));

  const numberHeader = spec.number === true ? '序号' : typeof spec.number === 'string' ? spec.number : undefined;
  // The generated numbering replaces a data column of the same name (a spreadsheet that
  // already has 序号) unless `columns` names that column explicitly.
  const defaultColumns = columnsOfData.filter((c) => c !== numberHeader);
  const wanted: ListColumnSpec[] = (spec.columns ?? defaultColumns).map((c) => (typeof c === 'string' ? { field: c } : c));
  if (records.length === 0) diagnostics.push(diag('warning', 'list-empty', 'the list has no rows', place));
  const known = new Set(columnsOfData);
  const cols = wanted.filter((c) => {
    if (known.has(c.field)) return true;
    missing('columns', c.field);
    return false;
  });
  const mergeCols = (spec.merge ?? []).filter((m) => {
    if (!known.has(m)) {
      missing('merge', m);
      return false;
    }
    if (!cols.some((c) => c.field === m)) {
      diagnostics.push(diag('warning', 'list-merge', `merge column "${m}" is not among the columns shown; it is ignored`, place));
      return false;
    }
    return true;
  });

  const textWidthMm = orientation === 'landscape' ? LANDSCAPE.textWidthMm : PAGE.textWidthMm;
  const charMm = ptToMm(TABLE.sizePt.list);
  const padChars = (2 * TABLE.cellPaddingMm) / charMm;
  const nCols = cols.length + (numberHeader ? 1 : 0);
  const available = textWidthMm / charMm - nCols * padChars;

  // Merged groups, computed on the records as given; the fill-down values are what the
  // merged cell shows.
  const groups = mergeGroups(records, mergeCols);
  const groupAt = new Map<string, Map<number, Group>>();
  mergeCols.forEach((m, k) => groupAt.set(m, new Map(groups[k].map((g) => [g.start, g]))));

  // Measure.
  const measures: ColumnMeasure[] = [];
  if (numberHeader) {
    const digits = textWidth(String(records.length));
    measures.push({ header: textWidth(numberHeader), longest: digits, unbreakable: digits });
  }
  for (const c of cols) {
    let longest = 0;
    let unbreakable = 0;
    // A merged column is measured on its groups' values (what its merged cells show) and takes
    // no part in the height search: its cells span rows.
    const gm = groupAt.get(c.field);
    const values = gm ? [...gm.values()].map((g) => g.value) : records.map((r) => r[c.field] ?? '');
    const cells: number[] | undefined = gm ? undefined : new Array<number>(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const w = cellWidth(v);
      if (cells) cells[i] = w;
      if (w > longest) longest = w;
      // Unbreakable runs only matter when the cell holds any; skip the regex for pure CJK text.
      if (/[A-Za-z0-9]/.test(v)) unbreakable = Math.max(unbreakable, longestUnbreakable(v));
    }
    let fixed: number | undefined;
    if (c.width !== undefined) {
      fixed = parseWidth(c.width, charMm);
      if (fixed === undefined) diagnostics.push(diag('error', 'list-columns', `width "${c.width}" of column "${c.field}" is neither a number of characters nor "NNmm"`, place));
    }
    measures.push({ header: cellWidth(c.header ?? c.field), longest, unbreakable, fixed, cells });
  }
  const { widths, fits } = allocateWidths(measures, available);
  if (!fits) {
    diagnostics.push(
      diag(
        'warning',
        'list-width',
        `the columns do not fit the ${orientation} text block (${textWidthMm} mm) even with wrapped text` +
          (orientation === 'portrait' ? '; try orientation: landscape or fewer columns' : '; try fewer columns or explicit widths'),
        place,
      ),
    );
  }
  const totalChars = widths.reduce((s, w) => s + w + padChars, 0);

  // Columns and their alignment: 序号 and short columns centred, long text left.
  const columns: TableColumn[] = [];
  const aligns: CellAlign[] = [];
  let k = 0;
  if (numberHeader) {
    columns.push({ share: (widths[0] + padChars) / totalChars, align: 'center', header: numberHeader });
    aligns.push('center');
    k = 1;
  }
  cols.forEach((c, i) => {
    const m = measures[k + i];
    const w = widths[k + i];
    const align: CellAlign = c.align ?? (m.longest <= SHORT_COLUMN_CHARS && m.longest <= w + 1e-9 ? 'center' : 'left');
    columns.push({ share: (w + padChars) / totalChars, align, header: c.header ?? c.field });
    aligns.push(align);
  });

  // Rows.
  const head: TableCell[] = columns.map((c) => cellOf(c.header ?? '', { align: 'center' }));
  const rows: (TableCell | null)[][] = [head];
  for (let r = 0; r < records.length; r++) {
    const row: (TableCell | null)[] = [];
    if (numberHeader) row.push(cellOf(String(r + 1), { align: 'center' }));
    cols.forEach((c, i) => {
      const align = aligns[k + i];
      const gm = groupAt.get(c.field);
      if (gm) {
        const g = gm.get(r);
        if (!g) row.push(null);
        // A merged cell is centred on its rows (seed 000's 省市), as the lists' sheets have it.
        else row.push(cellOf(g.value, g.span > 1 ? { align, rowSpan: g.span, valign: 'middle' } : { align }));
      } else row.push(cellOf(records[r][c.field] ?? '', { align }));
    });
    rows.push(row);
  }

  const table: TableBlock = {
    type: 'table',
    columns,
    headerRows: 1,
    rows,
    size: 'list',
    repeatMergedOnBreak: true,
    ...(place ? { place } : {}),
  };
  return { table, diagnostics, orientation };
}
