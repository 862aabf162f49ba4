// A list of 1,300 rows built to PDF (the Builder: layout stage, positioned pages, the PDF writer)
// and read back with pdftotext: every row once and in order, the header on every page, page
// numbers running on, a merged cell's value shown again on every page it continues onto, and a
// notice whose annex is such a list still ends with its 版记 on an even page.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Builder, type BuildResult } from '../src/pipeline/build.js';

const ROOT = join(__dirname, '..');
const ROWS = 1300;
const PROVINCES = ['浙江', '安徽', '山东', '河南', '湖北', '湖南', '广东'];
let dir: string;
let builder: Builder;

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
  builder = new Builder({ projectDir: dir, outDir: join(dir, 'out'), formats: ['pdf'], write: false });
}, 60_000);

afterAll(async () => {
  await builder?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The province row `n` (from 1) shows: 江苏 over the first 100 rows, then groups of 7. */
const provinceOf = (n: number): string => (n <= 100 ? '江苏' : PROVINCES[Math.floor((n - 101) / 7) % PROVINCES.length]);

async function build(name: string): Promise<BuildResult> {
  const r = await builder.build({ path: join(dir, 'content', name) });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(r.ok).toBe(true);
  return r;
}

describe('a long list', () => {
  it('reads as one list: every row once, in order, headed, numbered, merged values on every page', async () => {
    const r = await build('long-list.md');
    const texts = pages(r.files!.pdf!);
    expect(texts.length).toBe(r.pages);
    expect(texts.length).toBeGreaterThan(20);
    const all = texts.flatMap(rowNumbers);
    expect(all).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    texts.forEach((t, p) => {
      expect(t).toContain('基地名称');
      expect(t.replace(/\s+/g, '')).toContain(`—${p + 1}—`);
      // The page's first row shows its 省市 (a merged cell cut at the break shows its value).
      const first = rowNumbers(t)[0];
      expect(t, `page ${p + 1}, row ${first}`).toContain(provinceOf(first));
    });
  }, 120_000);

  it('reads a long list without merged cells the same way', async () => {
    writeFileSync(join(dir, 'content/plain-list.md'), '---\nkind: list\ntitle: 名单\ndata: ../data/long.csv\ncolumns: [账号, 基地名称]\nnumber: 序号\n---\n');
    const r = await build('plain-list.md');
    const texts = pages(r.files!.pdf!);
    expect(texts.flatMap(rowNumbers)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    texts.forEach((t, p) => expect(t.replace(/\s+/g, '')).toContain(`—${p + 1}—`));
  }, 120_000);

  it('keeps a notice whose annex is such a list whole, its 版记 on an even last page', async () => {
    const r = await build('long-notice.md');
    const texts = pages(r.files!.pdf!);
    expect(texts.length % 2).toBe(0);
    expect(texts[texts.length - 1]).toContain('抄送');
    expect(texts.flatMap(rowNumbers)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    expect(texts[0]).toContain('文件');
  }, 120_000);
});
