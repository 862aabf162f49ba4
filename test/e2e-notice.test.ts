// End to end, as a user runs it: `gongwen build` on the seed notices, then the outputs read by
// real programs — poppler for the PDF, unzip for the DOCX, LibreOffice as a word processor.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expectInOrder } from './fixtures/in-order.js';
import { sofficeToPdf } from './helpers/soffice.js';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin/gongwen.js');
let out: string;

function gongwen(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, err: r.stderr, out: r.stdout };
}

const pdftotext = (pdf: string, ...args: string[]) => execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);

/** Words of one page with their boxes, from pdftotext -bbox. */
function words(pdf: string, page: number): { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5],
  }));
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'gw-e2e-'));
  const r = gongwen(['build', 'content/2020-191.md', 'content/2020-183.md', '--out', out]);
  if (r.code !== 0) throw new Error(`build failed (${r.code}):\n${r.err}`);
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('gongwen build content/2020-191.md (seed 000)', () => {
  const pdf = () => join(out, '2020-191.pdf');
  const docx = () => join(out, '2020-191.docx');

  it('writes out/2020-191.docx and out/2020-191.pdf named after the content file', () => {
    expect(existsSync(pdf())).toBe(true);
    expect(existsSync(docx())).toBe(true);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads in GB/T 9704 order: header, number, title, 主送, body, 附件说明, signature, date, 附注, annex, list', () => {
    const text = pdftotext(pdf()).replace(/\s+/g, '');
    // The 标志's "文件" stands right of the stacked lines, centred on them: read it anywhere in the header.
    expect(text.slice(0, text.indexOf('国科火字'))).toContain('文件');
    const order = [
      '科学技术部火炬', '高技术产业开发中心', '国科火字〔2020〕191号',
      '关于开展2020年国家火炬特色产业基地', '复核工作的通知',
      '有关省、自治区、计划单列市科技厅（局）：',
      '一、复核材料内容', '（一）基地近三年来的发展情况总结', '1.基地主导产业发展概况', '7.基地联系人', '（二）基地未来三年', '（三）根据',
      '二、复核材料报送', '（一）省、自治区',
      '附件：2020年度国家火炬特色产业基地复核名单',
      '科技部火炬中心', '2020年11月6日', '（此件主动公开）',
      // The head row is checked on its own line below: where a name wraps, pdftotext reads
      // the cells of the first row before the head's last ones.
      '附件', '2020年度国家火炬特色产业基地复核名单', '序号', '账号',
      'tjjd150616002', '国家火炬鄂尔多斯汽车及关键零部件特色产业基地', '内蒙古',
      'tjjd370215005', '国家火炬黄岛船舶与海洋装备特色产业基地',
      '抄送：', '科学技术部火炬高技术产业开发中心办公室', '2020年11月9日印发',
    ];
    expectInOrder(text, order);
    expect(pdftotext(pdf(), '-layout')).toMatch(/序号\s+账号\s+基地名称\s+省市/);
  });

  it('is A4, with the title and author in its metadata, and no Type 3 font', () => {
    const info = execFileSync('pdfinfo', [pdf()], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Title:\s+关于开展2020年国家火炬特色产业基地复核工作的通知/);
    expect(info).toMatch(/Author:\s+科学技术部火炬高技术产业开发中心/);
    const fonts = execFileSync('pdffonts', [pdf()], { encoding: 'utf8' });
    expect(fonts).not.toMatch(/Type 3/);
    expect(fonts).toMatch(/CID TrueType/);
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
  });

  it('numbers pages "— N —", right on odd pages and left on even pages, 7 mm below the text block', () => {
    const n = pageCount(pdf());
    expect(n).toBeGreaterThanOrEqual(4);
    const mid = 595.28 / 2;
    const textBottom = ((37 + 225) / 25.4) * 72;
    let numbered = 0;
    for (let p = 1; p <= n; p++) {
      const ws = words(pdf(), p);
      const num = ws.find((w) => w.text === String(p) && w.yMin > textBottom);
      if (!num) continue; // the 版记 page after a blank page carries no number
      numbered++;
      if (p % 2 === 1) expect(num.xMin, `page ${p}`).toBeGreaterThan(mid);
      else expect(num.xMax, `page ${p}`).toBeLessThan(mid);
      // The dashes' line sits 7 mm below the text block (the middle of the number's line).
      const dashMm = (((num.yMin + num.yMax) / 2 - textBottom) * 25.4) / 72;
      expect(dashMm, `page ${p}`).toBeGreaterThan(5);
      expect(dashMm, `page ${p}`).toBeLessThan(9);
      const line = pdftotext(pdf(), '-f', String(p), '-l', String(p));
      expect(line).toMatch(new RegExp(`— ?${p} ?—`));
    }
    expect(numbered).toBeGreaterThanOrEqual(n - 2);
  });

  it('puts the 版记 at the foot of an even last page', () => {
    const n = pageCount(pdf());
    expect(n % 2).toBe(0);
    const ws = words(pdf(), n);
    const printed = ws.find((w) => w.text.includes('印发'));
    expect(printed).toBeDefined();
    const textBottom = ((37 + 225) / 25.4) * 72;
    // Its last line stands on the last line of the text block.
    expect(textBottom - printed!.yMax).toBeLessThan(30);
    expect(textBottom - printed!.yMax).toBeGreaterThan(-5);
  });

  it('repeats the list head on every page of the annex', () => {
    const n = pageCount(pdf());
    let heads = 0;
    let pagesWithRows = 0;
    for (let p = 1; p <= n; p++) {
      const t = pdftotext(pdf(), '-f', String(p), '-l', String(p));
      if (/tjjd\d+/.test(t)) {
        pagesWithRows++;
        if (/序号/.test(t) && /基地名称/.test(t)) heads++;
      }
    }
    expect(pagesWithRows).toBeGreaterThanOrEqual(2);
    expect(heads).toBe(pagesWithRows);
  });

  it('has the GB/T 9704 parts in the DOCX, with styles, numbering and odd/even footers', () => {
    const xml = execFileSync('unzip', ['-p', docx(), 'word/document.xml'], { encoding: 'utf8' });
    const styles = execFileSync('unzip', ['-p', docx(), 'word/styles.xml'], { encoding: 'utf8' });
    const numbering = execFileSync('unzip', ['-p', docx(), 'word/numbering.xml'], { encoding: 'utf8' });
    const settings = execFileSync('unzip', ['-p', docx(), 'word/settings.xml'], { encoding: 'utf8' });
    expect(xml).toContain('国科火字〔2020〕191号');
    // The line grid of 22 lines; 28 characters a line come from the character spacing (a
    // character grid makes LibreOffice break after 27).
    expect(xml).toMatch(/<w:docGrid [^>]*w:linePitch="579"/);
    expect(xml).toMatch(/w:pgSz w:w="11906" w:h="16838"/);
    expect(styles).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(styles).toMatch(/方正小标宋简体/);
    expect(numbering).toMatch(/chineseCounting/);
    expect(numbering).toContain('%1、');
    expect(settings).toMatch(/w:evenAndOddHeaders/);
    expect(xml).toContain('w:tblHeader');
    expect(xml).toMatch(/w:vMerge w:val="restart"/);
  });

  it('opens in LibreOffice with as many pages as gongwen’s own PDF', () => {
    const lo = mkdtempSync(join(tmpdir(), 'gw-lo-'));
    try {
      sofficeToPdf([docx()], lo, { profile: `${lo}/profile`, timeout: 180_000 });
      const loPdf = join(lo, '2020-191.pdf');
      expect(pageCount(loPdf)).toBe(pageCount(pdf()));
      const loText = pdftotext(loPdf).replace(/\s+/g, '');
      for (const s of ['一、复核材料内容', '（一）基地近三年来的发展情况总结', '1.基地主导产业发展概况', '（三）根据', '2020年11月6日', '（此件主动公开）']) {
        expect(loText).toContain(s);
      }
    } finally {
      rmSync(lo, { recursive: true, force: true });
    }
  });
});

describe('gongwen build content/2020-183.md (seed 004)', () => {
  it('builds the notice with its guideline annex', () => {
    const pdf = join(out, '2020-183.pdf');
    const text = pdftotext(pdf).replace(/\s+/g, '');
    expect(text).toContain('国科火字〔2020〕183号');
    expect(text).toContain('关于印发《创新型产业集群');
    expect(text).toContain('第一章总则');
    expect(text).toContain('第十六条本指引自发布之日起试行。');
    expect(pageCount(pdf) % 2).toBe(0);
  });
});

describe('reproducible and atomic', () => {
  it('builds byte-identical DOCX and PDF from the same input', () => {
    const again = mkdtempSync(join(tmpdir(), 'gw-again-'));
    try {
      const r = gongwen(['build', 'content/2020-191.md', '--out', again]);
      expect(r.code).toBe(0);
      for (const f of ['2020-191.docx', '2020-191.pdf']) {
        expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('writes nothing for a document with errors, and keeps the good file it had', () => {
    const proj = mkdtempSync(join(tmpdir(), 'gw-atomic-'));
    try {
      cpSync(join(ROOT, 'content/2020-183.md'), join(proj, 'a.md'));
      cpSync(join(ROOT, 'content/2020-183-guideline.md'), join(proj, '2020-183-guideline.md'));
      expect(gongwen(['build', 'a.md', '--format', 'docx', '--out', 'o'], proj).code).toBe(0);
      const good = readFileSync(join(proj, 'o/a.docx'));
      writeFileSync(join(proj, 'a.md'), readFileSync(join(proj, 'a.md'), 'utf8').replace('〔2020〕183号', '[2020]183号'));
      const r = gongwen(['build', 'a.md', '--format', 'docx', '--out', 'o'], proj);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/a\.md:5:13 error doc-number: 发文字号的年份应使用六角括号〔〕/);
      expect(readFileSync(join(proj, 'o/a.docx')).equals(good)).toBe(true);
      expect(readdirSync(join(proj, 'o'))).toEqual(['a.docx']);
    } finally {
      rmSync(proj, { recursive: true, force: true });
    }
  });
});

describe('the command line', () => {
  it('teaches with --help and refuses bad usage with exit 2', () => {
    const help = gongwen(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/build \[options\] <inputs\.\.\.>/);
    expect(gongwen([]).code).toBe(2);
    expect(gongwen(['build']).code).toBe(2);
    expect(gongwen(['build', 'content/2020-191.md', '--format', 'odt']).code).toBe(2);
    expect(gongwen(['frobnicate']).code).toBe(2);
    expect(gongwen(['build', '--nope', 'x.md']).code).toBe(2);
  });

  it('exits 1 for a file that does not exist', () => {
    const r = gongwen(['build', 'content/none.md', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/content\/none\.md error read/);
  });
});
