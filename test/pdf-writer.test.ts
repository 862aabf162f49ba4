// The PDF writer, read back as a reader would: text, glyph positions, fonts, tags, pages,
// structure, reproducibility, PDF/A (Preflight), attached PDFs. The documents are hand-made
// positioned pages drawn with real faces (LXGW WenKai, DejaVu Sans) embedded whole.
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { PagedDocument, RasterImage, StructureNode, TextItem } from '../src/layout/frame/types.js';
import { writePdf } from '../src/write/pdf/index.js';
import { A4, DEJAVU, fontSource, loadFace, page, paged, run, setGlyphText, WENKAI } from './helpers/paged-doc.js';
import { pdffonts, pdfinfo, preflight, preflightMissing, qpdfCheck, run as tool, save, words } from './helpers/pdf-tools.js';

const wk = loadFace('wenkai', WENKAI);
const dv = loadFace('dejavu', DEJAVU);
const fonts = fontSource([wk, dv]);

const PARAGRAPHS = [
  '各区县人民政府，市政府各部门：',
  '现将《塅石村产业集群实施意见》印发给你们，请贯彻执行。',
  '附件：2020年度重点项目清单（第3批）',
];

function png(width: number, height: number, px: (x: number, y: number) => [number, number, number, number]): RasterImage {
  const p = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = px(x, y);
      p.data.set([r, g, b, a], (y * width + x) * 4);
    }
  const bytes = new Uint8Array(PNG.sync.write(p));
  return { format: 'png', bytes, widthPx: width, heightPx: height, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const grayImage = png(8, 8, (x, y) => ((x + y) % 2 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
const alphaImage = png(4, 4, (x) => [230, 0, 18, x * 60]);

/** A two-page notice: a title, justified paragraphs, the red rule, a figure, a link, a landscape page. */
function notice(): PagedDocument {
  const structure: StructureNode = {
    id: 0,
    role: 'Document',
    children: [
      { id: 1, role: 'H1', element: '标题', children: [] },
      ...PARAGRAPHS.map((_, i) => ({ id: 10 + i, role: 'P' as const, element: '正文' as const, children: [] })),
      { id: 20, role: 'Figure', alt: '示意图', children: [] },
      { id: 30, role: 'Artifact', element: '版头分隔线', children: [] },
      { id: 31, role: 'Artifact', element: '页码', children: [] },
      { id: 40, role: 'Table', children: [{ id: 41, role: 'TR', children: [{ id: 42, role: 'TD', children: [] }] }] },
    ],
  };
  const first = page([
    { kind: 'line', x1: 79.37, y1: 130, x2: 515.91, y2: 130, widthPt: 1, color: 'E60012', tag: 30 },
    run(wk, '关于印发塅石村实施意见的通知', 120, 180, 22, { tag: 1 }),
    ...PARAGRAPHS.map((p, i) => run(wk, p, 79.37, 240 + i * 28.9, 16, { tag: 10 + i, extra: i === 1 ? 0.15 : 0 })),
    run(dv, 'GB/T 9704-2012', 79.37, 340, 16, { tag: 12 }),
    { kind: 'image', x: 100, y: 400, w: 80, h: 80, image: grayImage, tag: 20 },
    { kind: 'rect', x: 300, y: 400, w: 50, h: 20, fill: '000000', tag: 30 },
    { kind: 'line', x1: 79.37, y1: 500, x2: 515.91, y2: 500, widthPt: 0.5, color: '000000', dash: [1, 2], tag: 30 },
    { kind: 'link', x: 79.37, y: 326, w: 120, h: 18, uri: 'https://openstd.samr.gov.cn/' },
    run(wk, '— 1 —', 447, 790, 14, { tag: 31 }),
  ]);
  const landscape = page(
    [
      { kind: 'line', x1: 60, y1: 100, x2: 780, y2: 100, widthPt: 0.75, color: '000000', tag: 40 },
      run(wk, '序号名称单位', 60, 120, 16, { tag: 42 }),
      run(wk, '2', 30, 300, 14, { tag: 31, rotation: 90 }),
    ],
    { widthPt: A4.heightPt, heightPt: A4.widthPt, landscape: true, number: '2' },
  );
  return paged([first, landscape], [wk, dv], structure, {
    outline: [{ title: '关于印发塅石村实施意见的通知', page: 0, y: 160, level: 1, children: [{ title: '附件', page: 1, y: 90, level: 2, children: [] }] }],
    info: { title: '关于印发塅石村实施意见的通知', author: '某某市人民政府', subject: '某政发〔2020〕1号', keywords: ['产业集群', '实施意见'], date: '2020-12-31', lang: 'zh-CN' },
  });
}

let cached: Promise<{ bytes: Uint8Array; file: string }> | undefined;
const written = (): Promise<{ bytes: Uint8Array; file: string }> =>
  (cached ??= writePdf(notice(), fonts).then((bytes) => ({ bytes, file: save(bytes, 'notice') })));

describe('the PDF a reader gets back', () => {
  it('gives back each paragraph exactly, rare characters included, no spaces between ideographs', async () => {
    const { file } = await written();
    const lines = tool('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'])
      .split('\n')
      .map((l) => l.trim());
    for (const p of PARAGRAPHS) expect(lines).toContain(p);
    expect(lines).toContain('关于印发塅石村实施意见的通知');
    expect(lines).toContain('GB/T 9704-2012');
  }, 60_000);

  it('puts every run where the item says (within 0.1 pt)', async () => {
    const doc = notice();
    const { file } = await written();
    const got = words(file);
    for (const [p, pg] of doc.pages.entries()) {
      for (const item of pg.items) {
        if (item.kind !== 'text' || item.rotation) continue;
        const first = item.glyphs.at(0)!;
        const last = item.glyphs.at(-1)!;
        const text = item.glyphs.map((g) => g.text).join('');
        // pdftotext cuts Latin runs at spaces: take the word that starts the run.
        const w = got.find((x) => x.page === p && Math.abs(x.xMin - (item.x + first.x)) < 0.1 && text.startsWith(x.text));
        expect(w, `${text} on page ${p + 1}`).toBeDefined();
        if (w!.text === text.replace(/ /g, '')) expect(Math.abs(w!.xMax - (item.x + last.x + last.advance))).toBeLessThan(0.1);
        const face = doc.faces[item.face];
        // poppler's box runs from the baseline up by the ascent and down by the descent.
        expect(Math.abs(w!.yMax - (item.y - (face.descender / face.unitsPerEm) * item.sizePt))).toBeLessThan(0.1);
      }
    }
  }, 60_000);

  it('places each glyph of a widely spaced run, one word per glyph', async () => {
    const item = run(wk, '公文格式', 100, 200, 16, { extra: 9.37, tag: 1 });
    const bytes = await writePdf(paged([page([item])], [wk], { id: 0, role: 'Document', children: [{ id: 1, role: 'P', children: [] }] }), fonts);
    const got = words(save(bytes, 'spaced'));
    expect(got.map((w) => w.text)).toEqual(['公', '文', '格', '式']);
    got.forEach((w, i) => {
      expect(Math.abs(w.xMin - (item.x + item.glyphs.x(i)))).toBeLessThan(0.1);
      expect(Math.abs(w.xMax - (item.x + item.glyphs.x(i) + item.glyphs.advance(i)))).toBeLessThan(0.1);
    });
  }, 60_000);

  it('turns a landscape page number a quarter, reading down the page', async () => {
    const { file } = await written();
    const two = words(file).filter((w) => w.page === 1 && w.text === '2');
    expect(two).toHaveLength(1);
    // Turned clockwise about its origin (30, 300): it runs down from y = 300 by its advance, its
    // top towards the page's inside (right of x = 30) and its foot towards the edge.
    const item = notice().pages[1].items[2] as TextItem;
    const asc = (wk.info.ascender / wk.info.unitsPerEm) * 14;
    const desc = (wk.info.descender / wk.info.unitsPerEm) * 14;
    expect(Math.abs(two[0].yMin - 300)).toBeLessThan(0.1);
    expect(Math.abs(two[0].yMax - (300 + item.glyphs.advance(0)))).toBeLessThan(0.1);
    expect(Math.abs(two[0].xMin - (30 + desc))).toBeLessThan(0.1);
    expect(Math.abs(two[0].xMax - (30 + asc))).toBeLessThan(0.1);
  }, 60_000);

  it('embeds only subsets with ToUnicode', async () => {
    const { file } = await written();
    const list = pdffonts(file);
    expect(list).toHaveLength(2);
    for (const f of list) {
      expect(f.type).toBe('CID TrueType');
      expect([f.emb, f.sub, f.uni]).toEqual(['yes', 'yes', 'yes']);
      expect(f.name).toMatch(/^[A-Z]{6}\+/);
    }
  }, 60_000);

  it('is tagged, with the page sizes, the metadata and the bookmarks the document gives', async () => {
    const { file } = await written();
    const info = pdfinfo(file, ['-f', '1', '-l', '2']);
    expect(info.Tagged).toBe('yes');
    expect(info['Page    1 size']).toMatch(/^595\.28 x 841\.89 pts/);
    expect(info['Page    2 size']).toMatch(/^841\.89 x 595\.28 pts/);
    expect(info.Title).toBe('关于印发塅石村实施意见的通知');
    expect(info.Author).toBe('某某市人民政府');
    expect(info.Subject).toBe('某政发〔2020〕1号');
    expect(info.Producer).toBe('gongwen');
    expect(info.CreationDate).toBe('Thu Dec 31 12:00:00 2020 UTC');
    const outline = tool('pdfinfo', ['-dests', file]);
    expect(outline).toBeTruthy();
    const json = JSON.parse(tool('qpdf', ['--json', '--json-key=outlines', file])) as { outlines: { title: string; destpageposfrom1: number; kids: { title: string; destpageposfrom1: number }[] }[] };
    expect(json.outlines.map((o) => [o.title, o.destpageposfrom1])).toEqual([['关于印发塅石村实施意见的通知', 1]]);
    expect(json.outlines[0].kids.map((o) => [o.title, o.destpageposfrom1])).toEqual([['附件', 2]]);
  }, 60_000);

  it('has a structure tree with the headings, paragraphs, table and figure, artifacts left out', async () => {
    const { file } = await written();
    const struct = tool('pdfinfo', ['-struct-text', file]);
    expect(struct).toMatch(/H1[\s\S]*关于印发塅石村实施意见的通知/);
    expect(struct).toMatch(/Figure/);
    // The link's element stands in the paragraph whose text it covers.
    expect(tool('pdfinfo', ['-struct', file])).toMatch(/P[^\n]*\n\s+Link \(inline\)\n\s+Object \d+ 0\n\s+Figure/);
    expect(struct).toMatch(/Table[\s\S]*TR[\s\S]*TD[\s\S]*序号名称单位/);
    expect(struct).not.toContain('— 1 —');
    expect(struct).toContain('现将《塅石村产业集群实施意见》印发给你们，请贯彻执行。');
  }, 60_000);

  it('passes qpdf --check', async () => {
    const { file } = await written();
    const r = qpdfCheck(file);
    expect(r.output).toContain('No syntax or stream encoding errors found');
    expect(r.status).toBe(0);
  }, 60_000);

  it('writes the same bytes twice', async () => {
    const { bytes } = await written();
    const again = await writePdf(notice(), fonts);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(again))).toBe(0);
  }, 60_000);

  it('draws one image object however often the image is drawn, and a link with a URI', async () => {
    const doc = notice();
    doc.pages[1].items.push({ kind: 'image', x: 400, y: 300, w: 40, h: 40, image: grayImage, tag: 20 });
    const file = save(await writePdf(doc, fonts), 'images');
    const list = tool('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean);
    expect(list).toHaveLength(2);
    // Both draws name the same object.
    const objects = new Set(list.map((l) => l.trim().split(/\s+/).slice(10, 12).join(' ')));
    expect(objects.size).toBe(1);
    expect(list[0]).toMatch(/\bgray\b/);
    const json = JSON.parse(tool('qpdf', ['--json=1', '--json-key=objects', file])) as { objects: Record<string, { '/A'?: { '/URI': string }; '/F'?: number }> };
    const links = Object.values(json.objects).filter((o) => o && typeof o === 'object' && o['/A']);
    expect(links.map((l) => [l['/A']!['/URI'], l['/F']])).toEqual([['https://openstd.samr.gov.cn/', 4]]);
  }, 60_000);

  it('keeps an image with alpha as a soft mask, and a transparent path through a graphics state', async () => {
    const doc = paged(
      [
        page([
          { kind: 'image', x: 100, y: 100, w: 40, h: 40, image: alphaImage },
          { kind: 'path', ops: [{ op: 'M', x: 0, y: 0 }, { op: 'L', x: 10, y: 0 }, { op: 'L', x: 10, y: 10 }, { op: 'Z' }], transform: [5, 0, 0, 5, 200, 200], fill: 'E60012', fillOpacity: 0.5, fillRule: 'evenodd', stroke: '000000', strokeWidth: 0.2 },
        ]),
      ],
      [wk],
    );
    const file = save(await writePdf(doc, fonts), 'alpha');
    const list = tool('pdfimages', ['-list', file]);
    expect(list).toMatch(/\bimage\b.*\brgb\b/);
    expect(list).toMatch(/\bsmask\b/);
    expect(qpdfCheck(file).status).toBe(0);
    const content = tool('qpdf', ['--show-object=4', '--filtered-stream-data', file]);
    expect(content).toBeDefined();
  }, 60_000);
});

describe('a batch', () => {
  it('embeds one subset per face for all its documents (a GlyphUnion), each document still reading right', async () => {
    const { GlyphUnion } = await import('../src/fonts/subset.js');
    const union = new GlyphUnion();
    const one = paged([page([run(wk, '关于印发通知', 100, 100, 16, { tag: 1 })])], [wk], { id: 0, role: 'Document', children: [{ id: 1, role: 'P', children: [] }] });
    const two = paged([page([run(wk, '塅石村实施意见', 100, 100, 16, { tag: 1 })])], [wk], { id: 0, role: 'Document', children: [{ id: 1, role: 'P', children: [] }] });
    for (const d of [one, two]) for (const p of d.pages) for (const i of p.items) if (i.kind === 'text') union.add(i.face, i.glyphs.map((g) => ({ gid: g.gid })));
    const a = save(await writePdf(one, fonts, { subsets: union }), 'batch-1');
    const b = save(await writePdf(two, fonts, { subsets: union }), 'batch-2');
    expect(pdffonts(a)[0].name).toBe(pdffonts(b)[0].name);
    expect(tool('pdftotext', [a, '-']).trim()).toBe('关于印发通知');
    expect(tool('pdftotext', [b, '-']).trim()).toBe('塅石村实施意见');
  }, 60_000);
});

describe('ActualText', () => {
  it('gives back the text of a glyph that stands for two characters, and of one glyph drawn for two texts', async () => {
    const lig = run(wk, '一', 100, 100, 16, { tag: 1 });
    setGlyphText(lig, 0, '一一');
    const a = run(wk, '〇二', 100, 140, 16, { tag: 2 });
    const b = run(wk, '〇二', 100, 180, 16, { tag: 3 });
    setGlyphText(b, 0, '零');
    const doc = paged([page([lig, a, b])], [wk], { id: 0, role: 'Document', children: [1, 2, 3].map((id) => ({ id, role: 'P' as const, children: [] })) });
    const lines = tool('pdftotext', [save(await writePdf(doc, fonts), 'actual'), '-']).split('\n').filter(Boolean);
    expect(lines.slice(0, 3)).toEqual(['一一', '〇二', '零二']);
  }, 60_000);
});

describe('PDF/A', () => {
  const missing = preflightMissing();

  it.skipIf(missing)(`passes PDFBox Preflight as PDF/A-1b${missing ? ` (skipped: ${missing})` : ''}`, async () => {
    const file = save(await writePdf(notice(), fonts, { standard: 'a-1b' }), 'a1b');
    const r = preflight(file);
    expect(r.output).toContain('is a valid PDF/A-1b file');
    expect(r.valid).toBe(true);
    expect(pdfinfo(file)['PDF version']).toBe('1.4');
  }, 120_000);

  it('refuses a transparent path in PDF/A-1b, naming the item and a-2b', async () => {
    const doc = notice();
    doc.pages[1].items.push({ kind: 'path', ops: [{ op: 'M', x: 0, y: 0 }, { op: 'L', x: 1, y: 1 }], transform: [1, 0, 0, 1, 0, 0], fill: 'E60012', fillOpacity: 0.6 });
    await expect(writePdf(doc, fonts, { standard: 'a-1b' })).rejects.toThrow(/page 2, item 4 is a path with fillOpacity 0\.6.*a-2b/);
  });

  it('refuses an image with alpha in PDF/A-1b', async () => {
    const doc = notice();
    doc.pages[0].items.push({ kind: 'image', x: 0, y: 0, w: 10, h: 10, image: alphaImage });
    await expect(writePdf(doc, fonts, { standard: 'a-1b' })).rejects.toThrow(/page 1, item 12 is a PNG image with an alpha channel.*a-2b/);
  });

  it('identifies an A-2b file and carries the sRGB output intent', async () => {
    const doc = notice();
    doc.pages[0].items.push({ kind: 'image', x: 0, y: 0, w: 10, h: 10, image: alphaImage });
    const file = save(await writePdf(doc, fonts, { standard: 'a-2b' }), 'a2b');
    expect(pdfinfo(file)['PDF version']).toBe('1.7');
    const meta = tool('pdfinfo', ['-meta', file]);
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const json = JSON.parse(tool('qpdf', ['--json=1', '--json-key=objects', file])) as { objects: Record<string, Record<string, unknown>> };
    const intent = Object.values(json.objects).find((o) => o && o['/S'] === '/GTS_PDFA1');
    expect(intent?.['/OutputConditionIdentifier']).toBe('sRGB IEC61966-2.1');
    expect(qpdfCheck(file).status).toBe(0);
  }, 60_000);
});

describe('attached PDFs', () => {
  it('draws the attached page under the page number, keeping the tags and the outline', async () => {
    const { PDFDocument, StandardFonts, degrees } = await import('pdf-lib');
    const att = await PDFDocument.create();
    const font = await att.embedFont(StandardFonts.Helvetica);
    att.addPage([595.28, 841.89]).drawText('ATTACHED PAGE ONE', { x: 72, y: 700, size: 20, font });
    const turned = att.addPage([841.89, 595.28]);
    turned.setRotation(degrees(90));
    turned.drawText('ATTACHED PAGE TWO', { x: 72, y: 500, size: 20, font });
    const attFile = save(await att.save(), 'attached-source');
    const doc = notice();
    doc.pages.push(
      page([run(wk, '— 3 —', 447, 790, 14, { tag: 31 })], { attached: { path: attFile, page: 1 }, number: '3' }),
      page([run(wk, '— 4 —', 447, 790, 14, { tag: 31 })], { attached: { path: attFile, page: 2 }, number: '4' }),
    );
    const bytes = await writePdf(doc, fonts);
    const file = save(bytes, 'attached');
    expect(qpdfCheck(file).status).toBe(0);
    const text3 = tool('pdftotext', ['-f', '3', '-l', '3', file, '-']);
    expect(text3).toContain('ATTACHED PAGE ONE');
    expect(text3).toContain('— 3 —'.replace(/ /g, ''));
    const text4 = tool('pdftotext', ['-f', '4', '-l', '4', file, '-']);
    expect(text4).toContain('ATTACHED PAGE TWO');
    const one = words(file).find((w) => w.page === 2 && w.text === 'ATTACHED');
    // Same paper: drawn 1:1, where the attached file draws it (72 pt from the left, 700 pt up).
    expect(Math.abs(one!.xMin - 72)).toBeLessThan(0.1);
    expect(pdfinfo(file).Tagged).toBe('yes');
    const again = await writePdf(doc, fonts);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(again))).toBe(0);
    // The attached file's pages were not changed, only read.
    expect(inflateSync).toBeDefined();
  }, 60_000);

  it('refuses in PDF/A an attached page whose font is not embedded, and passes Preflight with one that draws only shapes', async () => {
    const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
    const att = await PDFDocument.create();
    const font = await att.embedFont(StandardFonts.Helvetica);
    att.addPage([595.28, 841.89]).drawText('NOT EMBEDDED', { x: 72, y: 700, size: 20, font });
    const shapes = att.addPage([595.28, 841.89]);
    shapes.drawRectangle({ x: 100, y: 400, width: 200, height: 100, color: rgb(0.9, 0, 0.07) });
    const attFile = save(await att.save(), 'attached-helvetica');
    const doc = notice();
    doc.pages.push(page([run(wk, '— 3 —', 447, 790, 14, { tag: 31 })], { attached: { path: attFile, page: 1 } }));
    await expect(writePdf(doc, fonts, { standard: 'a-2b' })).rejects.toThrow(/page 1, cannot go into a PDF\/A-2b file: it does not embed its font Helvetica/);
    doc.pages[2].attached!.page = 2;
    const file = save(await writePdf(doc, fonts, { standard: 'a-1b' }), 'attached-a1b');
    const missing = preflightMissing();
    if (!missing) expect(preflight(file).output).toContain('is a valid PDF/A-1b file');
  }, 120_000);

  it('writes what the pages of one attached file share once (an image on both)', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const att = await PDFDocument.create();
    const logo = await att.embedPng(grayImage.bytes);
    for (let i = 0; i < 2; i++) att.addPage([595.28, 841.89]).drawImage(logo, { x: 100, y: 600, width: 80, height: 80 });
    const attFile = save(await att.save(), 'attached-shared');
    const doc = notice();
    for (const n of [1, 2]) doc.pages.push(page([run(wk, `— ${n + 2} —`, 447, 790, 14, { tag: 31 })], { attached: { path: attFile, page: n } }));
    const file = save(await writePdf(doc, fonts), 'attached-shared-out');
    const rows = tool('pdfimages', ['-list', '-f', '3', '-l', '4', file]).split('\n').slice(2).filter(Boolean);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((l) => l.trim().split(/\s+/).slice(10, 12).join(' '))).size).toBe(1);
  }, 60_000);

  it('refuses a page of the attached file that does not exist', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const att = await PDFDocument.create();
    att.addPage();
    const attFile = save(await att.save(), 'one-page');
    const doc = notice();
    doc.pages.push(page([], { attached: { path: attFile, page: 2 } }));
    await expect(writePdf(doc, fonts)).rejects.toThrow(/has 1 pages; page 2 was asked for/);
  });
});
