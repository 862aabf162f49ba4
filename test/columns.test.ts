// The one column allocator and the cell line filler (layout/measure/columns.ts,
// layout/lines/cell.ts), without Chromium: the 109-row cluster list of issue 9, words kept
// whole, figures right-aligned, and the fill repeatable.
import { describe, expect, test } from 'vitest';
import { loadRecords } from '../src/data/index.js';
import { buildListTable } from '../src/kinds/list-table.js';
import { allocateTable, isFigure } from '../src/layout/measure/columns.js';
import { breakCell } from '../src/layout/lines/cell.js';
import { textWidth } from '../src/layout/measure/text-width.js';
import { fillColumnWidths } from '../src/layout/measure/index.js';
import type { DocumentModel, TableBlock, TableCell } from '../src/model/types.js';
import { PAGE, TABLE, ptToMm } from '../src/profile/gbt9704.js';

const linesOf = (c: TableCell) => c.paragraphs.flatMap((p) => p.map((r) => r.text).join('').split('\n'));

describe('cell lines', () => {
  test.each([
    ['上海市浦东新区科委', 8, ['上海市浦东新区', '科委']],
    ['上海市浦东新区科委', 6, ['上海市', '浦东新区科委']],
    ['武汉东湖新技术开发区管委会', 11, ['武汉东湖新技术开发区', '管委会']],
    ['中关村移动互联网产业集群', 10, ['中关村移动互联网', '产业集群']],
    ['国家火炬鄂尔多斯汽车及关键零部件特色产业基地', 14, ['国家火炬鄂尔多斯汽车及关键', '零部件特色产业基地']],
    ['tjjd150616002', 20, ['tjjd150616002']],
  ])('%s in %d characters', (text, width, lines) => {
    expect(breakCell(text, width)).toEqual(lines);
  });

  test('no line of one or two characters when the text is longer', () => {
    for (const t of ['太原不锈钢产业园区管委会', '中关村科技园区海淀园管委会', '株洲轨道交通装备制造产业集群', '天津滨海高新区管委会']) {
      // From six characters, the narrowest a name column gets (narrower, a word of two is a line).
      for (let w = 6; w <= textWidth(t); w += 0.5) {
        const lines = breakCell(t, w);
        expect(lines.join('')).toBe(t);
        if (lines.length > 1) for (const l of lines) expect(textWidth(l), `${t} @${w}: ${lines.join(' / ')}`).toBeGreaterThan(2);
      }
    }
  });
});

describe('the 109-row cluster list, portrait', async () => {
  const data = await loadRecords('data/2021-45-clusters.csv', { projectDir: process.cwd() });
  const built = buildListTable(data.records, data.columns, { number: '序号', columns: ['地区', '集群名称', '建设单位', '类型'], merge: ['地区'] }, undefined, 'portrait');
  const { table } = allocateTable(built.table, PAGE.textWidthMm);

  test('no cell line of one or two characters cut from a longer value; 科委 whole', () => {
    const cut: string[] = [];
    for (const row of table.rows.slice(1))
      for (const c of row) {
        if (!c) continue;
        const lines = linesOf(c);
        if (lines.length > 1) cut.push(...lines.filter((l) => textWidth(l) <= 2));
      }
    expect(cut).toEqual([]);
    const pudong = table.rows.flat().find((c) => c && linesOf(c).join('') === '上海市浦东新区科委')!;
    expect(linesOf(pudong).some((l) => l === '委' || l.endsWith('科'))).toBe(false);
  });

  test('the table is as short as any split of the two long columns makes it', () => {
    const heights = table.rows.slice(1).map((row) => Math.max(...row.map((c) => (c && (c.rowSpan ?? 1) === 1 ? linesOf(c).length : 1))));
    const total = heights.reduce((a, b) => a + b, 0);
    console.log(`cluster list, portrait: ${total} row lines for ${heights.length} rows; shares ${table.columns.map((c) => (c.share * 100).toFixed(1)).join(' ')}`);
    // Every split of the room of 集群名称 + 建设单位, half a character apart, cut at words.
    const charMm = ptToMm(TABLE.sizePt.list);
    const content = (k: number) => (table.columns[k].share * PAGE.textWidthMm) / charMm - (2 * TABLE.cellPaddingMm) / charMm;
    const room = content(2) + content(3);
    const names = built.table.rows.slice(1).map((r) => linesOf(r[2]!).join(''));
    const units = built.table.rows.slice(1).map((r) => linesOf(r[3]!).join(''));
    let best = Infinity;
    for (let a = 4; a <= room - 4; a += 0.5) {
      let t = 0;
      for (let r = 0; r < names.length; r++) t += Math.max(breakCell(names[r], a - 0.5).length, breakCell(units[r], room - a - 0.5).length);
      best = Math.min(best, t);
    }
    expect(total).toBeLessThanOrEqual(best);
  });

  test('the fill is repeatable: a second pass gives the same table', () => {
    expect(allocateTable(table, PAGE.textWidthMm).table).toEqual(table);
  });
});

describe('pipe tables', () => {
  const cell = (text: string): TableCell => ({ paragraphs: [[{ text }]] });
  const t: TableBlock = {
    type: 'table',
    columns: [{ share: 0.25 }, { share: 0.25 }, { share: 0.25 }, { share: 0.25 }],
    headerRows: 1,
    rows: [
      [cell('序号'), cell('地区'), cell('总产值（亿元）'), cell('占比')],
      [cell('1'), cell('北京'), cell('1,234.5'), cell('12.5%')],
      [cell('2'), cell('上海'), cell('98.7'), cell('3%')],
    ],
    size: 'body',
  };
  const model: DocumentModel = { meta: { title: 't', lang: 'zh-CN' }, appendPdfs: [], sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks: [t] }] };

  test('figures right-aligned, a 序号 column and text not; widths from content', () => {
    const out = fillColumnWidths(model).sections[0].blocks[0] as TableBlock;
    expect(out.columns.map((c) => c.align)).toEqual([undefined, undefined, 'right', 'right']);
    expect(out.rows[1].map((c) => c!.align)).toEqual([undefined, undefined, 'right', 'right']);
    expect(out.rows[0].map((c) => c!.align)).toEqual([undefined, undefined, undefined, undefined]);
    expect(out.columns.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
    expect(out.columns[2].share).toBeGreaterThan(out.columns[1].share);
  });

  test.each([
    ['1,234.5', true], ['12.5%', true], ['3万元', true], ['-2', true], ['98.7', true],
    ['010-88656275', false], ['13812345678', false], ['tjjd150616002', false], ['2021—2023', false], ['第1批', false],
  ])('isFigure(%s) = %s', (text, yes) => {
    expect(isFigure(text)).toBe(yes);
  });
});
