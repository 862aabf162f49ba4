// gongwen check: every check of every kind, without rendering.

import { parseArgs } from 'node:util';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { expandInputs } from '../build/inputs.js';
import { checkFile, configDiagnostics } from '../build/check.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import { printDiagnostics } from './main.js';
import { count } from './plural.js';
import { projectFolder, UsageError } from './project.js';
import type { DocumentStats } from '../checks/index.js';
import { fixFiles } from '../checks/fix.js';
import { checkJson } from '../checks/report-json.js';
import { displayPath } from '../source/paths.js';

export async function runCheckCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      stats: { type: 'boolean' },
      project: { type: 'string', short: 'p' },
      quiet: { type: 'boolean', short: 'q' },
      fix: { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new UsageError('check needs at least one content file or folder');
  const projectDir = projectFolder(values.project);
  const { files, missing } = await expandInputs(positionals, projectDir);
  const all: Diagnostic[] = missing.map((m) => ({ file: m, line: 0, column: 0, severity: 'error' as const, ruleId: 'read', message: 'no such file or folder', source: 'source' }));
  all.push(...(await configDiagnostics(projectDir)));
  const stats: { file: string; table: string; stats: DocumentStats }[] = [];
  // An annex named on the command line is also checked through its notice: report it once.
  const seen = new Set<string>();
  for (const f of files) {
    let r = await checkFile(f, { projectDir, stats: values.stats ?? false });
    // --fix: apply the safe suggestions, then check again and report what is left (a fix that
    // overlapped another waits for the next pass: 国科发火(2013) → （2013） → 〔2013〕).
    for (let pass = 0; values.fix && pass < 5 && (await fixFiles(r.diagnostics)).size > 0; pass++) {
      r = await checkFile(f, { projectDir, stats: values.stats ?? false });
    }
    for (const d of r.diagnostics) {
      const key = formatDiagnostic(d);
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(d);
    }
    if (r.statsTable && r.stats) stats.push({ file: r.file, table: r.statsTable, stats: r.stats });
  }
  const e = all.filter((d) => d.severity === 'error').length;
  const w = all.filter((d) => d.severity === 'warning').length;
  if (values.json) {
    const shown = files.map((f) => displayPath(f));
    const out = checkJson(shown, all, values.stats ? stats.map((s) => ({ file: s.file, ...s.stats })) : undefined);
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    printDiagnostics(all, values.quiet);
    process.stdout.write(stats.map((s) => `${s.file}\n${s.table}\n`).join('\n'));
    process.stderr.write(`${count(files.length, 'file')} checked: ${count(e, 'error')}, ${count(w, 'warning')}\n`);
  }
  return hasErrors(all) ? 1 : 0;
}
