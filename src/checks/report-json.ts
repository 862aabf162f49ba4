// The shape of `gongwen check --json`, version 1. Stable: tools may rely on it; a change that
// removes or renames a field bumps `version`.
//
//   {
//     "version": 1,
//     "errors": 2, "warnings": 1,
//     "files": [
//       { "path": "content/a.md", "errors": 2, "warnings": 1,
//         "messages": [
//           { "line": 5, "column": 13, "endLine": 5, "endColumn": 14,
//             "ruleId": "doc-number", "severity": "error",
//             "message": "发文字号的年份应使用六角括号〔〕……",
//             "fix": { "line": 5, "column": 9, "endLine": 5, "endColumn": 25, "text": "国科火字〔2020〕191号" } } ] } ],
//     "stats": [ … ]            // with --stats only
//   }
//
// Lines and columns are 1-based, columns in characters (code points); 0 when the message
// concerns the whole file. `fix` is there when the rule knows the replacement (check --fix
// applies the safe ones). A message's `path` is its file: a template's or a data file's
// findings are listed under that file.

import type { Diagnostic, Fix, Severity } from '../diagnostics/diagnostic.js';

export interface JsonMessage {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: Severity;
  message: string;
  fix?: Fix;
}

export interface JsonFile {
  path: string;
  errors: number;
  warnings: number;
  messages: JsonMessage[];
}

export interface CheckJson {
  version: 1;
  errors: number;
  warnings: number;
  files: JsonFile[];
  stats?: unknown[];
}

/** The report for the checked files (each listed, clean ones with no messages) and their diagnostics. */
export function checkJson(checked: readonly string[], diags: readonly Diagnostic[], stats?: unknown[]): CheckJson {
  const files = new Map<string, JsonFile>();
  const fileOf = (path: string) => {
    let f = files.get(path);
    if (!f) files.set(path, (f = { path, errors: 0, warnings: 0, messages: [] }));
    return f;
  };
  for (const p of checked) fileOf(p);
  for (const d of diags) {
    const f = fileOf(d.file);
    if (d.severity === 'error') f.errors++;
    if (d.severity === 'warning') f.warnings++;
    const m: JsonMessage = {
      line: d.line,
      column: d.column,
      endLine: d.endLine ?? d.line,
      endColumn: d.endColumn ?? d.column,
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
    };
    if (d.fix) m.fix = d.fix;
    f.messages.push(m);
  }
  const list = [...files.values()];
  const out: CheckJson = {
    version: 1,
    errors: list.reduce((n, f) => n + f.errors, 0),
    warnings: list.reduce((n, f) => n + f.warnings, 0),
    files: list,
  };
  if (stats) out.stats = stats;
  return out;
}
