// The library entry: `import { build, check, open } from "gongwen"`. build() compiles one
// content file and returns its DOCX and PDF as bytes, writing nothing; check() runs every check
// without rendering. A Session keeps its builders (the font book loaded once, DOCX workers)
// across builds: close it with close() or `await using` (Symbol.asyncDispose); one-shot build()
// closes its own. The stages are imported when first used: `import { check } from "gongwen"`
// does not load the writers, the font book or pdf-lib.
import { resolve } from 'node:path';
import type { Builder, BuildResult, Format } from './pipeline/build.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';

export type { Diagnostic } from './diagnostics/diagnostic.js';
export type { DocumentModel } from './model/types.js';
export type { Format } from './pipeline/build.js';
export { layoutDocument, type LayoutFacts, type LaidOut } from './layout/index.js';

export interface BuildOptions {
  /** Project folder (templates/, fonts/, gongwen.yaml); paths the document names must lie inside it. Default: the current folder. */
  projectDir?: string;
  /** Default: both. */
  formats?: Format[];
  /** Fields visible to the template and the body as {{field}} (as a batch record). */
  record?: Record<string, unknown>;
}

export interface Built {
  ok: boolean;
  docx?: Uint8Array;
  pdf?: Uint8Array;
  /** Pages of the PDF, when one was made. */
  pages?: number;
  diagnostics: Diagnostic[];
}

const built = (r: BuildResult): Built => ({ ok: r.ok, docx: r.files?.docx, pdf: r.files?.pdf, pages: r.pages, diagnostics: r.diagnostics });

/** Builders by project and formats (each font book loaded once), kept until close(). */
export class Session implements AsyncDisposable {
  private readonly builders = new Map<string, Builder>();

  async build(path: string, opts: BuildOptions = {}): Promise<Built> {
    const projectDir = resolve(opts.projectDir ?? '.');
    const formats = opts.formats ?? ['docx', 'pdf'];
    const key = `${projectDir}\0${formats.join(',')}`;
    const { Builder } = await import('./pipeline/build.js');
    let b = this.builders.get(key);
    if (!b) this.builders.set(key, (b = new Builder({ projectDir, outDir: projectDir, formats, write: false })));
    return built(await b.build({ path: resolve(projectDir, path), record: opts.record }));
  }

  async close(): Promise<void> {
    const all = [...this.builders.values()];
    this.builders.clear();
    await Promise.all(all.map((b) => b.close()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** A session for several builds (the fonts loaded once). */
export function open(): Session {
  return new Session();
}

/** Builds one content file: its DOCX and PDF as bytes; nothing is written, the builder closed after. */
export async function build(path: string, opts: BuildOptions = {}): Promise<Built> {
  const s = new Session();
  try {
    return await s.build(path, opts);
  } finally {
    await s.close();
  }
}

/** Every check of one content file, without rendering. */
export async function check(path: string, opts: { projectDir?: string } = {}): Promise<{ ok: boolean; diagnostics: Diagnostic[] }> {
  const projectDir = resolve(opts.projectDir ?? '.');
  const { checkFile, configDiagnostics } = await import('./pipeline/check.js');
  const r = await checkFile(resolve(projectDir, path), { projectDir, stats: false });
  const diagnostics = [...(await configDiagnostics(projectDir)), ...r.diagnostics];
  return { ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics };
}
