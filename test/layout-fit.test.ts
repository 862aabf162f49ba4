// The grid paginator agrees with Chromium: for every example in content/, the generated
// variants (test/helpers/variants.ts: a list ending flush with the foot, with and without 版记,
// a row shorter, plans with one- and two-page contents, the landscape list) and a 1,000-row
// list with merged 省市 groups of 1 to 30 rows (as bench/run.js writes it), the facts the
// layout stage computes on its own (grid, with the PDF fonts' Latin widths) equal the facts
// measured from a Chromium layout print: pages, heading pages, every table's page starts, the
// 版记's place. The PDF is printed once when they agree (the lead's one-print path).
// Slow: one Chromium, one print per document.
import { writeList } from './fixtures/big-list.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFile } from '../src/pipeline/compile.js';
import { latinWidths, loadFontMap, type FontMap } from '../src/fonts/index.js';
import { layoutDocument, prepareLayout, type LayoutFacts } from '../src/layout/index.js';
import type { DocumentModel, TableBlock } from '../src/model/types.js';
import { renderHtml } from '../src/render/html/index.js';
import { PdfRenderer } from '../src/render/pdf/index.js';
import { readMarkers } from '../src/render/pdf/markers.js';
import { probeModel } from '../src/render/pdf/facts.js';
import { writeVariants } from './helpers/variants.js';

const ROOT = join(import.meta.dirname, '..');
const EXAMPLES = [
  '2020-183-guideline', '2020-183', '2020-191-list', '2020-191', '2021-45-clusters', '2021-cluster-evaluation',
  '2021-zhuzhou-cluster-plan', '2022-cluster-application', 'joint-sealed-notice', 'sealed-notice',
];
let dir: string;
let files: Record<string, string>;
let renderer: PdfRenderer;
let fonts: FontMap;

/**
 * A list like seed 000's of `rows` rows: 省市 merged in groups of 1 to 30 (bench/run.js's
 * sequence); `long`: names of 10 to 90 characters with figures and Latin (cells of one to
 * five lines), on landscape pages.
 */
function writeBigList(rows: number, long = false): string {
  return writeList(dir, `big-${rows}${long ? '-long' : ''}`, { rows, long, someLong: !long, landscape: long, title: `国家火炬特色产业基地复核名单（${rows}行）` });
}

/**
 * The model a layout print takes (render/pdf's probeModel: merged cells that are cut at page
 * starts undone), every table without merged cells marked too (render/html marks the rows of
 * the tables that cut merged cells), so that their page starts are compared. A form's table
 * with merged cells keeps them (a row's marker would sit in the middle of a merged cell).
 */
function probeOf(model: DocumentModel): DocumentModel {
  const marked = (t: TableBlock): TableBlock => (t.rows.some((r) => r.some((c) => (c?.rowSpan ?? 1) > 1)) ? t : { ...t, repeatMergedOnBreak: true });
  return probeModel({ ...model, sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => (b.type === 'table' ? marked(b) : b)) })) });
}

async function factsOf(file: string, project: string, shiftLines = 0): Promise<{ grid: LayoutFacts; measured: LayoutFacts; marked: Set<number> }> {
  const { model } = await compileFile(file, { projectDir: project });
  if (!model) throw new Error(`${file} does not compile`);
  if (shiftLines) {
    // Text of `shiftLines` lines before the body moves every later page break by as much.
    const body = model.sections.find((s) => s.part === 'body') ?? model.sections[0];
    body.blocks.unshift({ type: 'paragraph', runs: [{ text: '文'.repeat(26 + 28 * (shiftLines - 1)) }] });
  }
  const m = prepareLayout(model);
  const grid = layoutDocument(m, { metrics: latinWidths(fonts) }).facts;
  const pdf = await renderer.print(renderHtml(probeOf(m), { fontCss: fonts.fontCss, markers: true, probe: true }), fonts, false, false);
  const { hits } = await readMarkers(pdf);
  const marked = new Set<number>();
  m.sections.flatMap((s) => s.blocks.filter((b): b is TableBlock => b.type === 'table')).forEach((t, i) => {
    if (t.repeatMergedOnBreak || !t.rows.some((r) => r.some((c) => (c?.rowSpan ?? 1) > 1))) marked.add(i);
  });
  return { grid, measured: layoutDocument(m, { measured: hits }).facts, marked };
}

/**
 * The facts without their source and the 版记's spacer (compared to a point: Chromium's layout
 * rounding), page starts and first pages of the tables whose rows the print marked.
 */
const comparable = (f: LayoutFacts, marked: Set<number>) => ({
  ...f,
  source: undefined,
  tablePageStarts: Object.fromEntries(Object.entries(f.tablePageStarts).filter(([i, s]) => s.length > 0 && marked.has(Number(i)))),
  physical: { ...f.physical, tables: f.physical.tables.map((p, i) => (marked.has(i) ? p : undefined)) },
  imprint: f.imprint && { ...f.imprint, spacerPt: undefined },
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongwen-fit-'));
  files = await writeVariants(dir);
  for (const name of EXAMPLES) files[name] = `content/${name}.md`;
  files['list-1000'] = writeBigList(1000).slice(dir.length + 1);
  files['list-long-cells'] = writeBigList(300, true).slice(dir.length + 1);
  fonts = await loadFontMap(ROOT);
  renderer = await PdfRenderer.launch();
}, 120_000);

afterAll(async () => {
  await renderer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const NAMES = [...EXAMPLES, 'list-flush', 'list-flush-imprint', 'list-shorter-imprint', 'plan-toc1', 'plan-toc2', 'landscape-list', 'list-1000', 'list-long-cells'];

/** The application's forms moved down by 3, 10 and 15 lines: merged rows of a form at a page foot, a caption after headings. */
const SHIFTED = [3, 10, 15];

describe.each(SHIFTED)('2022-cluster-application after %i lines of text', (lines) => {
  it('has the same facts on the grid as in a Chromium layout print', async () => {
    const { grid, measured, marked } = await factsOf(join(dir, 'content/2022-cluster-application.md'), dir, lines);
    expect(comparable(grid, marked)).toEqual(comparable(measured, marked));
  }, 300_000);
});

describe.each(NAMES)('%s', (name) => {
  it('has the same facts on the grid as in a Chromium layout print', async () => {
    const file = join(dir, files[name]);
    const project = name === 'plan-toc1' ? join(dir, 'toc1') : dir;
    const { grid, measured, marked } = await factsOf(file, project);
    expect(comparable(grid, marked)).toEqual(comparable(measured, marked));
    expect(Math.abs((grid.imprint?.spacerPt ?? 0) - (measured.imprint?.spacerPt ?? 0))).toBeLessThan(1);
  }, 300_000);
});
