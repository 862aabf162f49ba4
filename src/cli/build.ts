// gongwen build: content files → DOCX and PDF. Each input belongs to the project found above it
// (project.ts); `--out DIR` takes the outputs of many documents, `-o FILE` the one output of one
// document (its extension picks the format, as with pandoc and typst), `-o -` writes it to
// standard output and `-` reads the one document from standard input. A missing input is bad
// usage (exit 2) said before anything is built. The output folder is checked before anything
// renders. The renderers are loaded when the action runs, not for --help.

import type { Command } from 'commander';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { m } from './messages.js';
import { DEFAULT_FORMATS, parseFormats, parsePdfStandard, runs, withCommonOptions, type CommonOptions } from './options.js';
import { assertWritableFolder, findProjectRoot, givenProject, groupByProject, UsageError } from './project.js';
import { printDiagnostics, sayFontSubstitutions } from './report.js';
import { stdinInput } from './stdin.js';
import { verbose } from '../util/log.js';
import type { Format } from '../pipeline/build.js';

interface BuildOptions extends CommonOptions {
  format?: string;
  pdfStandard?: string;
  out?: string;
  output?: string;
  blank?: boolean;
  watch?: boolean;
}

export function register(program: Command): void {
  const t = m();
  withCommonOptions(
    program
      .command('build')
      .summary(t.buildSummary)
      .description(t.buildDescription)
      .argument('<inputs...>', t.inputsArgument)
      .option('-f, --format <list>', t.formatOption)
      .option('--pdf-standard <a-1b|a-2b>', t.pdfStandardOption)
      .option('--out <dir>', t.outOption)
      .option('-o, --output <file>', t.outputOption)
      .option('--blank', t.blankOption)
      .option('-w, --watch', t.watchOption),
  )
    .addHelpText('after', t.buildExamples)
    .action(runs(runBuild));
}

async function runBuild(inputs: string[], opts: BuildOptions): Promise<number> {
  const t = m();
  if (opts.watch) {
    if (opts.output !== undefined) throw new UsageError(t.watchNotOutput);
    return (await import('./preview.js')).runBuildWatch(inputs, opts);
  }
  const { stdin } = stdinInput(inputs);
  const toStdout = opts.output === '-';
  let formats = parseFormats(opts.format);
  const pdfStandard = parsePdfStandard(opts.pdfStandard);
  let name: string | undefined;
  let outDir: string | undefined;
  if (toStdout) {
    if (opts.out !== undefined) throw new UsageError(t.outputAndOut);
    if (!formats || formats.length !== 1) throw new UsageError(t.stdoutOneFormat);
  } else if (opts.output !== undefined) {
    const ext = extname(opts.output).toLowerCase().slice(1);
    if (ext !== 'pdf' && ext !== 'docx' && ext !== 'ofd') throw new UsageError(t.outputExtension(opts.output));
    if (opts.out !== undefined) throw new UsageError(t.outputAndOut);
    if (formats && (formats.length !== 1 || formats[0] !== ext)) throw new UsageError(t.outputAndFormat(opts.output, ext));
    formats = [ext as Format];
    outDir = dirname(resolve(opts.output));
    name = basename(opts.output, extname(opts.output));
  } else if (opts.out !== undefined) outDir = resolve(opts.out);

  // What to build, by project. `-` is one document of the current folder's project.
  let planned: { projectDir: string; files: string[] }[];
  let total: number;
  if (stdin) {
    planned = [{ projectDir: opts.project !== undefined ? givenProject(opts.project) : findProjectRoot('.'), files: ['-'] }];
    total = 1;
    if (!toStdout && name === undefined) name = 'stdin';
  } else {
    const { groups, rootOf } = groupByProject(inputs, opts.project);
    const { expandByProject } = await import('../pipeline/inputs.js');
    const found = await expandByProject(groups, rootOf);
    // A missing input is a slip in the command, said before any work: exit 2, as for bad usage.
    if (found.missing.length) throw new UsageError(found.missing.map((f) => t.noSuchInput(f)).join('\n'));
    planned = [...found.projects].map(([projectDir, files]) => ({ projectDir, files }));
    total = found.total;
  }
  if ((name !== undefined || toStdout) && total !== 1) throw new UsageError(t.outputOneDocument(opts.output!, total));
  if (!toStdout) {
    for (const p of planned) await assertWritableFolder(outDir ?? resolve(p.projectDir, 'out'), name && opts.output ? `-o ${opts.output}` : outDir ? `--out ${opts.out}` : t.theOutFolder);
  }
  // Loaded here, not at the top: the builder and the writers are not needed by --help.
  const [{ Builder }, { configDiagnostics }, { Progress }, { readStdinSource }, { readOutputSettings }] = await Promise.all([
    import('../pipeline/build.js'),
    import('../pipeline/check.js'),
    import('./progress.js'),
    import('./stdin.js'),
    import('../pipeline/output-settings.js'),
  ]);
  verbose('modules loaded');
  const started = Date.now();
  let written = 0;
  let built = 0;
  let failed = 0;
  for (const { projectDir, files } of planned) {
    if (files.length === 0) continue;
    verbose(`project ${projectDir}: ${t.documents(files.length)}`);
    // The command's flags, else the project's output settings (gongwen.yaml), else DOCX and PDF.
    const { settings } = await readOutputSettings(projectDir);
    const projectFormats = formats ?? settings.formats ?? [...DEFAULT_FORMATS];
    const builder = new Builder({ projectDir, outDir: outDir ?? resolve(projectDir, 'out'), formats: projectFormats, pdfStandard: pdfStandard ?? settings.pdfStandard, blank: opts.blank ?? false, write: !toStdout });
    builder.warm(); // the font book loads while gongwen.yaml and the first document do
    const progress = new Progress(files.length, opts.quiet ?? false);
    try {
      const configDiags = await configDiagnostics(projectDir);
      printDiagnostics(configDiags, opts);
      if (hasErrors(configDiags)) {
        process.stderr.write(`${t.configHasErrors(files.length, relative(process.cwd(), resolve(projectDir, 'gongwen.yaml')))}\n`);
        failed += files.length;
        continue;
      }
      if (projectFormats.includes('pdf') || projectFormats.includes('ofd')) {
        const report = await builder.fontReport();
        sayFontSubstitutions(report.substitutions, opts.quiet ?? false);
        printDiagnostics(report.diagnostics, opts);
      }
      for (const f of files) {
        let req: { path: string; name?: string; source?: import('../source/types.js').SourceFile } = { path: f, name };
        if (f === '-') {
          const read = await readStdinSource();
          if (!read.source) {
            printDiagnostics(read.diagnostics, opts);
            failed++;
            continue;
          }
          req = { path: read.path, name, source: read.source };
        }
        progress.start(f === '-' ? '-' : relative(process.cwd(), f));
        const r = await builder.build(req);
        progress.clear();
        printDiagnostics(r.diagnostics, opts);
        if (r.ok && toStdout) {
          const bytes = r.files?.[projectFormats[0]];
          if (bytes) await new Promise<void>((done, fail) => process.stdout.write(bytes, (err) => (err ? fail(err) : done())));
        }
        if (r.ok) {
          built++;
          written += toStdout ? 1 : r.outputs.length;
          if (!opts.quiet && !toStdout) process.stderr.write(`${t.built(t.list(r.outputs.map((o) => relative(process.cwd(), o))), r.pages)}\n`);
        } else failed++;
        progress.done(r.ok);
      }
    } finally {
      progress.finish();
      await builder.close();
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (!(toStdout && opts.quiet)) process.stderr.write(`${t.buildTotal(built, total, written, secs, failed)}\n`);
  return failed ? 1 : 0;
}
