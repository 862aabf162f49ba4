// gongwen build: content files → DOCX and PDF. Each input belongs to the project found above it
// (project.ts); `--out DIR` takes the outputs of many documents, `-o FILE` the one output of one
// document (its extension picks the format, as with pandoc and typst). The output folder is
// checked before anything renders. The renderers are loaded when the action runs, not for --help.

import type { Command } from 'commander';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { count } from './plural.js';
import { parseFormats, runs, withCommonOptions, type CommonOptions } from './options.js';
import { assertWritableFolder, groupByProject, UsageError } from './project.js';
import { printDiagnostics, sayFontSubstitutions } from './report.js';
import { verbose } from '../util/log.js';
import type { Format } from '../pipeline/build.js';

interface BuildOptions extends CommonOptions {
  format?: string;
  out?: string;
  output?: string;
  blank?: boolean;
  watch?: boolean;
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('build')
      .summary('compile content files to DOCX and PDF')
      .description(
        'Compile content files to DOCX and PDF. A folder means every .md file in it (not node_modules/, dot-folders or what .gitignore ignores), except files another file attaches as an annex (they are built with it). Outputs are named after the content file: content/2020-191.md → out/2020-191.docx and out/2020-191.pdf. A document with errors writes nothing, and a good file is never replaced by a broken one.',
      )
      .argument('<inputs...>', 'content files (.md) or folders')
    .option('-f, --format <list>', 'docx, pdf or docx,pdf (default docx,pdf). e.g. --format pdf')
    .option('--out <dir>', 'output folder (default: out/ in the project). e.g. --out dist/pdf')
    .option('-o, --output <file>', 'the one output file of one document; .pdf or .docx picks the format. e.g. -o 通知.pdf')
    .option('--blank', 'application forms (kind application): the empty official form, as NAME-blank.docx/.pdf')
    .option('-w, --watch', 'build, then build again on each save (only the documents that read the saved file) until Ctrl-C'),
  )
    .addHelpText(
      'after',
      `
Examples:
  gongwen build content/2020-191.md                  # → out/2020-191.docx, out/2020-191.pdf
  gongwen build 通知.md -o 通知.pdf                   # one PDF, named as given
  gongwen build content --format pdf --out dist/pdf  # every document in content/, PDF only
  gongwen build content/申报书.md --blank            # the empty official form, to fill in Word
  gongwen build content --watch                      # rebuild on each save`,
    )
    .action(runs(runBuild));
}

async function runBuild(inputs: string[], opts: BuildOptions): Promise<number> {
  if (opts.watch) {
    if (opts.output !== undefined) throw new UsageError('--watch writes to --out DIR, not -o FILE');
    return (await import('./preview.js')).runBuildWatch(inputs, opts);
  }
  let formats = parseFormats(opts.format);
  let name: string | undefined;
  let outDir: string | undefined;
  if (opts.output !== undefined) {
    const ext = extname(opts.output).toLowerCase().slice(1);
    if (ext !== 'pdf' && ext !== 'docx') throw new UsageError(`-o ${opts.output}: the file name must end in .pdf or .docx (for a folder, write --out ${opts.output})`);
    if (opts.out !== undefined) throw new UsageError('-o FILE and --out DIR do not go together');
    if (opts.format !== undefined && (formats.length !== 1 || formats[0] !== ext)) throw new UsageError(`-o ${opts.output} writes ${ext} only; leave out --format`);
    formats = [ext as Format];
    outDir = dirname(resolve(opts.output));
    name = basename(opts.output, extname(opts.output));
  } else if (opts.out !== undefined) outDir = resolve(opts.out);

  const { groups, rootOf } = groupByProject(inputs, opts.project);
  const { expandByProject } = await import('../pipeline/inputs.js');
  const { projects, missing, total } = await expandByProject(groups, rootOf);
  for (const m of missing) process.stderr.write(`${m} error read: no such file or folder\n`);
  let failed = missing.length;
  const planned = [...projects].map(([projectDir, files]) => ({ projectDir, files }));
  if (name !== undefined && total !== 1) throw new UsageError(`-o ${opts.output} names one file, but ${count(total, 'document')} would be built; use --out DIR`);
  for (const p of planned) await assertWritableFolder(outDir ?? resolve(p.projectDir, 'out'), name ? `-o ${opts.output}` : outDir ? `--out ${opts.out}` : 'the output folder out/');

  // Loaded here, not at the top: the writers, the font book and pdf-lib are not needed by --help.
  const [{ Builder }, { configDiagnostics }, { Progress }] = await Promise.all([import('../pipeline/build.js'), import('../pipeline/check.js'), import('./progress.js')]);
  verbose('modules loaded');
  const started = Date.now();
  let written = 0;
  let built = 0;
  for (const { projectDir, files } of planned) {
    if (files.length === 0) continue;
    verbose(`project ${projectDir}: ${count(files.length, 'document')}`);
    const builder = new Builder({ projectDir, outDir: outDir ?? resolve(projectDir, 'out'), formats, blank: opts.blank ?? false });
    builder.warm(); // the font book loads while gongwen.yaml and the first document do
    const progress = new Progress(files.length, opts.quiet ?? false);
    try {
      const configDiags = await configDiagnostics(projectDir);
      printDiagnostics(configDiags, opts);
      if (hasErrors(configDiags)) {
        process.stderr.write(`0 of ${count(files.length, 'document')} built: ${relative(process.cwd(), resolve(projectDir, 'gongwen.yaml'))} has errors\n`);
        failed += files.length;
        continue;
      }
      if (formats.includes('pdf')) {
        const report = await builder.fontReport();
        sayFontSubstitutions(report.substitutions, opts.quiet ?? false);
        printDiagnostics(report.diagnostics, opts);
      }
      for (const f of files) {
        progress.start(relative(process.cwd(), f));
        const r = await builder.build({ path: f, name });
        progress.clear();
        printDiagnostics(r.diagnostics, opts);
        if (r.ok) {
          built++;
          written += r.outputs.length;
          if (!opts.quiet) {
            const outs = r.outputs.map((o) => relative(process.cwd(), o)).join(', ');
            process.stderr.write(`built ${outs}${r.pages ? ` (${r.pages} pages)` : ''}\n`);
          }
        } else failed++;
        progress.done(r.ok);
      }
    } finally {
      await builder.close();
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`${built} of ${count(total, 'document')} built, ${count(written, 'file')} written in ${secs} s${failed ? `; ${failed} failed` : ''}\n`);
  return failed ? 1 : 0;
}
