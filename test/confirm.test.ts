// A print checks itself against the layout it was made with (layout/confirm.ts), without
// Chromium: the positions a print would report, made from the grid's own facts, agree; moved
// by a page or a few points anywhere that matters, they do not.
import { describe, expect, it } from 'vitest';
import { disagreement, gridFacts, applyFacts, headingMarkName, MARKS, rowMarkName, sectionMarkName, type Position } from '../src/layout/index.js';
import { mmToPt, PAGE } from '../src/profile/gbt9704.js';
import type { Block, DocumentModel, ImprintBlock, Section, TableBlock, TableCell } from '../src/model/types.js';

const para = (text: string): Block => ({ type: 'paragraph', runs: [{ text }] });
const lines = (n: number): Block => para('文'.repeat(26 + 28 * (n - 1)));
const section = (blocks: Block[], over: Partial<Section> = {}): Section => ({ orientation: 'portrait', pageNumbers: true, part: 'body', blocks, ...over });
const doc = (sections: Section[], imprint?: ImprintBlock): DocumentModel => ({ meta: { title: 't', lang: 'zh-CN' }, sections, imprint, appendPdfs: [] });
const IMPRINT: ImprintBlock = { cc: '各有关单位。', printer: '某某办公室', printed: '2020年11月9日' };
const H = mmToPt(PAGE.heightMm);
const FOOT = mmToPt(PAGE.topMm + PAGE.textHeightMm);
const cell = (text: string, rowSpan?: number): TableCell => ({ paragraphs: [[{ text }]], ...(rowSpan ? { rowSpan } : {}) });

/** A list of `n` rows, 省市 merged in runs of 12, cut where pages start. */
function list(n: number): TableBlock {
  const rows: (TableCell | null)[][] = [[cell('序号'), cell('名称'), cell('省市')]];
  for (let i = 0; i < n; i++) rows.push([cell(String(i + 1)), cell(`基地${i + 1}`), i % 12 === 0 ? cell('湖北', Math.min(12, n - i)) : null]);
  return { type: 'table', rows, headerRows: 1, repeatMergedOnBreak: true, columns: [0.15, 0.6, 0.25] } as unknown as TableBlock;
}

/** What a print of the laid-out model reports when it comes out exactly as laid out. */
function asLaidOut(model: DocumentModel): { model: DocumentModel; facts: ReturnType<typeof gridFacts>; positions: Position[] } {
  const facts = gridFacts(model);
  const laid = applyFacts(model, facts);
  const positions: Position[] = [];
  const at = (name: string, page: number, top = 100) => positions.push({ name, page, top, pageHeight: H });
  facts.physical.sections.forEach((p, i) => at(sectionMarkName(i), facts.blankBefore.includes(i) ? p - 1 : p));
  for (const [id, p] of Object.entries(facts.physical.headings)) at(headingMarkName(id), p);
  let t = 0;
  for (const s of laid.sections) {
    for (const b of s.blocks) {
      if (b.type !== 'table') continue;
      const starts = facts.tablePageStarts[t] ?? [];
      let page = facts.physical.tables[t];
      for (let r = b.headerRows; r < b.rows.length; r++) {
        if (starts.includes(r)) page++;
        at(rowMarkName(t, r), page);
      }
      t++;
    }
  }
  at(MARKS.contentEnd, facts.contentPages, 300);
  if (facts.imprint) at(MARKS.imprintEnd, facts.imprint.placement === 'same-page' ? facts.contentPages : facts.pages, FOOT);
  return { model: laid, facts, positions };
}

describe('layout/confirm: a print agrees with its layout, or says where not', () => {
  const cases: [string, DocumentModel][] = [
    ['a one-page notice', doc([section([lines(5)])])],
    ['a notice with its 版记 on the same page', doc([section([lines(22), lines(4)])], IMPRINT)],
    ['a one-page notice with its 版记 on the next page', doc([section([lines(8)])], IMPRINT)],
    ['a notice with its 版记 on an even page of its own', doc([section([lines(20)])], IMPRINT)],
    ['a notice with a merged list annex', doc([section([lines(10)]), section([list(120)], { part: 'annex' })], IMPRINT)],
    ['a plan: cover, contents, body on a right-hand page', doc([section([para('封面')], { part: 'cover', pageNumbers: false }), section([{ type: 'toc', title: '目录', depth: 2 } as Block], { part: 'toc', pageNumbers: false }), section([{ type: 'heading', level: 1, number: '一、', runs: [{ text: '总体要求' }], id: 'h-1', sequence: 0 } as Block, lines(40)])])],
  ];
  for (const [name, model] of cases) {
    it(`${name}: as laid out, nothing to say`, () => {
      const { model: laid, facts, positions } = asLaidOut(model);
      expect(disagreement(laid, facts, { positions, pages: facts.pages })).toBeUndefined();
    });
    it(`${name}: a page more, any marker a page later, or a page starting a row early is caught`, () => {
      const { model: laid, facts, positions } = asLaidOut(model);
      expect(disagreement(laid, facts, { positions, pages: facts.pages + 1 })).toMatch(/pages printed/);
      for (const [k, p] of positions.entries()) {
        if (p.name.startsWith('r:')) continue;
        const moved = positions.map((q, j) => (j === k ? { ...q, page: q.page + 1 } : q));
        expect(disagreement(laid, facts, { positions: moved, pages: facts.pages }), `${p.name} a page later`).toBeDefined();
      }
      // The first row of a page printed on the page before: pages start a row later than laid out.
      const rows = positions.filter((q) => q.name.startsWith('r:'));
      const start = rows.findIndex((q, j) => j > 0 && q.page !== rows[j - 1].page);
      if (start > 0) {
        const moved = positions.map((q) => (q === rows[start] ? { ...q, page: q.page - 1 } : q));
        expect(disagreement(laid, facts, { positions: moved, pages: facts.pages })).toMatch(/starts pages at rows/);
      }
    });
  }

  it('a 版记 that should end at the foot of its page but ends higher is caught', () => {
    // Content ending early on page 2 (even, with room): the 版记 shares it.
    const { model: laid, facts, positions } = asLaidOut(doc([section([lines(22), lines(4)])], IMPRINT));
    expect(facts.imprint?.placement).toBe('same-page');
    const higher = positions.map((p) => (p.name === MARKS.imprintEnd ? { ...p, top: FOOT - 20 } : p));
    expect(disagreement(laid, facts, { positions: higher, pages: facts.pages })).toMatch(/版记/);
  });

  it('counts placeholder pages of appended PDFs', () => {
    const { model: laid, facts, positions } = asLaidOut(doc([section([lines(5)])]));
    expect(disagreement(laid, facts, { positions, pages: facts.pages + 2, appendedPages: 2 })).toBeUndefined();
    expect(disagreement(laid, facts, { positions, pages: facts.pages + 2 })).toMatch(/pages printed/);
  });
});
