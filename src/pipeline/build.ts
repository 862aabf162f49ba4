// Builds documents: compile each content file to a model, lay it out (src/layout: where the
// 版记 goes, which page each heading is on, where merged cells are cut — on the grid; when a PDF
// is made, its print checks those facts and, where it disagrees, the layout is taken from a
// layout print's positions), render both files from the laid-out model, and write them
// atomically — all or nothing per document.

import { basename, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { DocumentModel } from '../model/types.js';
import { layoutDocument, prepareLayout } from '../layout/index.js';
import { compileFile, type CompileResult } from './compile.js';
import { renderDocx } from '../write/docx/index.js';
import { DocxPool } from '../write/docx/pool.js';
// The PDF side (puppeteer, pdf-lib, fontkit, the font map) loads when a PDF or a seal's picture
// is first wanted: a DOCX-only build loads 0.2 s of modules instead of 1.1 s (measured).
import type { PdfRenderer, PdfResult } from '../render/pdf/index.js';
import type { FontMap } from '../fonts/index.js';
import { isBrowserFault, stopEarlyChromium } from '../render/pdf/chromium-process.js';
import { needsSealRasters, withSealRasters } from '../render/pdf/seal-raster.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import type { SourceFile } from '../source/types.js';
import { traced } from '../util/trace.js';
import { placeMissingGlyphs } from './glyph-places.js';

export type Format = 'docx' | 'pdf';

export interface BuilderOptions {
  projectDir: string;
  outDir: string;
  formats: Format[];
  /** Chromium pages kept open (documents printed at once). Default 2. */
  pdfPages?: number;
  /**
   * Render DOCX in worker threads ('auto': one fewer than the cores, at least one). Worth it
   * for batches, where the main thread has compiling and PDF finishing to do; a single build
   * renders in process (a worker's start costs more than one document).
   */
  docxWorkers?: number | 'auto';
  /** `--blank`: application forms come out empty, written as NAME-blank.docx/.pdf. */
  blank?: boolean;
  /** Write the files to outDir (default); false: only return them (the library entry). */
  write?: boolean;
}

export interface BuildResult {
  file: string;
  kind?: string;
  /** Files written (absolute paths); empty when the document failed. */
  outputs: string[];
  diagnostics: Diagnostic[];
  ok: boolean;
  pages?: number;
  sources: SourceFile[];
  /** The failure was Chromium's (killed, crashed), not the document's: worth one retry. */
  rendererFault?: boolean;
  /** The rendered files' bytes, by format. */
  files?: Partial<Record<Format, Uint8Array>>;
}

export interface BuildRequest {
  path: string;
  /** Output name without extension; default: the content file's name. */
  name?: string;
  record?: Record<string, unknown>;
  source?: SourceFile;
}

export class Builder {
  private pdf?: Promise<PdfRenderer>;
  private launched = false;
  private fonts?: Promise<FontMap>;
  private docxPool?: DocxPool;

  constructor(readonly opts: BuilderOptions) {}

  /** The font map's own warnings and substitutions, once per run (the CLI prints them). */
  async fontReport(): Promise<{ substitutions: string[]; diagnostics: Diagnostic[] }> {
    if (!this.opts.formats.includes('pdf')) return { substitutions: [], diagnostics: [] };
    const fonts = await this.fontMap();
    return {
      substitutions: fonts.substitutions.map((s) => `${s.wanted} → ${s.used}`),
      diagnostics: fonts.diagnostics,
    };
  }

  /**
   * Starts Chromium and the font map now, when the caller knows it will print: both load while
   * the document compiles (a launch is a child process starting; compiling is this thread).
   */
  warm(): void {
    if (!this.opts.formats.includes('pdf')) return;
    // Failures surface where the renderer and fonts are awaited; here they are only started.
    this.fontMap().catch(() => undefined);
    this.renderer().catch(() => undefined);
  }

  private fontMap(): Promise<FontMap> {
    this.fonts ??= traced('fonts: font map', async () => (await import('../fonts/index.js')).loadFontMap(this.opts.projectDir));
    return this.fonts;
  }

  /** The running Chromium; a new one when the last has gone (killed, crashed). */
  private async renderer(): Promise<PdfRenderer> {
    const launch = () =>
      traced('Chromium: launch', async () => (await import('../render/pdf/pdf-renderer.js')).PdfRenderer.launch({ pages: this.opts.pdfPages ?? 2 })).then((r) => ((this.launched = true), r));
    const launched = (this.pdf ??= launch());
    const current = await launched;
    if (current.alive) return current;
    if (this.pdf === launched) this.pdf = launch();
    return this.pdf;
  }

  outputPath(req: BuildRequest, format: Format): string {
    const name = req.name ?? basename(req.path, extname(req.path)) + (this.opts.blank ? '-blank' : '');
    return resolve(this.opts.outDir, `${name}.${format}`);
  }

  /** Compiles and renders one document; never throws for problems in the input. */
  async build(req: BuildRequest): Promise<BuildResult> {
    this.warm();
    const compiled: CompileResult = await traced('compile', () => compileFile(req.path, { projectDir: this.opts.projectDir, record: req.record, source: req.source, blank: this.opts.blank }));
    const diagnostics = [...compiled.diagnostics];
    const base = { file: compiled.file, kind: compiled.kind, sources: compiled.sources };
    if (!compiled.model || hasErrors(diagnostics)) return { ...base, outputs: [], diagnostics, ok: false };
    const model = compiled.model;
    return this.render(model, req, base, diagnostics);
  }

  /** Renders a compiled model (batch compiles itself, then calls renderAll). */
  async render(model: DocumentModel, req: BuildRequest, base: RenderBase, diagnostics: Diagnostic[]): Promise<BuildResult> {
    return (await this.renderAll([{ model, req, base, diagnostics }]))[0];
  }

  /**
   * Renders several compiled models. Their PDFs share Chromium prints where they can (a
   * batch's notices: one print for the lot); each DOCX is drawn from the laid-out model its PDF
   * was printed and checked with; each document's files are written atomically, and one
   * document's failure leaves the others alone.
   */
  async renderAll(given: RenderItem[]): Promise<BuildResult[]> {
    // The layout stage's widths and lines, before anything is laid out, printed or drawn.
    let items = given.map((it) => ({ ...it, model: prepareLayout(it.model) }));
    const pdfs: (PdfResult | Error | undefined)[] = items.map(() => undefined);
    if (this.opts.formats.includes('pdf')) {
      let fonts: FontMap;
      let renderer: PdfRenderer;
      try {
        fonts = await this.fontMap();
        // While Chromium is still starting (a cold build waits here), read the character maps
        // of the fonts that the glyph check after the print needs: 0.19 s of CPU for the seed
        // notice, taken off the end of the build.
        if (!this.launched) {
          const { missingGlyphs } = await import('../render/pdf/facts.js');
          await traced('fonts: character maps', async () => items.forEach((it) => missingGlyphs(it.model, fonts)));
        }
        renderer = await this.renderer();
      } catch (err) {
        return items.map((it) => this.failed(it, err as Error));
      }
      // SVG seals drawn once as PNG, for both outputs (render/html/images.ts says why).
      try {
        items = await Promise.all(items.map(async (it) => (needsSealRasters(it.model) ? { ...it, model: await withSealRasters(renderer, it.model) } : it)));
      } catch (err) {
        return items.map((it) => this.failed(it, err as Error));
      }
      // Laid out by the layout stage, printed once (shared prints for a batch's documents), checked.
      const printed = await renderer.renderAll(items.map((it) => it.model), fonts).catch((err: Error) => items.map(() => err));
      printed.forEach((r, i) => (pdfs[i] = r));
    }
    return Promise.all(items.map((it, i) => this.finish(it, pdfs[i])));
  }

  /** The DOCX (laid out by the layout stage for Word's grid) and the atomic write. */
  private async finish(it: RenderItem, pdf: PdfResult | Error | undefined): Promise<BuildResult> {
    if (pdf instanceof Error) return this.failed(it, pdf);
    // Characters that no font of their role has (the PDF draws them in some other font).
    if (pdf) it.diagnostics.push(...placeMissingGlyphs(pdf.diagnostics, it.base.sources, it.base.file));
    const files: { path: string; data: Uint8Array }[] = [];
    // The DOCX is laid out by the layout stage on the grid as Word draws it (figures half a
    // character, as 仿宋_GB2312 has them), the same whether or not a PDF is made: its contents
    // field holds the pages LibreOffice puts the headings on. The PDF's layout counts figures
    // at its own fonts' widths (render/pdf/facts.ts); where the two differ (a plan whose lines
    // of figures break otherwise), each file is right for the program that shows it. Measured
    // on the 2021 plan: two contents entries one page apart, the DOCX's matching LibreOffice's.
    let model = layoutDocument(it.model).model;
    try {
      if (pdf) files.push({ path: this.outputPath(it.req, 'pdf'), data: pdf.pdf });
      if (this.opts.formats.includes('docx')) {
        // A DOCX-only build: SVG seals go into the DOCX with a PNG picture of them, drawn by Chromium.
        if (needsSealRasters(model)) model = await withSealRasters(await this.renderer(), model);
        const workers = this.opts.docxWorkers;
        const docx = workers
          ? await (this.docxPool ??= DocxPool.create(workers === 'auto' ? undefined : workers)).render(model)
          : await traced('DOCX', () => renderDocx(model));
        files.unshift({ path: this.outputPath(it.req, 'docx'), data: docx });
      }
      if (this.opts.write !== false) await traced('write', () => writeFilesAtomic(files));
    } catch (err) {
      return this.failed(it, err as Error);
    }
    const bytes: Partial<Record<Format, Uint8Array>> = {};
    for (const f of files) bytes[f.path.endsWith('.pdf') ? 'pdf' : 'docx'] = f.data;
    const outputs = this.opts.write !== false ? files.map((f) => f.path) : [];
    return { ...it.base, outputs, diagnostics: it.diagnostics, ok: true, pages: pdf?.pageCount, files: bytes };
  }

  private failed(it: RenderItem, err: Error): BuildResult {
    const rendererFault = isBrowserFault(err);
    const message = rendererFault ? `Chromium stopped while printing (${err.message}); the document is not at fault: build it again` : `rendering failed: ${err.message}`;
    it.diagnostics.push({ file: it.base.file, line: 0, column: 0, severity: 'error', ruleId: 'render', message, source: 'render' });
    return { ...it.base, outputs: [], diagnostics: it.diagnostics, ok: false, rendererFault };
  }

  async close(): Promise<void> {
    // A Chromium the command started early and no print took (every document failed to compile).
    stopEarlyChromium();
    await this.docxPool?.close();
    this.docxPool = undefined;
    if (this.pdf) {
      const r = await this.pdf.catch(() => undefined);
      this.pdf = undefined;
      this.launched = false;
      await traced('Chromium: close', async () => r?.close());
    }
  }
}

export interface RenderBase {
  file: string;
  kind?: string;
  sources: SourceFile[];
}

export interface RenderItem {
  model: DocumentModel;
  req: BuildRequest;
  base: RenderBase;
  /** The document's diagnostics so far; rendering adds its own. */
  diagnostics: Diagnostic[];
}

/** Default output folder: out/ in the project. */
export function defaultOutDir(projectDir: string): string {
  return join(projectDir, 'out');
}
