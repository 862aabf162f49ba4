// Issue 21: merged cells as LibreOffice draws the DOCX. A name list's merged 省市/地区 runs over
// pages; the layout cuts each run at its page starts and both outputs show the value once on
// every page the run is on (write/docx/table.ts: a vMerge restart on each page's first row).
// For the lists of content/ and generated ones of many lengths (short names with some long ones,
// names of one to five lines, landscape, 3 to 130 rows), built as DOCX and PDF, LibreOffice
// converting the DOCX in one call: on every page of either PDF, each run of the merged column
// that has a row on the page shows its value exactly once in that column — never twice on one
// page, never a row at a page's top without it.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeList } from './fixtures/big-list.js';
import { sofficeToPdf } from './helpers/soffice.js';

const ROOT = join(import.meta.dirname, '..');
const APPLICATION = '2022-cluster-application';
let dir: string;

interface List {
  name: string;
  csv: string;
  /** The merged column: its head and its index in the CSV. */
  head: string;
  column: number;
}
const LISTS: List[] = [
  { name: '2021-45-clusters', csv: 'data/2021-45-clusters.csv', head: '地区', column: 0 },
  { name: '2020-191-list', csv: 'data/2020-191-bases.csv', head: '省市', column: 2 },
];
const GENERATED: [string, number, { long?: boolean; someLong?: boolean; landscape?: boolean }][] = [
  ['s', 23, { someLong: true }],
  ['s', 61, { someLong: true }],
  ['s', 130, { someLong: true }],
  ['p', 47, {}],
  ['p', 99, {}],
  ['g', 14, { long: true }],
  ['g', 39, { long: true }],
  ['w', 33, { landscape: true }],
  ['w', 88, { landscape: true }],
];
for (const [k, n] of GENERATED) LISTS.push({ name: `${k}${n}`, csv: `data/${k}${n}.csv`, head: '省市', column: 2 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-lo-merges-'));
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  for (const [k, n, o] of GENERATED) writeList(dir, `${k}${n}`, { rows: n, title: `名单（${n}行）`, ...o });
  const out = join(dir, 'out');
  const docs = [...LISTS.map((l) => l.name), APPLICATION];
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/gongwen.js'), 'build', ...docs.map((n) => `content/${n}.md`), '--format', 'docx,pdf', '--out', out, '-q'], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stderr}`);
  mkdirSync(join(dir, 'lo'));
  sofficeToPdf(docs.map((n) => join(out, `${n}.docx`)), join(dir, 'lo'), { profile: `${dir}/profile`, timeout: 500_000 });
}, 600_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Word {
  x: number;
  y: number;
  text: string;
}

function pagesOf(pdf: string): Word[][] {
  const x = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  return x
    .split('<page ')
    .slice(1)
    .map((p) => [...p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({ x: (+w[1] + +w[3]) / 2, y: (+w[2] + +w[4]) / 2, text: w[5] })));
}

/** Runs of the merged column: [first 序号, last 序号, value] (a blank cell continues the run above). */
function runsOf(l: List): [number, number, string][] {
  const rows: string[][] = parse(readFileSync(join(dir, l.csv), 'utf8'), { skipEmptyLines: true }).slice(1);
  const runs: [number, number, string][] = [];
  rows.forEach((r, i) => {
    const v = (r[l.column] ?? '').trim();
    if (v || !runs.length) runs.push([i + 1, i + 1, v]);
    else runs[runs.length - 1][1] = i + 1;
  });
  return runs;
}

/** Each page with list rows: the 序号 on it and the words in the merged column, below the head. */
function columnByPage(pdf: string, head: string): { page: number; numbers: number[]; values: string[] }[] {
  const out: { page: number; numbers: number[]; values: string[] }[] = [];
  pagesOf(pdf).forEach((words, i) => {
    const h = words.find((w) => w.text === head);
    const n = words.find((w) => w.text === '序号');
    if (!h || !n) return;
    // Words centred in a column lie within a few points of its head's centre.
    const inColumn = (w: Word, c: Word) => Math.abs(w.x - c.x) < 12 && w.y > c.y + 2;
    // The page number "— N —": across the foot of a portrait page, turned up the left edge of a landscape one.
    const dashes = words.filter((w) => /^[—-]$/.test(w.text));
    const onNumberLine = (w: Word) => dashes.some((d) => (Math.abs(d.y - w.y) < 3 && Math.abs(d.x - w.x) < 30) || (Math.abs(d.x - w.x) < 3 && Math.abs(d.y - w.y) < 30));
    const rows = words.filter((w) => inColumn(w, n) && /^\d+$/.test(w.text) && !onNumberLine(w));
    const numbers = rows.map((w) => Number(w.text));
    // A merged value is centred in its rows: nothing of it lies below the last row's middle (a note under the table does).
    const lastRow = Math.max(...rows.map((w) => w.y));
    const values = words.filter((w) => Math.abs(w.x - h.x) < 20 && w.y > h.y + 2 && w.y <= lastRow + 5 && !onNumberLine(w)).map((w) => w.text);
    out.push({ page: i + 1, numbers, values });
  });
  return out;
}

describe.each(LISTS)('$name', (l) => {
  it('every run of the merged column shows its value once on each page it has rows on, in the PDF and in LibreOffice', () => {
    const runs = runsOf(l);
    for (const pdf of [join(dir, 'out', `${l.name}.pdf`), join(dir, 'lo', `${l.name}.pdf`)]) {
      const pages = columnByPage(pdf, l.head);
      expect(pages.length, pdf).toBeGreaterThan(0);
      // Every row is on some page, once.
      expect(pages.flatMap((p) => p.numbers).sort((a, b) => a - b), `${pdf}: 序号`).toEqual(runs.length ? [...Array(runs[runs.length - 1][1]).keys()].map((k) => k + 1) : []);
      for (const p of pages) {
        const lo = Math.min(...p.numbers);
        const hi = Math.max(...p.numbers);
        const expected = runs.filter(([a, b, v]) => v && a <= hi && b >= lo).map(([, , v]) => v).sort();
        expect(p.values.slice().sort(), `${pdf} page ${p.page}: rows ${lo}–${hi}: ${p.values.join(' ')}`).toEqual(expected);
      }
    }
  });
});

describe('the application\'s grouped rows (大类, 小类; a chain\'s 名称, 产业链) in LibreOffice', () => {
  // LibreOffice breaks the text before these tables by its own widths, so its table pages start
  // rows away from the layout's: the form writes the group in every row (write/docx/table.ts
  // unmergeFormRows). Every page's first body row shows its groups, level with it.
  it.each([
    ['研发服务体系一览表', ['大类', '小类'], '名称'],
    ['产业链全景表', ['名称', '产业链'], '细分方向'],
  ])('%s: the first row of every page shows %j', (_title, groups, anchor) => {
    const pages = pagesOf(join(dir, 'lo', `${APPLICATION}.pdf`));
    let seen = 0;
    for (const [i, words] of pages.entries()) {
      const heads = groups.map((g) => words.find((w) => w.text === g));
      const a = words.find((w) => w.text === anchor);
      if (!a || heads.some((h) => !h || Math.abs(h.y - a.y) > 15)) continue;
      seen++;
      // The first body row: the first word under the anchor column's head.
      const first = words.filter((w) => Math.abs(w.x - a.x) < 40 && w.y > a.y + 8).sort((p, q) => p.y - q.y)[0];
      expect(first, `page ${i + 1}`).toBeDefined();
      for (const [k, h] of heads.entries()) {
        const v = words.find((w) => Math.abs(w.x - h!.x) < 25 && w.y > a.y + 8 && Math.abs(w.y - first.y) < 15);
        expect(v, `page ${i + 1}: the row "${first.text}" without its ${groups[k]}`).toBeDefined();
      }
    }
    expect(seen).toBeGreaterThan(1);
  });
});
