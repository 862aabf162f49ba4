// The text the lint rules read: the Markdown body line by line and the front matter's string
// values, each as a Segment whose characters keep their file positions. What the rules must
// not judge — fenced code, inline code, URLs, e-mail addresses, Markdown syntax — is masked
// with spaces, one space per character, so that columns stay right.

import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { SourceFile } from '../source/types.js';
import { isEastAsian } from './wordcount.js';

export interface Segment {
  /** The line with masked parts replaced by spaces (same number of characters as `raw`). */
  text: string;
  raw: string;
  /** File line (1-based) and column (1-based, in characters) of text's first character. */
  line: number;
  column: number;
  /** Segments with the same number form one paragraph (a Markdown block or one field value). */
  para: number;
  where: 'body' | 'field';
  /** The front-matter field, for `where: 'field'`. */
  field?: (string | number)[];
  /** Body: the line starts a block (heading, list item, first line of a paragraph). */
  blockStart: boolean;
  /** Body: index in `text` after the block's Markdown syntax (#, >, list marker). */
  contentStart: number;
  /** Body: ATX heading level. */
  heading?: number;
  /** Body: an ordered-list marker as written ("3." or "3)"), which the renderer renumbers. */
  listMarker?: string;
  /** The file, when the text is not the content file's: a template, or a batch's data file. */
  file?: string;
  /** A data cell: the position is the cell's (row, column) for every character of it. */
  cell?: boolean;
}

/** Column (1-based, in characters) of the UTF-16 index `index` of a segment's text. */
export function columnAt(seg: Segment, index: number): number {
  if (seg.cell) return seg.column;
  let n = 0;
  for (let i = 0; i < index && i < seg.text.length; i++) {
    const c = seg.text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // count code points: skip low surrogates
  }
  return seg.column + n;
}

/** A character of Chinese running text: East Asian (ideographs, CJK punctuation) or “”‘’—…·. */
export function isChinese(ch: string | undefined): boolean {
  if (!ch) return false;
  const cp = ch.codePointAt(0)!;
  return isEastAsian(cp) || '“”‘’—…·'.includes(ch);
}

export function hasChinese(s: string): boolean {
  for (const ch of s) if (isChinese(ch) && ch !== ' ') return true;
  return false;
}

const spaces = (s: string) => ' '.repeat([...s].length);

/** Masks code spans: a run of n backticks up to the next run of exactly n (linear time). */
function maskCodeSpans(s: string): string {
  const runs: { at: number; len: number }[] = [];
  for (const m of s.matchAll(/`+/g)) runs.push({ at: m.index!, len: m[0].length });
  if (runs.length < 2) return s;
  // For each run, the next run of the same length (scanning from the end once).
  const nextSame = new Array<number>(runs.length).fill(-1);
  const lastOfLen = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    nextSame[k] = lastOfLen.get(runs[k].len) ?? -1;
    lastOfLen.set(runs[k].len, k);
  }
  let out = '';
  let from = 0;
  for (let k = 0; k < runs.length; k++) {
    if (runs[k].at < from) continue;
    const close = nextSame[k];
    if (close < 0) continue;
    const end = runs[close].at + runs[close].len;
    out += s.slice(from, runs[k].at) + spaces(s.slice(runs[k].at, end));
    from = end;
  }
  return out + s.slice(from);
}

/** Masks <!-- … --> on one line (linear time). */
function maskComments(s: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const a = s.indexOf('<!--', from);
    if (a < 0) break;
    const b = s.indexOf('-->', a + 4);
    if (b < 0) break;
    out += s.slice(from, a) + spaces(s.slice(a, b + 3));
    from = b + 3;
  }
  return out + s.slice(from);
}

const URL_TAIL = '[^\\s<>"\'，。；：！？、（）《》“”「」\\u3000]';

/**
 * Masks inline things a rule must not judge. Every masked character becomes one space. The
 * patterns start only at a run's first character (lookbehinds), so that a long line cannot
 * make them quadratic.
 */
export function maskInline(line: string): string {
  let s = maskComments(maskCodeSpans(line));
  s = s.replace(/<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/g, spaces); // autolinks
  s = s.replace(/\]\((?:<[^<>]*>|[^()\s]*)(?:\s+"[^"]*")?\)/g, (m) => ']' + spaces(m.slice(1))); // link destinations
  const url = (m: string) => {
    const trimmed = m.replace(/[.,;:!?)\]]+$/, '');
    return spaces(trimmed) + m.slice(trimmed.length);
  };
  s = s.replace(new RegExp(`(?<![A-Za-z])(?:https?|ftp)://${URL_TAIL}+`, 'gi'), url);
  s = s.replace(new RegExp(`(?<![A-Za-z0-9.])www\\.${URL_TAIL}+`, 'gi'), url);
  s = s.replace(/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, spaces); // e-mail
  s = s.replace(/\\(?=[!-/:-@[-`{-~])/g, ' '); // backslash escapes: judge the escaped character
  return s;
}

const cache = new WeakMap<SourceFile, Segment[]>();

/**
 * The text the rules read: the content file's front matter and body (computed once per file),
 * then the document's text that is not in it (model-text.ts: what templates wrote, what a
 * batch record put in), which the check run adds as `extra`.
 */
export function segments(ctx: { source: SourceFile; extra?: Segment[] }): Segment[] {
  const source = ctx.source;
  let segs = cache.get(source);
  if (!segs) {
    segs = [...fieldSegments(source), ...bodySegments(source, 1_000_000)];
    cache.set(source, segs);
  }
  return ctx.extra?.length ? [...segs, ...ctx.extra] : segs;
}

export function bodyOnly(source: SourceFile): Segment[] {
  return segments({ source }).filter((s) => s.where === 'body');
}

/** The Markdown body, one segment per line of text; `firstPara` numbers its paragraphs. */
export function bodySegments(source: SourceFile, firstPara = 0): Segment[] {
  const out: Segment[] = [];
  const lines = source.body.split('\n');
  let para = firstPara;
  let fence: { ch: string; len: number } | undefined;
  let inComment = false;
  let prevBlank = true; // the body's first line starts a block
  let prevText: Segment | undefined;
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i];
    const line = source.bodyLine + i;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(raw);
      if (close && close[1][0] === fence.ch && close[1].length >= fence.len) fence = undefined;
      para++;
      prevBlank = true;
      prevText = undefined;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (open) {
      fence = { ch: open[1][0], len: open[1].length };
      para++;
      prevBlank = true;
      prevText = undefined;
      continue;
    }
    // HTML comments over several lines (the front end refuses raw HTML; comments are notes).
    let text = raw;
    if (inComment) {
      const end = text.indexOf('-->');
      if (end < 0) continue;
      text = spaces(text.slice(0, end + 3)) + text.slice(end + 3);
      inComment = false;
    }
    const startC = text.lastIndexOf('<!--');
    if (startC >= 0 && text.indexOf('-->', startC) < 0) {
      text = text.slice(0, startC) + spaces(text.slice(startC));
      inComment = true;
    }
    if (/^\s*$/.test(text)) {
      para++;
      prevBlank = true;
      prevText = undefined;
      continue;
    }
    // Lines that are only syntax: thematic breaks, setext underlines, table delimiter rows,
    // link reference definitions.
    if (
      /^ {0,3}([-*_])( *\1){2,} *$/.test(text) ||
      (prevText && /^ {0,3}(=+|-+) *$/.test(text)) ||
      /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(text) ||
      /^ {0,3}\[[^\]]+\]:\s*\S+/.test(text)
    ) {
      para++;
      prevBlank = true;
      prevText = undefined;
      continue;
    }
    text = maskInline(text);
    let contentStart = 0;
    let blockStart = prevBlank;
    let heading: number | undefined;
    let listMarker: string | undefined;
    const quote = /^ {0,3}(?:>\s?)+/.exec(text);
    if (quote) {
      text = spaces(quote[0]) + text.slice(quote[0].length);
      contentStart = quote[0].length;
    }
    const rest = text.slice(contentStart);
    const atx = /^( {0,3})(#{1,6})(\s+|$)/.exec(rest);
    const list = /^(\s*)([-*+]|(\d{1,9})[.)])(\s+)/.exec(rest);
    if (atx) {
      heading = atx[2].length;
      const m = atx[0].length;
      text = text.slice(0, contentStart) + spaces(atx[0]) + rest.slice(m).replace(/\s+#+\s*$/, spaces);
      contentStart += m;
      blockStart = true;
      para++;
    } else if (list) {
      if (list[3]) listMarker = list[2];
      const m = list[0].length;
      text = text.slice(0, contentStart) + spaces(list[0]) + rest.slice(m);
      contentStart += m;
      blockStart = true;
      para++;
    } else if (rest.trimStart().startsWith('|')) {
      blockStart = true; // a table row is its own paragraph
      para++;
    } else if (blockStart) {
      para++;
    }
    // Leading indentation is not content.
    while (contentStart < text.length && (text[contentStart] === ' ' || text[contentStart] === '\t')) contentStart++;
    const seg: Segment = { text, raw, line, column: 1, para, where: 'body', blockStart, contentStart, heading, listMarker };
    out.push(seg);
    prevBlank = heading !== undefined; // a heading is one line: the next line starts a block
    if (heading !== undefined) para++;
    prevText = heading === undefined ? seg : undefined;
  }
  return out;
}

/**
 * Keys whose values are not prose: codes, dates, paths and settings. Rules that check them
 * (doc-number, date-format, credit-code) read them on their own.
 */
const NOT_PROSE = new Set([
  'number', 'date', 'printed', 'file', 'files', 'path', 'paths', 'src', 'template', 'kind', 'outline',
  'url', 'link', 'href', 'email', 'mail', 'phone', 'tel', 'fax', 'lang', 'id', 'code', 'font', 'fonts',
  'format', 'orientation', 'image', 'data', 'creditcode', 'credit_code', 'uscc', 'style', 'layout',
]);

/** Where the YAML front matter is in the file text: offset and 1-based line of its first line. */
export function frontMatterText(source: SourceFile): { yaml: string; offset: number; line: number } | undefined {
  const t = source.text;
  const open = /^---[ \t]*(?:yaml|yml)?[ \t]*\n/.exec(t);
  if (!open) return undefined;
  const rest = t.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
  if (!close) return undefined;
  return { yaml: rest.slice(0, close.index), offset: open[0].length, line: 2 };
}

/** String values of the front matter that are prose (they contain Chinese), line by line. */
export function fieldSegments(source: SourceFile, firstPara = 0): Segment[] {
  const fm = frontMatterText(source);
  if (!fm) return [];
  const lc = new LineCounter();
  const doc = parseDocument(fm.yaml, { lineCounter: lc, customTags: [] });
  if (doc.errors.length > 0) return [];
  const out: Segment[] = [];
  let para = firstPara;
  const visit = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (NOT_PROSE.has(key.toLowerCase()) || /信用代码|文号|日期/.test(key)) continue;
        visit(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.range && hasChinese(node.value)) {
      const [start, end] = (node as Node).range!;
      const raw = fm.yaml.slice(start, end);
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
      const rawLines = raw.split('\n');
      para++;
      let offset = start;
      rawLines.forEach((rl, k) => {
        const pos = lc.linePos(offset);
        let text = rl;
        if (block && k === 0) text = spaces(rl);
        if (quoted && k === 0) text = ' ' + text.slice(1);
        if (quoted && k === rawLines.length - 1 && /["']\s*$/.test(text)) text = text.replace(/["'](\s*)$/, ' $1');
        text = maskInline(text);
        if (!/^\s*$/.test(text)) {
          out.push({ text, raw: rl, line: pos.line + fm.line - 1, column: pos.col, para, where: 'field', field: path, blockStart: k === 0, contentStart: 0 });
        }
        offset += rl.length + 1;
      });
    }
  };
  visit(doc.contents, []);
  return out;
}

/** Groups segments by paragraph, keeping order. */
export function paragraphs(segs: Segment[]): Segment[][] {
  const out: Segment[][] = [];
  let cur: Segment[] = [];
  for (const s of segs) {
    if (cur.length > 0 && cur[0].para !== s.para) {
      out.push(cur);
      cur = [];
    }
    cur.push(s);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Position of text[index, index+length) of a segment, for a report. */
export function spanOf(seg: Segment, index: number, length = 1) {
  return {
    line: seg.line,
    column: columnAt(seg, index),
    endLine: seg.line,
    endColumn: seg.cell ? seg.column : columnAt(seg, index + length),
    field: seg.field,
    file: seg.file,
  };
}

/** The nearest character before `index` that is not a space (same segment). */
export function prevNonSpace(text: string, index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\u3000') {
      if (i > 0 && c >= '\udc00' && c <= '\udfff') return text.slice(i - 1, i + 1);
      return c;
    }
  }
  return undefined;
}

/** The nearest character after `index` (exclusive) that is not a space (same segment). */
export function nextNonSpace(text: string, index: number): string | undefined {
  for (let i = index + 1; i < text.length; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\u3000') return String.fromCodePoint(text.codePointAt(i)!);
  }
  return undefined;
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

/**
 * A replacement of text[index, index+length) of a segment, for check --fix; none for a data
 * cell (its position is the cell's, not the character's).
 */
export function fixOf(seg: Segment, index: number, length: number, text: string) {
  if (seg.cell || seg.file) return undefined;
  return { line: seg.line, column: columnAt(seg, index), endLine: seg.line, endColumn: columnAt(seg, index + length), text };
}
