// One document kept built for the preview: a Builder held open (the font book loaded once),
// the last good positioned pages drawn as SVG, and the current diagnostics. A save compiles
// and lays out only this document and redraws only the pages whose drawing changed (a page's
// key is the digest of its SVG: an unchanged page keeps its URL and the browser its copy); a
// broken save replaces the diagnostics and keeps the last good pages. Rebuilds never overlap:
// saves during a build are gathered into one more build. Nothing is written to disk and no
// other program runs: the pages are drawn from the layout stage's items (src/write/svg), the
// PDF behind /document.pdf (and the OFD behind /document.ofd) is written when it is asked for.

import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Builder as BuilderType } from '../pipeline/build.js';
import { configDiagnostics } from '../pipeline/check.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PagedDocument, RasterImage } from '../layout/frame/types.js';
import { traced } from '../util/trace.js';

/** The `check --json` shape. */
export interface DiagnosticsJson {
  files: number;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

export interface PreviewState {
  /** Builds finished so far. */
  build: number;
  /** The build whose pages are shown (the last good one; 0: none yet). */
  pagesBuild: number;
  /** The last build succeeded (its pages are the ones shown). */
  ok: boolean;
  building: boolean;
  /** Each page: its size in points and its key (its drawing is /pages/KEY.svg; a page drawn the same keeps its key). */
  pages: { width: number; height: number; key: string }[];
  /** Faces the pages draw with (served at /fonts/KEY). */
  faces: string[];
  /** Pages (1-based) that differ from the previous good build's. */
  changed: number[];
  errors: number;
  warnings: number;
  /** Milliseconds the last build took, from its start to its pages. */
  ms: number;
}

export class PreviewSession {
  state: PreviewState = { build: 0, pagesBuild: 0, ok: false, building: false, pages: [], faces: [], changed: [], errors: 0, warnings: 0, ms: 0 };
  diagnostics: DiagnosticsJson = { files: 1, errors: 0, warnings: 0, diagnostics: [] };
  /** The shown pages' drawings by key. */
  svgs = new Map<string, string>();
  /** Pictures the shown pages draw, by digest. */
  images = new Map<string, RasterImage>();
  /** Absolute paths of the files the last build read (the content file and its annexes). */
  sources: string[] = [];
  private paged?: PagedDocument;
  private written = new Map<'pdf' | 'ofd', { build: number; bytes: Promise<Uint8Array> }>();
  private listeners = new Set<(s: PreviewState) => void>();
  private running?: Promise<void>;
  private again = false;

  private constructor(
    readonly file: string,
    readonly projectDir: string,
    readonly builder: BuilderType,
  ) {}

  static async open(file: string, projectDir: string): Promise<PreviewSession> {
    const { Builder } = await import('../pipeline/build.js');
    // Nothing is written: outDir is never used (write: false), the pages live in memory.
    const builder = new Builder({ projectDir, outDir: projectDir, formats: ['pdf'], write: false });
    builder.warm();
    return new PreviewSession(resolve(file), projectDir, builder);
  }

  /** Calls `fn` when a build starts (state.building) and after it; returns the function that stops it. */
  onUpdate(fn: (s: PreviewState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Builds now, or once more after the build under way; resolves when the pages are current. */
  rebuild(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.buildOnce().catch((err: Error) => this.failed(err));
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** The shown pages as PDF or OFD (the page's downloads), written once per build when first asked for. */
  async document(format: 'pdf' | 'ofd'): Promise<Uint8Array | undefined> {
    const paged = this.paged;
    if (!paged) return undefined;
    let hit = this.written.get(format);
    if (hit?.build !== this.state.pagesBuild) {
      const book = await this.builder.fontBook();
      const standard = this.builder.opts.pdfStandard;
      const bytes = format === 'pdf' ? import('../write/pdf/index.js').then(({ writePdf }) => writePdf(paged, book, { standard })) : import('../write/ofd/index.js').then(({ writeOfd }) => writeOfd(paged, book));
      this.written.set(format, (hit = { build: this.state.pagesBuild, bytes }));
    }
    return hit.bytes;
  }

  /** A face's file, for the page's @font-face. */
  async fontFile(key: string): Promise<Uint8Array | undefined> {
    if (!this.state.faces.includes(key)) return undefined;
    return (await this.builder.fontBook()).sfnt(key);
  }

  private async buildOnce(): Promise<void> {
    const started = performance.now();
    this.state = { ...this.state, building: true };
    this.notify();
    const [{ compileFile }, { missingGlyphs }, { placeMissingGlyphs }, { pageSvg }] = await Promise.all([
      import('../pipeline/compile.js'),
      import('../pipeline/missing-glyphs.js'),
      import('../pipeline/glyph-places.js'),
      import('../write/svg/page.js'),
    ]);
    const compiled = await traced('preview: compile', () => compileFile(this.file, { projectDir: this.projectDir }));
    const font = await this.builder.fontReport().catch(() => ({ diagnostics: [] as Diagnostic[] }));
    const diags = [...(await configDiagnostics(this.projectDir)), ...font.diagnostics, ...compiled.diagnostics];
    let ok = !!compiled.model && !diags.some((d) => d.severity === 'error');
    let changed: number[] = [];
    const build = this.state.build + 1;
    if (ok && compiled.model) {
      try {
        const paged = await traced('preview: layout', () => this.builder.pagesOf(compiled.model!));
        const book = await this.builder.fontBook();
        diags.push(...placeMissingGlyphs(missingGlyphs(compiled.model, book, compiled.file), compiled.sources, compiled.file));
        const drawn = traced('preview: SVG', async () =>
          paged.pages.map((p) => {
            const svg = pageSvg(p);
            return { key: createHash('sha256').update(svg).digest('hex').slice(0, 32), svg, page: p };
          }),
        );
        const pages = await drawn;
        const before = this.state.pages.map((p) => p.key);
        changed = pages.map((p, i) => (p.key !== before[i] ? i + 1 : 0)).filter((n) => n > 0);
        this.svgs = new Map(pages.map((p) => [p.key, p.svg]));
        this.images = new Map();
        for (const p of paged.pages) for (const it of p.items) if (it.kind === 'image') this.images.set(it.image.sha256, it.image);
        this.paged = paged;
        this.state = { ...this.state, pages: pages.map((p) => ({ width: p.page.widthPt, height: p.page.heightPt, key: p.key })), faces: Object.keys(paged.faces) };
      } catch (err) {
        ok = false;
        diags.push({ file: compiled.file, line: 0, column: 0, severity: 'error', ruleId: 'preview', message: `the pages could not be laid out: ${(err as Error).message}`, source: 'render' });
      }
    }
    if (compiled.sources.length) this.sources = compiled.sources.map((s) => s.absPath);
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.filter((d) => d.severity === 'warning').length;
    this.diagnostics = { files: 1, errors, warnings, diagnostics: diags };
    this.state = {
      ...this.state,
      build,
      pagesBuild: ok ? build : this.state.pagesBuild,
      ok,
      building: false,
      changed: ok ? changed : [],
      errors,
      warnings,
      ms: Math.round(performance.now() - started),
    };
    this.notify();
  }

  /** A build that threw (not a problem of the input: those are diagnostics): say so, keep the pages. */
  private failed(err: Error): void {
    const d: Diagnostic = { file: this.file, line: 0, column: 0, severity: 'error', ruleId: 'preview', message: `the build failed: ${err.message}`, source: 'render' };
    this.diagnostics = { files: 1, errors: 1, warnings: 0, diagnostics: [d] };
    this.state = { ...this.state, build: this.state.build + 1, ok: false, building: false, changed: [], errors: 1, warnings: 0 };
    this.notify();
  }

  private notify(): void {
    for (const fn of this.listeners) fn(this.state);
  }

  async close(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.builder.close();
  }
}
