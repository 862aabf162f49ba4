// Attached PDFs' pages as the layout numbers them and the PDF writer draws them: each on an A4
// page of the layout, the attached page scaled to fit and centred whatever its paper and /Rotate,
// and "— N —" where every page of the document has it (odd right, even left, 7 mm under the text
// block), upright, never turned with the attached page.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '../src/model/types.js';
import { Builder } from '../src/pipeline/build.js';
import { PAGE, PAGE_NUMBER, mmToPt } from '../src/profile/gbt9704.js';
import { pdfinfo, qpdfCheck, words, type Word } from './helpers/pdf-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'gw-attached-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHAPES: { label: string; size: [number, number]; rotate?: number }[] = [
  { label: 'SHEET-A4', size: [595.28, 841.89] },
  { label: 'SHEET-LETTER', size: [612, 792] },
  { label: 'SHEET-LANDSCAPE', size: [841.89, 595.28] },
  { label: 'SHEET-TURNED', size: [595.28, 841.89], rotate: 90 },
  { label: 'SHEET-A3', size: [841.89, 1190.55] },
];

let file: string;
let all: Word[];

beforeAll(async () => {
  const ext = await PDFDocument.create();
  const font = await ext.embedFont(StandardFonts.Helvetica);
  for (const s of SHAPES) {
    const p = ext.addPage(s.size);
    p.drawText(s.label, { x: 60, y: 60, size: 18, font });
    if (s.rotate) p.setRotation(degrees(s.rotate));
  }
  const attached = join(dir, 'attached.pdf');
  writeFileSync(attached, await ext.save());
  const model: DocumentModel = {
    meta: { title: '附件页码', lang: 'zh-CN' },
    sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks: [{ type: 'paragraph', runs: [{ text: '正文一页。' }] }] }],
    appendPdfs: [attached],
  };
  const builder = new Builder({ projectDir: dir, outDir: dir, formats: ['pdf'], write: false });
  try {
    const res = await builder.render(model, { path: join(dir, 'a.md') }, { file: 'a.md', sources: [] }, []);
    expect(res.ok, JSON.stringify(res.diagnostics)).toBe(true);
    file = join(dir, 'a.pdf');
    writeFileSync(file, res.files!.pdf!);
  } finally {
    await builder.close();
  }
  all = words(file);
}, 60_000);

describe('attached pages', () => {
  it('are A4 pages of the layout after the body, in order, each with its own text inside the page', () => {
    const info = pdfinfo(file, ['-f', '1', '-l', String(1 + SHAPES.length)]);
    expect(Number(info.Pages)).toBe(1 + SHAPES.length);
    for (let p = 1; p <= 1 + SHAPES.length; p++) expect(info[`Page ${String(p).padStart(4)} size`]).toMatch(/^595\.2\d* x 841\.8\d* pts/);
    SHAPES.forEach((s, k) => {
      const w = all.find((x) => x.text === s.label);
      expect(w, s.label).toBeDefined();
      expect(w!.page, s.label).toBe(k + 1);
      expect(w!.xMin).toBeGreaterThanOrEqual(0);
      expect(w!.yMin).toBeGreaterThanOrEqual(0);
      expect(w!.xMax).toBeLessThanOrEqual(595.3);
      expect(w!.yMax).toBeLessThanOrEqual(841.9);
    });
    expect(qpdfCheck(file).status).toBe(0);
  });

  it('carry "— N —" on from the body, upright, odd right and even left, 7 mm under the text block', () => {
    const textBottom = mmToPt(PAGE.topMm + PAGE.textHeightMm);
    const indent = PAGE_NUMBER.sideIndentChars * PAGE_NUMBER.sizePt;
    const left = mmToPt(PAGE.leftMm) + indent;
    const right = mmToPt(PAGE.leftMm + PAGE.textWidthMm) - indent;
    for (let n = 1; n <= 1 + SHAPES.length; n++) {
      const line = all.filter((w) => w.page === n - 1 && w.yMin > textBottom && /^[—\d]+$/.test(w.text));
      expect(line.map((w) => w.text).join(''), `page ${n}`).toBe(`—${n}—`);
      // Upright: the words of the number stand on one line, left to right.
      expect(Math.max(...line.map((w) => w.yMax)) - Math.min(...line.map((w) => w.yMax))).toBeLessThan(1);
      const middle = (line[0].yMin + line[0].yMax) / 2;
      expect(Math.abs(middle - (textBottom + mmToPt(PAGE_NUMBER.belowTextMm))), `page ${n}`).toBeLessThan(4);
      if (n % 2) expect(Math.abs(Math.max(...line.map((w) => w.xMax)) - right), `page ${n}`).toBeLessThan(2);
      else expect(Math.abs(Math.min(...line.map((w) => w.xMin)) - left), `page ${n}`).toBeLessThan(2);
    }
  });
});
