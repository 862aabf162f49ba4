// The PDF renderer against real programs: Chromium prints, poppler reads back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatTransformationMatrix, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFontMap, type FontMap } from '../src/fonts/index.js';
import type { DocumentModel, HeadingBlock, TableBlock } from '../src/model/types.js';
import { PAGE, PAGE_NUMBER, mmToPt } from '../src/profile/gbt9704.js';
import { renderHtml } from '../src/render/html/index.js';
import { PdfRenderer, type PdfResult } from '../src/render/pdf/index.js';
import { listTable, noticeModel } from './fixtures/notice-model.js';
import { expectInOrder } from './fixtures/in-order.js';

const dir = mkdtempSync(join(tmpdir(), 'gongwen-pdf-'));
let renderer: PdfRenderer;
let fonts: FontMap;
let notice: PdfResult;
let noticePath: string;

function save(name: string, pdf: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, pdf);
  return p;
}
const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
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
const pageCount = (file: string): number => +/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1];

const textBottom = mmToPt(PAGE.topMm + PAGE.textHeightMm);
const textLeft = mmToPt(PAGE.leftMm);
const textRight = mmToPt(PAGE.leftMm + PAGE.textWidthMm);

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
  renderer = await PdfRenderer.launch({ pages: 1 });
  fonts = await loadFontMap(dir);
  notice = await renderer.render(noticeModel(), fonts);
  noticePath = save('notice.pdf', notice.pdf);
}, 60_000);
afterAll(async () => {
  await renderer?.close();
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
      '附件', '2020年度国家火炬特色产业基地复核名单', '国家火炬鄂尔多斯汽车及关键零部件特色', '内蒙古', '浙江',
      '抄送：各省科技厅。', '科学技术部火炬高技术产业开发中心办公室', '2020年11月9日印发',
    ];
    expectInOrder(t, order);
  });

  it('is A4 with metadata, tagged, with fixed dates', () => {
    const info = run('pdfinfo', [noticePath]);
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/Title:\s+关于开展2020年国家火炬特色产业基地复核工作的通知/);
    expect(info).toMatch(/Author:\s+科学技术部火炬高技术产业开发中心/);
    expect(info).toMatch(/Producer:\s+gongwen/);
    expect(info).toMatch(/CreationDate:.*2020/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(notice.pageCount).toBe(4);
    expect(pageCount(noticePath)).toBe(4);
  });

  it('embeds every font as a TrueType subset (no Type 3)', () => {
    const f = run('pdffonts', [noticePath]);
    expect(f).not.toMatch(/Type 3/);
    expect(f).toMatch(/CID TrueType/);
  });

  it('numbers pages "— N —" outside, one character in, 7 mm under the text block', () => {
    for (let p = 1; p <= notice.pageCount; p++) expectPageNumber(noticePath, p, p);
  });

  it('puts the 版记 at the foot of an even last page', () => {
    expect(notice.imprintPlacement).toBe('next-page');
    const last = notice.pageCount;
    expect(last % 2).toBe(0);
    const ws = words(noticePath, last);
    const printed = ws.find((w) => w.text.includes('印发'));
    expect(printed).toBeDefined();
    // The last rule lies on the bottom edge of the text block: the 印发 line just above it.
    expect(textBottom - printed!.yMax).toBeGreaterThan(0);
    expect(textBottom - printed!.yMax).toBeLessThan(mmToPt(10));
  });

  it('rebuilds byte-identical, after other documents printed on the same page (only the body is swapped)', async () => {
    const other = noticeModel();
    await renderer.render({ ...other, imprint: undefined, sections: other.sections.slice(0, 1) }, fonts);
    const again = await renderer.render(noticeModel(), fonts);
    expect(Buffer.from(again.pdf).equals(Buffer.from(notice.pdf))).toBe(true);
    // Laid out on the grid and printed once: the print agreed with the layout.
    expect(again.prints).toBe(1);
  });

  it('leaves no layout markers in the final PDF', async () => {
    const doc = await PDFDocument.load(notice.pdf);
    for (const page of doc.getPages()) {
      const annots = page.node.lookup(PDFName.of('Annots'));
      expect(String(annots ?? '')).not.toMatch(/gongwen\.local/);
    }
    expect(Buffer.from(notice.pdf).toString('latin1')).not.toContain('gongwen.local');
  });
});

describe('layout', () => {
  it('shares the last page with the 版记 when it is even and has room', async () => {
    const m = noticeModel();
    m.sections = m.sections.slice(0, 1);
    const res = await renderer.render(m, fonts);
    const p = save('same-page.pdf', res.pdf);
    expect(res.imprintPlacement).toBe('same-page');
    expect(res.pageCount).toBe(2);
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
    const res = await renderer.render(m, fonts);
    const p = save('long-table.pdf', res.pdf);
    // Merged 省市 cells are cut where the grid's pages start, and the one print starts them there.
    expect(res.prints).toBe(1);
    const annexPages = [];
    for (let pg = 3; pg <= res.pageCount; pg++) annexPages.push(pg);
    expect(annexPages.length).toBeGreaterThanOrEqual(3);
    for (const pg of annexPages) {
      const t = text(p, pg).replace(/\s+/g, '');
      expect(t, `head on page ${pg}`).toContain('基地名称');
    }
    const all = text(p).replace(/\s+/g, '');
    for (let i = 1; i <= 80; i++) expect(all).toContain(`第${i}号特色产业基地`);
    // A merged cell continued on the next page shows its value again there: every page's
    // rows carry the province of its first row.
    for (const pg of annexPages) {
      const t = text(p, pg).replace(/\s+/g, '');
      const first = /第(\d+)号特色产业基地/.exec(t);
      if (!first) continue;
      const province = provinces[Math.floor((Number(first[1]) - 1) / 10)];
      expect(t, `page ${pg} starts with row ${first[1]}`).toContain(province);
    }
    // The model handed back for the DOCX has the same cuts.
    const printedTable = res.model.sections[1].blocks[2] as TableBlock;
    const spans = printedTable.rows.flatMap((r) => r.filter((c) => (c?.rowSpan ?? 1) > 1)).length;
    expect(spans).toBeGreaterThan(8);
  });

  it('appends external PDFs after the annexes and before the 版记 pages', async () => {
    const ext = await PDFDocument.create();
    const font = await ext.embedFont(StandardFonts.Helvetica);
    ext.addPage([595.28, 841.89]).drawText('APPENDED-PDF-PAGE', { x: 100, y: 700, size: 20, font });
    const extPath = save('external.pdf', await ext.save());
    const m = noticeModel();
    m.appendPdfs = [extPath];
    const res = await renderer.render(m, fonts);
    const p = save('appended.pdf', res.pdf);
    // content 3 pages + appended 1 = 4 (even, no room for the 版记): blank page, then the 版记 on page 6.
    expect(res.imprintPlacement).toBe('after-blank');
    expect(res.pageCount).toBe(6);
    expect(text(p, 4)).toContain('APPENDED-PDF-PAGE');
    expect(text(p, 5).trim()).toBe('');
    expect(text(p, 6)).toContain('抄送');
    // The appended page continues the count; the blank page and the 版记 page after it carry no page number (§7.5).
    expectPageNumber(p, 4, 4);
    expect(text(p, 5)).not.toMatch(/—\s*\d+\s*—/);
    expect(text(p, 6)).not.toMatch(/—\s*\d+\s*—/);
    expect(run('pdffonts', [p])).not.toMatch(/Type 3/);
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
    const res = await renderer.render(m, fonts);
    const p = save('appended-2.pdf', res.pdf);
    // content 3 pages + appended 2 = 5 (odd): the 版记 on page 6, unnumbered.
    expect(res.imprintPlacement).toBe('next-page');
    expect(res.pageCount).toBe(6);
    expect(text(p, 4)).toContain('FIRST-APPENDED');
    expect(text(p, 5)).toContain('SECOND-APPENDED');
    expectPageNumber(p, 4, 4);
    expectPageNumber(p, 5, 5, 792 / 841.89);
    const five = words(p, 5).filter((w) => /\d/.test(w.text) && w.yMin > 700)[0];
    // Odd: toward the right edge of the Letter page.
    expect(five.xMax).toBeGreaterThan(450);
    expect(text(p, 6)).toContain('抄送');
    expect(text(p, 6)).not.toMatch(/—\s*\d+\s*—/);
    // Reproducible: the same bytes again.
    expect(Buffer.from((await renderer.render(m, fonts)).pdf).equals(Buffer.from(res.pdf))).toBe(true);
    const info = run('pdfinfo', ['-f', '5', '-l', '5', p]);
    expect(info).toMatch(/Page\s+5 size:\s+612 x 792/);
    const fontsList = run('pdffonts', [p]);
    expect(fontsList).not.toMatch(/Type 3/);
    // Every font but the external file's own Helvetica is embedded.
    for (const line of fontsList.split('\n').slice(2).filter((l) => l.trim() && !/Helvetica/.test(l))) expect(line).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
  });

  it('fills contents page numbers from the layout pass and writes bookmarks', async () => {
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
    const res = await renderer.render(m, fonts);
    const p = save('toc.pdf', res.pdf);
    // One print when the grid's heading pages hold; else a layout print and a print checked against it.
    expect([1, 3]).toContain(res.prints);
    const h6 = m.sections[2].blocks.find((b): b is HeadingBlock => b.type === 'heading' && b.id === 'h-6')!;
    // The cover does not count: the contents page is "— 1 —", the body starts on "— 2 —".
    expect(res.headingPages['h-1']).toBe(2);
    expect(text(p, 2)).toMatch(/—\s*1\s*—/);
    expect(text(p, 3)).toMatch(/—\s*2\s*—/);
    expect(res.headingPages[h6.id]).toBeGreaterThan(2);
    expect(text(p, 2)).toContain('目录');
    // Each entry's page number stands on the entry's line, at the right edge of the text block.
    const ws = words(p, 2);
    for (const [label, id] of [['一、复核材料内容', 'h-1'], ['二、复核材料报送', 'h-6']]) {
      const entry = ws.find((w) => w.text.includes(label))!;
      expect(entry, label).toBeDefined();
      const num = ws.find((w) => Math.abs(w.yMax - entry.yMax) < 3 && w.xMin > entry.xMax && w.text === String(res.headingPages[id]));
      expect(num, `page of ${label}`).toBeDefined();
      expect(Math.abs(num!.xMax - textRight)).toBeLessThan(3);
    }
    // The cover carries no page number.
    expect(text(p, 1)).not.toMatch(/—\s*\d+\s*—/);
    const doc = await PDFDocument.load(res.pdf);
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
    const res = await renderer.render(m, fonts);
    const p = save('grid.pdf', res.pdf);
    expect(res.prints).toBe(1); // the list's merges cut where the grid's pages start, checked by the print
    const body = words(p, 1).filter((w) => w.yMax < textBottom);
    const ys = [...new Set(body.map((w) => Math.round(w.yMin)))];
    expect(ys.length).toBe(22);
    const lines = text(p, 1).split('\n').map((l) => l.trim()).filter((l) => l && !/—/.test(l));
    // A paragraph's first line has two characters of indent, the following full lines 28 characters.
    expect([...lines[0]].length).toBe(26);
    expect([...lines[1]].length).toBe(28);
    const last = res.pageCount;
    expect(run('pdfinfo', ['-f', String(last), '-l', String(last), p])).toMatch(/Page\s+\d+ size:\s+841\.89 x 595\.2\d* pts/);
  });

  it('warns about characters no font of a role has', async () => {
    expect(notice.diagnostics).toEqual([]);
    const m = noticeModel();
    m.sections[0].blocks.push({ type: 'paragraph', runs: [{ text: '生僻字𠀀' }] });
    const { missingGlyphs } = await import('../src/render/pdf/index.js');
    const d = missingGlyphs(m, fonts);
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain('U+20000');
  });
});

describe('untrusted text', () => {
  it('escapes markup and drops unsafe links', () => {
    const m = noticeModel();
    m.sections[0].blocks.push({
      type: 'paragraph',
      runs: [{ text: '<script>alert(1)</script>' }, { text: '点此', link: 'javascript:alert(1)' }, { text: '"><img src=x>', link: 'https://example.org/"><b>' }],
    });
    const html = renderHtml(m, { fontCss: '' });
    expect(html).not.toMatch(/<script|<img|javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://example.org/%22%3E%3Cb%3E"');
  });
});

describe('Chromium', () => {
  it('starts Chromium with the command line puppeteer\'s launch would give it, and gongwen\'s flags merged in', async () => {
    const { chromiumArgs, LAUNCH_ARGS } = await import('../src/render/pdf/chromium-process.js');
    const { default: puppeteer } = await import('puppeteer-core');
    const before = [...LAUNCH_ARGS];
    expect(chromiumArgs('/tmp/p')).toEqual([...puppeteer.defaultArgs({ headless: true, args: [...LAUNCH_ARGS], userDataDir: '/tmp/p' }), '--remote-debugging-port=0']);
    expect(LAUNCH_ARGS).toEqual(before);
    const args = chromiumArgs('/tmp/p');
    expect(args.find((a) => a.startsWith('--disable-features='))).toMatch(/WebUIOmniboxPopup/);
    expect(args.find((a) => a.startsWith('--enable-features='))).toMatch(/NetworkServiceInProcess2/);
  });

  it('connects to a Chromium started early, and to a new one when none was', async () => {
    const { startChromiumEarly } = await import('../src/render/pdf/chromium-process.js');
    const { closeBrowser, launchBrowser } = await import('../src/render/pdf/browser.js');
    startChromiumEarly();
    for (let i = 0; i < 2; i++) {
      const browser = await launchBrowser();
      try {
        expect((await browser.pages()).length).toBeGreaterThan(0);
        expect(await browser.version()).toMatch(/Chrom/);
      } finally {
        await closeBrowser(browser);
      }
    }
  }, 60_000);
});
