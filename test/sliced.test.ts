// Long merged lists are printed in slices of pages (src/render/pdf/sliced.ts). What a reader
// sees must not show it: every row once and in order, the header on every page, page numbers
// running on, a merged cell's value shown again on every page it continues onto, and a notice
// whose annex is such a list still ends with its 版记 on an even page.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compileFile } from '../src/pipeline/compile.js';
import { loadFontMap } from '../src/fonts/index.js';
import { PdfRenderer } from '../src/render/pdf/index.js';
import { SLICE_MIN_ROWS } from '../src/render/pdf/sliced.js';
import type { TableBlock } from '../src/model/types.js';

const ROOT = join(__dirname, '..');
const ROWS = 1300;
const PROVINCES = ['浙江', '安徽', '山东', '河南', '湖北', '湖南', '广东'];
let dir: string;
let renderer: PdfRenderer;

function pages(pdf: Uint8Array): string[] {
  const path = join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split('\f');
  return text.slice(0, -1);
}

/** The 序号 of the list rows on a page, in order. */
function rowNumbers(page: string): number[] {
  return page.split('\n').flatMap((l) => {
    const m = /^\s*(\d+)\s+tjjd/.exec(l);
    return m ? [Number(m[1])] : [];
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-sliced-'));
  mkdirSync(join(dir, 'data'));
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  // 江苏 over the first 100 rows (five pages and more), then groups of 7.
  const lines = ['账号,基地名称,省市'];
  for (let i = 0; i < ROWS; i++) {
    const province = i === 0 ? '江苏' : i >= 100 && (i - 100) % 7 === 0 ? PROVINCES[((i - 100) / 7) % PROVINCES.length] : '';
    lines.push(`tjjd${String(100000 + i)},国家火炬第${i + 1}号特色产业基地,${province}`);
  }
  writeFileSync(join(dir, 'data/long.csv'), lines.join('\r\n'));
  writeFileSync(join(dir, 'content/long-list.md'), '---\nkind: list\ntitle: 复核名单\ndata: ../data/long.csv\ncolumns: [账号, 基地名称, 省市]\nnumber: 序号\nmerge: [省市]\n---\n');
  const seed = readFileSync(join(ROOT, 'content/2020-191.md'), 'utf8');
  writeFileSync(join(dir, 'content/long-notice.md'), seed.replace('file: 2020-191-list.md', 'file: long-list.md'));
  renderer = await PdfRenderer.launch({ pages: 2 });
}, 60_000);

afterAll(async () => {
  await renderer?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a list longer than a slice', () => {
  it('reads as one list: every row once, in order, headed, numbered, merged values on every page', async () => {
    const compiled = await compileFile(join(dir, 'content/long-list.md'), { projectDir: dir });
    const model = compiled.model!;
    const r = await renderer.render(model, await loadFontMap(dir));
    expect(ROWS).toBeGreaterThan(SLICE_MIN_ROWS);
    // Printed in several slices, one print each (the grid's layout held).
    expect(r.prints).toBeGreaterThan(1);
    const texts = pages(r.pdf);
    expect(texts.length).toBe(r.pageCount);
    const all = texts.flatMap(rowNumbers);
    expect(all).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    const table = r.model.sections.flatMap((s) => s.blocks).find((b): b is TableBlock => b.type === 'table')!;
    texts.forEach((t, p) => {
      expect(t).toContain('基地名称');
      expect(t.replace(/\s+/g, '')).toContain(`—${p + 1}—`);
      const nums = rowNumbers(t);
      // The page's first row carries its 省市 (a merged cell cut at the break shows its value).
      const first = nums[0];
      expect(table.rows[table.headerRows + first - 1][3], `page ${p + 1}, row ${first}`).not.toBeNull();
      if (nums.every((n) => n <= 100)) expect(t).toContain('江苏');
    });
  }, 120_000);

  it('slices a long list without merged cells too (one print of it would take gigabytes)', async () => {
    writeFileSync(join(dir, 'content/plain-list.md'), '---\nkind: list\ntitle: 名单\ndata: ../data/long.csv\ncolumns: [账号, 基地名称]\nnumber: 序号\n---\n');
    const compiled = await compileFile(join(dir, 'content/plain-list.md'), { projectDir: dir });
    const r = await renderer.render(compiled.model!, await loadFontMap(dir));
    expect(r.prints).toBeGreaterThan(1);
    const texts = pages(r.pdf);
    expect(texts.flatMap(rowNumbers)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    texts.forEach((t, p) => expect(t.replace(/\s+/g, '')).toContain(`—${p + 1}—`));
  }, 120_000);

  it('keeps a notice whose annex is such a list whole, its 版记 on an even last page', async () => {
    const compiled = await compileFile(join(dir, 'content/long-notice.md'), { projectDir: dir });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = await renderer.render(compiled.model!, await loadFontMap(dir));
    expect(r.prints).toBeGreaterThan(1);
    const texts = pages(r.pdf);
    expect(texts.length % 2).toBe(0);
    expect(texts[texts.length - 1]).toContain('抄送');
    expect(texts.flatMap(rowNumbers)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    expect(texts[0]).toContain('文件');
  }, 120_000);
});
