// Builds documents: compile each content file to a model, render the PDF (whose layout pass
// decides where the 版记 goes and which page each heading is on), then the DOCX from the same
// model with those facts, and write both atomically — all or nothing per document.

import { basename, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { DocumentModel } from '../model/types.js';
import { estimateImprintPlacement } from '../model/walk.js';
import { compileFile, type CompileResult } from './compile.js';
import { renderDocx } from '../render/docx/index.js';
import { DocxPool } from '../render/docx/pool.js';
import { PdfRenderer, renderMany, canPrintTogether, needsSealRasters, withSealRasters, type PdfResult } from '../render/pdf/index.js';
import { loadFontMap, type FontMap } from '../fonts/index.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import type { SourceFile } from '../source/types.js';

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

  private fontMap(): Promise<FontMap> {
    this.fonts ??= loadFontMap(this.opts.projectDir);
    return this.fonts;
  }

  private renderer(): Promise<PdfRenderer> {
    this.pdf ??= PdfRenderer.launch({ pages: this.opts.pdfPages ?? 2 });
    return this.pdf;
  }

  outputPath(req: BuildRequest, format: Format): string {
    const name = req.name ?? basename(req.path, extname(req.path));
    return resolve(this.opts.outDir, `${name}.${format}`);
  }

  /** Compiles and renders one document; never throws for problems in the input. */
  async build(req: BuildRequest): Promise<BuildResult> {
    const compiled: CompileResult = await compileFile(req.path, { projectDir: this.opts.projectDir, record: req.record, source: req.source });
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
   * batch's notices: two prints for the lot instead of two each); each DOCX follows its PDF's
   * layout facts; each document's files are written atomically, and one document's failure
   * leaves the others alone.
   */
  async renderAll(items: RenderItem[]): Promise<BuildResult[]> {
    const pdfs: (PdfResult | Error | undefined)[] = items.map(() => undefined);
    if (this.opts.formats.includes('pdf')) {
      let fonts: FontMap;
      let renderer: PdfRenderer;
      try {
        fonts = await this.fontMap();
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
      const together = items.map((it, i) => (canPrintTogether(it.model) ? i : -1)).filter((i) => i >= 0);
      if (together.length > 1) {
        try {
          const many = await renderMany(renderer, together.map((i) => items[i].model), fonts);
          many.forEach((r, j) => (pdfs[together[j]] = r));
        } catch (err) {
          together.forEach((i) => (pdfs[i] = err as Error));
        }
      }
      await Promise.all(
        items.map(async (it, i) => {
          if (pdfs[i]) return;
          pdfs[i] = await renderer.render(it.model, fonts).catch((err: Error) => err);
        }),
      );
    }
    return Promise.all(items.map((it, i) => this.finish(it, pdfs[i])));
  }

  /** The DOCX (from the PDF's printed model when there is one) and the atomic write. */
  private async finish(it: RenderItem, pdf: PdfResult | Error | undefined): Promise<BuildResult> {
    if (pdf instanceof Error) return this.failed(it, pdf);
    // Characters that no font of their role has (the PDF draws them in some other font).
    if (pdf) it.diagnostics.push(...pdf.diagnostics.map((d) => ({ ...d, file: it.base.file })));
    const files: { path: string; data: Uint8Array }[] = [];
    // The DOCX follows the PDF's layout facts: 版记 placement, contents page numbers, merged
    // cells cut where the PDF's pages start.
    let model = pdf ? pdf.model : it.model;
    try {
      if (pdf) files.push({ path: this.outputPath(it.req, 'pdf'), data: pdf.pdf });
      if (this.opts.formats.includes('docx')) {
        if (model.imprint && !model.imprintPlacement) model = { ...model, imprintPlacement: estimateImprintPlacement(model) };
        // A DOCX-only build: SVG seals go into the DOCX with a PNG picture of them, drawn by Chromium.
        if (needsSealRasters(model)) model = await withSealRasters(await this.renderer(), model);
        const workers = this.opts.docxWorkers;
        const docx = workers
          ? await (this.docxPool ??= DocxPool.create(workers === 'auto' ? undefined : workers)).render(model)
          : await renderDocx(model);
        files.unshift({ path: this.outputPath(it.req, 'docx'), data: docx });
      }
      await writeFilesAtomic(files);
    } catch (err) {
      return this.failed(it, err as Error);
    }
    return { ...it.base, outputs: files.map((f) => f.path), diagnostics: it.diagnostics, ok: true, pages: pdf?.pageCount };
  }

  private failed(it: RenderItem, err: Error): BuildResult {
    it.diagnostics.push({ file: it.base.file, line: 0, column: 0, severity: 'error', ruleId: 'render', message: `rendering failed: ${err.message}`, source: 'render' });
    return { ...it.base, outputs: [], diagnostics: it.diagnostics, ok: false };
  }

  async close(): Promise<void> {
    await this.docxPool?.close();
    this.docxPool = undefined;
    if (this.pdf) {
      const r = await this.pdf.catch(() => undefined);
      this.pdf = undefined;
      await r?.close();
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
