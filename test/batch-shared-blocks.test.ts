// A batch's documents share their tables by identity (pipeline/blocks-by-content.ts), and the layout
// stage answers a shared table once: its columns, keeps, row heights and merges cut at page
// starts (util/identity-memo.ts), its drawing on the pages (layout/frame/drawn-blocks.ts), its
// runs' and rules' PDF operators (write/pdf/content.ts). Each memo must give what the work it
// saves gives: the pages, the structure tree and the PDF of a document whose table was drawn
// before equal those of the same document laid out afresh.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileFile } from '../src/pipeline/compile.js';
import { BlocksByContent } from '../src/pipeline/blocks-by-content.js';
import { layoutDocument, prepareLayout } from '../src/layout/index.js';
import { bookMetrics, layoutPages } from '../src/layout/frame/index.js';
import { loadFontBook } from '../src/fonts/book.js';
import { writePdf } from '../src/write/pdf/index.js';
import { StreamMemo } from '../src/write/pdf/stream-memo.js';
import type { DocumentModel, TableBlock } from '../src/model/types.js';
import type { PagedDocument } from '../src/layout/frame/types.js';
import { memoByIdentity, SHARED_TABLE_MAX_ROWS } from '../src/util/identity-memo.js';

const ROOT = join(import.meta.dirname, '..');

const tablesOf = (m: DocumentModel): TableBlock[] => m.sections.flatMap((s) => s.blocks.filter((b): b is TableBlock => b.type === 'table'));

async function notice(): Promise<DocumentModel> {
  const c = await compileFile(join(ROOT, 'content/2020-191.md'), { projectDir: ROOT });
  expect(c.model).toBeDefined();
  return c.model!;
}

/** Pages as plain data: every item with its glyphs, the structure tree, the outline. */
function plain(doc: PagedDocument): string {
  return JSON.stringify({ pages: doc.pages, structure: doc.structure, outline: doc.outline, faces: Object.keys(doc.faces), overflows: doc.overflows }, (k, v) => (v && typeof v === 'object' && typeof v.gid === 'function' ? [...v] : v));
}

describe('memoByIdentity', () => {
  it('answers an object it has seen with the same arguments once, and anything else anew', () => {
    let calls = 0;
    const f = memoByIdentity((o: { n: number }, k: number) => ({ v: o.n * k, call: ++calls }), (o) => o.n < 100);
    const a = { n: 2 };
    expect(f(a, 3)).toBe(f(a, 3));
    expect(f(a, 4).v).toBe(8);
    expect(f({ n: 2 }, 3)).not.toBe(f(a, 3)); // another object of the same content: its own answer
    const big = { n: 100 };
    expect(f(big, 1)).not.toBe(f(big, 1)); // not kept
    expect(calls).toBe(5);
  });
});

describe('BlocksByContent', () => {
  it('hands two documents the same table object for the same content, and leaves others alone', async () => {
    const shared = new BlocksByContent();
    const [a, b] = [shared.share(await notice()), shared.share(await notice())];
    const [ta, tb] = [tablesOf(a), tablesOf(b)];
    expect(ta.length).toBeGreaterThan(0);
    ta.forEach((t, i) => expect(tb[i]).toBe(t));
    // Another content is another table.
    const other = await notice();
    const t0 = tablesOf(other)[0];
    const changed: DocumentModel = { ...other, sections: other.sections.map((s) => ({ ...s, blocks: s.blocks.map((x) => (x === t0 ? { ...t0, rows: t0.rows.slice(0, 5) } : x)) })) };
    expect(tablesOf(shared.share(changed))[0]).not.toBe(ta[0]);
    // A long list is built once: not kept.
    const long: TableBlock = { ...t0, rows: Array.from({ length: SHARED_TABLE_MAX_ROWS + 1 }, (_, i) => t0.rows[1 + (i % (t0.rows.length - 1))]) };
    const withLong = (m: DocumentModel): DocumentModel => ({ ...m, sections: m.sections.map((s) => ({ ...s, blocks: s.blocks.map((x) => (x.type === 'table' ? long : x)) })) });
    const l1 = tablesOf(shared.share(withLong(await notice())))[0];
    const copy = JSON.parse(JSON.stringify(long)) as TableBlock;
    expect(tablesOf(shared.share({ ...other, sections: other.sections.map((s) => ({ ...s, blocks: s.blocks.map((x) => (x.type === 'table' ? copy : x)) })) }))[0]).not.toBe(l1);
  });

  it('lays out and draws a shared table as a fresh layout does: the same pages, structure and PDF', async () => {
    const book = await loadFontBook(ROOT);
    const metrics = bookMetrics(book);
    const pages = (m: DocumentModel): PagedDocument => layoutPages(layoutDocument(prepareLayout(m, book), { metrics }).model, book, { reuse: true });
    const shared = new BlocksByContent();
    const first = pages(shared.share(await notice())); // draws the list and keeps the drawing
    const again = pages(shared.share(await notice())); // puts it back
    const fresh = pages(await notice()); // tables of its own: drawn anew
    // The list's page holds the very items drawn for the first document (put back, not drawn).
    const last = first.pages.length - 2; // the list's last page (the 版记 follows on its own)
    const firstItems = new Set(first.pages.flatMap((p) => p.items));
    expect(again.pages[last].items.every((it) => firstItems.has(it))).toBe(true);
    // A fresh layout draws its own (only its page number, kept by number and side, is shared).
    expect(fresh.pages[last].items.filter((it) => firstItems.has(it)).length).toBeLessThanOrEqual(1);
    expect(plain(again)).toBe(plain(fresh));
    // As a batch writes them (a StreamMemo: operators kept by item, pages kept whole), and as a single build does.
    const streams = new StreamMemo();
    const [pa, pf] = [await writePdf(again, book, { streams }), await writePdf(fresh, book)];
    expect(Buffer.compare(Buffer.from(pa), Buffer.from(pf))).toBe(0);
    // Written a second time from the same pages (every page kept), the same bytes again.
    expect(Buffer.compare(Buffer.from(await writePdf(again, book, { streams })), Buffer.from(pa))).toBe(0);
  });
});
