// Issue 21, the DOCX as LibreOffice draws it (soffice --convert-to pdf, pdftotext -bbox-layout):
// the date ends 2 字 (unsealed) or 4 字 (sealed) from the text block's right edge within a
// quarter 字, whatever width its figures take; the 版记 lies inside the text block at the foot of
// an even page (alone on its page, and on the content's last page); the lines after an author's
// hard line break (联系电话, 报送地址 under 联系人) start two 字 in; the body's last paragraph is
// one paragraph; a name list's merged 地区 shows on every page it runs onto, never empty at a
// page's top. One soffice call for all documents, in the tests' pinned fonts.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAR_PITCH_MM, PAGE, mmToPt } from '../src/profile/gbt9704.js';
import { sofficeToPdf } from './helpers/soffice.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/gongwen.js');
const CHAR = mmToPt(CHAR_PITCH_MM);
const LEFT = mmToPt(PAGE.leftMm);
const RIGHT = mmToPt(PAGE.leftMm + PAGE.textWidthMm);
const FOOT = mmToPt(PAGE.topMm + PAGE.textHeightMm);
let dir: string;
let lo: string;

const CONTACT = `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2022〕7号
title: 关于开展2022年度国家技术转移示范机构考核评价工作的通知
to: 各省、自治区、直辖市科技厅（委、局）
signature: 科技部火炬中心
date: 2022-03-18
---

请各单位按要求报送材料。

联系人：刘思雨\\
联系电话：027-87651009\\
报送地址：武汉市东湖新技术开发区高新大道999号
`;

interface Word {
  page: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  text: string;
}
interface Line {
  page: number;
  xMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

function linesOf(pdf: string): Line[] {
  const x = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  const out: Line[] = [];
  x.split('<page ').slice(1).forEach((pageXml, i) => {
    for (const m of pageXml.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)) {
      const words: Word[] = [...m[1].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
        page: i + 1,
        xMin: +w[1],
        yMin: +w[2],
        xMax: +w[3],
        yMax: +w[4],
        text: w[5],
      }));
      if (!words.length) continue;
      out.push({ page: i + 1, xMin: Math.min(...words.map((w) => w.xMin)), xMax: Math.max(...words.map((w) => w.xMax)), yMax: Math.max(...words.map((w) => w.yMax)), text: words.map((w) => w.text).join('') });
    }
  });
  return out;
}
const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-clerk-'));
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  for (const d of ['templates', 'fonts']) spawnSync('cp', ['-r', join(ROOT, d), join(dir, d)]);
  writeFileSync(join(dir, 'content', 'contact.md'), CONTACT);
  const docs = ['2020-191', 'sealed-notice', 'joint-sealed-notice', 'contact', '2021-45-clusters'];
  const r = spawnSync(process.execPath, [BIN, 'build', ...docs.map((d) => `content/${d}.md`), '--format', 'docx', '--out', 'out', '-q'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stderr}`);
  lo = join(dir, 'lo');
  mkdirSync(lo);
  sofficeToPdf(docs.map((d) => join(dir, 'out', `${d}.docx`)), lo, { profile: `${dir}/profile` });
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the date from the right edge, in LibreOffice', () => {
  it.each([
    ['2020-191', 2, '2020年11月6日'],
    ['contact', 2, '2022年3月18日'],
    ['sealed-notice', 4, '2026年11月20日'],
    ['joint-sealed-notice', 4, undefined],
  ] as [string, number, string | undefined][])('%s: %i 字 from the right within ¼ 字', (name, chars, date) => {
    const ls = linesOf(join(lo, `${name}.pdf`));
    const line = ls.find((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l.text) && (!date || l.text === date));
    expect(line, `${name}: no date line`).toBeDefined();
    expect(Math.abs(RIGHT - line!.xMax - chars * CHAR), `${name}: ends ${((RIGHT - line!.xMax) / CHAR).toFixed(2)} 字 from the edge`).toBeLessThanOrEqual(CHAR / 4);
  });
});

describe('the 版记 inside the text block at the foot of an even page, in LibreOffice', () => {
  it.each(['2020-191', 'sealed-notice'])('%s', (name) => {
    const pdf = join(lo, `${name}.pdf`);
    const ls = linesOf(pdf);
    const printed = ls.find((l) => l.text.endsWith('印发'));
    expect(printed, `${name}: no 印发 line`).toBeDefined();
    expect(printed!.page % 2, `${name}: 版记 on page ${printed!.page}`).toBe(0);
    expect(printed!.page).toBe(pageCount(pdf));
    // Inside the block, and on its last line (the rule lies on the block's foot).
    expect(printed!.yMax).toBeLessThanOrEqual(FOOT + 0.5);
    expect(FOOT - printed!.yMax).toBeLessThan(mmToPt(PAGE.textHeightMm) / 22);
    // Nothing of the page number runs into it: the number's line starts below the block.
    const number = ls.find((l) => l.page === printed!.page && /^—\d+—$/.test(l.text.replace(/\s/g, '')));
    if (number) expect(number.yMax - 10).toBeGreaterThan(FOOT);
  });
});

describe('lines after a hard line break keep the paragraph\'s indent, in LibreOffice', () => {
  it('联系人, 联系电话, 报送地址 each start two 字 in', () => {
    const ls = linesOf(join(lo, 'contact.pdf'));
    for (const head of ['联系人：', '联系电话：', '报送地址：']) {
      const l = ls.find((x) => x.text.startsWith(head));
      expect(l, head).toBeDefined();
      expect(Math.abs(l!.xMin - LEFT - 2 * CHAR), `${head} starts ${((l!.xMin - LEFT) / CHAR).toFixed(2)} 字 in`).toBeLessThanOrEqual(CHAR / 4);
    }
  });
});

describe('merged cells as LibreOffice draws them', () => {
  it('2021-45-clusters: every page\'s first body row shows its 地区; a merge cut by a page start restarts there', () => {
    const x = execFileSync('unzip', ['-p', join(dir, 'out', '2021-45-clusters.docx'), 'word/document.xml'], { encoding: 'utf8' });
    const pages = execFileSync('pdftotext', ['-layout', join(lo, '2021-45-clusters.pdf'), '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    expect(pages.length).toBeGreaterThan(2);
    // 地区 of each 序号, from the data (blank cells continue the one above, as the list merges them).
    const regions: string[] = [];
    for (const line of readFileSync(join(ROOT, 'data/2021-45-clusters.csv'), 'utf8').trim().split('\n').slice(1)) regions.push(line.split(',')[0] || regions[regions.length - 1]);
    for (const [k, page] of pages.entries()) {
      // The first line that starts with a 序号 (the head row and the page number left out).
      const first = page.split('\n').find((l) => /^\s*\d+\s+\S/.test(l) && !/—\s*\d+\s*—/.test(l));
      if (!first) continue;
      const n = Number(/^\s*(\d+)/.exec(first)![1]);
      expect(page, `page ${k + 1}: row ${n} without its 地区 ${regions[n - 1]}`).toContain(regions[n - 1]);
    }
    // Merges that stay on one page are still merged.
    expect(x).toContain('<w:vMerge w:val="restart"/>');
  });
});
