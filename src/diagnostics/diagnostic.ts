// A diagnostic is a value, not a thrown string (unified/vfile): every stage collects them,
// one reporter prints them. Rule ids name either a front-matter field ("number") or a
// lint/check rule ("punct-halfwidth").

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  ruleId: string;
  message: string;
  /** The stage that produced it: 'source', 'schema', 'template', 'markdown', 'check', 'render', 'data'. */
  source?: string;
  /** A suggested replacement: `text` instead of [line:column, endLine:endColumn) (`check --fix`). */
  fix?: Fix;
}

/** Text to write instead of a span of the file (1-based lines, columns in code points). */
export interface Fix {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

/** Thrown when a stage cannot go on; carries every diagnostic found so far. */
export class DiagnosticError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticError';
    this.diagnostics = diagnostics;
  }
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/**
 * Text from a document as it may go to a terminal: control characters (ESC starts the
 * sequences that recolour, retitle or clear a terminal), C1 controls and the bidirectional
 * overrides that reorder a line are shown as escapes (\n, \u{1b}), never sent.
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u{${c.charCodeAt(0).toString(16)}}`,
  );
}

/** `content/2020-191.md:4:9 error number: 发文字号 must use 六角括号〔〕` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column || 1}` : d.file;
  return terminalSafe(`${where} ${d.severity} ${d.ruleId}: ${d.message}`);
}

export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** A small collector that stages pass around. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}

  add(d: Omit<Diagnostic, 'file'> & { file?: string }): void {
    this.items.push({ file: this.file, ...d });
  }

  error(ruleId: string, message: string, line = 0, column = 0, source?: string): void {
    this.add({ severity: 'error', ruleId, message, line, column, source });
  }

  warn(ruleId: string, message: string, line = 0, column = 0, source?: string): void {
    this.add({ severity: 'warning', ruleId, message, line, column, source });
  }

  get hasErrors(): boolean {
    return hasErrors(this.items);
  }
}
