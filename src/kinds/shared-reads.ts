// Files that every record of a batch reads alike — an annex's content file, a list's data —
// read and parsed once a batch instead of once a record. A warm batch of the seed notice read
// and parsed its 52-row list's CSV and the annex's YAML again for each of 1,000 records (2–3 ms
// a document of 45). What is shared is frozen: a stage that changed it would change every
// later record's document, so it fails loudly instead.

import type { SourceFile } from '../source/types.js';
import { readSource } from '../source/read.js';
import { loadRecords } from '../data/index.js';
import type { LoadedRecords, LoadOptions } from '../data/types.js';
import { SharedBlocks, SharedParts } from './shared-parts.js';
import { loadKindTemplate } from '../template/engine.js';
import { resolveInside } from '../source/paths.js';
import { BoundedMemo } from '../util/bounded-memo.js';

export class SharedReads {
  private readonly sources = new Map<string, Promise<SourceFile>>();
  private readonly data = new Map<string, Promise<LoadedRecords>>();
  private readonly templates = new Map<string, ReturnType<typeof loadKindTemplate>>();
  /** Paths by their text (a record may name its own attachment): at most 4,096 kept. */
  private readonly paths = new BoundedMemo<string, { abs: string | undefined }>(4096);
  /** Annex parts compiled once for the batch (shared-parts.ts). */
  readonly parts = new SharedParts((projectDir, kind) => this.template(projectDir, kind));
  /** Blocks alike from record to record, one object each (shared-parts.ts). */
  readonly blocks = new SharedBlocks();

  /** readSource, once per file. */
  source(absPath: string, projectDir: string): Promise<SourceFile> {
    const key = `${projectDir}\0${absPath}`;
    let p = this.sources.get(key);
    if (!p) this.sources.set(key, (p = readSource(absPath, projectDir).then(freezeSource)));
    return p;
  }

  /**
   * loadKindTemplate, once per kind and name: its two lstats (the project's copy, then
   * gongwen's) for each of a record's three template reads were 3 % of a 1.75 ms compile.
   * A template that cannot be read is tried again (its error is each record's).
   */
  template(projectDir: string, kind: string, name = kind): ReturnType<typeof loadKindTemplate> {
    const key = `${projectDir}\0${kind}\0${name}`;
    let p = this.templates.get(key);
    if (!p) {
      this.templates.set(key, (p = loadKindTemplate(projectDir, kind, name)));
      p.catch(() => this.templates.delete(key));
    }
    return p;
  }

  /** resolveInside, once per path: its realpaths (a notice's attachments) for every record. */
  inside(projectDir: string, path: string, baseDir: string): string | undefined {
    const key = `${projectDir}\0${baseDir}\0${path}`;
    return (this.paths.get(key) ?? this.paths.set(key, { abs: resolveInside(projectDir, path, baseDir) })).abs;
  }

  /** loadRecords, once per file and sheet. */
  records(path: string, opts: LoadOptions): Promise<LoadedRecords> {
    const key = `${opts.projectDir}\0${path}\0${opts.sheet ?? ''}`;
    let p = this.data.get(key);
    if (!p) this.data.set(key, (p = loadRecords(path, opts).then(freezeRecords)));
    // Diagnostics go into each record's bag, where later stages may annotate them: a copy each.
    return p.then((r) => ({ ...r, diagnostics: r.diagnostics.map((d) => ({ ...d })) }));
  }
}

function freezeSource(s: SourceFile): SourceFile {
  deepFreeze(s.data);
  return Object.freeze(s);
}

function freezeRecords(r: LoadedRecords): LoadedRecords {
  for (const rec of r.records) Object.freeze(rec);
  Object.freeze(r.records);
  Object.freeze(r.columns);
  Object.freeze(r.rowNumbers);
  Object.freeze(r.diagnostics);
  return Object.freeze(r);
}

function deepFreeze(v: unknown): void {
  if (!v || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}
