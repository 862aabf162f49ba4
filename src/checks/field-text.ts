// The front matter's prose as Segments: string values that contain Chinese, at their file
// positions (found in the YAML's own syntax tree, block scalars and quotes included). A value
// with {{…}} that a batch record filled is read as filled: its own text at the file, the
// record's values at their data cells.

import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { SourceFile } from '../source/types.js';
import { splitFrontMatter } from '../source/read.js';
import { alignLine, type ValueOf } from '../template/align.js';
import { columnOf } from '../template/engine.js';
import type { Span } from '../model/sources.js';
import { hasChinese, maskAddresses, spaces, type Segment } from './segments.js';
import { KEY_ALIASES } from '../source/front-matter.js';

/** Where a record's field is: its data cell. */
export type ValueAt = (field: string) => { file: string; line: number; column: number } | undefined;

/**
 * Keys whose values are not prose: codes, dates, paths and settings. Rules that check them
 * (doc-number, date-format, credit-code) read them on their own.
 */
const NOT_PROSE = new Set([
  'number', 'date', 'printed', 'file', 'files', 'path', 'paths', 'src', 'template', 'kind', 'outline',
  'url', 'link', 'href', 'email', 'mail', 'phone', 'tel', 'fax', 'lang', 'id', 'code', 'font', 'fonts',
  'format', 'orientation', 'image', 'data', 'creditcode', 'credit_code', 'uscc', 'style', 'layout',
]);

/**
 * The front matter's text as the source stage split it (source/read.ts splitFrontMatter: one
 * reading of where it starts and ends), and the file line of its first line. It starts with
 * the rest of the opening fence's line, so its line n is the file's line n.
 */
export function frontMatterText(source: SourceFile): { yaml: string; line: number } | undefined {
  const split = splitFrontMatter(source.text);
  return split && { yaml: split.matter, line: 1 };
}

function valueAtPath(data: unknown, path: (string | number)[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/**
 * The front matter's YAML as written, parsed once per text: the rules only read it, and a batch
 * checks the same file's text for every record (two parses a record, 1.2 ms of 45). The last
 * few texts are kept.
 */
const parsed = new Map<string, { doc: Document; lc: LineCounter }>();
export function parsedFrontMatter(yaml: string): { doc: Document; lc: LineCounter } {
  let p = parsed.get(yaml);
  if (!p) {
    const lc = new LineCounter();
    p = { doc: parseDocument(yaml, { lineCounter: lc, customTags: [] }), lc };
    if (parsed.size >= 8) parsed.delete(parsed.keys().next().value!);
    parsed.set(yaml, p);
  }
  return p;
}

/** String values of the front matter that are prose (they contain Chinese), one segment each. */
export function fieldSegments(source: SourceFile, valueAt?: ValueAt, valueOf?: ValueOf): Segment[] {
  const fm = frontMatterText(source);
  if (!fm) return [];
  const { doc, lc } = parsedFrontMatter(fm.yaml);
  if (doc.errors.length > 0) return [];
  const out: Segment[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        // A Chinese key is its field (数据文件 is data: a path, not prose).
        const field = KEY_ALIASES.get(key) ?? key;
        if (NOT_PROSE.has(field.toLowerCase()) || /信用代码|文号|日期/.test(key)) continue;
        visit(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.range && hasChinese(node.value)) {
      const [start, end] = (node as Node).range!;
      const raw = fm.yaml.slice(start, end);
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
      const pos = lc.linePos(start);
      const line = pos.line + fm.line - 1;
      const bound = valueAtPath(source.data, path);
      if (valueAt && raw.includes('{{') && !raw.includes('\n') && typeof bound === 'string') {
        out.push(filled(source.path, raw, quoted, bound, line, pos.col, path, valueAt, valueOf));
        return;
      }
      const spans: Span[] = [];
      let text = '';
      const rawLines = raw.split('\n');
      rawLines.forEach((rl, k) => {
        let t = rl;
        if (block && k === 0) t = spaces(rl);
        if (quoted && k === 0) t = ' ' + t.slice(1);
        if (quoted && k === rawLines.length - 1 && /["']\s*$/.test(t)) t = t.replace(/["'](\s*)$/, ' $1');
        if (k > 0) text += '\n';
        spans.push({ from: text.length, to: text.length + rl.length + 1, file: source.path, line: line + k, column: k === 0 ? pos.col : 1 });
        text += t;
      });
      spans[spans.length - 1].to = text.length;
      out.push({ text: maskAddresses(text), raw, spans, where: 'field', field: path, part: 0, indent: 0 });
    }
  };
  visit(doc.contents, []);
  return out;
}

/**
 * A one-line value with {{…}} as a record filled it: its own characters at their columns, a
 * record's value at its data cell, other values (front-matter fields, checked there) masked.
 */
function filled(file: string, raw: string, quoted: boolean, bound: string, line: number, col: number, path: (string | number)[], valueAt: ValueAt, valueOf?: ValueOf): Segment {
  const inner = quoted ? raw.slice(1, raw.trimEnd().length - 1) : raw;
  const shift = quoted ? 1 : 0;
  const spans: Span[] = [];
  let text = '';
  for (const p of alignLine(inner, bound, valueOf)) {
    const piece = bound.slice(p.from, p.to);
    if (p.value === undefined) {
      spans.push({ from: p.from, to: p.to, file, line, column: col + shift + columnOf(inner, p.at) - 1 });
      text += piece;
      continue;
    }
    const cell = p.value ? valueAt(p.value) : undefined;
    if (cell) {
      spans.push({ from: p.from, to: p.to, ...cell, cell: true, field: p.value });
      text += piece;
    } else {
      spans.push({ from: p.from, to: p.to, file, line, column: col + shift + columnOf(inner, p.at) - 1 });
      text += spaces(piece);
    }
  }
  if (spans.length === 0) spans.push({ from: 0, to: 0, file, line, column: col });
  return { text: maskAddresses(text), raw: bound, spans, where: 'field', field: path, part: 0, indent: 0 };
}

/**
 * Where character `index` of a front-matter value is: the value's position (placeOf) moved
 * along its line when the value is written there plainly or in quotes; else the value's start.
 */
export function fieldCharPlace(source: SourceFile, path: (string | number)[], value: string, index: number) {
  const p = source.placeOf(path);
  const lineText = source.text.split('\n')[p.line - 1] ?? '';
  const chars = [...lineText];
  const from = chars.slice(p.column - 1).join('');
  const prefix = [...value.slice(0, index)].length;
  const len = Math.max(1, [...value.slice(index, index + 1)].length);
  let shift = -1;
  if (from.startsWith(value)) shift = 0;
  else if ((from.startsWith('"') || from.startsWith("'")) && from.slice(1).startsWith(value)) shift = 1;
  if (shift < 0) return { line: p.line, column: p.column, field: path };
  const column = p.column + shift + prefix;
  return { line: p.line, column, endLine: p.line, endColumn: column + len, field: path };
}
