// Check one content file: compile it (front matter, templates, Markdown) and run the checks
// on the model and the source. Nothing is rendered.

import { compileFile } from './compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { documentStats, formatStatsTable, type DocumentStats } from '../checks/index.js';
import { projectCheckConfig } from './run-checks.js';
import type { SourceFile } from '../source/types.js';
import { readOutputSettings } from './output-settings.js';

export interface CheckResult {
  file: string;
  diagnostics: Diagnostic[];
  /** `--stats`: 字数 per section, as an aligned table, and the figures behind it. */
  statsTable?: string;
  stats?: DocumentStats;
}

/** `source`: the file already read (standard input), checked as if it were at `path`. */
export async function checkFile(path: string, opts: { projectDir: string; stats: boolean; source?: SourceFile }): Promise<CheckResult> {
  const compiled = await compileFile(path, { projectDir: opts.projectDir, source: opts.source });
  let statsTable: string | undefined;
  let stats: DocumentStats | undefined;
  if (opts.stats && compiled.model) {
    stats = documentStats(compiled.model, compiled.outline);
    statsTable = formatStatsTable(stats.rows, stats);
  }
  return { file: compiled.file, diagnostics: compiled.diagnostics, statsTable, stats };
}

/** Problems of the project's gongwen.yaml itself, reported once per run. */
export async function configDiagnostics(projectDir: string): Promise<Diagnostic[]> {
  const [rules, output] = await Promise.all([projectCheckConfig(projectDir), readOutputSettings(projectDir)]);
  return [...rules.diagnostics, ...output.diagnostics];
}
