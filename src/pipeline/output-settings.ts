// gongwen.yaml's `output:` part: what a project builds when the command does not say. An office
// that files every notice as OFD, or archives as PDF/A, writes it once here instead of on every
// command line:
//
//   output:
//     formats: [docx, pdf, ofd]   # what `build` and `batch` write without --format
//     pdfStandard: a-2b           # PDF/A-2b (or a-1b) without --pdf-standard
//
// A flag on the command line wins. A value gongwen does not know is an error at its line: a
// project default silently ignored would archive the wrong file.

import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readConfigText } from '../checks/config.js';
import type { Format, PdfStandard } from './build.js';

export const FORMATS: readonly Format[] = ['docx', 'pdf', 'ofd'];
export const PDF_STANDARDS: readonly PdfStandard[] = ['a-1b', 'a-2b'];

export interface OutputSettings {
  formats?: Format[];
  pdfStandard?: PdfStandard;
}

/** The project's output defaults and the problems of its `output:` part. */
export async function readOutputSettings(projectDir: string): Promise<{ settings: OutputSettings; diagnostics: Diagnostic[] }> {
  // A file that cannot be read is the rule settings' to report (the same file): here it only means no settings.
  const read = readConfigText(projectDir);
  return read && 'text' in read ? parseOutputSettings(read.text, read.file) : { settings: {}, diagnostics: [] };
}

export function parseOutputSettings(text: string, file: string): { settings: OutputSettings; diagnostics: Diagnostic[] } {
  const lc = new LineCounter();
  // YAML errors are the rule config's to report (the same file): here they only mean no settings.
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, customTags: [], prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const settings: OutputSettings = {};
  if (doc.errors.length || !isMap(doc.contents)) return { settings, diagnostics };
  const add = (node: Node | null | undefined, message: string) => {
    const p = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
    diagnostics.push({ file, line: p.line, column: p.col, severity: 'error', ruleId: 'config', message, source: 'check' });
  };
  const output = doc.contents.get('output', true) as Node | undefined;
  if (output === undefined || output === null) return { settings, diagnostics };
  if (!isMap(output)) {
    add(output, 'output: 应是设置表，如 output: { formats: [docx, pdf, ofd], pdfStandard: a-2b }');
    return { settings, diagnostics };
  }
  for (const pair of output.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'formats') {
      const items = isSeq(value) ? value.items : isScalar(value) ? String(value.value).split(',').map((s) => s.trim()) : undefined;
      const names = (items ?? []).map((x) => (isScalar(x) ? String(x.value) : String(x)).trim().toLowerCase());
      const bad = names.filter((n) => !FORMATS.includes(n as Format));
      if (!items || names.length === 0 || bad.length) add(value ?? (pair.key as Node), `output.formats 取 ${FORMATS.join('、')} 中的若干项${bad.length ? `（不认识「${bad.join('」「')}」）` : ''}`);
      else settings.formats = [...new Set(names)] as Format[];
    } else if (key === 'pdfStandard' || key === 'pdf-standard') {
      const v = isScalar(value) ? String(value.value).trim().toLowerCase() : '';
      if (!PDF_STANDARDS.includes(v as PdfStandard)) add(value ?? (pair.key as Node), `output.pdfStandard 取 ${PDF_STANDARDS.join(' 或 ')}（不是「${v}」）`);
      else settings.pdfStandard = v as PdfStandard;
    } else add(pair.key as Node, `output: 中没有「${key}」这一项：可写 formats 和 pdfStandard`);
  }
  return { settings, diagnostics };
}
