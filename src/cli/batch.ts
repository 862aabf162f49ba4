// gongwen batch: one document per record or per group, with progress and a summary.

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { parseFormats, runs, withCommonOptions, type CommonOptions } from './options.js';
import { assertWritableFolder, findProjectRoot, givenProject, UsageError } from './project.js';
import { printDiagnostics } from './report.js';

interface BatchCliOptions extends CommonOptions {
  data?: string;
  sheet?: string;
  each?: boolean;
  groupBy?: string;
  name?: string;
  force?: boolean;
  format?: string;
  out?: string;
  jobs?: string;
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('batch')
      .summary('one document per record (--each) or per group of records (--group-by)')
      .description(
        'One document per record of a data file (--each), or one per group of records (--group-by FIELD). Record fields are visible to the front matter, the template and the body as {{field}}. Unchanged documents (same content, data, templates, gongwen) are skipped unless --force.',
      )
      .argument('<file>', 'the content file (.md) each document is made from')
    .option('-d, --data <file>', 'data file: CSV, XLSX, YAML or JSON (default: a list\'s own data:). e.g. --data data/bases.csv')
    .option('--sheet <name>', 'the XLSX sheet to read (default: a list\'s own sheet:, else the first). e.g. --sheet 名单')
    .option('--each', 'one document per record')
    .option('-g, --group-by <field>', 'one document per value of FIELD (a blank cell belongs to the value above). e.g. --group-by 省市')
    .option('-n, --name <pattern>', 'output names, a template over the record (default: FILE-1, FILE-2, … or FILE-VALUE per group). e.g. --name "{{序号}}-{{基地名称}}"')
    .option('--force', 'render every document, changed or not')
    .option('-f, --format <list>', 'docx, pdf or docx,pdf (default docx,pdf). e.g. --format pdf')
    .option('--out <dir>', 'output folder (default: out/ in the project). e.g. --out out/bases')
    .option('-j, --jobs <n>', 'documents in flight at once, 1–16 (default 2). e.g. --jobs 4'),
  )
    .addHelpText(
      'after',
      `
Examples:
  gongwen batch batch/base-review.md --data data/bases.csv --each --name "{{序号}}-{{基地名称}}"
  gongwen batch content/2020-191-list.md --group-by 省市
  gongwen batch notice.md --data 名单.xlsx --sheet 2021 --each --format pdf --jobs 4`,
    )
    .action(runs(runBatchCommand));
}

async function runBatchCommand(file: string, opts: BatchCliOptions): Promise<number> {
  if (!!opts.each === !!opts.groupBy) throw new UsageError('batch needs either --each or --group-by FIELD');
  const formats = parseFormats(opts.format);
  const projectDir = opts.project !== undefined ? givenProject(opts.project) : findProjectRoot(file);
  const concurrency = opts.jobs ? Number(opts.jobs) : 2;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError('--jobs takes a number from 1 to 16');
  if (opts.data === undefined) {
    // Only a list names its own data; anything else needs --data (bad usage, not bad content).
    const { readSource } = await import('../source/read.js');
    const source = await readSource(file, projectDir).catch(() => undefined);
    if (source && typeof source.data.data !== 'string') throw new UsageError(`batch ${file} needs --data FILE (the records to make documents from); only a list names its own data:`);
  }
  const outDir = resolve(opts.out ?? resolve(projectDir, 'out'));
  await assertWritableFolder(outDir, opts.out !== undefined ? `--out ${opts.out}` : 'the output folder out/');

  const [{ runBatch }, { Progress }] = await Promise.all([import('../pipeline/batch.js'), import('./progress.js')]);
  let progress: InstanceType<typeof Progress> | undefined;
  const summary = await runBatch(file, {
    projectDir,
    outDir,
    formats,
    data: opts.data,
    sheet: opts.sheet,
    mode: opts.each ? { each: true } : { groupBy: opts.groupBy! },
    name: opts.name,
    force: opts.force,
    concurrency,
    onPlan: (total) => {
      progress = new Progress(total, opts.quiet ?? false);
    },
    onStart: (job) => progress?.start(job.name),
    onDone: (_job, r) => {
      if (!progress) return;
      if (r.status === 'failed') {
        progress.clear();
        printDiagnostics(r.diagnostics.filter((d) => d.severity === 'error'));
      }
      progress.done(r.status !== 'failed');
    },
  });
  progress?.finish();
  printDiagnostics(summary.diagnostics.filter((d) => d.ruleId !== 'record' && d.severity !== 'error'), opts);
  if (summary.total === 0) printDiagnostics(summary.diagnostics.filter((d) => d.severity === 'error'));
  process.stderr.write(
    `batch: ${summary.total} documents: ${summary.built} built, ${summary.skipped} unchanged (skipped), ${summary.failed} failed in ${summary.seconds.toFixed(1)} s` +
      (summary.seconds > 0 && summary.built ? ` (${(summary.built / summary.seconds).toFixed(1)} documents/s)` : '') +
      (summary.interrupted ? `; stopped by ${summary.interrupted}, ${summary.total - summary.built - summary.skipped - summary.failed} not built` : '') +
      '\n',
  );
  if (summary.interrupted) return 128 + (summary.interrupted === 'SIGINT' ? 2 : 15);
  return summary.failed ? 1 : 0;
}
