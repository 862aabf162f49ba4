// Name-list tables from the real example data: merges with fill-down, 序号, widths from content.
import { describe, expect, test } from 'vitest';
import { loadRecords } from '../src/data/index.js';
import { buildListTable as build, fillDown, readListSpec, type ListSpec } from '../src/kinds/list-table.js';
import { allocateTable, allocateWidths } from '../src/layout/measure/columns.js';
import { textWidth } from '../src/layout/measure/text-width.js';
import type { TableBlock, TableCell } from '../src/model/types.js';
import { PAGE, LANDSCAPE, TABLE, ptToMm } from '../src/profile/gbt9704.js';

/** The list as the layout stage leaves it: columns allocated, cell lines filled. */
const buildListTable = (...args: Parameters<typeof build>) => {
  const r = build(...args);
  return { ...r, table: allocateTable(r.table, r.orientation === 'landscape' ? LANDSCAPE.textWidthMm : PAGE.textWidthMm).table };
};
const load = (p: string) => loadRecords(p, { projectDir: process.cwd() });
const text = (c: TableCell | null) => (c ? c.paragraphs.map((p) => p.filter((r) => r.lineBreak !== 'layout').map((r) => r.text).join('')).join('\n') : null);
const charMm = ptToMm(TABLE.sizePt.list);
const pad = (2 * TABLE.cellPaddingMm) / charMm;
/** Content width of column i in grid characters, from its share. */
const contentChars = (t: TableBlock, i: number, textWidthMm: number = PAGE.textWidthMm) => (t.columns[i].share * textWidthMm) / charMm - pad;
/** Spans of the merged cells of column i: [value, rowSpan] in row order. */
const spans = (t: TableBlock, i: number) =>
  t.rows.slice(t.headerRows).flatMap((r) => (r[i] ? [[text(r[i]), r[i]!.rowSpan ?? 1] as const] : []));

describe('seed 000: 2020年度国家火炬特色产业基地复核名单', () => {
  test('序号, 省市 merged with fill-down, head row, widths', async () => {
    const data = await load('data/2020-191-bases.csv');
    const { table: t, diagnostics, orientation } = buildListTable(data.records, data.columns, { number: '序号', merge: ['省市'] });
    expect(diagnostics).toEqual([]);
    expect(orientation).toBe('portrait');
    expect(t.size).toBe('list');
    expect(t.repeatMergedOnBreak).toBe(true);
    expect(t.headerRows).toBe(1);
    expect(t.rows).toHaveLength(53);
    expect(t.rows[0].map(text)).toEqual(['序号', '账号', '基地名称', '省市']);
    expect(t.rows.every((r) => r.length === 4)).toBe(true);
    expect(t.rows.slice(1).map((r) => text(r[0]))).toEqual(Array.from({ length: 52 }, (_, i) => String(i + 1)));
    expect(spans(t, 3)).toEqual([
      ['内蒙古', 1], ['江苏', 14], ['浙江', 7], ['安徽', 2], ['山东', 11], ['河南', 1], ['湖南', 1], ['广东', 1],
      ['广西', 1], ['四川', 1], ['贵州', 2], ['云南', 5], ['甘肃', 1], ['大连', 1], ['青岛', 3],
    ]);
    // Covered cells are null: rows 3–15 under 江苏.
    expect(t.rows.slice(3, 16).every((r) => r[3] === null)).toBe(true);
    // Shares add up to 1; alignments: 序号, 账号, 省市 centred, 基地名称 left.
    expect(t.columns.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
    expect(t.columns.map((c) => c.align)).toEqual(['center', 'center', 'left', 'center']);
    expect(t.rows[1].map((c) => c?.align)).toEqual(['center', 'center', 'left', 'center']);
    // Short columns get at least their longest cell (one line); the long names wrap.
    // (each with 0.5 character of slack).
    expect(contentChars(t, 0)).toBeGreaterThanOrEqual(2.5 - 1e-9); // "序号"
    expect(contentChars(t, 1)).toBeGreaterThanOrEqual(textWidth('tjjd150616002') + 0.5 - 1e-9);
    expect(contentChars(t, 3)).toBeGreaterThanOrEqual(3.5 - 1e-9); // 内蒙古
    expect(contentChars(t, 2)).toBeLessThan(textWidth('国家火炬大连甘井子区智能化成形和加工成套设备特色产业基地'));
    expect(contentChars(t, 2)).toBeGreaterThan(15);
    console.log('seed 000 widths (grid chars):', t.columns.map((c, i) => `${c.header} ${contentChars(t, i).toFixed(2)} (${(c.share * 100).toFixed(1)}%)`).join(', '));
  });

  test('a column the data lacks is an error listing the columns it has', async () => {
    const data = await load('data/2020-191-bases.csv');
    const place = { file: 'content/2020-191-list.md', line: 4, column: 10 };
    const r = buildListTable(data.records, data.columns, { columns: ['账号', '名称', '省市'], merge: ['地区'] }, place);
    expect(r.diagnostics.map((d) => [d.severity, d.ruleId, d.message, d.file, d.line])).toEqual([
      ['error', 'list-columns', '数据中没有「名称」这一列：是否应为「基地名称」？（数据的列：「账号」、「基地名称」、「省市」）', 'content/2020-191-list.md', 4],
      ['error', 'list-merge', '数据中没有「地区」这一列（数据的列：「账号」、「基地名称」、「省市」）', 'content/2020-191-list.md', 4],
    ]);
  });
});

describe('seed 001 附件3: 创新型产业集群名单', () => {
  test('地区 merged, long names wrap, 类型 centred', async () => {
    const data = await load('data/2021-45-clusters.csv');
    const { table: t, diagnostics } = buildListTable(data.records, data.columns, { number: '序号', merge: ['地区'] });
    expect(diagnostics).toEqual([]);
    expect(t.rows).toHaveLength(110);
    const s = spans(t, 1);
    expect(s).toHaveLength(28);
    expect(s.find(([v]) => v === '江苏')).toEqual(['江苏', 12]);
    expect(s.find(([v]) => v === '广东')).toEqual(['广东', 14]);
    expect(t.columns.map((c) => c.align)).toEqual(['center', 'center', 'left', 'left', 'center']);
    expect(contentChars(t, 4)).toBeGreaterThanOrEqual(textWidth('（培育）') + 0.5 - 1e-9);
    console.log('seed 001 widths (grid chars):', t.columns.map((c, i) => `${c.header} ${contentChars(t, i).toFixed(2)}`).join(', '));
  });
});

describe('merge rules', () => {
  const recs = [
    { 省: '', 市: '', 名称: 'a' },
    { 省: '', 市: '', 名称: 'b' },
    { 省: '江苏', 市: '南京', 名称: 'c' },
    { 省: '', 市: '', 名称: 'd' },
    { 省: '', 市: '无锡', 名称: 'e' },
    { 省: '浙江', 市: '', 名称: 'f' },
    { 省: '浙江', 市: '', 名称: 'g' },
    { 省: '浙江', 市: '', 名称: 'g2' },
    { 省: '山东', 市: '', 名称: 'h' },
  ];
  test('blank cells fill down within a group; leading blanks stay single; later columns nest', () => {
    const { table: t } = buildListTable(recs, ['省', '市', '名称'], { merge: ['省', '市'] });
    expect(spans(t, 0)).toEqual([['', 1], ['', 1], ['江苏', 3], ['浙江', 3], ['山东', 1]]);
    // 市 does not cross a 省 boundary: the blank 市 under 浙江 does not continue 无锡.
    expect(spans(t, 1)).toEqual([['', 1], ['', 1], ['南京', 2], ['无锡', 1], ['', 1], ['', 1], ['', 1], ['', 1]]);
    expect(fillDown(recs, ['省']).map((r) => r.省)).toEqual(['', '', '江苏', '江苏', '江苏', '浙江', '浙江', '浙江', '山东']);
    expect(recs[3].省).toBe(''); // fillDown does not change its input
  });

  test('a merge column not shown is a warning', () => {
    const r = buildListTable(recs, ['省', '市', '名称'], { columns: ['名称'], merge: ['省'] });
    expect(r.diagnostics.map((d) => [d.severity, d.ruleId])).toEqual([['warning', 'list-merge']]);
  });
});

describe('widths', () => {
  test('text width: CJK 1, digits and lower case 0.55, capitals 0.7, other ASCII 0.5', () => {
    expect(textWidth('江苏')).toBe(2);
    expect(textWidth('（培育）')).toBe(4);
    expect(textWidth('2020')).toBeCloseTo(2.2);
    expect(textWidth('GB/T')).toBeCloseTo(2.6);
    expect(textWidth('“创新”')).toBe(4);
  });

  test('explicit widths win: characters and millimetres; headers renamed', () => {
    const recs = [{ a: '甲', b: '很长很长的一段文字'.repeat(5), c: '乙' }];
    const { table: t, diagnostics } = buildListTable(recs, ['a', 'b', 'c'], {
      columns: [{ field: 'a', header: '姓名', width: 6 }, 'b', { field: 'c', width: '30mm', align: 'right' }],
    });
    expect(diagnostics).toEqual([]);
    expect(contentChars(t, 0)).toBeCloseTo(6, 6); // explicit: no slack added
    expect((t.columns[2].share * PAGE.textWidthMm) - 2 * TABLE.cellPaddingMm).toBeCloseTo(30, 6);
    expect(t.columns.map((c) => c.header)).toEqual(['姓名', 'b', 'c']);
    expect(t.columns[2].align).toBe('right');
    const bad = buildListTable(recs, ['a', 'b', 'c'], { columns: [{ field: 'a', width: 'wide' }] });
    expect(bad.diagnostics[0].ruleId).toBe('list-columns');
  });

  test('a narrow table fills the text block; landscape gives more room', () => {
    const recs = [{ 姓名: '张三', 单位: '科技部火炬中心' }];
    const p = buildListTable(recs, ['姓名', '单位'], {});
    expect(p.table.columns.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
    const long = [{ 名称: '国家火炬大连甘井子区智能化成形和加工成套设备特色产业基地', 单位: '国家火炬大连甘井子区智能化成形和加工成套设备特色产业基地管理办公室' }];
    const port = buildListTable(long, ['名称', '单位'], { orientation: 'portrait' });
    const land = buildListTable(long, ['名称', '单位'], { orientation: 'landscape' });
    expect(land.orientation).toBe('landscape');
    expect(contentChars(land.table, 0, LANDSCAPE.textWidthMm)).toBeGreaterThan(contentChars(port.table, 0));
  });

  test('too many columns: a warning suggesting landscape', () => {
    const cols = Array.from({ length: 14 }, (_, i) => `第${i + 1}栏目名称`);
    const rec = Object.fromEntries(cols.map((c) => [c, '值']));
    const r = buildListTable([rec], cols, {});
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['list-width']);
    expect(r.diagnostics[0].message).toContain('orientation: landscape');
    expect(r.table.columns.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
  });

  test('an outlier does not take the room of a column whose every cell is long', () => {
    const a = '国家火炬特色产业基地名称十六个字'; // 16
    const recs = Array.from({ length: 20 }, (_, i) => ({ 名称: a, 单位: i === 7 ? '株洲轨道交通装备制造产业集群运行管理办公室' : '石家庄高新区管委会' }));
    const { table: t } = buildListTable(recs, ['名称', '单位'], {});
    // Water-filling alone would make both ≈15 characters and wrap all 20 names.
    expect(contentChars(t, 0)).toBeGreaterThanOrEqual(16.5 - 1e-9);
    expect(contentChars(t, 1)).toBeGreaterThanOrEqual(9.5 - 1e-9);
  });

  test('allocation: water-filling keeps short columns whole', () => {
    const { widths, fits } = allocateWidths(
      [
        { header: 2, longest: 1, unbreakable: 1 },
        { header: 2, longest: 30, unbreakable: 0 },
        { header: 2, longest: 20, unbreakable: 0 },
      ],
      30,
    );
    expect(fits).toBe(true);
    // Every one-line width carries 0.5 character of slack: 2.5 + 2 × 13.75 = 30.
    expect(widths[0]).toBeCloseTo(2.5);
    expect(widths[1]).toBeCloseTo(13.75);
    expect(widths[2]).toBeCloseTo(13.75);
  });
});

describe('spec reading', () => {
  test('front-matter shapes', () => {
    expect(readListSpec({ columns: ['a', { field: 'b', header: 'B' }], number: true, merge: 'a', orientation: 'landscape', title: 'x' }).spec).toEqual({
      columns: ['a', { field: 'b', header: 'B' }],
      number: true,
      merge: ['a'],
      orientation: 'landscape',
    });
    const bad = readListSpec({ columns: 'a', merge: [1], orientation: 'sideways', number: 3 });
    expect(bad.diagnostics.map((d) => d.ruleId)).toEqual(['list-columns', 'list-number', 'list-merge', 'list-orientation']);
  });

  test('number: true is 序号; the 5th argument overrides orientation', () => {
    const r = buildListTable([{ a: 'x' }], ['a'], { number: true, orientation: 'portrait' }, undefined, 'landscape');
    expect(text(r.table.rows[0][0])).toBe('序号');
    expect(r.orientation).toBe('landscape');
  });

  test('numbering replaces a 序号 column of the data; an empty list is a warning', () => {
    const r = buildListTable([{ 序号: '9', 名称: '甲' }], ['序号', '名称'], { number: '序号' });
    expect(r.table.rows.map((row) => row.map(text))).toEqual([['序号', '名称'], ['1', '甲']]);
    const e = buildListTable([], ['名称'], { number: true });
    expect(e.diagnostics.map((d) => [d.severity, d.ruleId])).toEqual([['warning', 'list-empty']]);
    expect(e.table.rows).toHaveLength(1);
  });

  test('a cell with line breaks becomes several paragraphs', () => {
    const r = buildListTable([{ a: '第一行\n第二行' }], ['a'], {});
    expect(r.table.rows[1][0]!.paragraphs).toEqual([[{ text: '第一行' }], [{ text: '第二行' }]]);
  });
});

test('10,000 rows build quickly (measured, not asserted)', async () => {
  const data = await load('data/2021-45-clusters.csv');
  const filled = fillDown(data.records, ['地区']);
  const big: Record<string, string>[] = [];
  for (let i = 0; i < 10_000; i++) {
    const r = { ...filled[i % filled.length] };
    // Keep 地区 groups contiguous and realistic: a new group every ~40 rows.
    r.地区 = i % 40 === 0 ? `地区${Math.floor(i / 40)}` : '';
    big.push(r);
  }
  const times: number[] = [];
  let result!: ReturnType<typeof buildListTable>;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    result = buildListTable(big, data.columns, { number: '序号', merge: ['地区'] });
    times.push(performance.now() - t0);
  }
  const { table, diagnostics } = result;
  const ms = Math.min(...times);
  expect(diagnostics).toEqual([]);
  expect(table.rows).toHaveLength(10_001);
  console.log(`buildListTable: 10,000 rows × 5 columns: first ${times[0].toFixed(1)} ms, best of 3 ${ms.toFixed(1)} ms`);
});
