// gongwen batch: one document per record or per group, with progress and a summary.

import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { runBatch } from '../build/batch.js';
import { defaultOutDir } from '../build/build.js';
import { parseFormats, printDiagnostics } from './main.js';
import { projectFolder, UsageError } from './project.js';
import { Progress } from './progress.js';

export async function runBatchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string', short: 'd' },
      sheet: { type: 'string' },
      each: { type: 'boolean' },
      'group-by': { type: 'string', short: 'g' },
      name: { type: 'string', short: 'n' },
      force: { type: 'boolean' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      project: { type: 'string', short: 'p' },
      jobs: { type: 'string', short: 'j' },
      quiet: { type: 'boolean', short: 'q' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('batch takes exactly one content file');
  if (!!values.each === !!values['group-by']) throw new UsageError('batch needs either --each or --group-by FIELD');
  const formats = parseFormats(values.format);
  const projectDir = projectFolder(values.project);
  const outDir = resolve(values.out ?? defaultOutDir(projectDir));
  const concurrency = values.jobs ? Number(values.jobs) : 2;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError('--jobs takes a number from 1 to 16');

  let progress: Progress | undefined;
  const summary = await runBatch(positionals[0], {
    projectDir,
    outDir,
    formats,
    data: values.data,
    sheet: values.sheet,
    mode: values.each ? { each: true } : { groupBy: values['group-by']! },
    name: values.name,
    force: values.force,
    concurrency,
    onPlan: (total) => {
      progress = new Progress(total, values.quiet ?? false);
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
  printDiagnostics(summary.diagnostics.filter((d) => d.ruleId !== 'record' && d.severity !== 'error'), values.quiet);
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
