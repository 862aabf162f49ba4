// Issue 9's typesetting, as a user builds it: display lines (标志, titles, annex title), hard
// breaks, an author's own "1.", figures right-aligned, space around a body table, the 109-row
// cluster list's cells, landscape page numbers and the 版记 rules — read from the PDF
// (pdftotext -bbox-layout, pixels at 1200 dpi) and from the DOCX as LibreOffice lays it out.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { sofficeToPdf } from './helpers/soffice.js';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin/gongwen.js');
let dir: string;
let lo: string;

const NOTICE = `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2021〕45号
title: 关于开展2021年创新型产业集群评价推荐工作的通知
to: 各省、自治区、直辖市及计划单列市科技厅（委、局）
signature: 科技部火炬中心
date: 2021-04-02
attachments:
  - title: 创新型产业集群发展规划（2021—2023）提纲
    file: annex.md
cc: [各省、自治区、直辖市科技厅（委、局）]
printer: 科学技术部火炬高技术产业开发中心办公室
printed: 2021-04-06
---

为贯彻十九届五中全会精神，深入实施创新驱动发展战略，现决定开展2021年创新型产业集群评价推荐工作。

# 推荐数量

| 地区 | 集群数 | 总产值（亿元） | 占比 |
|---|---|---|---|
| 北京 | 3 | 1,234.5 | 12.5% |
| 上海市浦东新区科委 | 12 | 98.7 | 3% |

# 联系方式

联系人：孙翔宇\\
联系电话：010-88656275  
报送地址：北京市西城区三里河二区甲18号
`;

const ANNEX = `---
kind: annex
title: 创新型产业集群发展规划（2021—2023）提纲
---

# 一、集群基本情况

1. 集群现状。包括集群规模、主导产业、龙头企业。
2. 集群优势。包括创新能力、产业链配套。
`;

const LIST = (orientation: string) => `---
kind: list
title: 创新型产业集群名单
data: ../data/clusters.csv
number: 序号
columns: [地区, 集群名称, 建设单位, 类型]
merge: [地区]
orientation: ${orientation}
---
`;

interface Line {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The lines pdftotext -bbox-layout finds, with their words joined. */
function lines(pdf: string): Line[] {
  const x = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  const out: Line[] = [];
  x.split('<page ').slice(1).forEach((body, i) => {
    for (const m of body.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const text = [...m[5].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1].replace(/&amp;/g, '&')).join('');
      out.push({ page: i + 1, text, xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4] });
    }
  });
  return out;
}

/** Thicknesses (mm) of the black runs crossing a vertical line at x mm, from a 1200 dpi raster. */
function rulesAt(pdf: string, page: number, xMm: number, fromMm: number): number[] {
  const dpi = 1200;
  const px = (mm: number) => Math.round((mm / 25.4) * dpi);
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-x', String(px(xMm)), '-y', String(px(fromMm)), '-W', '1', '-H', String(px(297 - fromMm)), pdf]);
  // P5 header: magic, size, maxval, then the bytes.
  let nl = 0;
  let at = 0;
  while (nl < 3) if (pgm[at++] === 0x0a) nl++;
  const runs: number[] = [];
  let start = -1;
  for (let i = at; i <= pgm.length; i++) {
    const dark = i < pgm.length && pgm[i] < 128;
    if (dark && start < 0) start = i;
    if (!dark && start >= 0) {
      runs.push(((i - start) / dpi) * 25.4);
      start = -1;
    }
  }
  return runs;
}

const lineTexts = (ls: Line[]) => ls.map((l) => l.text);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-typeset-'));
  mkdirSync(join(dir, 'content'));
  mkdirSync(join(dir, 'data'));
  copyFileSync(join(ROOT, 'data/2021-45-clusters.csv'), join(dir, 'data/clusters.csv'));
  writeFileSync(join(dir, 'content/notice.md'), NOTICE);
  writeFileSync(join(dir, 'content/annex.md'), ANNEX);
  writeFileSync(join(dir, 'content/portrait.md'), LIST('portrait'));
  writeFileSync(join(dir, 'content/landscape.md'), LIST('landscape'));
  const r = spawnSync(process.execPath, [BIN, 'build', 'content/notice.md', 'content/portrait.md', 'content/landscape.md', '--out', 'out'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stderr}`);
  lo = join(dir, 'lo');
  mkdirSync(lo);
  const docs = ['notice', 'portrait', 'landscape'].map((n) => join(dir, 'out', `${n}.docx`));
  sofficeToPdf(docs, lo, { profile: `${lo}/profile` });
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const both = (name: string) => [join(dir, 'out', `${name}.pdf`), join(lo, `${name}.pdf`)];

describe('display lines and text, in the PDF and in LibreOffice', () => {
  it('标志 "科学技术部火炬 / 高技术产业开发中心", title broken between phrases, the annex title wrapped where its type is wider than the block', () => {
    for (const pdf of both('notice')) {
      const t = lineTexts(lines(pdf));
      expect(t, pdf).toContain('科学技术部火炬');
      expect(t, pdf).toContain('高技术产业开发中心');
      expect(t, pdf).toContain('关于开展2021年创新型产业集群');
      expect(t, pdf).toContain('评价推荐工作的通知');
      // 452 pt of type in the 442 pt block (the grid counted its eight figures as half a
      // character each and kept it on one line, and the whole PDF was shrunk to 97.56 %): two
      // lines, the same in the PDF and the DOCX.
      expect(t, pdf).toContain('创新型产业集群发展规划');
      expect(t, pdf).toContain('（2021—2023）提纲');
    }
  });

  it('hard line breaks break the line; the annex keeps its own "1."', () => {
    for (const pdf of both('notice')) {
      const t = lineTexts(lines(pdf));
      expect(t, pdf).toEqual(expect.arrayContaining(['联系人：孙翔宇', '联系电话：010-88656275', '报送地址：北京市西城区三里河二区甲18号']));
      expect(t.some((l) => l.startsWith('1.集群现状')), pdf).toBe(true);
      expect(t.some((l) => l.includes('（一）集群现状')), pdf).toBe(false);
    }
  });

  it('figures right-aligned; half a line between the table and the heading above it', () => {
    for (const pdf of both('notice')) {
      const ls = lines(pdf);
      const word = (text: string) => execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' })
        .match(new RegExp(`xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${text.replace(/[.%]/g, '\\$&')}</word>`))!
        .slice(1).map(Number);
      // Right edges of a column's figures line up: 3 / 12, 1,234.5 / 98.7, 12.5% / 3%.
      for (const [a, b] of [['3', '12'], ['1,234.5', '98.7'], ['12.5%', '3%']]) expect(Math.abs(word(a)[2] - word(b)[2]), `${pdf} ${a}/${b}`).toBeLessThan(1);
      const heading = ls.find((l) => l.text === '一、推荐数量')!;
      const head = word('地区');
      // Heading's foot to the head row's text: half a line (14.5 pt) + border + padding (4.3 pt) at least.
      expect(head[1] - heading.yMax, pdf).toBeGreaterThan(16);
    }
  });
});

describe('the 109-row cluster list (portrait): cells broken between words, the same in both', () => {
  it('no cell line of one or two characters cut from a longer value; 科委 whole; identical lines', () => {
    const csv = readFileSync(join(ROOT, 'data/2021-45-clusters.csv'), 'utf8');
    const values = new Set(csv.split(/\r?\n/).flatMap((r) => r.split(',')).map((v) => v.trim()));
    const [pdf, lopdf] = both('portrait').map((p) => lines(p).filter((l) => !/^—\d+—$/.test(l.text)));
    for (const ls of [pdf, lopdf]) {
      const short = ls.map((l) => l.text).filter((t) => [...t].length <= 2 && !/^\d+$/.test(t) && !values.has(t) && !['序号', '地区', '类型'].includes(t));
      expect(short).toEqual([]);
      expect(ls.some((l) => l.text === '委' || l.text.endsWith('浦东新区科'))).toBe(false);
    }
    // Both renderers break each cell at the same places (the model carries the breaks). The
    // 地区 are left out: a merge cut at a page start shows its value once on each page
    // (test/docx-lo-merges.test.ts checks them).
    const regions = new Set(csv.split(/\r?\n/).slice(1).map((r) => r.split(',')[0].trim()).filter(Boolean));
    const count = (ls: Line[]) => ls.map((l) => l.text).filter((t) => !['序号', '地区', '集群名称', '建设单位', '类型'].includes(t) && !regions.has(t)).sort();
    expect(count(pdf)).toEqual(count(lopdf));
  });
});

describe('pages: landscape page numbers and 版记 rules', () => {
  it('a landscape page carries "— N —" up its left edge where the DOCX does, not at its foot', () => {
    const [pdf, lopdf] = both('landscape');
    for (const page of [1, 2]) {
      const num = (p: string) => lines(p).find((l) => l.page === page && l.text.replace(/\s/g, '') === `—${page}—`);
      const a = num(pdf)!;
      const b = num(lopdf)!;
      expect(a, `page ${page}`).toBeDefined();
      expect(b).toBeDefined();
      // Turned: taller than wide, in the left margin, and within 3 pt of LibreOffice's box.
      expect(a.yMax - a.yMin).toBeGreaterThan(a.xMax - a.xMin);
      expect(a.xMax).toBeLessThan(105);
      for (const k of ['xMin', 'xMax', 'yMin', 'yMax'] as const) expect(Math.abs(a[k] - b[k]), `${k} page ${page}`).toBeLessThan(8);
    }
  });

  it('版记 rules: 0.35 mm first and last, 0.25 mm between (measured at 1200 dpi)', () => {
    const pdf = join(dir, 'out', 'notice.pdf');
    const last = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    // Right end of the text block, inside the 版记's one-character side indent: only rules cross it.
    const runs = rulesAt(pdf, last, 28 + 156 - 2, 150);
    expect(runs).toHaveLength(3);
    expect(runs[0]).toBeCloseTo(0.35, 1);
    expect(runs[1]).toBeGreaterThan(0.21);
    expect(runs[1]).toBeLessThan(0.29);
    expect(runs[2]).toBeCloseTo(0.35, 1);
  });
});
