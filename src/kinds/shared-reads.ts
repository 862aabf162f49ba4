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

export class SharedReads {
  private readonly sources = new Map<string, Promise<SourceFile>>();
  private readonly data = new Map<string, Promise<LoadedRecords>>();
  /** Annex parts compiled once for the batch (shared-parts.ts). */
  readonly parts = new SharedParts();
  /** Blocks alike from record to record, one object each (shared-parts.ts). */
  readonly blocks = new SharedBlocks();

  /** readSource, once per file. */
  source(absPath: string, projectDir: string): Promise<SourceFile> {
    const key = `${projectDir}\0${absPath}`;
    let p = this.sources.get(key);
    if (!p) this.sources.set(key, (p = readSource(absPath, projectDir).then(freezeSource)));
    return p;
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
