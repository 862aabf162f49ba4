// How the command line shows its results: one line per diagnostic (FILE:LINE:COL SEVERITY
// RULE: MESSAGE, the shape editors and CI parse), with colours where colour.ts says so, and on a
// terminal a code frame under it — the source line with a caret at the column, as eslint and tsc
// show. Pipes and files get the plain lines only.

import { formatSummary, summariseRepeats } from '../diagnostics/summarise.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { verbose } from '../util/log.js';
import { useColour } from './colour.js';

export { useColour };
import { m } from './messages.js';

export interface ReportOptions {
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
}

const paint = (code: string) => (s: string, on: boolean) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
export const red = paint('31');
export const yellow = paint('33');
export const dim = paint('2');
export const bold = paint('1');

const lineCache = new Map<string, string[] | undefined>();

function sourceLine(file: string, line: number): string | undefined {
  const abs = resolve(file);
  if (!lineCache.has(abs)) {
    try {
      lineCache.set(abs, readFileSync(abs, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/));
    } catch {
      lineCache.set(abs, undefined);
    }
  }
  return lineCache.get(abs)?.[line - 1];
}

/** Display columns of a string: CJK and full-width characters take two. */
function columns(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += ch === '\t' ? 4 : /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) || (c >= 0x3000 && c <= 0x303f) ? 2 : 1;
  }
  return n;
}

/** The source line of a diagnostic with a caret under its column, or '' when there is none. */
export function codeFrame(d: Diagnostic, colour: boolean): string {
  if (d.line <= 0) return '';
  const text = sourceLine(d.file, d.line);
  if (text === undefined || text.length > 400) return '';
  const gutter = `${d.line} | `;
  const before = [...text].slice(0, Math.max(0, (d.column || 1) - 1)).join('');
  const pad = ' '.repeat(gutter.length) + ' '.repeat(columns(before.replace(/\t/g, '    ')));
  const caret = d.severity === 'error' ? red('^', colour) : yellow('^', colour);
  return `${dim(gutter, colour)}${text.replace(/\t/g, '    ')}\n${pad}${caret}\n`;
}

export function formatForTerminal(d: Diagnostic, colour: boolean): string {
  const plain = formatDiagnostic(d);
  if (!colour) return plain;
  const sev = d.severity === 'error' ? red('error', true) : d.severity === 'warning' ? yellow('warning', true) : d.severity;
  return plain.replace(` ${d.severity} ${d.ruleId}:`, ` ${sev} ${dim(d.ruleId, true)}:`);
}

/** Prints diagnostics (to stderr unless `stream` says otherwise); --quiet keeps the errors only. */
export function printDiagnostics(diags: readonly Diagnostic[], opts: ReportOptions = {}): void {
  const stream = opts.stream ?? process.stderr;
  const tty = !!stream.isTTY;
  const colour = useColour(stream);
  // A problem repeated more than a few times is summarised (one CSV slip over 60 rows).
  for (const line of summariseRepeats(diags.filter((d) => !opts.quiet || d.severity === 'error'))) {
    if (!('diagnostic' in line)) {
      stream.write(formatSummary(line.more, line.like) + '\n');
      continue;
    }
    stream.write(formatForTerminal(line.diagnostic, colour) + '\n');
    if (tty) stream.write(codeFrame(line.diagnostic, colour));
  }
}

let fontsSaid = false;

/**
 * The substitute fonts, once per process and on one line: which official faces are drawn with
 * a free substitute. (It was a five-line banner on every PDF build.)
 */
export function sayFontSubstitutions(substitutions: readonly string[], quiet: boolean): void {
  if (fontsSaid || quiet || substitutions.length === 0) return;
  fontsSaid = true;
  const wanted = [...new Set(substitutions.map((s) => s.split(' → ')[0]))];
  for (const s of substitutions) verbose(`font substitute: ${s}`);
  process.stderr.write(`${m().fontSubstitutes(m().list(wanted))}\n`);
}
