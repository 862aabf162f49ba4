// gongwen check: every check of every kind, without rendering (and without loading a renderer:
// the checks are imported when the action runs, the renderers never).

import type { Command } from 'commander';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentStats } from '../checks/index.js';
import { count } from './plural.js';
import { runs, withCommonOptions, type CommonOptions } from './options.js';
import { groupByProject } from './project.js';
import { printDiagnostics } from './report.js';
import { displayPath } from '../source/paths.js';
import { traced } from '../util/trace.js';

interface CheckOptions extends CommonOptions {
  json?: boolean;
  stats?: boolean;
  fix?: boolean;
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('check')
      .summary('run every check without rendering')
      .description(
        'Run every check without rendering: front matter, outline and 字数, and the GB/T 9704 / 15834 / 15835 writing rules. Diagnostics read FILE:LINE:COL SEVERITY RULE: MESSAGE; exit status 1 on errors.',
      )
      .argument('<inputs...>', 'content files (.md) or folders')
    .option('--json', 'print the diagnostics (and --stats) as JSON on stdout')
    .option('--stats', 'print a table of 字数 per section')
    .option('--fix', 'apply the safe suggestions in place (full-width punctuation, 〔〕 in 文号, —— and ……), then check again'),
  )
    .addHelpText(
      'after',
      `
Examples:
  gongwen check content/2020-191.md
  gongwen check .                        # every .md file below, not node_modules/ or .gitignored ones
  gongwen check content/plan.md --stats  # 字数 per section against the outline's minimums
  gongwen check content --json > diagnostics.json
  gongwen check content/2020-191.md --fix   # write the safe fixes into the file, report what is left`,
    )
    .action(runs(runCheck));
}

async function runCheck(inputs: string[], opts: CheckOptions): Promise<number> {
  const { groups, rootOf } = groupByProject(inputs, opts.project);
  const [{ expandByProject }, { checkFile: check, configDiagnostics }, { fixFiles }, { checkJson }] = await traced('modules: check', () =>
    Promise.all([import('../pipeline/inputs.js'), import('../pipeline/check.js'), import('../checks/fix.js'), import('../checks/report-json.js')]),
  );
  const checkFile: typeof check = (f, o) => traced(`check ${displayPath(f)}`, () => check(f, o));
  const { projects, missing, total: checked } = await traced('check: find the files', () => expandByProject(groups, rootOf));
  const all: Diagnostic[] = missing.map((m) => ({ file: m, line: 0, column: 0, severity: 'error' as const, ruleId: 'read', message: 'no such file or folder', source: 'source' }));
  const stats: { file: string; table: string; stats: DocumentStats }[] = [];
  // An annex named on the command line is also checked through its notice: report it once.
  const seen = new Set<string>();
  if (projects.size === 0) for (const root of groups.keys()) all.push(...(await configDiagnostics(root)));
  for (const [projectDir, files] of projects) {
    all.push(...(await configDiagnostics(projectDir)));
    for (const f of files) {
      let r = await checkFile(f, { projectDir, stats: opts.stats ?? false });
      // --fix: apply the safe suggestions, then check again and report what is left (a fix that
      // overlapped another waits for the next pass: 国科发火(2013) → （2013） → 〔2013〕).
      for (let pass = 0; opts.fix && pass < 5 && (await fixFiles(r.diagnostics)).size > 0; pass++) {
        r = await checkFile(f, { projectDir, stats: opts.stats ?? false });
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
  if (opts.json) {
    const shown = [...projects.values()].flat().map((f) => displayPath(f));
    const out = checkJson(shown, all, opts.stats ? stats.map((s) => ({ file: s.file, ...s.stats })) : undefined);
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    printDiagnostics(all, opts);
    process.stdout.write(stats.map((s) => `${s.file}\n${s.table}\n`).join('\n'));
    process.stderr.write(`${count(checked, 'file')} checked: ${count(e, 'error')}, ${count(w, 'warning')}\n`);
  }
  return hasErrors(all) ? 1 : 0;
}
