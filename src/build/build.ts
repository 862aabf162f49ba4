// Builds documents: compile each content file to a model, render the PDF (whose layout pass
// decides where the 版记 goes and which page each heading is on), then the DOCX from the same
// model with those facts, and write both atomically — all or nothing per document.

import { basename, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { DocumentModel } from '../model/types.js';
import { estimateImprintPlacement, textByRole } from '../model/walk.js';
import { compileFile, type CompileResult } from './compile.js';
import { renderDocx } from '../render/docx/index.js';
import { DocxPool } from '../render/docx/pool.js';
import { PdfRenderer } from '../render/pdf/index.js';
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

  /** Renders a compiled model (batch compiles itself, then calls this). */
  async render(
    model: DocumentModel,
    req: BuildRequest,
    base: { file: string; kind?: string; sources: SourceFile[] },
    diagnostics: Diagnostic[],
  ): Promise<BuildResult> {
    const files: { path: string; data: Uint8Array }[] = [];
    let pages: number | undefined;
    try {
      if (this.opts.formats.includes('pdf')) {
        const fonts = await this.fontMap();
        for (const [role, text] of textByRole(model)) {
          const missing = fonts.coverage(role, text);
          if (missing.length) {
            diagnostics.push({
              file: base.file, line: 0, column: 0, severity: 'warning', ruleId: 'font-coverage', source: 'render',
              message: `no font for the ${role} role has ${missing.slice(0, 20).join('')}${missing.length > 20 ? '…' : ''} (${missing.length} characters): the PDF will show them in a fallback font or as boxes`,
            });
          }
        }
        const pdf = await (await this.renderer()).render(model, fonts);
        pages = pdf.pageCount;
        // The DOCX follows the PDF's layout facts: 版记 placement, contents page numbers,
        // merged cells cut where the PDF's pages start.
        model = pdf.model;
        files.push({ path: this.outputPath(req, 'pdf'), data: pdf.pdf });
      }
      if (this.opts.formats.includes('docx')) {
        if (model.imprint && !model.imprintPlacement) model.imprintPlacement = estimateImprintPlacement(model);
        const workers = this.opts.docxWorkers;
        const docx = workers
          ? await (this.docxPool ??= DocxPool.create(workers === 'auto' ? undefined : workers)).render(model)
          : await renderDocx(model);
        files.unshift({ path: this.outputPath(req, 'docx'), data: docx });
      }
      await writeFilesAtomic(files);
    } catch (err) {
      diagnostics.push({ file: base.file, line: 0, column: 0, severity: 'error', ruleId: 'render', message: `rendering failed: ${(err as Error).message}`, source: 'render' });
      return { ...base, outputs: [], diagnostics, ok: false };
    }
    return { ...base, outputs: files.map((f) => f.path), diagnostics, ok: true, pages };
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

/** Default output folder: out/ in the project. */
export function defaultOutDir(projectDir: string): string {
  return join(projectDir, 'out');
}
