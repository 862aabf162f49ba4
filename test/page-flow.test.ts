// Issue 9's page flow, as a user builds it: a table's head never stands at a page foot with one
// body row (the head keeps two), and the 署名/日期 never stand on a page without body text while
// page 1 keeps its body (§7.3.3, §7.3.5.3; the DOCX holds the body's last paragraph whole, by
// keep-with-next, where it does not empty page 1) — read from the PDF (pdftotext -bbox-layout) and from
// the DOCX as LibreOffice lays it out, on notices generated so that the table or the body's end
// falls at a page foot, and on content/2020-183.md and content/2020-191.md.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { sofficeToPdf } from './helpers/soffice.js';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin/gongwen.js');
let dir: string;
let lo: string;

const front = (attachment: boolean) => `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字〔2020〕1号
title: 关于测试分页的通知
to: 各省、自治区、直辖市科技厅
signature: 科技部火炬中心
date: 2020-11-06
note: 此件主动公开
${attachment ? 'attachments:\n  - title: 测试附件名称\n' : ''}---

`;
/** One grid line of body text (2 characters of indent + 26). */
const LINE = '这是用于测试的正文段落内容每行二十六个字符正好一行吧';
/** A paragraph of four lines. */
const LAST = '末段' + '落'.repeat(24) + '一'.repeat(28) + '二'.repeat(28) + '三'.repeat(26);
const TABLE = '| 指标 | 单位 | 2018年 | 2019年 |\n| --- | :---: | :---: | :---: |\n' + [...Array(8).keys()].map((i) => `| 集群企业数量${i} | 家 | 352 | 381 |\n`).join('');
const body = (k: number) => Array(k).fill(LINE).join('\n\n');

/** name → content. t{k}: k body lines, then the table (its head falls at page 2's foot near k = 25–26). */
const DOCS: Record<string, string> = {};
for (const k of [24, 25, 26, 27]) DOCS[`t${k}`] = front(false) + body(k) + '\n\n' + TABLE + '\n' + LINE + '\n';
// s{a|n}{k}: k body lines, then a four-line paragraph whose end falls at a page foot (k = 0: page 1's).
for (const k of [0, 3, 5, 21, 24]) for (const a of [true, false]) DOCS[`s${a ? 'a' : 'n'}${k}`] = front(a) + [body(k), LAST].filter(Boolean).join('\n\n') + '\n';

interface Line {
  page: number;
  text: string;
}

/** The lines pdftotext -bbox-layout finds, words joined, LibreOffice's spaces between CJK and digits dropped. */
function lines(pdf: string): Line[] {
  const x = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  const out: Line[] = [];
  x.split('<page ').slice(1).forEach((pageXml, i) => {
    for (const m of pageXml.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)) {
      out.push({ page: i + 1, text: [...m[1].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join('') });
    }
  });
  return out;
}

const isBody = (t: string) => /正文段落|落落|一一|二二|三三/.test(t);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-flow-'));
  mkdirSync(join(dir, 'content'));
  for (const [n, md] of Object.entries(DOCS)) writeFileSync(join(dir, 'content', `${n}.md`), md);
  const seeds = ['2020-183', '2020-191'].map((n) => join(ROOT, 'content', `${n}.md`));
  const r = spawnSync(process.execPath, [BIN, 'build', 'content', ...seeds, '--out', join(dir, 'out'), '-q'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stderr}`);
  lo = join(dir, 'lo');
  mkdirSync(lo);
  const docs = [...Object.keys(DOCS), '2020-183', '2020-191'].map((n) => join(dir, 'out', `${n}.docx`));
  sofficeToPdf(docs, lo, { profile: `${lo}/profile` });
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const both = (name: string) => [join(dir, 'out', `${name}.pdf`), join(lo, `${name}.pdf`)];

describe('a table keeps two body rows with its head, in the PDF and in LibreOffice', () => {
  it.each([24, 25, 26, 27])('t%i: every page the head stands on holds at least two body rows', (k) => {
    const firstPages: number[] = [];
    for (const pdf of both(`t${k}`)) {
      const ls = lines(pdf);
      const pages = [...new Set(ls.filter((l) => l.text.startsWith('指标')).map((l) => l.page))];
      expect(pages.length, pdf).toBeGreaterThan(0);
      for (const p of pages) expect(ls.filter((l) => l.page === p && l.text.startsWith('集群企业数量')).length, `${pdf} page ${p}`).toBeGreaterThanOrEqual(2);
      expect(ls.filter((l) => l.text.startsWith('集群企业数量')).length, pdf).toBe(8);
      firstPages.push(pages[0]);
    }
    // Both outputs start the table on the same page.
    expect(firstPages[0]).toBe(firstPages[1]);
  });
});

describe('the 署名 and 日期 stand with body text; page 1 keeps its body (PDF and LibreOffice alike)', () => {
  const names = [...Object.keys(DOCS).filter((n) => n.startsWith('s')), '2020-183', '2020-191'];
  it.each(names)('%s', (name) => {
    const onSignaturePage: number[] = [];
    for (const pdf of both(name)) {
      const ls = lines(pdf).map((l) => ({ ...l, text: l.text.replace(/\s/g, '') }));
      const date = ls.find((l) => l.text.endsWith('11月6日'));
      expect(date, pdf).toBeDefined();
      const note = ls.find((l) => l.text.startsWith('附件：'));
      const end = note ?? date!;
      // Generated notices: their body lines; the seeds: any line before the 附件说明 (long ones on page 1).
      const body = (l: Line) => (name.startsWith('s') ? isBody(l.text) : ls.indexOf(l) < ls.indexOf(end) && (l.page > 1 || l.text.length >= 20));
      // Body text on page 1 below the 主送 (§7.3.3).
      const to = ls.find((l) => l.page === 1 && l.text.endsWith('：'));
      expect(ls.some((l) => l.page === 1 && body(l) && ls.indexOf(l) > ls.indexOf(to!)), `${pdf}: page 1 has no body`).toBe(true);
      // Body text on the signature's page, above the 附件说明 (§7.3.5.3) — except where the last
      // paragraph is the body's first (s?0, 2020-183): the DOCX does not hold it, since LibreOffice
      // moves a keep-with-next paragraph whole and page 1 would lose its body (layout/flow/keeps.ts).
      const before = ls.filter((l) => l.page === date!.page && ls.indexOf(l) < ls.indexOf(end));
      const n = before.filter(body).length;
      const firstHeld = !(pdf.startsWith(lo) && (/^s[an]0$/.test(name) || name === '2020-183'));
      if (firstHeld) expect(n, `${pdf}: page ${date!.page} has no body text`).toBeGreaterThan(0);
      onSignaturePage.push(n);
      // The 附件说明 stands on the signature's page.
      if (note) expect(note.page, pdf).toBe(date!.page);
    }
    // LibreOffice moves the last paragraph whole (keep-with-next + keep-lines-together, four lines
    // here) where the Chromium PDF carried its last line: the new PDF writer follows the layout's
    // keepWithNext ('whole') instead, and the lead compares the two after integration.
    if (name.startsWith('s') && !/^s[an]0$/.test(name)) expect(onSignaturePage[1], name).toBeGreaterThanOrEqual(4);
  });
});
