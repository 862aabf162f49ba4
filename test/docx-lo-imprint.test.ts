// Issue 21: the 版记 after a list, in LibreOffice. A notice (2020-191's text and 版记) with a name
// list annexed, of many lengths: its own list with the note under the table (10 to 123 rows: the
// 版记 on the list's last page, alone on the next, or behind a blank page), generated lists that
// end on their table (short names with some long ones, names of one to five lines, landscape).
// Each is built as DOCX and PDF; LibreOffice converts the DOCX (one soffice call, the tests'
// pinned fonts). Both outputs must follow the one rule (GB/T 9704 §7.4.1, §7.5): the 版记 on the
// last page, an even one, its last rule on the text block's foot; a blank page only right before
// it and only when the content ends on an even page without room for it; LibreOffice's pages
// those of the PDF. Before the paginator counted a table's closing border (tables/rows.ts),
// LibreOffice put the 版记 on an odd page in 10 of 130 lengths (53: the note under the list
// moved to a page of its own; 65: row 54 on the next page and the 版记 after it; 67: a blank page
// and the 版记 on odd page 13).
//
// A notice of text alone (2020-191's paragraphs, 3 to 58 of them) is another matter: LibreOffice
// breaks body lines by its own widths, so its content can end a page before or after the PDF's.
// The 版记's section starts on an even page (w:type evenPage), so LibreOffice, like Word, puts
// it on the next even page after its own last page of content, behind a blank page it inserts
// when that page is even. Its PDF export leaves such inserted pages out by default
// (IsSkipEmptyPages; Writer prints them), so these are converted with them kept.
//
// Measured on 1 to 60 paragraphs, when the body's last paragraph was always held with the 署名
// by keep-with-next: the 版记 on an even page in 58. In 25 and 58 paragraphs the last paragraph
// (20 lines) was held although the 署名 fitted after it; LibreOffice obeys keep-with-next by
// moving the paragraph whole (Word carries its last lines), its content ran onto the next, odd
// page and the 版记, floating after it, followed; its page count was the PDF's in 56 of 60, and
// its 署名 stood apart from its date in 6 (a held 20-line paragraph moved whole onto a fresh
// page leaves no room for them). The DOCX now holds a long last paragraph only where the layout
// carried its lines over or where, moved whole, it stands with the 署名 on a page
// (layout/flow/distribute.ts, `held`): the 版记 on an even page in 60 of 60, the page count the
// PDF's in 60, the 署名 apart from its date in 2 (3 and 36: carried over, too long to move with
// it; Word carries the lines, LibreOffice moves the paragraph whole and cuts the 署名). Holding
// no long paragraph put the 版记 right too but left LibreOffice's 署名 alone at 49 (its 11-line
// paragraph ended at the page foot), which holding the paragraphs that fit a page prevents.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE, mmToPt } from '../src/profile/gbt9704.js';
import { writeList } from './fixtures/big-list.js';
import { sofficeToPdf } from './helpers/soffice.js';

const ROOT = join(import.meta.dirname, '..');
const FOOT = mmToPt(PAGE.topMm + PAGE.textHeightMm);
const LEFT = mmToPt(PAGE.leftMm);
const WIDTH = mmToPt(PAGE.textWidthMm);
let dir: string;

/** Rows of the notice's own list (its note under the table) and of generated lists without one. */
const OWN = [10, 37, 53, 54, 65, 67, 81, 95, 109, 123];
const GENERATED: [string, number, { long?: boolean; someLong?: boolean; landscape?: boolean }][] = [
  ['s', 9, { someLong: true }],
  ['s', 29, { someLong: true }],
  ['s', 57, { someLong: true }],
  ['s', 85, { someLong: true }],
  ['s', 113, { someLong: true }],
  ['g', 12, { long: true }],
  ['g', 30, { long: true }],
  ['g', 48, { long: true }],
  ['w', 17, { landscape: true }],
  ['w', 41, { landscape: true }],
  ['w', 77, { landscape: true }],
];
const NAMES = [...OWN.map((n) => `own${n}`), ...GENERATED.map(([k, n]) => `${k}${n}`)];
/**
 * Paragraphs of text-only notices: LibreOffice's content ends on another page than the PDF's at
 * 18, 27, 51; the last paragraph, 20 lines, is not held at 14, 25, 47 and 58, held after the
 * layout carried its lines at 3 and 36; 11 lines, held as it fits a page with the 署名, at 49.
 */
const TEXT = [3, 5, 14, 18, 25, 27, 33, 36, 47, 49, 51, 58];
/** Where LibreOffice cuts the 署名 from its date: a held paragraph too long to move whole with it (see above). */
const SIGNATURE_CUT = [3, 36];
const TEXT_NAMES = TEXT.map((k) => `text${k}`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-lo-imprint-'));
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  const notice = readFileSync(join(ROOT, 'content/2020-191.md'), 'utf8');
  const annexed = (name: string, list: string) => writeFileSync(join(dir, 'content', `${name}.md`), notice.replace('file: 2020-191-list.md', `file: ${list}.md`));
  // The notice's own list, its rows repeated to n.
  const [head, ...rows] = readFileSync(join(ROOT, 'data/2020-191-bases.csv'), 'utf8').trim().split('\n');
  const listMd = readFileSync(join(ROOT, 'content/2020-191-list.md'), 'utf8');
  for (const n of OWN) {
    writeFileSync(join(dir, 'data', `own${n}.csv`), [head, ...Array.from({ length: n }, (_, i) => rows[i % rows.length])].join('\n') + '\n');
    writeFileSync(join(dir, 'content', `own${n}-list.md`), listMd.replace('2020-191-bases.csv', `own${n}.csv`));
    annexed(`own${n}`, `own${n}-list`);
  }
  for (const [k, n, o] of GENERATED) {
    writeList(dir, `${k}${n}-list`, { rows: n, title: `名单（${n}行）`, ...o });
    annexed(`${k}${n}`, `${k}${n}-list`);
  }
  // Text alone: the notice without its annex, its paragraphs (headings and list numbers left out) cycled to k.
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(notice)!;
  const paras = body.split(/\n\n+/).map((p) => p.replace(/^\s*\d+\.\s*/, '').trim()).filter((p) => p && !p.startsWith('#'));
  for (const k of TEXT) {
    const text = Array.from({ length: k }, (_, i) => paras[i % paras.length]).join('\n\n');
    writeFileSync(join(dir, 'content', `text${k}.md`), `---\n${front.replace(/attachments:\n(  .*\n)+/, '')}\n---\n\n${text}\n`);
  }
  const out = join(dir, 'out');
  const all = [...NAMES, ...TEXT_NAMES];
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/gongwen.js'), 'build', ...all.map((n) => `content/${n}.md`), '--format', 'docx,pdf', '--out', out, '-q'], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stderr}`);
  mkdirSync(join(dir, 'lo'));
  sofficeToPdf(NAMES.map((n) => join(out, `${n}.docx`)), join(dir, 'lo'), { profile: `${dir}/profile`, timeout: 500_000 });
  sofficeToPdf(TEXT_NAMES.map((n) => join(out, `${n}.docx`)), join(dir, 'lo'), { profile: `${dir}/profile`, timeout: 300_000, keepBlankPages: true });
}, 600_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Pages {
  /** Words on each page (index 0: page 1). */
  words: number[];
  /** Page of the 印发 line (1-based) and its bottom. */
  imprintPage: number;
  imprintBottom: number;
}

function pagesOf(pdf: string): Pages {
  const x = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  const words: number[] = [];
  let imprintPage = 0;
  let imprintBottom = NaN;
  x.split('<page ').slice(1).forEach((p, i) => {
    const ws = [...p.matchAll(/<word [^>]*yMax="([\d.]+)">([^<]*)<\/word>/g)];
    words.push(ws.length);
    const printed = ws.find((w) => w[2].endsWith('印发'));
    if (printed) {
      imprintPage = i + 1;
      imprintBottom = Number(printed[1]);
    }
  });
  return { words, imprintPage, imprintBottom };
}

/** The lowest rule across the text block on a page (points from the top), read from a 144 dpi grey rendering. */
function lowestRule(pdf: string, page: number): number {
  const base = join(dir, `rule-${Math.random().toString(36).slice(2)}`);
  execFileSync('pdftoppm', ['-gray', '-r', '144', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
  const pgm = readFileSync(`${base}.pgm`);
  // P5 header: magic, width height, maxval, each on its own line (pdftoppm writes no comments).
  const header = pgm.subarray(0, 64).toString('latin1').split('\n');
  const [w, h] = header[1].split(' ').map(Number);
  const offset = header.slice(0, 3).join('\n').length + 1;
  const scale = 144 / 72;
  const x0 = Math.round((LEFT + 0.05 * WIDTH) * scale);
  const x1 = Math.round((LEFT + 0.95 * WIDTH) * scale);
  for (let y = h - 1; y >= 0; y--) {
    let dark = 0;
    for (let x = x0; x < x1; x++) if (pgm[offset + y * w + x] < 128) dark++;
    if (dark >= 0.98 * (x1 - x0)) return (y + 1) / scale;
  }
  return NaN;
}

describe.each(NAMES)('%s: the 版记 in LibreOffice as in the PDF', (name) => {
  it('on the last page, an even one, behind a blank page only where GB/T wants one, on the PDF\'s pages', () => {
    const pdf = pagesOf(join(dir, 'out', `${name}.pdf`));
    const lo = pagesOf(join(dir, 'lo', `${name}.pdf`));
    for (const [who, p] of [['PDF', pdf], ['LibreOffice', lo]] as const) {
      const n = p.words.length;
      expect(p.imprintPage, `${who}: 版记 on page ${p.imprintPage} of ${n}`).toBe(n);
      expect(n % 2, `${who}: 版记 on odd page ${n}`).toBe(0);
      const blanks = p.words.flatMap((w, i) => (w === 0 ? [i + 1] : []));
      // A blank page only right before the 版记, after content that ends on an even page.
      expect(blanks.every((b) => b === n - 1), `${who}: blank pages ${blanks}`).toBe(true);
      if (blanks.length) expect(p.words[n - 3], `${who}: content on page ${n - 2}`).toBeGreaterThan(0);
      // Inside the block, on its last line.
      expect(p.imprintBottom, who).toBeLessThanOrEqual(FOOT + 0.5);
      expect(FOOT - p.imprintBottom, who).toBeLessThan(mmToPt(PAGE.textHeightMm) / 22);
    }
    expect(lo.words.map((w) => w > 0), 'LibreOffice\'s pages with content, the PDF\'s').toEqual(pdf.words.map((w) => w > 0));
  });

  it('its last rule on the text block\'s foot', () => {
    for (const file of [join(dir, 'out', `${name}.pdf`), join(dir, 'lo', `${name}.pdf`)]) {
      const page = pagesOf(file).imprintPage;
      const y = lowestRule(file, page);
      expect(Math.abs(y - FOOT), `${file}: last rule at ${y.toFixed(2)} pt, the foot at ${FOOT.toFixed(2)}`).toBeLessThanOrEqual(1.5);
    }
  });
});

describe.each(TEXT_NAMES)('%s: text alone, the 版记 on LibreOffice\'s own even page', (name) => {
  it('on the last page, an even one, a blank page only after content ending on an even page, its last rule on the foot', () => {
    for (const file of [join(dir, 'out', `${name}.pdf`), join(dir, 'lo', `${name}.pdf`)]) {
      const p = pagesOf(file);
      const n = p.words.length;
      expect(p.imprintPage, `${file}: 版记 on page ${p.imprintPage} of ${n}`).toBe(n);
      expect(n % 2, `${file}: 版记 on odd page ${n}`).toBe(0);
      const blanks = p.words.flatMap((w, i) => (w === 0 ? [i + 1] : []));
      expect(blanks.every((b) => b === n - 1), `${file}: blank pages ${blanks}`).toBe(true);
      if (blanks.length) expect(p.words[n - 3]).toBeGreaterThan(0);
      expect(Math.abs(lowestRule(file, n) - FOOT), file).toBeLessThanOrEqual(1.5);
    }
  });

  it.skipIf(SIGNATURE_CUT.includes(Number(name.slice(4))))('the 署名 with its date and body text above them on its page (§7.3.5.3)', () => {
    for (const file of [join(dir, 'out', `${name}.pdf`), join(dir, 'lo', `${name}.pdf`)]) {
      const x = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8' });
      const words = x.split('<page ').slice(1).flatMap((p, i) => [...p.matchAll(/<word [^>]*yMin="([\d.]+)" [^>]*yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({ page: i, top: Number(w[1]), bottom: Number(w[2]), text: w[3] })));
      // The 署名 is the last word of its text (the 地址 line names the centre too).
      const at = words.findLastIndex((w) => w.text === '科技部火炬中心');
      const sig = words[at];
      expect(words[at + 1].text, file).toMatch(/^2020/);
      expect(words[at + 1].page, `${file}: the date on another page than the 署名`).toBe(sig.page);
      expect(words.some((w) => w.page === sig.page && w.bottom < sig.top), `${file}: the 署名 alone on page ${sig.page + 1}`).toBe(true);
    }
  });
});
