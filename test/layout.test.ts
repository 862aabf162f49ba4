// The layout stage on its own: line breaking on the grid, the paginator's pages, the 版记
// rule, tables on pages, merged cells cut at page starts, blank and unnumbered pages.
import { describe, expect, it } from 'vitest';
import { breakGridLines } from '../src/layout/lines/grid-lines.js';
import { gridFacts, layoutDocument, placeImprint, imprintHeightPt } from '../src/layout/index.js';
import { rowHeights } from '../src/layout/tables/rows.js';
import { distribute } from '../src/layout/flow/distribute.js';
import { LINE_PT, TEXT_HEIGHT_PT, TEXT_WIDTH_PT } from '../src/layout/measure/metrics.js';
import type { Block, DocumentModel, ImprintBlock, Section, TableBlock, TableCell } from '../src/model/types.js';

const para = (text: string): Block => ({ type: 'paragraph', runs: [{ text }] });
/** A paragraph of exactly n grid lines (first line indented two characters). */
const lines = (n: number): Block => para('文'.repeat(26 + 28 * (n - 1)));
const section = (blocks: Block[], over: Partial<Section> = {}): Section => ({ orientation: 'portrait', pageNumbers: true, part: 'body', blocks, ...over });
const doc = (sections: Section[], imprint?: ImprintBlock): DocumentModel => ({ meta: { title: 't', lang: 'zh-CN' }, sections, imprint, appendPdfs: [] });
const IMPRINT: ImprintBlock = { type: 'imprint', cc: '各有关单位。', printer: '某某办公室', printed: '2020年11月9日' };

describe('layout/lines: body text on the 28-character grid', () => {
  it('fills 28 characters a line, 26 after the first-line indent', () => {
    expect(breakGridLines('文'.repeat(26), 28, 2)).toHaveLength(1);
    expect(breakGridLines('文'.repeat(27), 28, 2)).toEqual(['文'.repeat(26), '文']);
    expect(breakGridLines('文'.repeat(56), 28)).toHaveLength(2);
  });
  it('never starts a line with closing punctuation: the character before goes down with it', () => {
    for (const p of '。，、；：？！）》”') {
      const l = breakGridLines('文'.repeat(28) + p + '文', 28);
      expect(l[0]).toBe('文'.repeat(27));
      expect(l[1].startsWith('文' + p)).toBe(true);
    }
  });
  it('never ends a line with opening punctuation', () => {
    for (const p of '（《“') {
      const l = breakGridLines('文'.repeat(27) + p + '文文', 28);
      expect(l[0]).toBe('文'.repeat(27));
      expect(l[1]).toBe(p + '文文');
    }
  });
  it('keeps a Latin word or a number whole, half a character a letter', () => {
    expect(breakGridLines('文'.repeat(27) + '2021年', 28)).toEqual(['文'.repeat(27), '2021年']);
    expect(breakGridLines('文'.repeat(26) + '2021年', 28)).toEqual(['文'.repeat(26) + '2021', '年']);
  });
});

describe('layout/flow: the 22-line page', () => {
  it('holds 22 body lines on every full page (no widow or orphan rule)', () => {
    for (let n = 1; n <= 70; n++) {
      const f = gridFacts(doc([section(Array.from({ length: n }, () => lines(1)))]));
      expect(f.contentPages).toBe(Math.ceil(n / 22));
    }
    // One paragraph of 23 lines: 22 on page 1, its last line alone on page 2.
    expect(gridFacts(doc([section([lines(23)])])).contentPages).toBe(2);
    expect(gridFacts(doc([section([lines(22)])])).contentPages).toBe(1);
  });
  it('keeps a heading with the first line after it', () => {
    const h: Block = { type: 'heading', level: 1, number: '一、', runs: [{ text: '总体要求' }], id: 'h-1', sequence: 0 };
    const f = gridFacts(doc([section([lines(21), h, lines(2)])]));
    expect(f.headingPages['h-1']).toBe(2);
    expect(gridFacts(doc([section([lines(20), h, lines(2)])])).headingPages['h-1']).toBe(1);
  });
  it('never leaves the 署名 and 日期 (with 附件说明, 附注) on a page without body text: the last body line goes with them (§7.3.5.3)', () => {
    const sig: Block = { type: 'signature', names: ['科技部火炬中心'], date: '2020年11月6日' };
    const att: Block = { type: 'attachmentNote', items: ['名单'] };
    const note: Block = { type: 'note', text: '（此件主动公开）' };
    for (let n = 1; n <= 44; n++) {
      const flow = distribute(doc([section([lines(n), lines(1), att, sig, note])]));
      const [, last, a, g, x] = flow.blockPages[0];
      expect({ a, g, x }, `body of ${n} + 1 lines`).toEqual({ a: last, g: last, x: last });
    }
    // The group fits after 16 lines (附件说明 and 署名 each with a blank line above, 附注: 6 lines); not after 17.
    expect(distribute(doc([section([lines(16), att, sig, note])])).blockPages[0]).toEqual([1, 1, 1, 1]);
    expect(distribute(doc([section([lines(17), att, sig, note])])).blockPages[0]).toEqual([1, 2, 2, 2]);
  });

  it('starts every annex on a new page', () => {
    const annex = section([{ type: 'annexLabel', text: '附件' }, { type: 'title', lines: ['名单'], variant: 'annex' }, lines(1)], { part: 'annex' });
    const f = layoutDocument(doc([section([lines(3)]), annex]));
    expect(f.facts.contentPages).toBe(2);
  });
});

describe('layout/pages: the 版记 at the foot of an even page (§7.4.1)', () => {
  const imprintLines = Math.ceil(imprintHeightPt(IMPRINT) / LINE_PT - 1e-9);
  it(`for content ending on each line of pages 1 to 4 (版记 of ${imprintLines} lines)`, () => {
    for (let n = 1; n <= 88; n++) {
      const f = gridFacts(doc([section([lines(n)])], IMPRINT));
      const page = Math.ceil(n / 22);
      const line = n - 22 * (page - 1);
      const im = f.imprint!;
      expect(im.page % 2, `content of ${n} lines`).toBe(0);
      if (page % 2 === 1) expect(im).toMatchObject({ placement: 'next-page', page: page + 1 });
      else if (22 - line >= imprintLines) expect(im).toMatchObject({ placement: 'same-page', page });
      else expect(im).toMatchObject({ placement: 'after-blank', page: page + 2 });
      expect(f.pages).toBe(im.page);
    }
  });
  it('puts a landscape last page’s 版记 on a page of its own', () => {
    expect(placeImprint({ lastPage: 2, freePt: 300, imprintPt: 60, portrait: false }).placement).toBe('after-blank');
    expect(placeImprint({ lastPage: 3, freePt: 300, imprintPt: 60, portrait: true }, ).placement).toBe('next-page');
    expect(placeImprint({ lastPage: 2, freePt: 300, imprintPt: 60, portrait: true, pagesBetween: 1 }).placement).toBe('after-blank');
  });
});

const cell = (text: string, extra: Partial<TableCell> = {}): TableCell => ({ paragraphs: [[{ text }]], ...extra });
function list(n: number, merged?: { from: number; span: number; text: string }): TableBlock {
  const rows: (TableCell | null)[][] = [[cell('序号'), cell('地区'), cell('名称')]];
  for (let r = 1; r <= n; r++) {
    let region: TableCell | null = cell('');
    if (merged && r >= merged.from && r < merged.from + merged.span) region = r === merged.from ? cell(merged.text, { rowSpan: merged.span }) : null;
    rows.push([cell(String(r)), region, cell('某某产业集群')]);
  }
  return { type: 'table', columns: [{ share: 0.2 }, { share: 0.3 }, { share: 0.5 }], headerRows: 1, rows, size: 'list', repeatMergedOnBreak: true };
}

describe('layout/tables: rows on pages', () => {
  const rowPt = rowHeights(list(1), TEXT_WIDTH_PT)[1];
  const perPage = Math.floor((TEXT_HEIGHT_PT + 0.5) / rowPt) - 1; // head + rows

  it('a table ending flush with the foot takes no page more; one row more starts a page under the head', () => {
    expect(gridFacts(doc([section([list(perPage)])])).contentPages).toBe(1);
    const more = gridFacts(doc([section([list(perPage + 1)])]));
    expect(more.contentPages).toBe(2);
    expect(more.tablePageStarts[0]).toEqual([perPage + 1]);
  });
  it('a table ending flush with the foot, with a 版记: the 版记 goes to the next even page', () => {
    const f = gridFacts(doc([section([list(perPage)])], IMPRINT));
    expect(f.imprint).toMatchObject({ placement: 'next-page', page: 2 });
    const two = gridFacts(doc([section([lines(22), list(perPage)])], IMPRINT));
    expect(two.imprint).toMatchObject({ placement: 'after-blank', page: 4 });
  });
  it('grows a row whose cell text wraps', () => {
    const t = list(1);
    t.rows[1][2] = cell('某'.repeat(60));
    const h = rowHeights(t, TEXT_WIDTH_PT);
    expect(h[1]).toBeGreaterThan(2 * h[0] - 10);
  });
  it('cuts a merged run at a page start and shows its value again', () => {
    const t = list(perPage + 5, { from: perPage - 2, span: 6, text: '湖北' });
    const { model, facts } = layoutDocument(doc([section([t])]));
    expect(facts.tablePageStarts[0]).toEqual([perPage + 1]);
    const out = model.sections[0].blocks[0] as TableBlock;
    expect(out.rows[perPage - 2][1]).toMatchObject({ rowSpan: 3, paragraphs: [[{ text: '湖北' }]] });
    expect(out.rows[perPage + 1][1]).toMatchObject({ rowSpan: 3, paragraphs: [[{ text: '湖北' }]] });
  });
});

describe('layout/pages: numbers and blank pages', () => {
  const cover = section([{ type: 'cover', title: ['规划'] }], { part: 'cover', pageNumbers: false });
  const heading = (id: string): Block => ({ type: 'heading', level: 1, number: '一、', runs: [{ text: '总体' }], id, sequence: 0 });
  const toc = () => section([{ type: 'toc', title: '目录', depth: 1 }], { part: 'toc', pageNumbers: false });
  const body = (headings: number) => section(Array.from({ length: headings }, (_, i) => [heading(`h-${i}`), lines(1)]).flat());

  it('puts the body after cover and one contents page on page 3 (a right-hand page), "— 1 —"', () => {
    const { model, facts } = layoutDocument(doc([cover, toc(), body(5)]));
    expect(facts.blankBefore).toEqual([]);
    expect(facts.headingPages['h-0']).toBe(1);
    expect((model.sections[1].blocks[0] as { pages?: Record<string, number> }).pages?.['h-0']).toBe(1);
  });
  it('adds a blank unnumbered page when the contents take two pages', () => {
    // 25 entries: the title, its gap and 25 lines do not fit one page.
    const { model, facts } = layoutDocument(doc([cover, toc(), body(25)]));
    expect(facts.blankBefore).toEqual([2]);
    expect(model.sections[2].blankPageBefore).toBe(true);
    expect(facts.headingPages['h-0']).toBe(1);
    expect(facts.headingPages['h-24']).toBe(3);
  });
});
