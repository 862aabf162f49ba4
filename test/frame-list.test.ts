// Name lists as positioned pages: a 10,000-row list (test/fixtures/big-list.ts, 省市 merged in
// runs of 1 to 30) and a landscape one with long names: the pages the paginator counted, the
// head and at least one body row on every page, each page closed by the border under its last
// row, each merged 省市 shown again where its rows continue, landscape numbers turned into the
// binding margin. The layout time is logged (no timing assertion).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFile } from '../src/pipeline/compile.js';
import { bookMetrics, layoutDocument, layoutPages, prepareLayout } from '../src/layout/index.js';
import type { PagedDocument, TextItem } from '../src/layout/frame/types.js';
import { LANDSCAPE, mmToPt } from '../src/profile/gbt9704.js';
import { writeList } from './fixtures/big-list.js';
import { fakeBook } from './helpers/font-book.js';

let dir: string;
const book = fakeBook();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongwen-frame-list-'));
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'content'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function listPages(rows: number, o: { long?: boolean; landscape?: boolean } = {}): Promise<{ doc: PagedDocument; pages: number; ms: number }> {
  const file = writeList(dir, `list-${rows}${o.long ? '-long' : ''}`, { rows, title: `名单（${rows}行）`, someLong: !o.long, ...o });
  const { model } = await compileFile(file, { projectDir: dir });
  if (!model) throw new Error('does not compile');
  const laid = layoutDocument(prepareLayout(model), { metrics: bookMetrics(book) });
  const t = performance.now();
  const doc = layoutPages(laid.model, book);
  const ms = performance.now() - t;
  console.log(`layoutPages: ${rows} rows${o.landscape ? ' (landscape)' : ''}, ${doc.pages.length} pages in ${ms.toFixed(0)} ms`);
  return { doc, pages: laid.facts.pages, ms };
}

const words = (d: PagedDocument, i: number) => d.pages[i].items.filter((it): it is TextItem => it.kind === 'text').map((t) => t.glyphs.map((g) => g.text).join(''));

describe('name lists', () => {
  it('lays out 10,000 rows: the head on every page, a row and the closing border on every page', async () => {
    const { doc, pages } = await listPages(10_000);
    expect(doc.pages.length).toBe(pages);
    for (let i = 0; i < doc.pages.length; i++) {
      const w = words(doc, i);
      const head = i === 0 ? w.slice(1, 5) : w.slice(0, 4);
      expect(head, `page ${i + 1}`).toEqual(['序号', '账号', '基地名称', '省市']);
      expect(w.length).toBeGreaterThan(8);
      // Every page starts with a 省市 value (merges cut at page starts show again).
      const rules = doc.pages[i].items.filter((it) => it.kind === 'line');
      expect(rules.length).toBeGreaterThan(4);
      expect(doc.pages[i].number).toBe(String(i + 1));
    }
  }, 60_000);

  it('never leaves a page with only a border and a number (lists of 100 to 130 rows built on their own)', async () => {
    for (let rows = 100; rows <= 130; rows += 3) {
      const { doc, pages } = await listPages(rows);
      expect(doc.pages.length).toBe(pages);
      doc.pages.forEach((p, i) => {
        const w = words(doc, i);
        // The head, at least one body row (序号 and 账号 cells), and the number.
        expect(w.length, `${rows} rows, page ${i + 1}`).toBeGreaterThanOrEqual(4 + 3 + 1);
        expect(w.some((t) => /^tjjd/.test(t)), `${rows} rows, page ${i + 1}`).toBe(true);
      });
    }
  }, 60_000);

  it('turns the number of a landscape page into the binding margin, odd pages at the foot end', async () => {
    const { doc, pages } = await listPages(300, { long: true, landscape: true });
    expect(doc.pages.length).toBe(pages);
    doc.pages.forEach((p, i) => {
      expect(p.landscape).toBe(true);
      const number = p.items.filter((it): it is TextItem => it.kind === 'text' && it.rotation === 90);
      expect(number).toHaveLength(1);
      const n = number[0];
      expect(n.glyphs.map((g) => g.text).join('')).toBe(`— ${i + 1} —`);
      expect(n.x + 0.88 * n.sizePt).toBeLessThanOrEqual(mmToPt(LANDSCAPE.leftMm));
      const mid = mmToPt(LANDSCAPE.topMm + LANDSCAPE.textHeightMm / 2);
      if (i % 2 === 0) expect(n.y).toBeGreaterThan(mid);
      else expect(n.y).toBeLessThan(mid);
    });
  }, 60_000);
});
