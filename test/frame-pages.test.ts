// Positioned pages of every example in content/ (layout/frame): nothing outside its box, body
// type exactly 3号, the pages and heading pages the paginator's facts say, no page with only a
// number or a border, each paragraph's text given back by its glyphs in order. Fast: a font
// book double (test/helpers/font-book.ts), no poppler.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFile } from '../src/pipeline/compile.js';
import { bookMetrics, layoutDocument, layoutPages, prepareLayout, type LaidOut } from '../src/layout/index.js';
import type { PagedDocument, StructureNode, TextItem } from '../src/layout/frame/types.js';
import type { Block, DocumentModel, HeadingBlock, ParagraphBlock } from '../src/model/types.js';
import { LANDSCAPE, PAGE, mmToPt } from '../src/profile/gbt9704.js';
import { fakeBook } from './helpers/font-book.js';
import type { FontBook } from '../src/fonts/book-types.js';
import { loadFontBook } from '../src/fonts/book.js';

const ROOT = join(import.meta.dirname, '..');
const FILES = readdirSync(join(ROOT, 'content')).filter((f) => f.endsWith('.md'));
// GONGWEN_FRAME_BOOK=real: the project's font book (src/fonts/book.ts: the free substitutes'
// real advances) instead of the double; slower (the faces are read), the same assertions.
let book: FontBook = fakeBook();

interface Case {
  model: DocumentModel;
  laid: LaidOut;
  doc: PagedDocument;
}
const cases = new Map<string, Case>();

beforeAll(async () => {
  if (process.env.GONGWEN_FRAME_BOOK === 'real') book = await loadFontBook(ROOT);
  for (const f of FILES) {
    const r = await compileFile(join(ROOT, 'content', f), { projectDir: ROOT });
    if (!r.model) throw new Error(`${f}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    const laid = layoutDocument(prepareLayout(r.model, book), { metrics: bookMetrics(book) });
    cases.set(f, { model: r.model, laid, doc: layoutPages(laid.model, book) });
  }
}, 120_000);

const nodes = (n: StructureNode, out = new Map<number, StructureNode>()): Map<number, StructureNode> => {
  out.set(n.id, n);
  n.children.forEach((c) => nodes(c, out));
  return out;
};

/** Glyph boxes of a run: advance box, em box around the baseline (0.88 up, 0.12 down). */
function glyphBoxes(t: TextItem): { x1: number; y1: number; x2: number; y2: number }[] {
  return t.glyphs.map((g) => {
    if (t.rotation === 90) return { x1: t.x - 0.12 * t.sizePt, y1: t.y + g.x, x2: t.x + 0.88 * t.sizePt, y2: t.y + g.x + g.advance };
    return { x1: t.x + g.x, y1: t.y - 0.88 * t.sizePt, x2: t.x + g.x + g.advance, y2: t.y + 0.12 * t.sizePt };
  });
}

describe.each(FILES)('%s', (f) => {
  const get = () => cases.get(f)!;

  it('has the pages the paginator counted, each heading on the page its facts say', () => {
    const { doc, laid, model } = get();
    expect(doc.pages.length).toBe(laid.facts.pages);
    const flat: { page: number }[] = [];
    const walk = (es: PagedDocument['outline']) => es.forEach((e) => (flat.push(e), walk(e.children)));
    walk(doc.outline);
    const headings = model.sections.flatMap((s) => s.blocks.filter((b): b is HeadingBlock => b.type === 'heading'));
    expect(flat.length).toBe(headings.length);
    headings.forEach((h, i) => expect(flat[i].page + 1, h.id).toBe(laid.facts.physical.headings[h.id]));
  });

  it('puts every item inside its box: the text block, or the page-number band', () => {
    const { doc } = get();
    const byId = nodes(doc.structure);
    const tol = 0.01;
    // A CJK glyph's advance box on the grid: its 16 pt advance from a 15.79 pt slot (the grid's
    // letter-spacing is negative at 3号), so the 28th character's box ends 0.21 pt past 156 mm,
    // as Chromium drew it; the glyph's ink stays inside.
    const gridOver = 0.25;
    doc.pages.forEach((p, i) => {
      const left = mmToPt(p.landscape ? LANDSCAPE.leftMm : PAGE.leftMm);
      const top = mmToPt(p.landscape ? LANDSCAPE.topMm : PAGE.topMm);
      const right = left + mmToPt(p.landscape ? LANDSCAPE.textWidthMm : PAGE.textWidthMm);
      const bottom = top + mmToPt(p.landscape ? LANDSCAPE.textHeightMm : PAGE.textHeightMm);
      for (const it of p.items) {
        const where = `page ${i + 1} ${it.kind}`;
        if (it.kind === 'text') {
          const number = byId.get(it.tag!)?.element === '页码';
          for (const b of glyphBoxes(it)) {
            if (number) {
              // The page-number band: below the text block (portrait), left of it (landscape), on the paper.
              if (p.landscape) {
                expect(b.x2, where).toBeLessThanOrEqual(left + tol);
                expect(b.x1, where).toBeGreaterThanOrEqual(0);
                expect(b.y1).toBeGreaterThanOrEqual(top - tol);
                expect(b.y2).toBeLessThanOrEqual(bottom + tol);
              } else {
                expect(b.y1, where).toBeGreaterThanOrEqual(bottom - tol);
                expect(b.y2, where).toBeLessThanOrEqual(p.heightPt);
                expect(b.x1, where).toBeGreaterThanOrEqual(left - tol);
                expect(b.x2, where).toBeLessThanOrEqual(right + tol);
              }
              continue;
            }
            expect(b.x1, `${where} ${it.glyphs.map((g) => g.text).join('')}`).toBeGreaterThanOrEqual(left - tol);
            expect(b.x2, `${where} ${it.glyphs.map((g) => g.text).join('')}`).toBeLessThanOrEqual(right + gridOver);
            expect(b.y1, `${where} ${it.glyphs.map((g) => g.text).join('')}`).toBeGreaterThanOrEqual(top - tol);
            expect(b.y2, `${where} ${it.glyphs.map((g) => g.text).join('')}`).toBeLessThanOrEqual(bottom + tol);
          }
        } else if (it.kind === 'line') {
          // A rule's stroke may reach half its width past the block's edge (a table's outer border).
          const h = it.widthPt / 2 + tol;
          for (const [x, y] of [
            [it.x1, it.y1],
            [it.x2, it.y2],
          ]) {
            expect(x, where).toBeGreaterThanOrEqual(left - h);
            expect(x, where).toBeLessThanOrEqual(right + h);
            expect(y, where).toBeGreaterThanOrEqual(top - h);
            expect(y, where).toBeLessThanOrEqual(bottom + h);
          }
        } else if (it.kind === 'path') {
          const [a, b, c, d, e, f] = it.transform;
          for (const op of it.ops) {
            if (op.op === 'Z') continue;
            const x = a * op.x + c * op.y + e;
            const y = b * op.x + d * op.y + f;
            expect(x, where).toBeGreaterThanOrEqual(left - tol);
            expect(x, where).toBeLessThanOrEqual(right + tol);
            expect(y, where).toBeGreaterThanOrEqual(top - tol);
            expect(y, where).toBeLessThanOrEqual(bottom + tol);
          }
        } else if (it.kind === 'image' || it.kind === 'link' || it.kind === 'rect') {
          expect(it.x, where).toBeGreaterThanOrEqual(left - tol);
          expect(it.x + it.w, where).toBeLessThanOrEqual(right + tol);
          expect(it.y, where).toBeGreaterThanOrEqual(top - tol);
          expect(it.y + it.h, where).toBeLessThanOrEqual(bottom + tol);
        }
      }
    });
  });

  it('reports no line wider than its box', () => {
    expect(get().doc.overflows).toBeUndefined();
  });

  it('sets body text in exactly 3号 (16 pt)', () => {
    const { doc } = get();
    const byId = nodes(doc.structure);
    let n = 0;
    for (const p of doc.pages)
      for (const it of p.items) {
        if (it.kind !== 'text' || it.tag === undefined) continue;
        const node = byId.get(it.tag)!;
        if (node.element !== '正文') continue;
        expect(it.sizePt).toBe(16);
        n++;
      }
    const hasBody = get().model.sections.some((s) => s.blocks.some((b) => b.type === 'paragraph' || b.type === 'heading'));
    if (hasBody) expect(n).toBeGreaterThan(0);
  });

  it('has no page that holds only a number or a border; every page with text carries its number unless unnumbered', () => {
    const { doc } = get();
    const byId = nodes(doc.structure);
    doc.pages.forEach((p, i) => {
      if (p.blank) {
        expect(p.items, `page ${i + 1}`).toEqual([]);
        return;
      }
      const content = p.items.filter((it) => it.kind === 'text' && byId.get(it.tag!)?.element !== '页码' && byId.get(it.tag!)?.role !== 'Artifact');
      expect(content.length + (p.attached ? 1 : 0), `page ${i + 1} holds no text`).toBeGreaterThan(0);
    });
  });

  it("gives back each paragraph's and heading's text from its glyphs, in order", () => {
    const { doc, laid } = get();
    const byNode = new Map<number, string[]>();
    for (const p of doc.pages)
      for (const it of p.items) {
        if (it.kind !== 'text' || it.tag === undefined) continue;
        let a = byNode.get(it.tag);
        if (!a) byNode.set(it.tag, (a = []));
        for (const g of it.glyphs) a.push(g.text);
      }
    const texts: string[] = [];
    const walk = (n: StructureNode) => {
      if ((n.role === 'P' || /^H\d$/.test(n.role)) && n.element === '正文') texts.push((byNode.get(n.id) ?? []).join(''));
      n.children.forEach(walk);
    };
    walk(doc.structure);
    const source = laid.model.sections
      .flatMap((s) => s.blocks)
      .filter((b): b is HeadingBlock | ParagraphBlock => b.type === 'heading' || b.type === 'paragraph')
      .map((b: Block) => {
        const h = b as HeadingBlock | ParagraphBlock;
        const prefix = h.type === 'heading' ? h.number : (h.number ?? h.bullet ?? '');
        return (prefix + h.runs.map((r) => r.text).join('')).replace(/\n/g, '');
      });
    expect(texts).toEqual(source);
  });

  it('tags every drawn item with a node of the structure; page numbers and rules are artifacts', () => {
    const { doc } = get();
    const byId = nodes(doc.structure);
    for (const p of doc.pages)
      for (const it of p.items) {
        if (it.kind === 'link') continue;
        expect(it.tag, it.kind).toBeDefined();
        const node = byId.get(it.tag!)!;
        expect(node).toBeDefined();
        if (it.kind === 'line') expect(node.role).toBe('Artifact');
        if (it.kind === 'text' && node.element === '页码') expect(node.role).toBe('Artifact');
      }
    // Table cells hang under rows under their table.
    for (const n of byId.values()) {
      if (n.role === 'TR') expect(n.children.every((c) => c.role === 'TH' || c.role === 'TD')).toBe(true);
      if (n.role === 'Table') expect(n.children.every((c) => c.role === 'TR')).toBe(true);
    }
  });
});

describe('the notice 2020-191 as GB/T 9704 elements', () => {
  it('names its elements on the structure nodes (the OFD writer makes them CustomTags)', () => {
    const { doc } = cases.get('2020-191.md')!;
    const elements = new Set([...nodes(doc.structure).values()].map((n) => n.element).filter(Boolean));
    for (const e of ['发文机关标志', '发文字号', '版头分隔线', '标题', '主送机关', '正文', '附件说明', '发文机关署名', '成文日期', '附注', '附件', '抄送机关', '印发机关', '印发日期', '页码'])
      expect(elements, e).toContain(e);
    expect(doc.info.title).toBe('关于开展2020年国家火炬特色产业基地复核工作的通知');
    expect(doc.outline.map((o) => o.title)).toEqual(['一、复核材料内容', '二、复核材料报送']);
    // "一、复核材料内容" heads page 2, on its first line.
    expect(doc.outline[0]).toMatchObject({ page: 1, level: 1, y: mmToPt(PAGE.topMm) });
  });
});
