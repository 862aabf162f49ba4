// The DOCX cuts a name list's merged 省市 at the layout's page starts and shows the value again
// there; that is right only when LibreOffice starts its pages on the same rows. For the lists of
// content/ and generated ones (1,000 rows; portrait and landscape lists whose cells take one to
// five lines), built alone (--format docx): LibreOffice's first row of every page is the
// layout's, and the page shows its first row's 省市. One soffice call for all of them.
import { writeList } from './fixtures/big-list.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFile } from '../src/pipeline/compile.js';
import { layoutDocument, prepareLayout } from '../src/layout/index.js';
import type { TableBlock } from '../src/model/types.js';
import { sofficeToPdf } from './helpers/soffice.js';

const ROOT = join(import.meta.dirname, '..');
let dir: string;

function writeListIn(name: string, rows: number, long: boolean, landscape: boolean): void {
  writeList(dir, name, { rows, long, landscape, title: `名单（${rows}行）` });
}

const LISTS = ['2020-191-list', '2021-45-clusters', 'list-1000', 'long-portrait', 'long-landscape'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongwen-lo-lists-'));
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  writeListIn('list-1000', 1000, false, false);
  writeListIn('long-portrait', 300, true, false);
  writeListIn('long-landscape', 300, true, true);
  const out = join(dir, 'out');
  mkdirSync(out);
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/gongwen.js'), 'build', ...LISTS.map((n) => `content/${n}.md`), '--format', 'docx', '--out', out, '-p', dir, '-q'], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  const docx = readdirSync(out).filter((f) => f.endsWith('.docx')).map((f) => join(out, f));
  sofficeToPdf(docx, out, { profile: `${dir}/profile`, timeout: 400_000 });
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(LISTS)('%s', (name) => {
  it('LibreOffice starts every page on the layout\'s row and shows the merged value there', async () => {
    const { model } = await compileFile(join(dir, `content/${name}.md`), { projectDir: dir });
    const laid = layoutDocument(prepareLayout(model!));
    const starts = Object.values(laid.facts.tablePageStarts).flat();
    const pdf = join(dir, 'out', `${basename(name)}.pdf`);
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    expect(pages.length).toBe(laid.facts.pages);
    // The 序号 of each page's first body row (page numbers "— N —" left out).
    const firsts = pages.slice(1).map((p) => Number(/^\s*(\d+)\s+\S/m.exec(p.split('\n').filter((l) => !/—\s*\d+\s*—/.test(l)).join('\n'))?.[1]));
    expect(firsts).toEqual(starts);
    // The cut model's row at each page start holds the 省市 (the last column): LibreOffice shows it on that page.
    const t = laid.model.sections.flatMap((s) => s.blocks).find((b): b is TableBlock => b.type === 'table')!;
    const last = t.columns.length - 1;
    starts.forEach((row, k) => {
      const cell = t.rows[row][last];
      expect(cell, `row ${row} starts page ${k + 2} with its 省市`).not.toBeNull();
      const value = cell!.paragraphs.map((p) => p.map((r) => r.text).join('')).join('');
      if (value) expect(pages[k + 1].replace(/\s+/g, ''), `page ${k + 2}`).toContain(value);
    });
  }, 120_000);
});
