// Name-list tables (名单): the `kind: list` annex. Records from a CSV/XLSX/YAML file become a
// TableBlock with an optional 序号 column and vertically merged group columns (省市). Column
// widths are the layout stage's (layout/measure/columns.ts, the one allocator for every table):
// short columns (序号, 省市, names) stay on one line and long text (基地名称) wraps in its cell.
//
// Rules, stated once:
// - Merge: in a `merge` column, equal adjacent values form one cell (rowSpan). A blank cell
//   right after a value belongs to that value's group ("fill down"): lists exported from a
//   merged sheet, like seed 000's, write 省市 on the first row of each group only. Blank cells
//   before any value stay single blank cells. Merge columns nest in the order `merge` lists
//   them: a group of a later column never crosses a boundary of an earlier one.
// - An explicit `width` is a number of characters of the list size (4号 = 14 pt: `width: 6`) or
//   millimetres (`width: 30mm`); the model carries it in millimetres and the allocator keeps it.
// - The one width-dependent decision left here is the warning that the columns cannot fit: it
//   asks the allocator (a call into layout/, the stage after this one; the lead may move the
//   warning into the layout stage when that stage reports diagnostics).

import { nearestName } from '../util/nearest.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CellAlign, Place, TableBlock, TableCell, TableColumn } from '../model/types.js';
import { LANDSCAPE, PAGE, ptToMm, TABLE } from '../profile/gbt9704.js';
import { tableFits } from '../layout/measure/columns.js';
import { textWidth } from '../layout/measure/text-width.js';

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

/** Columns whose longest cell is at most this many characters are centred (序号, 省市, names). */
const SHORT_COLUMN_CHARS = 8;

// ---------------------------------------------------------------------------------------------
// Spec checking

/** Reads a `kind: list` spec from front matter, reporting shape errors at `place`. */
export function readListSpec(raw: unknown, place?: Place): { spec: ListSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const err = (ruleId: string, message: string) => diagnostics.push(diag('error', ruleId, message, place));
  const spec: ListSpec = {};
  if (raw === undefined || raw === null) return { spec, diagnostics };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    err('list-spec', '名单设置应为「键: 值」：columns、number、merge、orientation');
    return { spec, diagnostics };
  }
  const o = raw as Record<string, unknown>;
  if (o.columns !== undefined) {
    if (!Array.isArray(o.columns)) err('list-columns', 'columns 应为列名列表，如 columns: [基地名称, 省市]');
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
            else err('list-columns', `列「${col.field}」的 width 应为字数或「NNmm」，如 width: 12 或 width: 40mm`);
          }
          if (cc.align !== undefined) {
            if (cc.align === 'left' || cc.align === 'center' || cc.align === 'right') col.align = cc.align;
            else err('list-columns', `列「${col.field}」的 align 应为 left、center 或 right`);
          }
          spec.columns.push(col);
        } else err('list-columns', 'columns 的每一项应为列名，或 {field, header, width, align}');
      }
    }
  }
  if (o.number !== undefined && o.number !== null && o.number !== false) {
    if (o.number === true) spec.number = true;
    else if (typeof o.number === 'string' && o.number.trim() !== '') spec.number = o.number.trim();
    else err('list-number', 'number 写序号列的表头，如 number: 序号');
  }
  if (o.merge !== undefined) {
    const m = typeof o.merge === 'string' ? [o.merge] : o.merge;
    if (!Array.isArray(m) || !m.every((x) => typeof x === 'string')) err('list-merge', 'merge 应为列名列表，如 merge: [省市]');
    else spec.merge = m.map((x) => x.trim());
  }
  if (o.orientation !== undefined) {
    if (o.orientation === 'portrait' || o.orientation === 'landscape') spec.orientation = o.orientation;
    else err('list-orientation', 'orientation 应为 portrait（纵向）或 landscape（横向）');
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
  const have = columnsOfData.map((c) => `「${c}」`).join('、');
  const missing = (what: string, name: string) =>
    {
    const near = nearestName(name, columnsOfData);
    diagnostics.push(diag('error', `list-${what}`, `数据中没有「${name}」这一列${near ? `：是否应为「${near}」？` : ''}（数据的列：${have}）`, place));
  }

  const numberHeader = spec.number === true ? '序号' : typeof spec.number === 'string' ? spec.number : undefined;
  // The generated numbering replaces a data column of the same name (a spreadsheet that
  // already has 序号) unless `columns` names that column explicitly.
  const defaultColumns = columnsOfData.filter((c) => c !== numberHeader);
  const wanted: ListColumnSpec[] = (spec.columns ?? defaultColumns).map((c) => (typeof c === 'string' ? { field: c } : c));
  if (records.length === 0) diagnostics.push(diag('warning', 'list-empty', '名单没有数据行：检查数据文件', place));
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
      diagnostics.push(diag('warning', 'list-merge', `合并列「${m}」不在显示的列中，已忽略：把它加入 columns，或从 merge 中删去`, place));
      return false;
    }
    return true;
  });

  const textWidthMm = orientation === 'landscape' ? LANDSCAPE.textWidthMm : PAGE.textWidthMm;
  const charMm = ptToMm(TABLE.sizePt.list);

  // Merged groups, computed on the records as given; the fill-down values are what the
  // merged cell shows.
  const groups = mergeGroups(records, mergeCols);
  const groupAt = new Map<string, Map<number, Group>>();
  mergeCols.forEach((m, k) => groupAt.set(m, new Map(groups[k].map((g) => [g.start, g]))));

  // Columns and their alignment: 序号 and short columns centred, long text left. Shares are
  // equal until the layout stage allocates them.
  const nCols = cols.length + (numberHeader ? 1 : 0);
  const columns: TableColumn[] = [];
  const aligns: CellAlign[] = [];
  const length = (v: string) => Math.max(0, ...v.split('\n').map(textWidth));
  let k = 0;
  if (numberHeader) {
    columns.push({ share: 1 / nCols, align: 'center', header: numberHeader });
    aligns.push('center');
    k = 1;
  }
  for (const c of cols) {
    const gm = groupAt.get(c.field);
    const values = gm ? [...gm.values()].map((g) => g.value) : records.map((r) => r[c.field] ?? '');
    const longest = values.reduce((m, v) => Math.max(m, length(v)), 0);
    const align: CellAlign = c.align ?? (longest <= SHORT_COLUMN_CHARS ? 'center' : 'left');
    const column: TableColumn = { share: 1 / nCols, align, header: c.header ?? c.field };
    if (c.width !== undefined) {
      const chars = parseWidth(c.width, charMm);
      if (chars === undefined) diagnostics.push(diag('error', 'list-columns', `width "${c.width}" of column "${c.field}" is neither a number of characters nor "NNmm"`, place));
      else column.widthMm = chars * charMm;
    }
    columns.push(column);
    aligns.push(align);
  }

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
  if (!tableFits(table, textWidthMm)) {
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
  return { table, diagnostics, orientation };
}
