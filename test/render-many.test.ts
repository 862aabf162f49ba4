// A batch's documents share Chromium prints, and once one document of a shape has been laid
// out, the next ones of that shape are printed in one pass with its facts, each checking itself
// against its own markers. These tests hold the one-pass documents to what the same document
// printed alone gives, and show that a wrong guess (a record whose body runs a page longer) is
// caught and printed again, not shipped.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compileFile } from '../src/pipeline/compile.js';
import { loadFontMap } from '../src/fonts/index.js';
import { PdfRenderer, type PdfResult } from '../src/render/pdf/index.js';
import type { DocumentModel } from '../src/model/types.js';
import { fillDisplayLines } from '../src/layout/lines/index.js';
import { fillColumnWidths } from '../src/layout/measure/index.js';
import { PDFDocument } from 'pdf-lib';

const ROOT = join(__dirname, '..');
let dir: string;
let renderer: PdfRenderer;

function pageTexts(pdf: Uint8Array): string[] {
  const path = join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split('\f').map((p) => p.replace(/\s+/g, ''));
}

async function notice(name: string, extra = ''): Promise<DocumentModel> {
  const r = await compileFile(join(dir, 'content/each.md'), { projectDir: dir, record: { 基地名称: name, 附言: extra } });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // Laid out as a build does before rendering (display lines, column widths).
  return fillColumnWidths(fillDisplayLines(r.model!));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-many-'));
  for (const d of ['content', 'data']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  // Seed 000's notice (body, 52-row list with merged 省市, 版记) addressed to one base.
  const seed = readFileSync(join(ROOT, 'content/2020-191.md'), 'utf8');
  writeFileSync(
    join(dir, 'content/each.md'),
    seed.replace(/^title: .*$/m, 'title: 关于{{基地名称}}开展复核工作的通知').replace(/\n---\n/, '\n---\n\n请{{基地名称}}按本通知要求报送复核材料。{{附言}}\n\n'),
  );
  renderer = await PdfRenderer.launch({ pages: 2 });
}, 60_000);

afterAll(async () => {
  await renderer?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A batch's documents through the one executor (what Builder.renderAll does). */
async function renderMany(models: DocumentModel[], fonts: Awaited<ReturnType<typeof loadFontMap>>): Promise<PdfResult[]> {
  const out = await renderer.renderAll(models, fonts);
  return out.map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}

describe('a batch printed together', () => {
  it('prints notices of different lengths in one print, each as it would print alone', async () => {
    const fonts = await loadFontMap(dir);
    // Two alike, and one whose body is a page longer: the grid lays each out, so one print holds all three.
    const long = '本基地另需报送补充材料。'.repeat(60);
    const models = [await notice('国家火炬丙特色产业基地'), await notice('国家火炬丁特色产业基地', long), await notice('国家火炬戊特色产业基地')];
    const many = await renderMany(models, fonts);
    expect(many.map((r) => r.prints)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    for (const [k, m] of models.entries()) {
      const alone = await renderer.render(m, fonts);
      expect(many[k].pageCount).toBe(alone.pageCount);
      expect(many[k].imprintPlacement).toBe(alone.imprintPlacement);
      expect(pageTexts(many[k].pdf)).toEqual(pageTexts(alone.pdf));
      // The markers that checked the print are gone from what is shipped.
      expect(Buffer.from(many[k].pdf).includes('gongwen.local')).toBe(false);
      // The list's merged 省市 cells are cut where the pages start, as printed alone.
      expect(JSON.stringify(many[k].model.sections)).toBe(JSON.stringify(alone.model.sections));
    }
    expect(many[1].pageCount).toBeGreaterThan(many[0].pageCount);
  }, 120_000);

  it('prints a shared annex once: the other notices take its pages, as each would print alone', async () => {
    const fonts = await loadFontMap(dir);
    const models = [await notice('国家火炬子特色产业基地'), await notice('国家火炬丑特色产业基地'), await notice('国家火炬寅特色产业基地')];
    let pages = 0;
    const print = renderer.print.bind(renderer);
    renderer.print = async (...a: Parameters<PdfRenderer['print']>) => {
      const pdf = await print(...a);
      pages += (await PDFDocument.load(pdf)).getPageCount();
      return pdf;
    };
    let many: PdfResult[];
    try {
      many = await renderMany(models, fonts);
    } finally {
      renderer.print = print;
    }
    expect(many.map((r) => r.prints)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // One notice whole (10 pages), two bodies (5 each), and the fillers between them: the
    // 52-row list and the 版记 page were printed once.
    expect(pages).toBeGreaterThan(many[0].pageCount);
    expect(pages).toBeLessThan(many[0].pageCount * 2 + 4);
    for (const [k, m] of models.entries()) {
      const alone = await renderer.render(m, fonts);
      expect(many[k].pageCount).toBe(alone.pageCount);
      expect(pageTexts(many[k].pdf)).toEqual(pageTexts(alone.pdf));
      expect(JSON.stringify(many[k].model.sections)).toBe(JSON.stringify(alone.model.sections));
    }
  }, 120_000);
});
