// Check one content file: compile it (front matter, templates, Markdown) and run the checks
// on the model and the source. Nothing is rendered.

import { compileFile } from './compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface CheckResult {
  file: string;
  diagnostics: Diagnostic[];
  statsTable?: string;
}

export async function checkFile(path: string, opts: { projectDir: string; stats: boolean }): Promise<CheckResult> {
  const compiled = await compileFile(path, { projectDir: opts.projectDir });
  return { file: compiled.file, diagnostics: compiled.diagnostics };
}
