// The outline a content file asks for in its front matter (`outline: cluster-scheme-2022` or
// `outline: outlines/my-plan.yaml`), loaded, with problems as diagnostics at that field.

import { DiagnosticError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../source/types.js';
import { loadOutline } from './load.js';
import type { Outline } from './types.js';

export async function resolveOutline(source: SourceFile, projectDir: string, field = 'outline'): Promise<{ outline?: Outline; diagnostics: Diagnostic[] }> {
  const v = source.data[field];
  if (v === undefined || v === null || v === '') return { diagnostics: [] };
  const p = source.placeOf([field]);
  if (typeof v !== 'string') {
    return { diagnostics: [{ file: source.path, line: p.line, column: p.column, severity: 'error', ruleId: 'outline', message: `\`${field}\` must be an outline name (cluster-scheme-2022) or a path to a YAML file`, source: 'check' }] };
  }
  try {
    return { outline: await loadOutline(v.trim(), projectDir), diagnostics: [] };
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    // Problems that concern no line of an outline file are the field's problem.
    return {
      diagnostics: err.diagnostics.map((d) => (d.line === 0 ? { ...d, file: source.path, line: p.line, column: p.column, message: `outline "${v}": ${d.message}` } : d)),
    };
  }
}
