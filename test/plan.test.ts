// kind: plan — the example plan compiles to cover, contents and body; the outline checks run
// through `gongwen check`; the built DOCX has a filled TOC field and the PDF bookmarks and a
// contents page with page numbers.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { compileFile } from '../src/pipeline/compile.js';
import { checkFile } from '../src/pipeline/check.js';
import { Builder } from '../src/pipeline/build.js';
import type { Block, CoverBlock, HeadingBlock, TitleBlock, TocBlock } from '../src/model/types.js';
import { documentStats } from '../src/checks/index.js';

const ROOT = join(__dirname, '..');
const EXAMPLE = join(ROOT, 'content/2021-zhuzhou-cluster-plan.md');
const text = (b: { runs: { text: string }[] }) => b.runs.map((r) => r.text).join('');
const CHAPTERS = ['集群基本情况', '集群产业链、创新链发展状况', '集群发展面临的问题与对策', '集群发展的思路、目标与任务', '集群发展规划的推进机制与保障措施'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-plan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A plan in a project of its own (shipped templates and outlines are found without copies). */
function writePlan(front: string, body: string): string {
  const p = join(dir, `plan-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(p, `---\nkind: plan\n${front}---\n\n${body}\n`);
  return p;
}

/** The example's body with one chapter (and what is under it) cut out. */
function withoutChapter(title: string): string {
  const body = readFileSync(EXAMPLE, 'utf8').split(/^---$/m).slice(2).join('---');
  const lines = body.split('\n');
  const start = lines.indexOf(`# ${title}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('# '));
  return [...lines.slice(0, start), ...lines.slice(end < 0 ? lines.length : end)].join('\n');
}

describe('kind plan: compile', () => {
  it('gives a cover, a contents and a numbered body, with no diagnostics', async () => {
    const r = await compileFile(EXAMPLE, { projectDir: ROOT });
    expect(r.diagnostics).toEqual([]);
    expect(r.kind).toBe('plan');
    const m = r.model!;
    expect(m.sections.map((s) => [s.part, s.pageNumbers])).toEqual([
      ['cover', false],
      ['toc', false],
      ['body', true],
    ]);
    expect(m.meta).toMatchObject({ title: '株洲轨道交通装备制造创新型产业集群发展规划（2021—2023）', author: '株洲高新技术产业开发区管理委员会', date: '2021-03-20', lang: 'zh-CN' });

    const [cover] = m.sections[0].blocks as CoverBlock[];
    expect(cover.type).toBe('cover');
    expect(cover.title.join('')).toBe(m.meta.title);
    expect(cover).toMatchObject({ author: '株洲高新技术产业开发区管理委员会', date: '2021年3月20日' });

    const [toc] = m.sections[1].blocks as TocBlock[];
    expect(toc).toMatchObject({ type: 'toc', title: '目　录', depth: 2 });

    const body = m.sections[2].blocks;
    expect(body[0].type).toBe('title');
    expect((body[0] as TitleBlock).lines.join('')).toBe(m.meta.title);
    const h1 = body.filter((b): b is HeadingBlock => b.type === 'heading' && b.level === 1);
    expect(h1.map((h) => h.number + text(h))).toEqual(CHAPTERS.map((t, i) => `${'一二三四五'[i]}、${t}`));
    const h2 = body.filter((b): b is HeadingBlock => b.type === 'heading' && b.level === 2);
    expect(h2[0].number + text(h2[0])).toBe('（一）集群现状及主要形成过程');
    expect(body.filter((b: Block) => b.type === 'table').length).toBeGreaterThanOrEqual(4);
    // The outline is handed to the checks stage.
    expect(r.outline?.name).toBe('cluster-plan-2021');
  });

  it('reaches 10,000 字 as reviewers count them, cover and contents not counted', async () => {
    const r = await compileFile(EXAMPLE, { projectDir: ROOT });
    const stats = documentStats(r.model!, r.outline);
    expect(stats.words).toBeGreaterThan(10_000);
    expect(stats.words).toBeLessThan(12_500);
    expect(stats.rows.filter((row) => row.level === 1).map((row) => row.title)).toEqual(CHAPTERS);
  });

  it('reports missing or wrong fields at their place', async () => {
    const p = writePlan('outline: no-such-outline\ndate: 2021-02-30\n', '# 集群基本情况\n\n正文。\n');
    const r = await compileFile(p, { projectDir: dir });
    expect(r.model).toBeUndefined();
    const byRule = (id: string) => r.diagnostics.filter((d) => d.ruleId === id);
    expect(byRule('field-missing')[0]).toMatchObject({ severity: 'error', line: 1 });
    expect(byRule('field-missing')[0].message).toMatch(/缺少必填字段「title」/);
    expect(byRule('field-value')[0]).toMatchObject({ severity: 'error', line: 4 });
    const outline = r.diagnostics.find((d) => d.ruleId.startsWith('outline'));
    expect(outline).toMatchObject({ severity: 'error', line: 3 });
    expect(outline!.message).toMatch(/no-such-outline/);
  });

  it('works without an outline, author or date', async () => {
    const p = writePlan('title: 某某规划\n', '# 总体要求\n\n正文。\n');
    const r = await compileFile(p, { projectDir: dir });
    expect(r.diagnostics).toEqual([]);
    expect(r.outline).toBeUndefined();
    const cover = r.model!.sections[0].blocks[0] as CoverBlock;
    expect(cover).toMatchObject({ type: 'cover', title: ['某某规划'] });
    expect(cover.author).toBeUndefined();
    expect(cover.date).toBeUndefined();
  });
});

describe('kind plan: outline checks through gongwen check', () => {
  it('the example passes every check; --stats gives the table with its total', async () => {
    const r = await checkFile(EXAMPLE, { projectDir: ROOT, stats: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.statsTable).toMatch(/一、集群基本情况/);
    expect(r.statsTable).toMatch(/合计.*1[01],\d{3}/);
  });

  it('a missing chapter is an error at the next chapter, a too short text is an error', async () => {
    const front = 'title: 测试规划\noutline: cluster-plan-2021\n';
    const file = writePlan(front, withoutChapter('集群发展面临的问题与对策'));
    const r = await checkFile(file, { projectDir: dir, stats: false });
    const missing = r.diagnostics.filter((d) => d.ruleId === 'outline-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0].severity).toBe('error');
    expect(missing[0].message).toContain('缺少「集群发展面临的问题与对策」');
    const next = readFileSync(file, 'utf8').split('\n')[missing[0].line - 1];
    expect(next).toBe('# 集群发展的思路、目标与任务');

    // An outline of the project's own with a minimum: the whole text is counted against it.
    mkdirSync(join(dir, 'outlines'), { recursive: true });
    writeFileSync(join(dir, 'outlines/short.yaml'), 'title: 测试规划\nminWords: 20000\nsections:\n  - 集群基本情况\n');
    const body = '# 集群基本情况\n\n株洲轨道交通装备产业基础雄厚。\n';
    const short = await checkFile(writePlan('title: 测试规划\noutline: short\n', body), { projectDir: dir, stats: false });
    expect(short.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([['wordcount-min', 'error']]);
    // No chapter heading holds the whole: the finding points at the `outline` field.
    expect(short.diagnostics[0]).toMatchObject({ line: 4, column: 10 });
    expect(short.diagnostics[0].message).toContain('少于要求的 20,000 字');
  });

  it('an unknown heading and a reordered chapter are warnings', async () => {
    const body = '# 集群发展面临的问题与对策\n\n问题。\n\n# 集群基本情况\n\n情况。\n\n# 另外一章\n\n其他。\n';
    const r = await checkFile(writePlan('title: 测试规划\noutline: cluster-plan-2021\n', body), { projectDir: dir, stats: false });
    const rules = new Set(r.diagnostics.map((d) => `${d.ruleId}:${d.severity}`));
    expect(rules.has('outline-unknown:warning')).toBe(true);
    expect(rules.has('outline-order:warning')).toBe(true);
  });
});

/** Bookmark titles of a PDF, depth first, read from the catalog's /Outlines. */
function bookmarks(pdf: PDFDocument): { title: string; depth: number }[] {
  const out: { title: string; depth: number }[] = [];
  const ctx = pdf.context;
  const walk = (first: unknown, depth: number) => {
    let node = first ? ctx.lookup(first as never, PDFDict) : undefined;
    while (node) {
      const t = node.lookup(PDFName.of('Title'));
      out.push({ title: t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : '', depth });
      walk(node.get(PDFName.of('First')), depth + 1);
      const next = node.get(PDFName.of('Next'));
      node = next ? ctx.lookup(next, PDFDict) : undefined;
    }
  };
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (outlines) walk(outlines.get(PDFName.of('First')), 0);
  return out;
}

describe('kind plan: built DOCX and PDF', () => {
  let out: string;
  let pdfPath: string;
  let docxPath: string;
  /** Page numbers shown by each output's contents, by entry title. */
  const shown: Record<'docx' | 'pdf', Map<string, number>> = { docx: new Map(), pdf: new Map() };
  beforeAll(async () => {
    out = join(dir, 'out');
    const builder = new Builder({ projectDir: ROOT, outDir: out, formats: ['docx', 'pdf'] });
    try {
      const r = await builder.build({ path: EXAMPLE });
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.ok).toBe(true);
    } finally {
      await builder.close();
    }
    pdfPath = join(out, '2021-zhuzhou-cluster-plan.pdf');
    docxPath = join(out, '2021-zhuzhou-cluster-plan.docx');
  }, 120_000);

  it('the DOCX has a TOC field with the headings already filled in', () => {
    const xml = execFileSync('unzip', ['-p', docxPath, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(xml).toMatch(/TOC \\o/);
    // Each entry: a hyperlink to the heading's bookmark holding the text and a PAGEREF whose
    // cached result is the page number from the DOCX's layout.
    const entries = [...xml.matchAll(/<w:hyperlink w:anchor="_Toc[^"]*"[^>]*>(.*?)<\/w:hyperlink>/g)].map((m) => {
      const texts = [...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]);
      return { title: texts.slice(0, -1).join(''), page: texts[texts.length - 1] };
    });
    expect(entries).toHaveLength(26);
    for (const t of CHAPTERS) expect(entries.map((e) => e.title)).toContain(`${'一二三四五'[CHAPTERS.indexOf(t)]}、${t}`);
    expect(entries.map((e) => e.title)).toContain('（六）加强监测评估');
    // Level-3 headings are below the contents' depth.
    expect(entries.map((e) => e.title).join('')).not.toContain('实施关键核心技术攻关行动');
    for (const e of entries) expect(e.page).toMatch(/^\d+$/);
    expect(entries[0].page).toBe('1');
    for (const e of entries) shown.docx.set(e.title, Number(e.page));
  });

  it('the PDF has bookmarks for the headings and a contents page with page numbers', async () => {
    const bytes = readFileSync(pdfPath);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const marks = bookmarks(pdf);
    for (const t of CHAPTERS) expect(marks.some((m) => m.title.includes(t))).toBe(true);
    expect(marks.some((m) => m.title.includes('集群现状及主要形成过程') && m.depth > 0)).toBe(true);
    const pages = pdf.getPageCount();
    expect(pages).toBeGreaterThan(15);

    const page = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(page(1)).toContain('2021年3月20日');
    const contents = page(2) + page(3);
    expect(contents.replace(/\s/g, '')).toContain('目录');
    // Every entry ends with its page number; the numbers go up and fit the document.
    const entries = [...contents.matchAll(/^\s*((?:[一二三四五]、|（[一二三四五六七]）)\S+?)[\s._…]*(\d+)\s*$/gm)].map((m) => ({ title: m[1], page: Number(m[2]) }));
    expect(entries.map((e) => e.title)).toContain('一、集群基本情况');
    expect(entries.map((e) => e.title)).toContain('（六）加强监测评估');
    expect(entries.length).toBe(26); // 5 chapters, 21 sections
    expect(entries[0].page).toBe(1);
    for (let i = 1; i < entries.length; i++) expect(entries[i].page).toBeGreaterThanOrEqual(entries[i - 1].page);
    expect(entries[entries.length - 1].page).toBeLessThanOrEqual(pages);
    // The body's page 1 is the printed "— 1 —" where chapter one starts.
    const firstBody = [...Array(pages).keys()].map((i) => i + 1).find((n) => page(n).includes('一、集群基本情况') && !/目\s*录/.test(page(n)));
    expect(page(firstBody!)).toMatch(/—\s*1\s*—/);
    for (const e of entries) shown.pdf.set(e.title, e.page);
  });

  it('both outputs list the same headings; each file shows the page numbers of its own layout, at most a page apart', () => {
    // The PDF counts figures at its fonts' widths, the DOCX at Word's half a character: a
    // paragraph of figures can break a line apart (page-counts.test.ts checks each against
    // where the heading really is, in the PDF and in LibreOffice).
    expect(shown.docx.size).toBe(26);
    expect([...shown.docx.keys()]).toEqual([...shown.pdf.keys()]);
    for (const [title, page] of shown.docx) expect(Math.abs(shown.pdf.get(title)! - page), title).toBeLessThanOrEqual(1);
  });
});
