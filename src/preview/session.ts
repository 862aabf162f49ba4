// One document kept built for the preview: a Builder held open (one warm Chromium, the font
// map loaded once), the last good PDF and its page images, and the current diagnostics. A save
// rebuilds only this document and draws only the pages that changed (page-keys.ts: a
// one-sentence save redraws one page of ten, ~20 ms instead of ~150 ms); a broken save replaces
// the diagnostics and keeps the last good pages. Rebuilds never overlap: saves during a build
// are gathered into one more build.

import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Builder as BuilderType } from '../pipeline/build.js';
import { configDiagnostics } from '../pipeline/check.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { rasterize, type PageImage } from './rasterize.js';
import { pageKeys } from './page-keys.js';
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
  /** Each page image, in order: its size in pixels and its key (its URL is /pages/KEY.jpg; a page drawn the same keeps its key). */
  pages: { width: number; height: number; key: string }[];
  /** Pages (1-based) that differ from the previous good build's. */
  changed: number[];
  errors: number;
  warnings: number;
  /** Milliseconds the last build took, from its start to its pages. */
  ms: number;
}

export class PreviewSession {
  state: PreviewState = { build: 0, pagesBuild: 0, ok: false, building: false, pages: [], changed: [], errors: 0, warnings: 0, ms: 0 };
  diagnostics: DiagnosticsJson = { files: 1, errors: 0, warnings: 0, diagnostics: [] };
  pdf?: Uint8Array;
  /** The shown pages' images, with the key of what draws each page and the hash of its JPEG. */
  images: (PageImage & { key: string; hash: string })[] = [];
  /** Absolute paths of the files the last build read (the content file and its annexes). */
  sources: string[] = [];
  private listeners = new Set<(s: PreviewState) => void>();
  private running?: Promise<void>;
  private again = false;

  private constructor(
    readonly file: string,
    readonly projectDir: string,
    private readonly builder: BuilderType,
    private readonly dir: string,
  ) {}

  static async open(file: string, projectDir: string): Promise<PreviewSession> {
    const dir = await mkdtemp(join(tmpdir(), 'gongwen-preview-'));
    await mkdir(join(dir, 'pages'));
    // Ctrl-C ends the process from puppeteer's own SIGINT handler (Chromium killed, exit 130):
    // the page images go with it.
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const { Builder } = await import('../pipeline/build.js');
    const builder = new Builder({ projectDir, outDir: join(dir, 'pdf'), formats: ['pdf'] });
    return new PreviewSession(resolve(file), projectDir, builder, dir);
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

  private async buildOnce(): Promise<void> {
    const started = performance.now();
    this.state = { ...this.state, building: true };
    for (const fn of this.listeners) fn(this.state);
    const r = await traced('preview: build', () => this.builder.build({ path: this.file }));
    const font = await this.builder.fontReport().catch(() => ({ diagnostics: [] as Diagnostic[] }));
    const diags = [...(await configDiagnostics(this.projectDir)), ...font.diagnostics, ...r.diagnostics];
    let ok = r.ok;
    let changed: number[] = [];
    const build = this.state.build + 1;
    if (ok) {
      try {
        const pdfPath = r.outputs[0];
        const pdf = await readFile(pdfPath);
        // Pages drawn as a page of the last build are not drawn again: their images are kept.
        const keys = await traced('preview: page keys', () => pageKeys(pdf));
        const known = new Map(this.images.map((im) => [im.key, im]));
        const todo = keys.flatMap((k, i) => (known.has(k) ? [] : [i + 1]));
        const drawDir = join(this.dir, `build-${build}`);
        await mkdir(drawDir);
        const images = await traced('preview: page images', async () => {
          try {
            const drawn = await rasterize(pdfPath, drawDir, todo);
            return await Promise.all(
              keys.map(async (key, i) => {
                const kept = known.get(key);
                if (kept) return kept;
                const im = drawn.get(i + 1);
                if (!im) throw new Error(`pdftoppm drew no page ${i + 1}`);
                const path = join(this.dir, 'pages', `${key}.jpg`);
                await rename(im.path, path);
                return { ...im, path, key, hash: createHash('sha256').update(await readFile(path)).digest('hex') };
              }),
            );
          } finally {
            await rm(drawDir, { recursive: true, force: true });
          }
        });
        changed = images.map((im, i) => (im.hash !== this.images[i]?.hash ? i + 1 : 0)).filter((n) => n > 0);
        const shown = new Set(images.map((im) => im.path));
        const gone = this.images.filter((im) => !shown.has(im.path));
        this.pdf = pdf;
        this.images = images;
        await Promise.all(gone.map((im) => rm(im.path, { force: true })));
      } catch (err) {
        ok = false;
        diags.push({ file: r.file, line: 0, column: 0, severity: 'error', ruleId: 'preview', message: `page images failed (pdftoppm, from poppler-utils): ${(err as Error).message}`, source: 'render' });
      }
    }
    if (r.sources.length) this.sources = r.sources.map((s) => s.absPath);
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.filter((d) => d.severity === 'warning').length;
    this.diagnostics = { files: 1, errors, warnings, diagnostics: diags };
    this.state = {
      build,
      pagesBuild: ok ? build : this.state.pagesBuild,
      ok,
      building: false,
      pages: this.images.map((im) => ({ width: im.width, height: im.height, key: im.key })),
      changed: ok ? changed : [],
      errors,
      warnings,
      ms: Math.round(performance.now() - started),
    };
    for (const fn of this.listeners) fn(this.state);
  }

  /** A build that threw (not a problem of the input: those are diagnostics): say so, keep the pages. */
  private failed(err: Error): void {
    const d: Diagnostic = { file: this.file, line: 0, column: 0, severity: 'error', ruleId: 'preview', message: `the build failed: ${err.message}`, source: 'render' };
    this.diagnostics = { files: 1, errors: 1, warnings: 0, diagnostics: [d] };
    this.state = { ...this.state, build: this.state.build + 1, ok: false, building: false, changed: [], errors: 1, warnings: 0 };
    for (const fn of this.listeners) fn(this.state);
  }

  async close(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.builder.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
