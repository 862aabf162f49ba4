// gongwen check: every check of every kind, without rendering.

import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { expandInputs } from '../build/inputs.js';
import { checkFile, configDiagnostics } from '../build/check.js';
import { printDiagnostics } from './main.js';

export async function runCheckCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      stats: { type: 'boolean' },
      project: { type: 'string', short: 'p' },
      quiet: { type: 'boolean', short: 'q' },
    },
  });
  if (positionals.length === 0) {
    const { UsageError } = await import('./main.js');
    throw new UsageError('check needs at least one content file or folder');
  }
  const projectDir = resolve(values.project ?? '.');
  const { files, missing } = await expandInputs(positionals, projectDir);
  const all: Diagnostic[] = missing.map((m) => ({ file: m, line: 0, column: 0, severity: 'error' as const, ruleId: 'read', message: 'no such file or folder', source: 'source' }));
  all.push(...(await configDiagnostics(projectDir)));
  const stats: { file: string; table: string }[] = [];
  for (const f of files) {
    const r = await checkFile(f, { projectDir, stats: values.stats ?? false });
    all.push(...r.diagnostics);
    if (r.statsTable) stats.push({ file: r.file, table: r.statsTable });
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ files: files.length, errors: all.filter((d) => d.severity === 'error').length, warnings: all.filter((d) => d.severity === 'warning').length, diagnostics: all }, null, 2) + '\n');
  } else {
    printDiagnostics(all, values.quiet);
    for (const s of stats) process.stdout.write(`${s.file}\n${s.table}\n`);
    const e = all.filter((d) => d.severity === 'error').length;
    const w = all.filter((d) => d.severity === 'warning').length;
    process.stderr.write(`${files.length} files checked: ${e} errors, ${w} warnings\n`);
  }
  return hasErrors(all) ? 1 : 0;
}
