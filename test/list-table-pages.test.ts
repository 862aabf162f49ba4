// Merged cells continued on the next page: splitMergesAtPages cuts spans at page starts.
import { describe, expect, test } from 'vitest';
import { loadRecords } from '../src/data/index.js';
import { buildListTable } from '../src/kinds/list-table.js';
import { splitMergesAtPages } from '../src/layout/tables/merges.js';
import type { TableBlock, TableCell } from '../src/model/types.js';

const text = (c: TableCell | null) => (c ? c.paragraphs.map((p) => p.map((r) => r.text).join('')).join('\n') : null);
/** Column i as [row, value, rowSpan] for every cell that is not covered. */
const col = (t: TableBlock, i: number) => t.rows.flatMap((r, k) => (r[i] ? [[k, text(r[i]), r[i]!.rowSpan ?? 1] as const] : []));
const c = (s: string, extra: Partial<TableCell> = {}): TableCell => ({ paragraphs: [[{ text: s }]], ...extra });

/** Head row, then 8 body rows: column 0 one span of 7 (rows 1–7), column 1 plain. */
function small(): TableBlock {
  const rows: (TableCell | null)[][] = [[c('省', { align: 'center' }), c('名称', { align: 'center' })]];
  for (let i = 1; i <= 8; i++) rows.push([i === 1 ? c('江苏', { rowSpan: 7, valign: 'middle', align: 'center' }) : i === 8 ? c('浙江') : null, c(`n${i}`)]);
  return { type: 'table', columns: [{ share: 0.3 }, { share: 0.7 }], headerRows: 1, rows, size: 'list', repeatMergedOnBreak: true };
}

describe('splitMergesAtPages', () => {
  test('a span crossing one page start is cut there and the value repeated', () => {
    const t = small();
    const before = JSON.stringify(t);
    const s = splitMergesAtPages(t, [5]);
    expect(col(s, 0)).toEqual([[0, '省', 1], [1, '江苏', 4], [5, '江苏', 3], [8, '浙江', 1]]);
    // The copy keeps the cell's alignment and vertical alignment.
    expect(s.rows[5][0]).toEqual({ paragraphs: [[{ text: '江苏' }]], rowSpan: 3, valign: 'middle', align: 'center' });
    expect(col(s, 1)).toEqual(col(t, 1));
    expect(JSON.stringify(t)).toBe(before); // pure
    expect(s.rows.every((r) => r.length === 2)).toBe(true);
  });

  test('a span crossing two page starts becomes three cells; a piece of one row has no rowSpan', () => {
    const s = splitMergesAtPages(small(), [3, 7]);
    expect(col(s, 0)).toEqual([[0, '省', 1], [1, '江苏', 2], [3, '江苏', 4], [7, '江苏', 1], [8, '浙江', 1]]);
    expect(s.rows[7][0]!.rowSpan).toBeUndefined();
    // Page starts given out of order, repeated, in the head or past the end change nothing more.
    expect(splitMergesAtPages(small(), [7, 0, 1, 3, 3, 99])).toEqual(s);
  });

  test('a page start on the first row of a span or after it changes nothing', () => {
    const t = small();
    expect(splitMergesAtPages(t, [1, 8])).toBe(t);
    expect(splitMergesAtPages(t, [])).toBe(t);
  });

  test('colSpan is kept on every piece; cells covered from the left stay null', () => {
    const rows: (TableCell | null)[][] = [
      [c('a'), c('b'), c('c')],
      [c('合并', { rowSpan: 4, colSpan: 2 }), null, c('1')],
      [null, null, c('2')],
      [null, null, c('3')],
      [null, null, c('4')],
    ];
    const t: TableBlock = { type: 'table', columns: [{ share: 0.3 }, { share: 0.3 }, { share: 0.4 }], headerRows: 1, rows, size: 'body' };
    const s = splitMergesAtPages(t, [3]);
    expect(s.rows[1][0]).toEqual(c('合并', { rowSpan: 2, colSpan: 2 }));
    expect(s.rows[3][0]).toEqual(c('合并', { rowSpan: 2, colSpan: 2 }));
    expect(s.rows[3][1]).toBeNull();
    expect(s.rows.map((r) => r.map(text))).toEqual([
      ['a', 'b', 'c'], ['合并', null, '1'], [null, null, '2'], ['合并', null, '3'], [null, null, '4'],
    ]);
  });

  test('head rows are never split, even a span inside a two-row head', () => {
    const rows: (TableCell | null)[][] = [
      [c('地区', { rowSpan: 2 }), c('集群')],
      [null, c('名称')],
      [c('x', { rowSpan: 3 }), c('1')],
      [null, c('2')],
      [null, c('3')],
    ];
    const t: TableBlock = { type: 'table', columns: [{ share: 0.5 }, { share: 0.5 }], headerRows: 2, rows, size: 'list' };
    const s = splitMergesAtPages(t, [1, 2, 4]);
    expect(col(s, 0)).toEqual([[0, '地区', 2], [2, 'x', 2], [4, 'x', 1]]);
  });

  test('seed 000 list: idempotent, every page starts with its 省市, row count unchanged', async () => {
    const data = await loadRecords('data/2020-191-bases.csv', { projectDir: process.cwd() });
    const { table } = buildListTable(data.records, data.columns, { number: '序号', merge: ['省市'] });
    // Every cell of a name list is centred vertically, merged ones on all their rows.
    expect(table.rows[2][3]).toMatchObject({ rowSpan: 14, valign: 'middle' });
    expect(table.rows[1][3]!.valign).toBe('middle');
    expect(table.rows[1][1]!.valign).toBe('middle');
    const starts = [12, 24, 36, 48];
    const once = splitMergesAtPages(table, starts);
    expect(splitMergesAtPages(once, starts)).toEqual(once);
    for (const p of starts) expect(once.rows[p][3]).not.toBeNull();
    expect(col(once, 3).slice(1, 5)).toEqual([[1, '内蒙古', 1], [2, '江苏', 10], [12, '江苏', 4], [16, '浙江', 7]]);
    // Each column still covers every row exactly once.
    const covered = once.rows.map(() => 0);
    once.rows.forEach((r, k) => {
      if (r[3]) for (let i = 0; i < (r[3].rowSpan ?? 1); i++) covered[k + i]++;
    });
    expect(covered.every((x) => x === 1)).toBe(true);
    expect(once.rows).toHaveLength(table.rows.length);
  });
});

