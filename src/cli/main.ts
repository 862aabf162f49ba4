// gongwen's command line. Exit codes: 0 when everything asked for was written (or checked
// clean), 1 when an input has errors, 2 on bad usage.

import { formatSummary, summariseRepeats } from '../diagnostics/summarise.js';
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { gongwenVersion } from '../util/version.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Format } from '../build/build.js';
import { expandInputs } from '../build/inputs.js';
import { Progress } from './progress.js';
import { runCheckCommand } from './check.js';
import { configDiagnostics } from '../build/check.js';
import { count } from './plural.js';
import { projectFolder, UsageError } from './project.js';
import { runBatchCommand } from './batch.js';

const HELP = `gongwen — Chinese official documents (公文, GB/T 9704-2012) from Markdown and YAML

Usage:
  gongwen build FILE|DIR… [--format docx,pdf] [--out DIR]
  gongwen check FILE|DIR… [--json] [--stats]
  gongwen batch FILE --data DATA (--each | --group-by FIELD) [--name PATTERN] [--force]
  gongwen --help | --version

Commands:
  build   Compile content files to DOCX and PDF. A folder means every .md file in it,
          except the ones another file attaches as an annex (they are built with it).
          Output files are named after the content file: content/2020-191.md →
          out/2020-191.docx and out/2020-191.pdf. Nothing is written for a document
          with errors, and a good file is never replaced by a broken one.
  check   Run every check without rendering: front matter, outline and 字数, and the
          GB/T 9704 / 15834 / 15835 writing rules. --stats prints 字数 per section.
  batch   One document per record of a data file (--each), or one per group of
          records (--group-by 省市). Record fields are visible to the template and the
          body as {{field}}. Unchanged inputs are skipped unless --force.

Options:
  -f, --format LIST   docx, pdf or docx,pdf (default docx,pdf)
  -o, --out DIR       output folder (default out/ in the project)
  -p, --project DIR   project folder: templates/, fonts/, gongwen.yaml; every path a
                      document names must lie inside it (default: current folder)
      --json          check: diagnostics as JSON
      --stats         check: a table of 字数 per section
  -q, --quiet         only errors and the summary
  -h, --help          this help
  -v, --version       gongwen's version

Examples:
  gongwen build content/2020-191.md
  gongwen build content --format pdf --out dist/pdf
  gongwen check content/plan.md --stats
  gongwen batch content/notice.md --data data/bases.csv --each --name "{{序号}}-{{基地名称}}"
  gongwen batch content/list.md --data data/bases.csv --group-by 省市

Diagnostics read  FILE:LINE:COL SEVERITY RULE: MESSAGE  and exit status is 1 on errors.
`;

export { UsageError };

export function parseFormats(s: string | undefined): Format[] {
  if (!s) return ['docx', 'pdf'];
  const parts = s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  const bad = parts.filter((p) => p !== 'docx' && p !== 'pdf');
  if (bad.length || parts.length === 0) throw new UsageError(`--format takes docx, pdf or docx,pdf (not "${s}")`);
  return [...new Set(parts)] as Format[];
}

/** Prints diagnostics to stderr; a problem repeated more than a few times is summarised. */
export function printDiagnostics(diags: Diagnostic[], quiet = false): void {
  for (const line of summariseRepeats(diags.filter((d) => !quiet || d.severity === 'error'))) {
    process.stderr.write(('diagnostic' in line ? formatDiagnostic(line.diagnostic) : formatSummary(line.more, line.like)) + '\n');
  }
}

async function runBuild(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      project: { type: 'string', short: 'p' },
      quiet: { type: 'boolean', short: 'q' },
    },
  });
  if (positionals.length === 0) throw new UsageError('build needs at least one content file or folder');
  const formats = parseFormats(values.format);
  const projectDir = projectFolder(values.project);
  // Loaded here, not at the top: Chromium's driver and the PDF libraries are not needed by check.
  const { Builder, defaultOutDir } = await import('../build/build.js');
  const outDir = resolve(values.out ?? defaultOutDir(projectDir));
  const { files, missing } = await expandInputs(positionals, projectDir);
  let failed = 0;
  for (const m of missing) {
    process.stderr.write(`${m} error read: no such file or folder\n`);
    failed++;
  }
  const started = Date.now();
  const builder = new Builder({ projectDir, outDir, formats });
  const progress = new Progress(files.length, values.quiet ?? false);
  let written = 0;
  try {
    const configDiags = await configDiagnostics(projectDir);
    printDiagnostics(configDiags);
    if (hasErrors(configDiags)) {
      process.stderr.write(`0 of ${count(files.length, 'document')} built: gongwen.yaml has errors\n`);
      return 1;
    }
    if (files.length && formats.includes('pdf') && !values.quiet) {
      const report = await builder.fontReport();
      for (const s of report.substitutions) process.stderr.write(`font: ${s} (substitute; put the real font in fonts/ to use it)\n`);
      printDiagnostics(report.diagnostics);
    }
    for (const f of files) {
      progress.start(relative(process.cwd(), f));
      const r = await builder.build({ path: f });
      progress.clear();
      printDiagnostics(r.diagnostics, values.quiet);
      if (r.ok) {
        written += r.outputs.length;
        if (!values.quiet) {
          const outs = r.outputs.map((o) => relative(process.cwd(), o)).join(', ');
          process.stderr.write(`built ${outs}${r.pages ? ` (${r.pages} pages)` : ''}\n`);
        }
      } else failed++;
      progress.done(r.ok);
    }
  } finally {
    await builder.close();
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`${files.length - (failed - missing.length)} of ${count(files.length, 'document')} built, ${count(written, 'file')} written in ${secs} s${failed ? `; ${failed} failed` : ''}\n`);
  return failed ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP);
        return cmd === undefined ? 2 : 0;
      case '-v':
      case '--version':
        process.stdout.write(`gongwen ${gongwenVersion()}\n`);
        return 0;
      case 'build':
        if (rest.includes('--help') || rest.includes('-h')) return (process.stdout.write(HELP), 0);
        return await runBuild(rest);
      case 'check':
        if (rest.includes('--help') || rest.includes('-h')) return (process.stdout.write(HELP), 0);
        return await (await import('./check.js')).runCheckCommand(rest);
      case 'batch':
        if (rest.includes('--help') || rest.includes('-h')) return (process.stdout.write(HELP), 0);
        return await (await import('./batch.js')).runBatchCommand(rest);
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`gongwen: ${(err as Error).message}\nRun "gongwen --help" for usage.\n`);
      return 2;
    }
    throw err;
  }
}

