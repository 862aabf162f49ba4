// gongwen batch: one document per record or per group, with progress and a summary.

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { parsePdfStandard, DEFAULT_FORMATS, parseFormats, runs, withCommonOptions, type CommonOptions } from './options.js';
import { assertWritableFolder, findProjectRoot, givenProject, UsageError } from './project.js';
import { printDiagnostics } from './report.js';
import { m } from './messages.js';

interface BatchCliOptions extends CommonOptions {
  data?: string;
  sheet?: string;
  each?: boolean;
  groupBy?: string;
  name?: string;
  force?: boolean;
  format?: string;
  pdfStandard?: string;
  out?: string;
  jobs?: string;
}

export function register(program: Command): void {
  const t = m();
  withCommonOptions(
    program
      .command('batch')
      .summary(t.batchSummary)
      .description(t.batchDescription)
      .argument('<file>', t.batchFileArgument)
      .option('-d, --data <file>', t.dataOption)
      .option('--sheet <name>', t.sheetOption)
      .option('--each', t.eachOption)
      .option('-g, --group-by <field>', t.groupByOption)
      .option('-n, --name <pattern>', t.nameOption)
      .option('--force', t.forceOption)
      .option('-f, --format <list>', t.formatOption)
      .option('--pdf-standard <a-1b|a-2b>', t.pdfStandardOption)
      .option('--out <dir>', t.batchOutOption)
      .option('-j, --jobs <n>', t.jobsOption),
  )
    .addHelpText('after', t.batchExamples)
    .action(runs(runBatchCommand));
}

async function runBatchCommand(file: string, opts: BatchCliOptions): Promise<number> {
  const t = m();
  if (!!opts.each === !!opts.groupBy) throw new UsageError(t.batchNeedsMode);
  const given = parseFormats(opts.format);
  const pdfStandard = parsePdfStandard(opts.pdfStandard);
  const projectDir = opts.project !== undefined ? givenProject(opts.project) : findProjectRoot(file);
  const concurrency = opts.jobs ? Number(opts.jobs) : 2;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError(t.badJobs);
  if (opts.data === undefined) {
    // Only a list names its own data; anything else needs --data (bad usage, not bad content).
    const [{ readSource }, { canonicalSource }] = await Promise.all([import('../source/read.js'), import('../kinds/aliases.js')]);
    const source = await readSource(file, projectDir).then(canonicalSource, () => undefined);
    if (source && typeof source.data.data !== 'string') throw new UsageError(t.batchNeedsData(file));
  }
  const outDir = resolve(opts.out ?? resolve(projectDir, 'out'));
  await assertWritableFolder(outDir, opts.out !== undefined ? `--out ${opts.out}` : t.theOutFolder);

  const [{ runBatch }, { Progress }, { readOutputSettings }] = await Promise.all([import('../pipeline/batch.js'), import('./progress.js'), import('../pipeline/output-settings.js')]);
  // The command's flags, else the project's output settings (gongwen.yaml), else DOCX and PDF.
  const { settings } = await readOutputSettings(projectDir);
  const formats = given ?? settings.formats ?? [...DEFAULT_FORMATS];
  let progress: InstanceType<typeof Progress> | undefined;
  const summary = await runBatch(file, {
    projectDir,
    outDir,
    formats,
    pdfStandard: pdfStandard ?? settings.pdfStandard,
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
  const notBuilt = summary.total - summary.built - summary.skipped - summary.failed;
  const rate = summary.seconds > 0 && summary.built ? (summary.built / summary.seconds).toFixed(1) : undefined;
  process.stderr.write(`${t.batchTotal(summary.total, summary.built, summary.skipped, summary.failed, summary.seconds.toFixed(1), rate, summary.interrupted, notBuilt)}\n`);
  if (summary.interrupted) return 128 + (summary.interrupted === 'SIGINT' ? 2 : 15);
  return summary.failed ? 1 : 0;
}
