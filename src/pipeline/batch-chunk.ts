// One chunk of a batch, compiled and rendered: the same function whether it runs on the main
// thread or in a batch worker (batch-workers.ts), so that both give the same files, byte for
// byte. A record that does not compile, or whose model is unchanged since the last run, is an
// outcome of its own; the others are rendered together (one font subset per face a chunk).

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/types.js';
import { compileFile } from './compile.js';
import { nextTurn, type Builder, type BuildResult, type RenderItem } from './build.js';
import { traced } from '../util/trace.js';
import type { SharedReads } from '../kinds/shared-reads.js';
import type { Block, DocumentModel, Section } from '../model/types.js';

/** A record (or a group of records) and the name of the document made from it. */
export interface BatchJob {
  index: number;
  name: string;
  /** Source row(s) of the record(s) in the data file, for messages. */
  rows: number[];
  record: Record<string, unknown>;
  group?: { records: Record<string, string>[]; columns: string[] };
}

/** What every chunk of one batch shares. Plain data: it is sent to the batch workers. */
export interface ChunkSetting {
  file: string;
  projectDir: string;
  /** The data file, as messages name it. */
  dataFile: string;
  columns: string[];
  /** Mixed into each model's hash: the version and the formats. */
  salt: string;
  force: boolean;
}

export type JobOutcome =
  | { status: 'failed'; diagnostics: Diagnostic[] }
  | { status: 'skipped'; diagnostics: Diagnostic[] }
  | { status: 'rendered'; hash: string; result: BuildResult }
  /** A signal stopped the batch before this job was rendered: neither built nor failed. */
  | { status: 'stopped' };

/**
 * Compiles the chunk's jobs and renders those that compiled and changed. `cache` holds the
 * hashes of the last run by output name; `stopped` ends the compiling early (a signal).
 */
export async function buildChunk(
  setting: ChunkSetting,
  env: { builder: Builder; source: SourceFile; reads?: SharedReads },
  jobs: BatchJob[],
  cache: Record<string, string>,
  stopped: () => boolean = () => false,
): Promise<JobOutcome[]> {
  const { builder } = env;
  const outcomes: JobOutcome[] = [];
  const ready: { k: number; hash: string; item: RenderItem }[] = [];
  for (const job of jobs) {
    await nextTurn(); // a worker's finished chunk is taken between records (build.ts renderAll)
    if (stopped()) {
      outcomes.push({ status: 'stopped' });
      continue;
    }
    const origin = { file: setting.dataFile, row: job.rows[0], columns: setting.columns };
    const compiled = await traced('compile', () => compileFile(setting.file, { projectDir: setting.projectDir, record: job.record, rows: job.group, source: env.source, origin, reads: env.reads }));
    const diags = compiled.diagnostics;
    if (!compiled.model || hasErrors(diags)) {
      const first = diags.find((d) => d.severity === 'error');
      const d: Diagnostic = { file: setting.dataFile, line: job.rows[0], column: 1, severity: 'error', ruleId: 'record', message: `record ${job.index + 1} (${job.name}) not built${first ? `: ${first.message}` : ''}`, source: 'batch' };
      outcomes.push({ status: 'failed', diagnostics: [d, ...diags] });
      continue;
    }
    const hash = modelHash(setting.salt, compiled.model);
    const req = { path: setting.file, name: job.name };
    const outputs = builder.opts.formats.map((f) => builder.outputPath(req, f));
    if (!setting.force && cache[job.name] === hash && outputs.every((o) => existsSync(o))) {
      outcomes.push({ status: 'skipped', diagnostics: diags });
      continue;
    }
    ready.push({ k: outcomes.length, hash, item: { model: compiled.model, req, base: { file: compiled.file, kind: compiled.kind, sources: compiled.sources }, diagnostics: [...diags] } });
    outcomes.push({ status: 'stopped' }); // its place, until it is rendered
  }
  if (ready.length && !stopped()) {
    const results = await builder.renderAll(ready.map((r) => r.item));
    results.forEach((result, i) => (outcomes[ready[i].k] = { status: 'rendered', hash: ready[i].hash, result }));
  }
  return outcomes;
}

/**
 * A model's hash for skipping unchanged outputs. A section or block shared by a batch's
 * documents (frozen: kinds/shared-parts.ts) enters by its own hash, made once: the seed
 * notice's list was two thirds of each model's JSON, serialized again for every record.
 */
export function modelHash(salt: string, model: DocumentModel): string {
  const sections = model.sections.map((s) => (Object.isFrozen(s) ? hashOf(s) : { ...s, blocks: s.blocks.map((b) => (Object.isFrozen(b) ? hashOf(b) : b)) }));
  return createHash('sha256').update(salt).update(JSON.stringify({ ...model, sections })).digest('hex');
}

const hashes = new WeakMap<Section | Block, string>();

/** A shared section's or block's own hash, made once. */
function hashOf(s: Section | Block): string {
  let h = hashes.get(s);
  if (h === undefined) hashes.set(s, (h = createHash('sha256').update(JSON.stringify(s)).digest('hex')));
  return h;
}
