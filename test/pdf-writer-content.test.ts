// The PDF writer on a real notice: content/2020-191.md compiled, laid out by layoutPages with the
// real font book (the substitute fonts and whatever the machine has), written, and read back with
// poppler, qpdf and PDFBox Preflight; then every example in content/, written and checked.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontBook } from '../src/fonts/book.js';
import type { PagedDocument, StructureNode, TextItem } from '../src/layout/frame/types.js';
import { bookMetrics, layoutDocument, layoutPages, prepareLayout } from '../src/layout/index.js';
import type { HeadingBlock, ParagraphBlock } from '../src/model/types.js';
import { compileFile } from '../src/pipeline/compile.js';
import { writePdf } from '../src/write/pdf/index.js';
import { pdffonts, pdfinfo, preflight, preflightMissing, qpdfCheck, run, save, words } from './helpers/pdf-tools.js';

const ROOT = join(import.meta.dirname, '..');
const missing = preflightMissing();
let doc: PagedDocument;
let texts: string[];
let file: string;
let bytes: Uint8Array;
let book: Awaited<ReturnType<typeof loadFontBook>>;

beforeAll(async () => {
  book = await loadFontBook(ROOT);
  const r = await compileFile(join(ROOT, 'content', '2020-191.md'), { projectDir: ROOT });
  if (!r.model) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  const laid = layoutDocument(prepareLayout(r.model), { metrics: bookMetrics(book) });
  doc = layoutPages(laid.model, book);
  texts = laid.model.sections
    .flatMap((s) => s.blocks)
    .filter((b): b is HeadingBlock | ParagraphBlock => b.type === 'heading' || b.type === 'paragraph')
    .map((h) => ((h.type === 'heading' ? h.number : (h.number ?? h.bullet ?? '')) + h.runs.map((x) => x.text).join('')).replace(/\n/g, ''));
  bytes = await writePdf(doc, book);
  file = save(bytes, '2020-191');
}, 120_000);

describe('content/2020-191.md written as PDF', () => {
  it('gives back every paragraph and heading exactly, with no space between ideographs', () => {
    const text = run('pdftotext', [file, '-']);
    // poppler gives an ideographic space (U+3000, "联系人：孙翔宇　陈思澍") back as a space: the only
    // spaces between ideographs are those the source has.
    const cjk = '[\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef]';
    const source = texts.join('\n');
    for (const m of text.matchAll(new RegExp(`${cjk} +${cjk}`, 'g'))) expect(source, m[0]).toContain(m[0].replace(/ +/, '\u3000'));
    // Each paragraph, read in drawing order (-raw): the default mode also turns a gap wider than
    // 0.1 em into a space, and the layout leaves 2.1 pt after a 14.1 pt wide "—" in its 16 pt cell
    // ("2021— 2023").
    const joined = run('pdftotext', ['-raw', file, '-']).replace(/[\n\f]/g, '');
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) expect(joined).toContain(t.replace(/\u3000/g, ' '));
  });

  it('draws every word where a run of the layout starts, on its baseline', () => {
    const got = words(file);
    const runs = doc.pages.map((p) => p.items.filter((i): i is TextItem => i.kind === 'text' && !i.rotation));
    let checked = 0;
    for (const w of got) {
      // poppler starts a word where the gap before a glyph is wide (a run's start, a space, a
      // justified gap): whichever, a glyph of a run on that baseline starts there.
      const hit = runs[w.page].find((r) =>
        r.glyphs.some((g) => Math.abs(r.x + g.x - w.xMin) < 0.1) &&
        Math.abs(r.y - (book.face(r.face).descender / book.face(r.face).unitsPerEm) * r.sizePt - w.yMax) < 0.1,
      );
      expect(hit, `"${w.text}" at ${w.xMin}, ${w.yMax} on page ${w.page + 1}`).toBeDefined();
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('embeds subsets with ToUnicode only; is tagged; has the layout pages and sizes; passes qpdf', () => {
    for (const f of pdffonts(file)) expect([f.emb, f.sub, f.uni], f.name).toEqual(['yes', 'yes', 'yes']);
    const info = pdfinfo(file, ['-f', '1', '-l', String(doc.pages.length)]);
    expect(info.Tagged).toBe('yes');
    expect(Number(info.Pages)).toBe(doc.pages.length);
    doc.pages.forEach((p, i) => {
      const [w, h] = info[`Page ${String(i + 1).padStart(4)} size`].split(' x ').map(parseFloat);
      expect(Math.abs(w - p.widthPt)).toBeLessThan(0.001);
      expect(Math.abs(h - p.heightPt)).toBeLessThan(0.001);
    });
    expect(qpdfCheck(file).status).toBe(0);
  });

  it('writes the same bytes again', async () => {
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(await writePdf(doc, book)))).toBe(0);
  });

  it.skipIf(missing)(`passes PDFBox Preflight as PDF/A-1b${missing ? ` (skipped: ${missing})` : ''}`, async () => {
    const r = preflight(save(await writePdf(doc, book, { standard: 'a-1b' }), '2020-191-a1b'));
    expect(r.output).toContain('is a valid PDF/A-1b file');
  }, 120_000);
});

// Every example: written, clean, subsets with ToUnicode, tagged; as PDF/A-1b either valid for
// Preflight or refused with the reason (a seal's alpha, a character no font has).
const EXAMPLES = readdirSync(join(ROOT, 'content')).filter((f) => f.endsWith('.md'));
describe.each(EXAMPLES)('example %s', (f) => {
  it('is written clean, and as PDF/A-1b is valid or refused with its reason', async () => {
    const r = await compileFile(join(ROOT, 'content', f), { projectDir: ROOT });
    if (!r.model) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    const laid = layoutDocument(prepareLayout(r.model), { metrics: bookMetrics(book) });
    const paged = layoutPages(laid.model, book);
    const out = save(await writePdf(paged, book), f);
    expect(qpdfCheck(out).status).toBe(0);
    for (const x of pdffonts(out)) expect([x.emb, x.sub, x.uni], x.name).toEqual(['yes', 'yes', 'yes']);
    expect(pdfinfo(out).Tagged).toBe('yes');
    // The structure tree holds each node of the layout's structure that has content (artifacts
    // left out), role for role, and a Link element for each link.
    const tagged = new Set(paged.pages.flatMap((p) => p.items.flatMap((i) => (i.kind !== 'link' && i.tag !== undefined ? [i.tag] : []))));
    const want = new Map<string, number>();
    const walk = (n: StructureNode): boolean => {
      if (n.role === 'Artifact') return false;
      const filled = n.children.map(walk).some(Boolean) || tagged.has(n.id);
      if (filled) want.set(n.role, (want.get(n.role) ?? 0) + 1);
      return filled;
    };
    walk(paged.structure);
    const links = paged.pages.reduce((n, p) => n + p.items.filter((i) => i.kind === 'link').length, 0);
    if (links) want.set('Link', links);
    const got = new Map<string, number>();
    for (const l of run('pdfinfo', ['-struct', out]).split('\n')) {
      const role = /^\s*([A-Za-z]\w*)/.exec(l)?.[1];
      // "Object 12 0": a Link element's annotation, not an element.
      if (role && role !== 'Object') got.set(role, (got.get(role) ?? 0) + 1);
    }
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    let a1: Uint8Array | undefined;
    try {
      a1 = await writePdf(paged, book, { standard: 'a-1b' });
    } catch (e) {
      expect((e as Error).message).toMatch(/^PDF\/A-1b cannot draw (transparency: page \d+, item \d+ is a PNG image with an alpha channel|a character no font has: ".+" \(U\+[0-9A-F]{4,}\))/);
    }
    if (a1 && !missing) expect(preflight(save(a1, `${f}-a1b`)).output).toContain('is a valid PDF/A-1b file');
  }, 120_000);
});
