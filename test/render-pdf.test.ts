// A document model built to PDF through the Builder (layout stage → positioned pages → gongwen's
// PDF writer), read back with poppler and qpdf as a reader's programs would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatTransformationMatrix, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Builder, type BuildResult } from '../src/pipeline/build.js';
import { missingGlyphs } from '../src/pipeline/missing-glyphs.js';
import type { DocumentModel, TableBlock } from '../src/model/types.js';
import { PAGE, PAGE_NUMBER, mmToPt } from '../src/profile/gbt9704.js';
import { listTable, noticeModel } from './fixtures/notice-model.js';
import { expectInOrder } from './fixtures/in-order.js';
import { pdffonts, pdfinfo, qpdfCheck, run } from './helpers/pdf-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'gongwen-pdf-'));
let builder: Builder;
let notice: BuildResult;
let noticePath: string;

function save(name: string, pdf: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, pdf);
  return p;
}
const text = (file: string, page?: number): string =>
  run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']);

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
function words(file: string, page: number): Word[] {
  const xml = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-']);
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5],
  }));
}

/** Builds a model to PDF in process; the bytes and the positioned pages come back. */
async function build(model: DocumentModel, name: string): Promise<{ res: BuildResult; path: string; pages: number }> {
  const res = await builder.render(model, { path: join(dir, `${name}.md`) }, { file: `${name}.md`, sources: [] }, []);
  expect(res.ok, JSON.stringify(res.diagnostics)).toBe(true);
  const path = save(`${name}.pdf`, res.files!.pdf!);
  return { res, path, pages: res.paged!.pages.length };
}

const textBottom = mmToPt(PAGE.topMm + PAGE.textHeightMm);
const textLeft = mmToPt(PAGE.leftMm);
const textRight = mmToPt(PAGE.leftMm + PAGE.textWidthMm);
const PAGE_NUMBER_RE = /—\s*\d+\s*—/;

/** "— n —" on A4 page `p`: odd numbers right, even left, one 字 in, 7 mm under the text block. */
function expectPageNumber(file: string, p: number, n: number, scale = 1): void {
  const ws = words(file, p).filter((w) => w.yMin > textBottom * scale);
  const num = ws.find((w) => w.text === String(n) || w.text.includes(String(n)));
  expect(num, `number on page ${p}`).toBeDefined();
  const line = ws.filter((w) => Math.abs(w.yMin - num!.yMin) < 2);
  const left = Math.min(...line.map((w) => w.xMin));
  const right = Math.max(...line.map((w) => w.xMax));
  expect(line.map((w) => w.text).join('')).toMatch(new RegExp(`^—${n}—$`));
  if (scale !== 1) return;
  const indent = PAGE_NUMBER.sideIndentChars * PAGE_NUMBER.sizePt;
  if (n % 2 === 1) expect(Math.abs(right - (textRight - indent)), `page ${p} right`).toBeLessThan(2);
  else expect(Math.abs(left - (textLeft + indent)), `page ${p} left`).toBeLessThan(2);
  const middle = (num!.yMin + num!.yMax) / 2;
  expect(Math.abs(middle - (textBottom + mmToPt(PAGE_NUMBER.belowTextMm)))).toBeLessThan(4);
}

beforeAll(async () => {
  builder = new Builder({ projectDir: dir, outDir: dir, formats: ['pdf'], write: false });
  const b = await build(noticeModel(), 'notice');
  notice = b.res;
  noticePath = b.path;
}, 120_000);
afterAll(async () => {
  await builder?.close();
  // Set GONGWEN_KEEP_TEST_OUTPUT=1 to look at the PDFs afterwards.
  if (!process.env.GONGWEN_KEEP_TEST_OUTPUT) rmSync(dir, { recursive: true, force: true });
  else console.log(`PDFs kept in ${dir}`);
});

describe('the notice (seed 000)', () => {
  it('has the text in reading order', () => {
    const t = text(noticePath).replace(/[ \t]+/g, '');
    const order = [
      '科学技术部火炬', '国科火字〔2020〕191号', '关于开展2020年国家火炬特色产业基地', '复核工作的通知',
      '有关省、自治区、计划单列市科技厅（局）：', '为推进区域特色产业高质量发展',
      '一、复核材料内容', '（一）基地近三年来的发展情况总结', '1.基地主导产业发展概况', '2.基地内企业发展情况。重点',
      '3.基地创新能力情况', '（1）研发经费投入强度', '（二）基地未来三年', '二、复核材料报送', 'https://tyrz.chinatorch.org.cn',
      '附件：2020年度国家火炬特色产业基地复核名单', '科技部火炬中心', '2020年11月6日', '（此件主动公开）',
      '附件', '2020年度国家火炬特色产业基地复核名单', '国家火炬鄂尔多斯汽车及关键', '内蒙古', '浙江',
      '抄送：各省科技厅。', '科学技术部火炬高技术产业开发中心办公室', '2020年11月9日印发',
    ];
    expectInOrder(t, order);
  });

  it('is A4 with metadata, tagged, with fixed dates; qpdf finds nothing', () => {
    const info = pdfinfo(noticePath);
    expect(info['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)/);
    expect(info.Title).toBe('关于开展2020年国家火炬特色产业基地复核工作的通知');
    expect(info.Author).toBe('科学技术部火炬高技术产业开发中心');
    expect(info.Producer).toMatch(/gongwen/);
    expect(info.CreationDate).toMatch(/2020/);
    expect(info.Tagged).toBe('yes');
    expect(Number(info.Pages)).toBe(notice.paged!.pages.length);
    expect(Number(info.Pages)).toBe(4);
    expect(qpdfCheck(noticePath).status).toBe(0);
  });

  it('embeds every font as a subset with ToUnicode, none Type 3', () => {
    const fonts = pdffonts(noticePath);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.type).not.toMatch(/Type 3/);
      expect(f.type).toMatch(/^CID /);
      expect([f.name, f.emb, f.sub, f.uni]).toEqual([expect.stringMatching(/^[A-Z]{6}\+/), 'yes', 'yes', 'yes']);
    }
  });

  it('numbers pages "— N —" outside, one character in, 7 mm under the text block', () => {
    for (let p = 1; p <= notice.paged!.pages.length; p++) expectPageNumber(noticePath, p, p);
  });

  it('puts the 版记 at the foot of an even last page', () => {
    const last = notice.paged!.pages.length;
    expect(last % 2).toBe(0);
    const ws = words(noticePath, last);
    const printed = ws.find((w) => w.text.includes('印发'));
    expect(printed).toBeDefined();
    // The last rule lies on the bottom edge of the text block: the 印发 line just above it.
    expect(textBottom - printed!.yMax).toBeGreaterThan(0);
    expect(textBottom - printed!.yMax).toBeLessThan(mmToPt(10));
  });

  it('rebuilds byte-identical, after another document was built by the same Builder', async () => {
    const other = noticeModel();
    await build({ ...other, imprint: undefined, sections: other.sections.slice(0, 1) }, 'other');
    const again = await build(noticeModel(), 'again');
    expect(Buffer.from(again.res.files!.pdf!).equals(Buffer.from(notice.files!.pdf!))).toBe(true);
  });
});

describe('layout', () => {
  it('shares the last page with the 版记 when it is even and has room', async () => {
    const m = noticeModel();
    m.sections = m.sections.slice(0, 1);
    const { path: p, pages } = await build(m, 'same-page');
    expect(pages).toBe(2);
    const ws = words(p, 2);
    const printed = ws.find((w) => w.text.includes('印发'))!;
    expect(textBottom - printed.yMax).toBeLessThan(mmToPt(10));
    expect(textBottom - printed.yMax).toBeGreaterThan(0);
    // The signature is still on that page, above.
    expect(ws.some((w) => w.text.includes('科技部火炬中心'))).toBe(true);
  });

  it('repeats the head row of a long table on every page and keeps rows whole', async () => {
    const rows: [string, string, string][] = [];
    const provinces = ['北京', '天津', '河北', '山西', '江苏', '浙江', '安徽', '福建'];
    for (let i = 0; i < 80; i++) rows.push([`tjjd${100000 + i}`, `国家火炬第${i + 1}号特色产业基地`, provinces[Math.floor(i / 10)]]);
    const m = noticeModel();
    (m.sections[1].blocks[2] as TableBlock) = listTable(rows);
    delete m.imprint;
    const { path: p, pages } = await build(m, 'long-table');
    const annexPages = [];
    for (let pg = 3; pg <= pages; pg++) annexPages.push(pg);
    expect(annexPages.length).toBeGreaterThanOrEqual(3);
    for (const pg of annexPages) {
      const t = text(p, pg).replace(/\s+/g, '');
      expect(t, `head on page ${pg}`).toContain('基地名称');
    }
    // Each row whole on one page: its account and its name on the same page, every row once.
    const perPage = annexPages.map((pg) => text(p, pg).replace(/\s+/g, ''));
    for (let i = 1; i <= 80; i++) {
      const on = perPage.filter((t) => t.includes(`第${i}号特色产业基地`));
      expect(on, `row ${i}`).toHaveLength(1);
      expect(on[0]).toContain(`tjjd${100000 + i - 1}`);
    }
    // A merged cell continued on the next page shows its value again there: every page's
    // rows carry the province of its first row.
    for (const [k, t] of perPage.entries()) {
      const first = /第(\d+)号特色产业基地/.exec(t);
      if (!first) continue;
      const province = provinces[Math.floor((Number(first[1]) - 1) / 10)];
      expect(t, `page ${annexPages[k]} starts with row ${first[1]}`).toContain(province);
    }
  });

  it('appends external PDFs after the annexes and before the 版记 pages', async () => {
    const ext = await PDFDocument.create();
    const font = await ext.embedFont(StandardFonts.Helvetica);
    ext.addPage([595.28, 841.89]).drawText('APPENDED-PDF-PAGE', { x: 100, y: 700, size: 20, font });
    const extPath = save('external.pdf', await ext.save());
    const m = noticeModel();
    m.appendPdfs = [extPath];
    const { path: p, pages } = await build(m, 'appended');
    // content 3 pages + appended 1 = 4 (even, no room for the 版记): blank page, then the 版记 on page 6.
    expect(pages).toBe(6);
    expect(text(p, 4)).toContain('APPENDED-PDF-PAGE');
    expect(text(p, 5).trim()).toBe('');
    expect(text(p, 6)).toContain('抄送');
    // The appended page continues the count; the blank page and the 版记 page after it carry no page number (§7.5).
    expectPageNumber(p, 4, 4);
    expect(text(p, 5)).not.toMatch(PAGE_NUMBER_RE);
    expect(text(p, 6)).not.toMatch(PAGE_NUMBER_RE);
    expect(run('pdffonts', [p])).not.toMatch(/Type 3/);
    expect(qpdfCheck(p).status).toBe(0);
  });

  it('numbers appended PDF pages on from the document, on their sides, scaled on other paper', async () => {
    const ext = await PDFDocument.create();
    const font = await ext.embedFont(StandardFonts.Helvetica);
    ext.addPage([595.28, 841.89]).drawText('FIRST-APPENDED', { x: 100, y: 700, size: 20, font });
    // US Letter, drawn with a transformation left in place (no q … Q): the number must not move with it.
    const letter = ext.addPage([612, 792]);
    letter.drawText('SECOND-APPENDED', { x: 100, y: 700, size: 20, font });
    letter.pushOperators(concatTransformationMatrix(0.5, 0, 0, 0.5, 300, 300));
    const extPath = save('external-2.pdf', await ext.save());
    const m = noticeModel();
    m.appendPdfs = [extPath];
    const { res, path: p, pages } = await build(m, 'appended-2');
    // content 3 pages + appended 2 = 5 (odd): the 版记 on page 6, numbered as the notice's own
    // 版记 page is (only a blank page before it takes the numbers away, §7.5).
    expect(pages).toBe(6);
    expect(text(p, 4)).toContain('FIRST-APPENDED');
    expect(text(p, 5)).toContain('SECOND-APPENDED');
    expectPageNumber(p, 4, 4);
    // The attached page is drawn on the layout's A4 page, scaled to fit; its number stays where
    // every odd page has it (the writer's transformation does not reach the number).
    expectPageNumber(p, 5, 5);
    expect(text(p, 6)).toContain('抄送');
    expectPageNumber(p, 6, 6);
    // Reproducible: the same bytes again.
    expect(Buffer.from((await build(m, 'appended-2-again')).res.files!.pdf!).equals(Buffer.from(res.files!.pdf!))).toBe(true);
    // Every font but the external file's own Helvetica is an embedded subset.
    for (const f of pdffonts(p).filter((f) => !/Helvetica/.test(f.name))) expect([f.emb, f.sub, f.uni]).toEqual(['yes', 'yes', 'yes']);
    expect(qpdfCheck(p).status).toBe(0);
  });

  it('fills contents page numbers from the layout and writes bookmarks', async () => {
    const body = noticeModel().sections[0].blocks.filter((b) => b.type === 'heading' || b.type === 'paragraph');
    const filler = Array.from({ length: 12 }, () => ({ type: 'paragraph' as const, runs: [{ text: '填充内容。'.repeat(30) }] }));
    const m: DocumentModel = {
      meta: { title: '建设方案', date: '2022-05-01', lang: 'zh-CN' },
      sections: [
        { orientation: 'portrait', pageNumbers: false, part: 'cover', blocks: [{ type: 'cover', title: ['创新型产业集群', '申报书'], author: '某某高新区管委会', date: '2022年5月' }] },
        { orientation: 'portrait', pageNumbers: true, part: 'toc', blocks: [{ type: 'toc', title: '目录', depth: 2 }] },
        { orientation: 'portrait', pageNumbers: true, part: 'body', blocks: [...body.slice(0, 3), ...filler, ...body.slice(3)] },
      ],
      appendPdfs: [],
    };
    const { res, path: p } = await build(m, 'toc');
    // The page (as numbered) each bookmark points at, by its title.
    const outline = res.paged!.outline.flatMap(function flat(e): { title: string; page: number }[] { return [{ title: e.title, page: e.page }, ...e.children.flatMap(flat)]; });
    const numberOf = (title: string): string => {
      const e = outline.find((o) => o.title.includes(title));
      expect(e, title).toBeDefined();
      return res.paged!.pages[e!.page].number!;
    };
    // The cover does not count: the contents page is "— 1 —", the body starts on "— 2 —".
    expect(text(p, 2)).toMatch(/—\s*1\s*—/);
    expect(text(p, 3)).toMatch(/—\s*2\s*—/);
    expect(numberOf('复核材料内容')).toBe('2');
    expect(Number(numberOf('复核材料报送'))).toBeGreaterThan(2);
    expect(text(p, 2)).toContain('目录');
    // Each entry's page number stands on the entry's line, at the right edge of the text block.
    const ws = words(p, 2);
    for (const label of ['一、复核材料内容', '二、复核材料报送']) {
      const entry = ws.find((w) => w.text.includes(label))!;
      expect(entry, label).toBeDefined();
      const num = ws.find((w) => Math.abs(w.yMax - entry.yMax) < 3 && w.xMin > entry.xMax && w.text === numberOf(label.slice(2)));
      expect(num, `page of ${label}`).toBeDefined();
      expect(Math.abs(num!.xMax - textRight)).toBeLessThan(3);
    }
    // The cover carries no page number.
    expect(text(p, 1)).not.toMatch(PAGE_NUMBER_RE);
    const doc = await PDFDocument.load(res.files!.pdf!);
    expect(doc.catalog.get(PDFName.of('Outlines'))).toBeDefined();
  });
});

describe('grid, orientation, coverage', () => {
  it('keeps the grid: 22 lines a page, 28 characters a line; landscape sections turn the page', async () => {
    const para = '国家火炬特色产业基地建设发展情况总结报告内容。'.repeat(12);
    const m: DocumentModel = {
      meta: { title: '网格', lang: 'zh-CN' },
      sections: [
        { orientation: 'portrait', pageNumbers: true, part: 'body', blocks: Array.from({ length: 8 }, () => ({ type: 'paragraph' as const, runs: [{ text: para }] })) },
        { orientation: 'landscape', pageNumbers: true, part: 'annex', blocks: [{ type: 'annexLabel', text: '附件2' }, listTable()] },
      ],
      appendPdfs: [],
    };
    const { path: p, pages } = await build(m, 'grid');
    const body = words(p, 1).filter((w) => w.yMax < textBottom);
    const ys = [...new Set(body.map((w) => Math.round(w.yMin)))];
    expect(ys.length).toBe(22);
    const lines = text(p, 1).split('\n').map((l) => l.replace(/\s+/g, '')).filter((l) => l && !/—/.test(l));
    // A paragraph's first line has two characters of indent, the following full lines 28 characters.
    expect([...lines[0]].length).toBe(26);
    expect([...lines[1]].length).toBe(28);
    expect(pdfinfo(p, ['-f', String(pages), '-l', String(pages)])[`Page ${String(pages).padStart(4)} size`]).toMatch(/^841\.8\d* x 595\.2\d* pts/);
  });

  it('warns about characters no font of a role has', async () => {
    expect(notice.diagnostics).toEqual([]);
    const m = noticeModel();
    m.sections[0].blocks.push({ type: 'paragraph', runs: [{ text: '生僻字𠀀' }] });
    const d = missingGlyphs(m, await builder.fontBook());
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain('U+20000');
    // The build says it too, and still writes the PDF.
    const { res } = await build(m, 'missing');
    expect(res.diagnostics.filter((x) => x.ruleId === 'font-missing-glyph')).toHaveLength(1);
  });
});

describe('untrusted text', () => {
  it('draws markup as text and links only http(s) and mailto URIs, escaped', async () => {
    const m = noticeModel();
    m.sections[0].blocks.push({
      type: 'paragraph',
      runs: [{ text: '<script>alert(1)</script>' }, { text: '点此', link: 'javascript:alert(1)' }, { text: '"><img src=x>', link: 'https://example.org/"><b>' }, { text: '括号', link: 'https://example.org/a)b(c\\d' }],
    });
    const { res, path: p } = await build(m, 'untrusted');
    expect(text(p).replace(/\s+/g, '')).toContain('<script>alert(1)</script>点此"><imgsrc=x>');
    const links = res.paged!.pages.flatMap((pg) => pg.items.filter((i) => i.kind === 'link').map((i) => (i as { uri: string }).uri));
    expect(links.some((u) => /javascript:/i.test(u))).toBe(false);
    const raw = Buffer.from(res.files!.pdf!).toString('latin1');
    expect(raw).not.toMatch(/javascript:/i);
    // Each URI is one PDF string that a reader gets back exactly: parentheses and backslashes escaped.
    const doc = await PDFDocument.load(res.files!.pdf!);
    const uris = doc.getPages().flatMap((pg) => {
      const annots = pg.node.Annots();
      return annots ? annots.asArray().map((a) => (doc.context.lookup(a) as any).lookup(PDFName.of('A')).lookup(PDFName.of('URI')).decodeText()) : [];
    });
    expect(uris).toEqual(expect.arrayContaining(['https://example.org/"><b>', 'https://example.org/a)b(c\\d']));
    expect(qpdfCheck(p).status).toBe(0);
  });
});
