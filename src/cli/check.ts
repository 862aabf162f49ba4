// gongwen check: every check of every kind, without rendering (and without loading a renderer:
// the checks are imported when the action runs, the renderers never). The findings go to
// standard output and the summary to standard error, as ESLint does: `check > report.txt` keeps
// the findings. `-` checks one document from standard input.

import type { Command } from 'commander';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentStats } from '../checks/index.js';
import { m } from './messages.js';
import { runs, withCommonOptions, type CommonOptions } from './options.js';
import { findProjectRoot, givenProject, groupByProject, UsageError } from './project.js';
import { printDiagnostics } from './report.js';
import { STDIN_NAME, stdinInput } from './stdin.js';
import { displayPath } from '../source/paths.js';
import { traced } from '../util/trace.js';

interface CheckOptions extends CommonOptions {
  json?: boolean;
  stats?: boolean;
  fix?: boolean;
}

interface CheckOptions extends CommonOptions {
  json?: boolean;
  stats?: boolean;
  fix?: boolean;
  dryRun?: boolean;
  maxWarnings?: string;
}

export function register(program: Command): void {
  const t = m();
  withCommonOptions(
    program
      .command('check')
      .summary(t.checkSummary)
      .description(t.checkDescription)
      .argument('<inputs...>', t.inputsArgument)
      .option('--json', t.jsonOption)
      .option('--stats', t.statsOption)
      .option('--fix', t.fixOption)
      .option('--dry-run', t.dryRunOption)
      .option('--max-warnings <n>', t.maxWarningsOption),
  )
    .addHelpText('after', t.checkExamples)
    .action(runs(runCheck));
}

async function runCheck(inputs: string[], opts: CheckOptions): Promise<number> {
  const t = m();
  const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
  if (maxWarnings !== undefined && (!/^\d+$/.test(opts.maxWarnings!.trim()) || !Number.isSafeInteger(maxWarnings))) throw new UsageError(t.badMaxWarnings);
  if (opts.dryRun && !opts.fix) throw new UsageError(t.dryRunWithoutFix);
  const { stdin } = stdinInput(inputs);
  const [{ expandByProject }, { checkFile: check, configDiagnostics }, { fixFiles }, { checkJson }, { readStdinSource }] = await traced('modules: check', () =>
    Promise.all([import('../pipeline/inputs.js'), import('../pipeline/check.js'), import('../checks/fix.js'), import('../checks/report-json.js'), import('./stdin.js')]),
  );
  const checkFile: typeof check = (f, o) => traced(`check ${displayPath(f)}`, () => check(f, o));
  let projects: Map<string, string[]>;
  let checked: number;
  const all: Diagnostic[] = [];
  if (stdin) {
    if (opts.fix) throw new UsageError(t.fixStdin);
    projects = new Map([[opts.project !== undefined ? givenProject(opts.project) : findProjectRoot('.'), ['-']]]);
    checked = 1;
  } else {
    const { groups, rootOf } = groupByProject(inputs, opts.project);
    const found = await traced('check: find the files', () => expandByProject(groups, rootOf));
    // A missing input is a slip in the command, said before any check: exit 2, as for bad usage.
    if (found.missing.length) throw new UsageError(found.missing.map((f) => t.noSuchInput(f)).join('\n'));
    projects = found.projects;
    checked = found.total;
    if (projects.size === 0) for (const root of groups.keys()) all.push(...(await configDiagnostics(root)));
  }
  const stats: { file: string; table: string; stats: DocumentStats }[] = [];
  const fixes: string[] = [];
  let fixCount = 0;
  // An annex named on the command line is also checked through its notice: report it once.
  const seen = new Set<string>();
  for (const [projectDir, files] of projects) {
    all.push(...(await configDiagnostics(projectDir)));
    for (const f of files) {
      let r: Awaited<ReturnType<typeof check>>;
      if (f === '-') {
        const read = await readStdinSource();
        r = read.source ? await checkFile(read.path, { projectDir, stats: opts.stats ?? false, source: read.source }) : { file: '-', diagnostics: read.diagnostics };
      } else r = await checkFile(f, { projectDir, stats: opts.stats ?? false });
      // --fix: apply the safe fixes, then check again and report what is left (a fix that
      // overlapped another waits for the next pass: 国科发火(2013) → （2013） → 〔2013〕). A dry
      // run shows the first pass's changes: the later passes depend on it being written.
      for (let pass = 0; opts.fix && pass < (opts.dryRun ? 1 : 5); pass++) {
        const changes = await fixFiles(r.diagnostics, { dryRun: opts.dryRun, projectDir });
        if (changes.length === 0) break;
        fixCount += changes.length;
        fixes.push(...changes.map((c) => `${c.file}:${c.line}: ${c.old} → ${c.new}`));
        if (!opts.dryRun) r = await checkFile(f, { projectDir, stats: opts.stats ?? false });
      }
      for (const d of r.diagnostics) {
        const key = formatDiagnostic(d);
        if (seen.has(key)) continue;
        seen.add(key);
        all.push(d);
      }
      if (r.statsTable && r.stats) stats.push({ file: r.file, table: r.statsTable, stats: r.stats });
    }
  }
  const e = all.filter((d) => d.severity === 'error').length;
  const w = all.filter((d) => d.severity === 'warning').length;
  const tooManyWarnings = maxWarnings !== undefined && w > maxWarnings;
  if (opts.json) {
    const shown = [...projects.values()].flat().map((f) => (f === '-' ? STDIN_NAME : displayPath(f)));
    const out = checkJson(shown, all, opts.stats ? stats.map((s) => ({ file: s.file, ...s.stats })) : undefined);
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    if (fixes.length) process.stdout.write(fixes.join('\n') + '\n');
    printDiagnostics(all, { ...opts, stream: process.stdout });
    process.stdout.write(stats.map((s) => `${s.file}\n${s.table}\n`).join('\n'));
    if (opts.fix) process.stderr.write(`${opts.dryRun ? t.wouldFix(fixCount) : t.fixed(fixCount)}\n`);
    process.stderr.write(`${t.checkTotal(checked, e, w)}\n`);
    if (tooManyWarnings) process.stderr.write(`gongwen: ${t.tooManyWarnings(w, maxWarnings)}\n`);
  }
  return hasErrors(all) || tooManyWarnings ? 1 : 0;
}
