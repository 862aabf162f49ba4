// Sealed documents (§7.3.5.1) in both outputs, read back by real programs: the PDF through
// poppler (pdftotext -bbox, pdfimages, pdftoppm), the DOCX through its anchor XML and through
// LibreOffice's rendering of it. The seals are discs of one colour each, so a seal's box is the
// bounding box of its colour on the rendered page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, SealImage, SignatureBlock } from '../src/model/types.js';
import { sealedSignatureLayout } from '../src/layout/measure/signature.js';
import { CHAR_PITCH_MM, GRID, LINE_PITCH_MM, PAGE, SEAL, mmToPt } from '../src/profile/gbt9704.js';
import { CHAR_TW } from '../src/write/docx/units.js';
import { Builder } from '../src/pipeline/build.js';
import { BLUE, GREEN, MAGENTA, colourBox, sealImage } from './fixtures/seal-images.js';
import { sofficeToPdf } from './helpers/soffice.js';

const dir = mkdtempSync(join(tmpdir(), 'gongwen-seal-'));
const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

const CHAR = mmToPt(CHAR_PITCH_MM);
const LINE = mmToPt(LINE_PITCH_MM);
const TEXT_LEFT = mmToPt(PAGE.leftMm);
const TEXT_RIGHT = mmToPt(PAGE.leftMm + PAGE.textWidthMm);
const TEXT_BOTTOM = mmToPt(PAGE.topMm + PAGE.textHeightMm);
const SEAL_PT = mmToPt(SEAL.defaultSizeMm);
const DPI = 144;

interface Word { text: string; xMin: number; yMin: number; xMax: number; yMax: number }
function words(pdf: string, page: number): Word[] {
  const xml = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-']);
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5] }));
}
const pages = (pdf: string): number => +/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))![1];
function pagePpm(pdf: string, page: number): Buffer {
  return execFileSync('pdftoppm', ['-r', String(DPI), '-f', String(page), '-l', String(page), pdf], { maxBuffer: 256 << 20 });
}
/** A word, or a line whose words make it (LibreOffice's PDF has a word break between digits and 年). */
const findWord = (ws: Word[], text: string): Word => {
  const w = ws.find((x) => x.text === text);
  if (w) return w;
  for (const a of ws) {
    const line = ws.filter((b) => Math.abs(b.yMin - a.yMin) < 2).sort((p, q) => p.xMin - q.xMin);
    if (line.map((b) => b.text).join('') === text) {
      return { text, xMin: line[0].xMin, xMax: line.at(-1)!.xMax, yMin: Math.min(...line.map((b) => b.yMin)), yMax: Math.max(...line.map((b) => b.yMax)) };
    }
  }
  throw new Error(`no word "${text}" in ${ws.map((x) => x.text).join(' ')}`);
};
const mid = (a: number, b: number) => (a + b) / 2;

const para = (text: string): Block => ({ type: 'paragraph', runs: [{ text }] });

function model(title: string, chunks: { body: string[]; signature: SignatureBlock; note?: string; attachments?: string[] }[]): DocumentModel {
  const blocks: Block[] = [];
  chunks.forEach((c, i) => {
    if (i > 0) blocks.push({ type: 'pageBreak' });
    blocks.push(...c.body.map(para));
    if (c.attachments) blocks.push({ type: 'attachmentNote', items: c.attachments });
    blocks.push(c.signature);
    if (c.note) blocks.push({ type: 'note', text: c.note });
  });
  return { meta: { title, lang: 'zh-CN', date: '2026-11-20' }, sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks }], appendPdfs: [] };
}

const BODY = ['为掌握全市科技企业孵化器建设运行情况，推动孵化器提升服务能力，根据有关规定，我局决定开展年度评价工作。', '请各区（县）科技局认真组织辖区内孵化器填报评价材料，于12月15日前报送我局。'];
const ONE = ['示例市科学技术局'];
const THREE = ['甲市科技局', '乙市财政局', '丙市工信局'];
const COLOURS = [BLUE, GREEN, MAGENTA];
const sealed = (names: string[], images: (SealImage | null)[], date = '2026年11月20日'): SignatureBlock => ({ type: 'signature', names, date, seal: { sizeMm: SEAL.defaultSizeMm, images } });

const CASES = {
  'one office, with image': sealed(ONE, [sealImage(BLUE)]),
  'one office, hand stamp': sealed(ONE, [null]),
  'three offices, with images': sealed(THREE, COLOURS.map((c) => sealImage(c))),
  'three offices, hand stamps': sealed(THREE, [null, null, null]),
  'one office, after 附件说明': sealed(ONE, [sealImage(BLUE)], '2026年11月21日'),
};
/** The case whose signature follows a 附件说明: the seal's top within a line of it. */
const AFTER_NOTE = '示例名单';
type CaseName = keyof typeof CASES;

let builder: Builder;
const files: Record<string, { pdf: string; lo: string; docx: string }> = {};

beforeAll(async () => {
  builder = new Builder({ projectDir: dir, outDir: dir, formats: ['docx', 'pdf'], write: false });
  const names = [...Object.keys(CASES), 'sweep'];
  for (const [i, name] of names.entries()) {
    const attachments = name.includes('附件说明') ? [AFTER_NOTE] : undefined;
    const m = name === 'sweep' ? sweepModel() : model(name, [{ body: BODY, signature: CASES[name as CaseName], note: '（此件主动公开）', attachments }]);
    const pdf = join(dir, `case${i}.pdf`);
    const docx = join(dir, `case${i}.docx`);
    const res = await builder.render(m, { path: join(dir, `case${i}.md`) }, { file: `case${i}.md`, sources: [] }, []);
    expect(res.ok, JSON.stringify(res.diagnostics)).toBe(true);
    // Both files of one build, as `gongwen build` writes them.
    writeFileSync(pdf, res.files!.pdf!);
    writeFileSync(docx, res.files!.docx!);
    files[name] = { pdf, docx, lo: join(dir, 'lo', `case${i}.pdf`) };
  }
  sofficeToPdf(names.map((n) => files[n].docx), join(dir, 'lo'));
}, 600_000);
afterAll(async () => {
  await builder?.close();
  if (!process.env.GONGWEN_KEEP_TEST_OUTPUT) rmSync(dir, { recursive: true, force: true });
  else console.log(`outputs kept in ${dir}`);
});

/**
 * The geometry of §7.3.5.1 on a rendered page: the date's right end four 字 from the text
 * block's edge, each name centred over its seal (the last over the date), each seal's box
 * centred over its name (the last over name and date, which sit a little below its centre),
 * the first row's top within one line of the last body line. `pitch` is the output's line.
 */
function expectSealedPage(file: string, sig: SignatureBlock, pitch: number, tol: number, dateTol: number, nameTol = tol): void {
  const ws = words(file, 1);
  const date = findWord(ws, sig.date);
  expect(Math.abs(date.xMax - (TEXT_RIGHT - SEAL.dateRightChars * CHAR))).toBeLessThan(dateTol);
  const lay = sealedSignatureLayout({ ...sig, seal: sig.seal! });
  const ppm = pagePpm(file, 1);
  const lastBody = ws.filter((w) => w.yMax < date.yMin - 2 * pitch && (w.text.includes('报送我局') || w.text.includes(AFTER_NOTE))).pop()!;
  const names = sig.names.map((n) => findWord(ws, n));
  // The last name centred over the date.
  expect(Math.abs(mid(names.at(-1)!.xMin, names.at(-1)!.xMax) - mid(date.xMin, date.xMax))).toBeLessThan(nameTol);
  // Names on one line per row, in order, left to right.
  for (let i = 1; i < names.length; i++) {
    if (Math.abs(names[i].yMin - names[i - 1].yMin) < 1) expect(names[i].xMin).toBeGreaterThan(names[i - 1].xMax);
  }
  const boxes = sig.seal!.images.map((img, i) => (img ? colourBox(ppm, DPI, COLOURS[i]) : undefined));
  boxes.forEach((box, i) => {
    if (!sig.seal!.images[i]) return expect(box).toBeUndefined();
    expect(box).toBeDefined();
    const b = box!;
    // Its real size, upright.
    expect(Math.abs(b.xMax - b.xMin - SEAL_PT)).toBeLessThan(1.5);
    expect(Math.abs(b.yMax - b.yMin - SEAL_PT)).toBeLessThan(1.5);
    // Centred over its name; inside the text block.
    expect(Math.abs(mid(b.xMin, b.xMax) - mid(names[i].xMin, names[i].xMax))).toBeLessThan(tol);
    expect(b.xMin).toBeGreaterThanOrEqual(TEXT_LEFT - 0.5);
    expect(b.xMax).toBeLessThanOrEqual(TEXT_RIGHT + 0.5);
    // The last seal over name and date, which sit a little below its centre; the others
    // (in the same tidy row) over their names.
    if (i === boxes.length - 1) {
      const offset = mid(mid(names[i].yMin, names[i].yMax), mid(date.yMin, date.yMax)) - mid(b.yMin, b.yMax);
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThan(pitch);
    } else expect(Math.abs(mid(names[i].yMin, names[i].yMax) - mid(b.yMin, b.yMax))).toBeLessThan(pitch / 2);
  });
  // The first row's top within one line of the body; none over the body.
  const present = boxes.filter((b): b is NonNullable<typeof b> => !!b);
  if (present.length) {
    const top = Math.min(...present.map((b) => b.yMin));
    expect(top - lastBody.yMax).toBeGreaterThan(-2);
    expect(top - lastBody.yMax).toBeLessThan(pitch + tol);
    // Seals neither touch nor overlap.
    for (let i = 0; i < present.length; i++) for (let j = i + 1; j < present.length; j++) {
      const a = present[i];
      const b = present[j];
      expect(Math.max(b.xMin - a.xMax, a.xMin - b.xMax, b.yMin - a.yMax, a.yMin - b.yMax)).toBeGreaterThan(mmToPt(SEAL.gapMm) - tol);
    }
  }
  // The 附注 below the seals: the block reserved their height.
  const note = ws.find((w) => w.text.includes('此件主动公开'))!;
  expect(note.yMin).toBeGreaterThan(date.yMax + (lay.lines - lay.date.line - 1) * pitch - tol);
}

describe.each(Object.keys(CASES) as CaseName[])('%s', (name) => {
  const sig = CASES[name];

  it('PDF: date four 字 in, 署名 centred over it, seals centred over both, top within a line of the body', () => {
    expectSealedPage(files[name].pdf, sig, LINE, 1.5, 2);
  });

  // LibreOffice 7.4 puts a quarter 字 of space between 汉字 and digits whatever w:autoSpaceDN
  // says: its date is 16 pt wider than its characters, so its right end stands 8 pt further right.
  it('LibreOffice rendering of the DOCX: the same (the date\'s end within half a 字)', () => {
    // The date stands from the right edge (right-aligned, 4 字 in: issue 21), so LibreOffice's
    // wider date grows to the left and its centre moves by half the extra (8 pt) from the name's,
    // which stays centred where the layout puts the date's centre.
    expectSealedPage(files[name].lo, sig, mmToPt(579 / 1440 * 25.4), 3, CHAR / 4, CHAR / 2 + 1);
  });

  it('PDF and DOCX put the seals at the same place and size', () => {
    if (!sig.seal!.images.some(Boolean)) return;
    const a = pagePpm(files[name].pdf, 1);
    const b = pagePpm(files[name].lo, 1);
    sig.seal!.images.forEach((img, i) => {
      if (!img) return;
      const pa = colourBox(a, DPI, COLOURS[i])!;
      const pb = colourBox(b, DPI, COLOURS[i])!;
      for (const k of ['xMin', 'xMax', 'yMin', 'yMax'] as const) expect(Math.abs(pa[k] - pb[k])).toBeLessThan(3);
    });
  });

  it('PDF: each image embedded once; DOCX: anchored pictures in front of the text, relative to column and paragraph', () => {
    const images = sig.seal!.images.filter(Boolean).length;
    const list = run('pdfimages', ['-list', files[name].pdf]).split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image');
    expect(list.length).toBe(images);
    const zip = unzipSync(readFileSync(files[name].docx));
    const xml = strFromU8(zip['word/document.xml']);
    const anchors = [...xml.matchAll(/<wp:anchor [^>]*>[\s\S]*?<\/wp:anchor>/g)].map((m) => m[0]);
    expect(anchors.length).toBe(images);
    expect(Object.keys(zip).filter((k) => k.startsWith('word/media/')).length).toBe(images);
    const lay = sealedSignatureLayout({ ...sig, seal: sig.seal! });
    anchors.forEach((a, i) => {
      expect(a).toMatch(/behindDoc="0"/);
      expect(a).toMatch(/<wp:positionH relativeFrom="column"><wp:posOffset>(-?\d+)<\/wp:posOffset>/);
      expect(a).toMatch(/<wp:positionV relativeFrom="paragraph">/);
      expect(a).toContain(`<wp:extent cx="${SEAL.defaultSizeMm * 36000}" cy="${SEAL.defaultSizeMm * 36000}"/>`);
      const x = +/<wp:positionH relativeFrom="column"><wp:posOffset>(-?\d+)/.exec(a)![1];
      const s = lay.seals[i];
      expect(Math.abs(x + SEAL.defaultSizeMm * 18000 - (s.left + s.width / 2) * CHAR_TW * 635)).toBeLessThan(635);
    });
  });
});

// ---- Flow: a body whose last line falls at each line of a page ----

/** 22 documents in one: the k-th has k one-line body paragraphs, then its sealed signature. */
function sweepModel(): DocumentModel {
  return model(
    'sweep',
    Array.from({ length: GRID.linesPerPage }, (_, i) => ({
      body: Array.from({ length: i + 1 }, (_, j) => `第${i + 1}组正文第${j + 1}行。`),
      signature: sealed(['示例市科学技术局'], [sealImage(BLUE)], `2026年1月${i + 1}日`),
    })),
  );
}

describe('a body whose last line falls at each of the 22 lines of a page', () => {
  for (const out of ['pdf', 'lo'] as const) {
    it(`${out === 'pdf' ? 'PDF' : 'LibreOffice (DOCX)'}: every seal stands on a page with body text, within the text block`, () => {
      const file = files.sweep[out];
      const n = pages(file);
      const seen: number[] = [];
      for (let p = 1; p <= n; p++) {
        const box = colourBox(pagePpm(file, p), DPI, BLUE);
        if (!box) continue;
        const ws = words(file, p);
        const k = Array.from({ length: GRID.linesPerPage }, (_, i) => i + 1).find((i) => {
          try {
            return !!findWord(ws, `2026年1月${i}日`);
          } catch {
            return false;
          }
        });
        expect(k, `page ${p}: the seal's date`).toBeDefined();
        seen.push(k!);
        const body = ws.filter((a) => ws.filter((b) => Math.abs(b.yMin - a.yMin) < 2).map((b) => b.text).join('').startsWith(`第${k}组正文`));
        expect(body.length, `page ${p} (body of ${k} lines): body text on the seal's page`).toBeGreaterThan(0);
        expect(box.yMin - Math.max(...body.map((w) => w.yMax))).toBeLessThan(LINE + 4);
        expect(box.yMax).toBeLessThanOrEqual(TEXT_BOTTOM + 4);
      }
      expect(seen).toEqual(Array.from({ length: GRID.linesPerPage }, (_, i) => i + 1));
    });
  }
});
