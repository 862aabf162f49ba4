// A Segment is one stretch of the document's text that the text rules read — a heading, a
// paragraph, a table cell (from the model, document-text.ts) or a front-matter value
// (field-text.ts) — with, for every character, where it is to be fixed: the content file's
// line and column, a template's, or a batch record's data cell. What a rule must not judge
// (code, URLs, e-mail addresses, values checked elsewhere) is a space in `text`, one space per
// character, so that positions stay right.

import type { Fix } from '../diagnostics/diagnostic.js';
import type { Span } from '../model/sources.js';
import { isEastAsian } from './wordcount.js';

export type { Span };

export interface Segment {
  /** The text with masked parts replaced by spaces (as long as `raw`); lines joined by "\n". */
  text: string;
  raw: string;
  /** Where the characters are: the spans cover text from 0 to its length, in order. */
  spans: Span[];
  where: 'body' | 'field';
  /** The front-matter field, for `where: 'field'`. */
  field?: (string | number)[];
  /** Body: the heading's level as written (# = 1; ##### too, which the model keeps as a paragraph). */
  heading?: number;
  /** Body: the level the model numbers the heading or list item at (none: not numbered by gongwen). */
  level?: number;
  /** Body: link addresses as written, with where each is. */
  links?: { href: string; span: Span }[];
  /** Body: an ordered list item's marker as written ("3." or "3)"), which the renderer renumbers. */
  marker?: { text: string; span: Span };
  /** Body: the document part the text is in; each annex starts a new one. */
  part: number;
  /** Body: columns before the text in its line (nested list items number on their own). */
  indent: number;
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

export const spaces = (s: string) => ' '.repeat(s.length);

const URL_TAIL = '[^\\s<>"\'，。；：！？、（）《》“”「」\\u3000]';
const URL_RE = new RegExp(`(?<![A-Za-z])(?:https?|ftp)://${URL_TAIL}+`, 'gi');
const WWW_URL = new RegExp(`(?<![A-Za-z0-9.])www\\.${URL_TAIL}+`, 'gi');
const WWW = /www\./i;

/**
 * Masks what is not prose in running text: URLs and e-mail addresses (every character one
 * space). The patterns start only at a run's first character (lookbehinds), so that a long
 * line cannot make them quadratic.
 */
export function maskAddresses(text: string): string {
  // Each pattern needs "://", "www." or "@": most text has none (three replaces on every
  // paragraph of every notice of a batch otherwise).
  if (!text.includes('://') && !text.includes('@') && !WWW.test(text)) return text;
  const url = (m: string) => {
    const trimmed = m.replace(/[.,;:!?)\]]+$/, '');
    return spaces(trimmed) + m.slice(trimmed.length);
  };
  let s = text.replace(URL_RE, url);
  s = s.replace(WWW_URL, url);
  return s.replace(/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, spaces);
}

/** The span holding UTF-16 index `index` (the last one past the end). */
function spanAt(seg: Segment, index: number): Span {
  const spans = seg.spans;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].from <= index) lo = mid;
    else hi = mid - 1;
  }
  return spans[lo];
}

/** Line and column of UTF-16 index `index` (columns in code points; a data cell's for a value). */
function pointAt(seg: Segment, index: number): { span: Span; line: number; column: number } {
  const span = spanAt(seg, index);
  if (span.cell) return { span, line: span.line, column: span.column };
  let n = 0;
  for (let i = span.from; i < index && i < seg.text.length; i++) {
    const c = seg.text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return { span, line: span.line, column: span.column + n };
}

/** Where text[index, index+length) of a segment is, for a report. */
export function spanOf(seg: Segment, index: number, length = 1) {
  const start = pointAt(seg, index);
  const last = pointAt(seg, index + Math.max(1, length) - 1);
  const cell = start.span.cell;
  const width = last.span.cell ? 0 : 1;
  const end = last.span === start.span || last.span.file === start.span.file ? { endLine: last.line, endColumn: last.column + width } : { endLine: start.line, endColumn: start.column + (cell ? 0 : 1) };
  return {
    file: start.span.file,
    line: start.line,
    column: start.column,
    ...end,
    field: seg.field ?? (cell && start.span.field ? [start.span.field] : undefined),
  };
}

/** Where a span recorded by the parser (a list marker) is, for a report. */
export function spanPlace(span: Span, length: number) {
  return { file: span.file, line: span.line, column: span.column, endLine: span.line, endColumn: span.column + (span.cell ? 0 : length) };
}

/**
 * A replacement of text[index, index+length) of a segment, for check --fix: only for the
 * content file's own text on one line (not a template's, not a data cell's).
 */
export function fixOf(seg: Segment, index: number, length: number, text: string): Fix | undefined {
  const start = pointAt(seg, index);
  const span = start.span;
  if (span.cell || span.template || index + length > span.to) return undefined;
  const end = pointAt(seg, index + length - 1);
  return { line: start.line, column: start.column, endLine: start.line, endColumn: end.column + 1, text };
}

/** The nearest character before `index` that is not a space (same line). */
export function prevNonSpace(text: string, index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') return undefined;
    if (c !== ' ' && c !== '\t' && c !== '\u3000') {
      if (i > 0 && c >= '\udc00' && c <= '\udfff') return text.slice(i - 1, i + 1);
      return c;
    }
  }
  return undefined;
}

/** The nearest character after `index` (exclusive) that is not a space (same line). */
export function nextNonSpace(text: string, index: number): string | undefined {
  for (let i = index + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return undefined;
    if (c !== ' ' && c !== '\t' && c !== '\u3000') return String.fromCodePoint(text.codePointAt(i)!);
  }
  return undefined;
}

/** The lines of a segment's text, with the UTF-16 index where each starts. */
export function linesOf(seg: Segment): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let at = 0;
  for (const text of seg.text.split('\n')) {
    out.push({ text, at });
    at += text.length + 1;
  }
  return out;
}
