// The estimates the grid paginator takes from the fonts: Latin widths on the grid and in table
// cells, the slack a line has, a chain of headings kept with the first line after them, and the
// widths read from the font book (bookMetrics) that the PDF's faces draw with.
import { describe, expect, it } from 'vitest';
import { loadFontBook } from '../src/fonts/book.js';
import { bookMetrics } from '../src/layout/frame/index.js';
import { gridFacts } from '../src/layout/index.js';
import { distribute } from '../src/layout/flow/distribute.js';
import { breakGridLines, gridLineCount } from '../src/layout/lines/grid-lines.js';
import { gridWidth, gridWidthIn } from '../src/layout/measure/text-width.js';
import { LINE_PT, TEXT_WIDTH_PT } from '../src/layout/measure/metrics.js';
import { rowHeights } from '../src/layout/tables/rows.js';
import type { Block, DocumentModel, Section, TableBlock } from '../src/model/types.js';

const ROOT = new URL('..', import.meta.url).pathname;
/** Noto Serif SC 300's advances (the 仿宋 substitute), in ems. */
const NOTO = { '0': 0.549, '1': 0.472, '2': 0.551, '5': 0.551, '%': 0.914, '.': 0.325, ' ': 0.258 };
const para = (text: string): Block => ({ type: 'paragraph', runs: [{ text }] });
const heading = (id: string, level: 1 | 2, text: string): Block => ({ type: 'heading', id, level, number: level === 1 ? '一、' : '（一）', runs: [{ text }], sequence: 0 });
const section = (blocks: Block[]): Section => ({ orientation: 'portrait', pageNumbers: true, part: 'body', blocks });
const doc = (blocks: Block[]): DocumentModel => ({ meta: { title: 't', lang: 'zh-CN' }, sections: [section(blocks)], appendPdfs: [] });
/** A paragraph of exactly n grid lines. */
const lines = (n: number): Block => para('文'.repeat(26 + 28 * (n - 1)));

describe('gridWidthIn: Latin text as wide as the font draws it', () => {
  it('is the nominal half character without metrics', () => {
    expect(gridWidthIn(undefined)('2020年')).toBe(gridWidth('2020年'));
    expect(gridWidthIn({})('2020年')).toBe(3);
  });
  it('adds the grid letter-spacing to a character of e ems: a Noto digit is 0.543 of a grid character', () => {
    const w = gridWidthIn(NOTO);
    expect(w('0')).toBeCloseTo(0.543, 3);
    expect(w('%')).toBeCloseTo(0.913, 3);
    expect(w('文')).toBe(1);
    expect(w('“')).toBe(1);
    // A character the table has not: the nominal half.
    expect(w('x')).toBe(0.5);
  });
  it('is in ems in a table cell (no letter-spacing)', () => {
    expect(gridWidthIn(NOTO, 12, 12)('1. ')).toBeCloseTo(1.055, 3);
  });
});

describe('breakGridLines with a font\'s Latin widths', () => {
  it('breaks after a number when what follows it no longer fits ("2020" / "年", as the plan broke when Chromium printed it)', () => {
    const text = '文'.repeat(25) + '2020年';
    expect(breakGridLines(text, 28)).toHaveLength(1);
    expect(breakGridLines(text, 28, 0, gridWidthIn(NOTO))).toEqual(['文'.repeat(25) + '2020', '年']);
  });
  it('keeps a line that overshoots by less than the slack (28.02: Chromium kept such a line, measured when it printed the PDF)', () => {
    const text = '文'.repeat(26) + '10' + '。';
    const w = gridWidthIn(NOTO);
    expect(w(text)).toBeGreaterThan(28);
    expect(w(text)).toBeLessThan(28.05);
    expect(gridLineCount(text, 28, 0, w)).toBe(1);
    expect(gridLineCount(text + '文', 28, 0, w)).toBe(2);
  });
  it('counts a paragraph of figures a line longer than on the nominal widths', () => {
    const text = '到2025年，集群营业收入突破600亿元，年均增长15%以上；集群企业总数达到260家，其中高新技术企业达到170家，营业收入超过10亿元的企业达到15家；企业研发经费支出占营业收入比重达到7.5%，万人拥有有效发明专利数达到200项。';
    expect(gridLineCount(text, 28, 2)).toBeLessThanOrEqual(gridLineCount(text, 28, 2, gridWidthIn(NOTO)));
  });
});

describe('a heading kept with a heading kept with the first line after them', () => {
  it('moves both headings to the next page when only they and no line of text would fit', () => {
    // 19 lines, then 一、 and （一）: the first line of the text would be the 22nd... fits;
    // after 20 lines it would be the 23rd: both headings go over.
    for (const [before, page] of [[19, 1], [20, 2]] as const) {
      const flow = distribute(doc([lines(before), heading('a', 1, '标题'), heading('b', 2, '标题'), lines(3)]));
      expect(flow.headingPages.get('a'), `${before} lines before`).toBe(page);
      expect(flow.headingPages.get('b'), `${before} lines before`).toBe(page);
    }
  });
  it('takes the metrics through gridFacts: a page more when figures take a line more', () => {
    const text = '文'.repeat(23) + '2020年' + '文'.repeat(28 * 20);
    const m = doc([para(text), para('文')]);
    expect(gridFacts(m).pages).toBe(1);
    expect(gridFacts(m, 0, { fangsong: NOTO }).pages).toBe(2);
  });
});

describe('rowHeights with the table fonts\' Latin widths', () => {
  it('keeps "1. " and 15 characters on one line of a 16.4-character cell', () => {
    const cell = (text: string) => ({ paragraphs: [[{ text }]] });
    const t: TableBlock = {
      type: 'table', headerRows: 0, size: 'small',
      // (0.459 × 442.2 − 2 mm padding − border) / 12 pt: 16.4 characters of 小四.
      columns: [{ share: 0.541 }, { share: 0.459 }],
      rows: [[cell('名称'), cell('1. ' + '文'.repeat(15))]],
    };
    const [nominal] = rowHeights(t, TEXT_WIDTH_PT);
    const [measured] = rowHeights(t, TEXT_WIDTH_PT, { fangsong: NOTO });
    expect(measured).toBeLessThan(nominal);
    expect(nominal - measured).toBeCloseTo(15, 0); // one line of 12 pt × 1.25
  });
});

describe('bookMetrics: the advances of the font book\'s faces', () => {
  it('reads the substitutes\' digits and % (Noto Serif SC for 仿宋), once per book', async () => {
    const book = await loadFontBook(ROOT, { systemFonts: false });
    const w = bookMetrics(book);
    if (!/Noto Serif SC/.test(book.describe().find((r) => r.role === 'fangsong')!.faces[0].name)) return; // a project font plays 仿宋 here
    expect(w.fangsong?.['0']).toBeCloseTo(0.549, 2);
    expect(w.fangsong?.['%']).toBeCloseTo(0.914, 2);
    // Every printable ASCII character read up front; CJK left to the grid (no width).
    expect(Object.keys(w.heiti ?? {}).length).toBeGreaterThanOrEqual(95);
    expect(w.fangsong?.['文']).toBeUndefined();
    expect(bookMetrics(book)).toBe(w);
    // The paginator takes them as it took the old fonts' table: figures a little wider than half.
    expect(gridWidthIn(w.fangsong)('2020')).toBeGreaterThan(2);
  });
});

// LINE_PT is what the paginator counts in; a sanity check that the page is the profile's.
it('has 22 lines of LINE_PT on the page', () => expect(LINE_PT * 22).toBeCloseTo(637.8, 1));
