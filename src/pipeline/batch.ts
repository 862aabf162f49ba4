// Batch rendering: one document per record (--each) or per group of records (--group-by), in
// chunks that share one font subset per face; a big batch on a machine with cores to spare
// builds whole chunks in worker threads too (batch-workers.ts), else this thread builds them
// with the DOCX in a pool; what documents share is kept from one to the next (the annex and
// its data read once, templates compiled once, deflated PDF streams by their bytes); a failing record
// reported with its row and the rest still rendered, and unchanged documents skipped by content
// hash.

import { canonicalSource } from '../kinds/aliases.js';
import { readFileSync } from 'node:fs';
import { gongwenVersion } from '../util/version.js';
import { basename, extname, join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { DiagnosticError } from '../diagnostics/diagnostic.js';
import { loadRecords } from '../data/index.js';
import { readSource } from '../source/read.js';
import { resolveInside, displayPath } from '../source/paths.js';
import { compileTemplate } from '../template/engine.js';
import { Builder, type BuildResult, type Format, type PdfStandard } from './build.js';
import { buildChunk, type BatchJob, type ChunkSetting, type JobOutcome } from './batch-chunk.js';
import { BatchWorker, batchWorkerCount } from './batch-workers.js';
import type { SourceFile } from '../source/types.js';
import { SharedReads } from '../kinds/shared-reads.js';
export type { BatchJob } from './batch-chunk.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { outDirProblem } from './out-dir.js';
import { fillDown } from '../kinds/list-table.js';

export interface BatchOptions {
  projectDir: string;
  outDir: string;
  formats: Format[];
  pdfStandard?: PdfStandard;
  /** Data file; default: the content file's own `data:` (lists). */
  data?: string;
  sheet?: string;
  mode: { each: true } | { groupBy: string };
  /** Output name pattern, a Handlebars template over the record: "{{序号}}-{{基地名称}}". */
  name?: string;
  force?: boolean;
  /** Chunks in flight at once. Default 2. */
  concurrency?: number;
  /** Documents compiled before they are rendered together. Default DEFAULT_CHUNK. */
  chunk?: number;
  /**
   * Worker threads that build whole chunks (compile, layout, PDF, DOCX) beside this thread; 0:
   * all on this thread, the DOCX in a pool. Default: batchWorkerCount (one fewer than
   * `concurrency` and the cores allow, when the batch is big enough to pay for their start).
   */
  workers?: number;
  onPlan?: (total: number) => void;
  onStart?: (job: BatchJob) => void;
  onDone?: (job: BatchJob, result: BatchJobResult) => void;
}

export interface BatchJobResult {
  status: 'built' | 'skipped' | 'failed';
  result?: BuildResult;
  diagnostics: Diagnostic[];
}

export interface BatchSummary {
  total: number;
  built: number;
  skipped: number;
  failed: number;
  diagnostics: Diagnostic[];
  seconds: number;
  /** Set when SIGINT or SIGTERM stopped the batch: documents not finished are neither built nor failed. */
  interrupted?: NodeJS.Signals;
}

export const CACHE_FILE = '.gongwen-cache.json';

/**
 * Documents compiled before they are rendered: the DOCX workers get a dozen at once, and a
 * bigger chunk only delays the first output.
 */
export const DEFAULT_CHUNK = 12;

/**
 * Bytes of a name from a record: file systems allow 255 bytes (not characters) in a name, and
 * the longest name gongwen makes from it is the atomic write's temporary file,
 * ".<name>-<n>.docx.<pid>.<8 hex>.tmp" (34 bytes more). An 82-character Chinese name (246
 * bytes in UTF-8) failed with ENAMETOOLONG after rendering.
 */
export const MAX_NAME_BYTES = 200;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A file name from a record: no separators, no control characters, at most MAX_NAME_BYTES, cut between characters (an emoji and its modifiers stay whole). */
export function safeFileName(s: string): string {
  const cleaned = s
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .trim();
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(cleaned)) {
    const n = Buffer.byteLength(segment);
    if (bytes + n > MAX_NAME_BYTES) break;
    out += segment;
    bytes += n;
  }
  return out.trim() || '_';
}

/** Plans the jobs: records (or groups) → names. Errors are diagnostics, not exceptions. */
async function planJobs(file: string, opts: BatchOptions): Promise<{ jobs: BatchJob[]; diagnostics: Diagnostic[]; dataFile: string; columns?: string[] }> {
  const diagnostics: Diagnostic[] = [];
  const source = canonicalSource(await readSource(file, opts.projectDir));
  let dataPath = opts.data;
  let sheet = opts.sheet;
  let base = opts.projectDir;
  if (!dataPath && typeof source.data.data === 'string') {
    // The list's own data, read as the list reads it: with its own sheet unless --sheet says.
    dataPath = source.data.data;
    base = join(source.absPath, '..');
    if (sheet === undefined && typeof source.data.sheet === 'string') sheet = source.data.sheet;
  }
  if (!dataPath) {
    diagnostics.push({ file: source.path, line: 0, column: 0, severity: 'error', ruleId: 'batch', message: 'batch needs --data FILE (or a list whose front matter names its data)', source: 'batch' });
    return { jobs: [], diagnostics, dataFile: '' };
  }
  const abs = resolveInside(opts.projectDir, dataPath, base);
  if (!abs) {
    diagnostics.push({ file: displayPath(dataPath), line: 0, column: 0, severity: 'error', ruleId: 'data-path', message: 'the data file is outside the project folder', source: 'batch' });
    return { jobs: [], diagnostics, dataFile: dataPath };
  }
  const loaded = await loadRecords(relative(opts.projectDir, abs), { projectDir: opts.projectDir, sheet });
  diagnostics.push(...loaded.diagnostics);
  if (hasErrors(loaded.diagnostics)) return { jobs: [], diagnostics, dataFile: loaded.file };

  const stem = basename(file, extname(file));
  let namer: ((r: Record<string, unknown>) => string) | undefined;
  if (opts.name) {
    try {
      namer = compileTemplate(opts.name, '--name');
    } catch (err) {
      if (err instanceof DiagnosticError) diagnostics.push(...err.diagnostics);
      return { jobs: [], diagnostics, dataFile: loaded.file };
    }
  }

  const jobs: BatchJob[] = [];
  if ('each' in opts.mode) {
    loaded.records.forEach((rec, i) => {
      // 序号 is offered when the data has none, so that patterns and bodies can number.
      const record: Record<string, unknown> = { 序号: String(i + 1), ...rec, _index: i + 1, _row: loaded.rowNumbers[i] };
      jobs.push({ index: i, name: '', rows: [loaded.rowNumbers[i]], record });
    });
  } else {
    const field = opts.mode.groupBy;
    if (!loaded.columns.includes(field)) {
      diagnostics.push({ file: loaded.file, line: 1, column: 1, severity: 'error', ruleId: 'batch', message: `--group-by ${field}: the data has no column "${field}"; its columns are ${loaded.columns.map((c) => `"${c}"`).join(', ')}`, source: 'batch' });
      return { jobs: [], diagnostics, dataFile: loaded.file };
    }
    // Lists often write a group's value on its first row only: blanks belong to the value above.
    const filled = fillDown(loaded.records, [field]);
    const groups = new Map<string, { records: Record<string, string>[]; rows: number[] }>();
    filled.forEach((r, i) => {
      const key = r[field] ?? '';
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { records: [], rows: [] }));
      g.records.push(loaded.records[i]);
      g.rows.push(loaded.rowNumbers[i]);
    });
    [...groups].forEach(([key, g], i) => {
      // Within a group the value is shown on its first row again (each list stands alone).
      const recs = g.records.map((r, k) => (k === 0 ? { ...r, [field]: key } : r));
      jobs.push({
        index: i,
        name: '',
        rows: g.rows,
        record: { [field]: key, 序号: String(i + 1), _index: i + 1, _count: g.records.length },
        group: { records: recs, columns: loaded.columns },
      });
    });
  }
  const used = new Map<string, number>();
  for (const job of jobs) {
    let name: string;
    try {
      name = namer ? namer(job.record) : 'each' in opts.mode ? `${stem}-${job.index + 1}` : `${stem}-${String(job.record[(opts.mode as { groupBy: string }).groupBy])}`;
    } catch (err) {
      if (err instanceof DiagnosticError) {
        diagnostics.push(...err.diagnostics.map((d) => ({ ...d, file: loaded.file, line: job.rows[0], column: 1 })));
        name = `${stem}-${job.index + 1}`;
      } else throw err;
    }
    name = safeFileName(name);
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    job.name = n > 1 ? `${name}-${n}` : name;
  }
  return { jobs, diagnostics, dataFile: loaded.file, columns: loaded.columns };
}

/** Runs a batch. Never throws for problems in the input: they are in the summary. */
export async function runBatch(file: string, opts: BatchOptions): Promise<BatchSummary> {
  const started = Date.now();
  const summary: BatchSummary = { total: 0, built: 0, skipped: 0, failed: 0, diagnostics: [], seconds: 0 };
  let plan;
  try {
    plan = await planJobs(file, opts);
  } catch (err) {
    if (err instanceof DiagnosticError) {
      summary.diagnostics.push(...err.diagnostics);
      summary.failed = 1;
      return summary;
    }
    throw err;
  }
  summary.diagnostics.push(...plan.diagnostics);
  if (hasErrors(plan.diagnostics)) {
    summary.failed = Math.max(1, plan.jobs.length);
    return summary;
  }
  const outProblem = await outDirProblem(opts.outDir);
  if (outProblem) {
    summary.diagnostics.push(outProblem);
    summary.failed = Math.max(1, plan.jobs.length);
    return summary;
  }
  summary.total = plan.jobs.length;
  opts.onPlan?.(summary.total);

  const cachePath = join(opts.outDir, CACHE_FILE);
  const cache = readCache(cachePath, summary.diagnostics);
  const setting: ChunkSetting = {
    file,
    projectDir: opts.projectDir,
    dataFile: plan.dataFile,
    columns: plan.columns ?? [],
    salt: `${gongwenVersion()}|${opts.formats.join(',')}`,
    force: !!opts.force,
  };
  const builderOptions = { projectDir: opts.projectDir, outDir: opts.outDir, formats: opts.formats, pdfStandard: opts.pdfStandard };
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const chunk = Math.max(1, opts.chunk ?? DEFAULT_CHUNK);
  const workerCount = opts.workers ?? batchWorkerCount(plan.jobs.length, concurrency);
  // With workers, this thread is one lane among them and builds its chunks whole (DOCX too);
  // without, `concurrency` lanes here share one DOCX pool.
  const workers = Array.from({ length: workerCount }, () => new BatchWorker({ setting, builder: builderOptions }));
  workers.forEach((w) => w.start());
  const local = {
    builder: new Builder({ ...builderOptions, docxWorkers: workers.length ? undefined : 'auto', memoize: true }),
    source: readSource(file, opts.projectDir),
    reads: new SharedReads(),
  };
  local.source.catch(() => undefined);
  let next = 0;
  let cacheDirty = false;

  const recordDiag = (job: BatchJob): Diagnostic => ({ file: plan.dataFile, line: job.rows[0], column: 1, severity: 'error', ruleId: 'record', message: `record ${job.index + 1} (${job.name}) not built`, source: 'batch' });

  const record = (job: BatchJob, o: JobOutcome): void => {
    if (o.status === 'stopped') return;
    if (o.status === 'failed') {
      summary.failed++;
      summary.diagnostics.push(...o.diagnostics);
      opts.onDone?.(job, { status: 'failed', diagnostics: o.diagnostics });
      return;
    }
    if (o.status === 'skipped') {
      summary.skipped++;
      opts.onDone?.(job, { status: 'skipped', diagnostics: o.diagnostics });
      return;
    }
    const result = o.result;
    // Interrupted: a document whose files were written is built (the cache keeps it); one that
    // failed under the stop is neither built nor the record's failure.
    if (stopped && !result.ok) return;
    if (result.ok) {
      summary.built++;
      cache[job.name] = o.hash;
      cacheDirty = true;
      opts.onDone?.(job, { status: 'built', result, diagnostics: result.diagnostics });
    } else {
      summary.failed++;
      const d = recordDiag(job);
      summary.diagnostics.push(d, ...result.diagnostics.filter((x) => x.severity === 'error'));
      opts.onDone?.(job, { status: 'failed', result, diagnostics: [d, ...result.diagnostics] });
    }
    summary.diagnostics.push(...result.diagnostics.filter((x) => x.severity !== 'error'));
  };

  // SIGINT/SIGTERM stop the batch cleanly: no new chunk starts (a worker finishes the one it
  // has), the DOCX workers are closed, the cache keeps what was built, and the summary says so.
  let stopped: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopped) process.exit(128 + (sig === 'SIGINT' ? 2 : 15)); // a second signal: now
    stopped = sig;
    void local.builder.close();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  /** Builds one chunk where it belongs and records each job. */
  const runChunk = async (jobs: BatchJob[], worker: BatchWorker | undefined) => {
    const known: Record<string, string> = {};
    for (const j of jobs) if (cache[j.name] !== undefined) known[j.name] = cache[j.name];
    let outcomes: JobOutcome[];
    try {
      outcomes = worker
        ? await worker.run(jobs, known)
        : await buildChunk(setting, { builder: local.builder, source: await local.source, reads: local.reads }, jobs, known, () => !!stopped);
    } catch (err) {
      if (err instanceof DiagnosticError) outcomes = jobs.map(() => ({ status: 'failed', diagnostics: err.diagnostics }) as JobOutcome);
      else if (worker) {
        const message = (err as Error).message;
        outcomes = jobs.map((job) => ({ status: 'failed', diagnostics: [{ ...recordDiag(job), message: `${recordDiag(job).message}: ${message}` }] }));
      } else throw err;
    }
    jobs.forEach((job, k) => record(job, outcomes[k] ?? { status: 'stopped' }));
  };

  // Each lane takes a chunk of jobs, compiles them, then renders them: this thread and each
  // worker thread, or (no workers) `concurrency` lanes on this thread.
  const lane = async (worker?: BatchWorker) => {
    while (next < plan.jobs.length && !stopped) {
      // Near the end the chunks get smaller (a quarter of what is left), so that the lanes finish
      // together rather than one of them drawing a last whole chunk while the others wait (up to
      // a chunk's time, 0.1 s of a 7 s batch of 1,000 notices on one core of two). The bounds
      // depend on the count alone, not on the lanes: a chunk shares its fonts' subsets, and the
      // same batch gives the same bytes however many threads run it.
      const size = Math.max(1, Math.min(chunk, Math.ceil((plan.jobs.length - next) / 4)));
      const jobs = plan.jobs.slice(next, next + size);
      next += jobs.length;
      for (const job of jobs) opts.onStart?.(job);
      await runChunk(jobs, worker);
    }
  };
  try {
    await Promise.all(workers.length ? [lane(), ...workers.map((w) => lane(w))] : Array.from({ length: concurrency }, () => lane()));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all([...workers.map((w) => w.close()), local.builder.close()]);
    if (cacheDirty) await writeCache(cachePath, cache, summary.diagnostics);
  }
  summary.interrupted = stopped;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/**
 * The cache of content hashes by output name. Anything but an object of strings (`null`, `"x"`,
 * a half-written file) is ignored with a warning: the cache only saves work, so a broken one
 * costs a full build, never the run.
 */
function readCache(path: string, diagnostics: Diagnostic[]): Record<string, string> {
  const cache: Record<string, string> = Object.create(null);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return cache; // none yet
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    diagnostics.push({ file: displayPath(path), line: 0, column: 0, severity: 'warning', ruleId: 'batch-cache', message: 'the batch cache is damaged and was ignored: every document is built again', source: 'batch' });
    return cache;
  }
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') cache[k] = v;
  return cache;
}

/** Saves the cache; failing to (read-only folder, full disk) is a warning: the documents are written. */
async function writeCache(path: string, cache: Record<string, string>, diagnostics: Diagnostic[]): Promise<void> {
  try {
    await writeFileAtomic(path, JSON.stringify(cache, null, 0), { durable: false });
  } catch (err) {
    diagnostics.push({ file: displayPath(path), line: 0, column: 0, severity: 'warning', ruleId: 'batch-cache', message: `cannot save the batch cache (${(err as Error).message}): the next run builds every document again`, source: 'batch' });
  }
}
