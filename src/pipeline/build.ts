// Builds documents: compile each content file to a model, lay it out (src/layout: every line,
// page and glyph placed, once), draw the files from what the layout stage decided (the PDF and
// OFD from its positioned pages, the DOCX from the laid-out model in Word's terms), and write
// them atomically — all or nothing per document. No other program runs: the PDF is gongwen's
// own drawing, so it is made wherever Node runs.

import { basename, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { DocumentModel } from '../model/types.js';
import { layoutDocument, prepareLayout } from '../layout/index.js';
import type { PagedDocument } from '../layout/frame/types.js';
import type { FontBook } from '../fonts/book-types.js';
import type { GlyphUnion } from '../fonts/subset.js';
import { compileFile, type CompileResult } from './compile.js';
import { renderDocx } from '../write/docx/index.js';
import { DocxPool } from '../write/docx/pool.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import type { SourceFile } from '../source/types.js';
import { traced } from '../util/trace.js';
import { placeMissingGlyphs } from './glyph-places.js';
import { missingGlyphs } from './missing-glyphs.js';
import { attachedPageCounts } from './attached-pages.js';
import type { StreamMemo } from '../write/pdf/stream-memo.js';
import { BlocksByContent } from './blocks-by-content.js';

export type Format = 'docx' | 'pdf' | 'ofd';
/** PDF/A conformance the PDF is written to (`--pdf-standard`). */
export type PdfStandard = 'a-1b' | 'a-2b';

export interface BuilderOptions {
  projectDir: string;
  outDir: string;
  formats: Format[];
  /** Write the PDF as PDF/A (`--pdf-standard`, or `pdfStandard:` in gongwen.yaml). */
  pdfStandard?: PdfStandard;
  /**
   * Render DOCX in worker threads ('auto': one fewer than the cores, at least one). Worth it
   * for batches; a single build renders in process (a worker's start costs more than one document).
   */
  docxWorkers?: number | 'auto';
  /** `--blank`: application forms come out empty, written as NAME-blank.docx/.pdf. */
  blank?: boolean;
  /** Write the files to outDir (default); false: only return them (the library entry). */
  write?: boolean;
  /**
   * Keep what documents share from one to the next (a batch): the PDF's deflated streams by
   * their bytes, a document's prepared layout for its DOCX. The files are the same with or
   * without; a single build keeps nothing.
   */
  memoize?: boolean;
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
  /** The rendered files' bytes, by format. */
  files?: Partial<Record<Format, Uint8Array>>;
  /** The positioned pages the PDF and OFD were drawn from (when one of them was made). */
  paged?: PagedDocument;
}

export interface BuildRequest {
  path: string;
  /** Output name without extension; default: the content file's name. */
  name?: string;
  record?: Record<string, unknown>;
  source?: SourceFile;
}

/** Formats drawn from positioned pages (they need the font book). */
const PAGED: readonly Format[] = ['pdf', 'ofd'];

export class Builder {
  private book?: Promise<FontBook>;
  private docxPool?: DocxPool;
  private readonly preparedModels = new WeakMap<DocumentModel, DocumentModel>();
  private readonly sharedModels = new WeakMap<DocumentModel, DocumentModel>();
  private streams?: StreamMemo;
  /** A batch's blocks and 版记 by content, shared by identity (blocks-by-content.ts). */
  private blocks?: BlocksByContent;

  constructor(readonly opts: BuilderOptions) {}

  private get paged(): boolean {
    return this.opts.formats.some((f) => PAGED.includes(f));
  }

  /** The font book's own warnings and substitutions, once per run (the CLI prints them). */
  async fontReport(): Promise<{ substitutions: string[]; diagnostics: Diagnostic[] }> {
    if (!this.paged) return { substitutions: [], diagnostics: [] };
    const book = await this.fontBook();
    return { substitutions: book.substitutions.map((s) => `${s.wanted} → ${s.used}`), diagnostics: book.diagnostics };
  }

  /** Starts loading the font book now, while the document compiles. */
  warm(): void {
    if (this.paged) this.fontBook().catch(() => undefined);
  }

  /** The font book of the project, loaded once (src/fonts: user, system and shipped faces). */
  fontBook(): Promise<FontBook> {
    this.book ??= traced('fonts: font book', async () => (await import('../fonts/book.js')).loadFontBook(this.opts.projectDir));
    return this.book;
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
    return this.render(compiled.model, req, base, diagnostics);
  }

  /** Renders a compiled model. */
  async render(model: DocumentModel, req: BuildRequest, base: RenderBase, diagnostics: Diagnostic[]): Promise<BuildResult> {
    return (await this.renderAll([{ model, req, base, diagnostics }]))[0];
  }

  /**
   * Renders several compiled models (a batch's chunk); one document's failure leaves the others
   * alone. The chunk's PDFs share one font subset per face, made once from the glyphs all of them
   * draw: a batch of notices that differ in a name and a number subset the same faces once a
   * chunk, not once a document (30–60 ms a document, measured on the seed notice).
   */
  async renderAll(items: RenderItem[]): Promise<BuildResult[]> {
    let subsets: GlyphUnion | undefined;
    const paged = new Map<RenderItem, PagedDocument | Error>();
    // With a DOCX pool, every DOCX of the chunk is handed to it first: its workers draw them
    // while this thread lays out and draws the PDFs, instead of this thread waiting for each
    // DOCX after its PDF.
    const docx = new Map<RenderItem, Promise<Uint8Array>>();
    if (this.opts.docxWorkers && this.opts.formats.includes('docx'))
      for (const it of items) {
        const p = this.docxOf(it.model);
        p.catch(() => undefined); // said when its document is rendered (unless it failed before)
        docx.set(it, p);
      }
    if (items.length > 1 && this.opts.formats.includes('pdf')) {
      const [{ GlyphUnion }, { addToUnion }] = await Promise.all([import('../fonts/subset.js'), import('../write/pdf/fonts.js')]);
      subsets = new GlyphUnion();
      for (const it of items) {
        const doc = await this.pagesOf(it.model).catch((err: Error) => err);
        paged.set(it, doc);
        if (!(doc instanceof Error)) addToUnion(subsets, doc);
      }
    }
    // Each document's files are written while the next one is drawn: awaited one by one, the
    // file system's round trips (mkdir, lstat, open, write, close, link, rename for each file)
    // left this thread idle about 1 ms a notice.
    const out: Promise<BuildResult>[] = [];
    for (const it of items) {
      // Between documents, the events that came meanwhile are taken (a batch worker's finished
      // chunk: the main thread hands it the next one only then; without this it waited for the
      // whole chunk here, a quarter of its time over 1,000 notices).
      if (items.length > 1) await nextTurn();
      const made = await this.renderOne(it, paged.get(it), subsets, docx.get(it)).catch((err: Error) => err);
      out.push(made instanceof Error ? Promise.resolve(this.failed(it, made)) : made.write().then(() => made.result, (err: Error) => this.failed(it, err)));
    }
    return Promise.all(out);
  }

  /**
   * The positioned pages of a compiled model: the layout stage with the font book's metrics,
   * every line and page decided there (src/layout/frame). The preview draws these too.
   */
  async pagesOf(model: DocumentModel): Promise<PagedDocument> {
    const book = await this.fontBook();
    const { layoutPages, bookMetrics } = await import('../layout/frame/index.js');
    const attached = await attachedPageCounts(model.appendPdfs, this.opts.projectDir);
    const pagesBetween = attached.reduce((a, x) => a + x.pages, 0);
    const laid = traced('layout', async () => {
      // Display lines broken at the faces' real widths, lines counted with their real advances:
      // what the pages draw is what the paginator counted.
      const { model: laidOut } = layoutDocument(this.prepared(model, book), { pagesBetween, metrics: bookMetrics(book) });
      return layoutPages(laidOut, book, { pagesBetween, attached, reuse: this.opts.memoize });
    });
    return laid;
  }

  /**
   * The model with its display lines, columns and keeps (prepareLayout). In a batch it is made
   * once for both the positioned pages and the DOCX: the same function of the same model and
   * book (3 ms of a seed notice's 45 ms, twice). A single build makes it twice rather than keep
   * it alive while the PDF is written (a 100,000-row list's is hundreds of MB).
   */
  private prepared(model: DocumentModel, book: FontBook): DocumentModel {
    if (!this.opts.memoize) return prepareLayout(model, book);
    let p = this.preparedModels.get(model);
    if (!p) this.preparedModels.set(model, (p = prepareLayout(this.shared(model), book)));
    return p;
  }

  /** In a batch, the model with its blocks and 版记 shared by identity with its other documents' (blocks-by-content.ts). */
  private shared(model: DocumentModel): DocumentModel {
    if (!this.opts.memoize) return model;
    let s = this.sharedModels.get(model);
    if (!s) this.sharedModels.set(model, (s = (this.blocks ??= new BlocksByContent()).share(model)));
    return s;
  }

  /**
   * The DOCX of a compiled model. It is paginated for Word's grid (figures half a character, as
   * 仿宋_GB2312 has them), the same whether or not a PDF is made: Word and LibreOffice lay its
   * text out again themselves, with the official fonts it names. Its display lines (标志, titles)
   * are the PDF's, broken at the faces' real widths: a title that fits the grid's count but not
   * the type (an annex title with eight figures) wraps in both files, at the same place.
   */
  private async docxOf(model: DocumentModel): Promise<Uint8Array> {
    const laid = layoutDocument(this.prepared(model, await this.fontBook())).model;
    const workers = this.opts.docxWorkers;
    return workers ? (this.docxPool ??= DocxPool.create(workers === 'auto' ? undefined : workers)).render(laid) : traced('DOCX', () => renderDocx(laid));
  }

  /** Draws one document's files; `write` writes them (all or none). */
  private async renderOne(it: RenderItem, laid?: PagedDocument | Error, subsets?: GlyphUnion, docx?: Promise<Uint8Array>): Promise<{ result: BuildResult; write: () => Promise<void> }> {
    if (laid instanceof Error) throw laid;
    const files: { path: string; data: Uint8Array }[] = [];
    const { formats } = this.opts;
    // The DOCX first, before the positioned pages exist: the two are the build's two peaks of
    // memory, and one after the other they do not add up (a 100,000-row list: see bench/run.js).
    // A batch started its DOCX in the pool already (`docx`) and takes it after the PDF.
    const docxBytes = formats.includes('docx') && !docx ? await this.docxOf(it.model) : undefined;
    let paged: PagedDocument | undefined;
    if (this.paged) {
      const book = await this.fontBook();
      paged = laid ?? (await this.pagesOf(it.model));
      // Characters that no face of their role has: drawn as the first face's empty glyph, and said.
      it.diagnostics.push(...placeMissingGlyphs(missingGlyphs(this.shared(it.model), book, it.base.file), it.base.sources, it.base.file));
      if (formats.includes('pdf')) {
        const { writePdf } = await import('../write/pdf/index.js');
        if (this.opts.memoize) this.streams ??= new (await import('../write/pdf/stream-memo.js')).StreamMemo();
        const pdf = await traced('PDF', () => writePdf(paged!, book, { standard: this.opts.pdfStandard, subsets, streams: this.streams }));
        files.push({ path: this.outputPath(it.req, 'pdf'), data: pdf });
      }
      if (formats.includes('ofd')) {
        const { writeOfd } = await import('../write/ofd/index.js');
        const ofd = await traced('OFD', () => writeOfd(paged!, book));
        files.push({ path: this.outputPath(it.req, 'ofd'), data: ofd });
      }
    }
    if (formats.includes('docx')) files.unshift({ path: this.outputPath(it.req, 'docx'), data: docxBytes ?? (await docx!) });
    const write = this.opts.write !== false ? () => traced('write', () => writeFilesAtomic(files, { durable: false })) : () => Promise.resolve();
    const bytes: Partial<Record<Format, Uint8Array>> = {};
    for (const f of files) bytes[extname(f.path).slice(1) as Format] = f.data;
    const outputs = this.opts.write !== false ? files.map((f) => f.path) : [];
    return { result: { ...it.base, outputs, diagnostics: it.diagnostics, ok: true, pages: paged?.pages.length, files: bytes, paged }, write };
  }

  private failed(it: RenderItem, err: Error): BuildResult {
    it.diagnostics.push({ file: it.base.file, line: 0, column: 0, severity: 'error', ruleId: 'render', message: `rendering failed: ${err.message}`, source: 'render' });
    return { ...it.base, outputs: [], diagnostics: it.diagnostics, ok: false };
  }

  async close(): Promise<void> {
    await this.docxPool?.close();
    this.docxPool = undefined;
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

/** Resolves after the event loop's pending events (messages, I/O callbacks) have run. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}


/** Default output folder: out/ in the project. */
export function defaultOutDir(projectDir: string): string {
  return join(projectDir, 'out');
}
