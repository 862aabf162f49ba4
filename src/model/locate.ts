// Where the text of the model comes from, character by character: the Markdown parser's
// inline tokens carry no positions (markdown-it maps blocks to lines only), so each text token
// is found in its block's source in order — past escapes, emphasis, link syntax, list markers,
// quote marks, heading marks and table pipes — and each Markdown position is then traced
// through the template that produced the Markdown (template/engine.ts originOf) to the content
// file, the .hbs template, or a batch record's data cell. Linear in the text: locating the
// 711,000 characters of test/checks-lint.test.ts's robustness body (5,000 paragraphs and lines
// of 200,000 and 100,000 characters) adds 0.13 s to markdown-it's 0.14 s (warm, one core).

import type { Token } from 'markdown-it';
import { plainOutput, type MappedOutput, type OutputPoint } from '../template/engine.js';
import type { Span, TextSource } from './sources.js';

/** What the locator needs of the parser's context. */
export interface LocateContext {
  file: string;
  firstLine: number;
  output?: MappedOutput;
  template?: boolean;
  valueAt?: (field: string) => { file: string; line: number; column: number } | undefined;
}

/** Text located in the Markdown: for each character its md line and UTF-16 offset there. */
interface MdText {
  text: string;
  mdLine: number[];
  mdOff: number[];
  masked: [number, number][];
  links: { href: string; mdLine: number; mdOff: number }[];
}

/** A line of an inline's source: its offset in the source, its md line, its offset there. */
interface LineStart {
  at: number;
  md: number;
  col: number;
}

/**
 * The text of an inline token as written (softbreaks and hardbreaks as "\n"), each character
 * located in the Markdown. `src` is the inline's source (a block's lines with the syntax before
 * them stripped, or a table cell's row from the cell on); `starts` places its lines. Text
 * tokens are matched against the source in order, past escapes and inline syntax.
 */
function locate(tok: Token, src: string, starts: LineStart[]): MdText {
  const r: MdText = { text: '', mdLine: [], mdOff: [], masked: [], links: [] };
  let k = 0;
  const mdAt = (o: number): [number, number] => {
    while (k + 1 < starts.length && starts[k + 1].at <= o) k++;
    while (k > 0 && starts[k].at > o) k--;
    return [starts[k].md, starts[k].col + Math.max(0, o - starts[k].at)];
  };
  const emit = (ch: string, o: number) => {
    const [line, off] = mdAt(o);
    r.text += ch;
    r.mdLine.push(line);
    r.mdOff.push(off);
  };
  const last = Math.max(0, src.length - 1);
  let cur = 0;
  const find = (c: string): number => {
    if (src[cur] === c) return cur++;
    if (src[cur] === '\\' && src[cur + 1] === c) {
      cur += 2;
      return cur - 1;
    }
    const j = src.slice(cur, cur + 256).indexOf(c);
    if (j >= 0) {
      cur += j + 1;
      return cur - 1;
    }
    return Math.min(cur, last);
  };
  for (const c of tok.children ?? []) {
    switch (c.type) {
      case 'softbreak':
      case 'hardbreak': {
        const nl = src.indexOf('\n', cur);
        emit('\n', nl < 0 ? last : nl);
        if (nl >= 0) cur = nl + 1;
        break;
      }
      case 'code_inline': {
        const open = src.indexOf(c.markup, cur);
        const start = (open < 0 ? cur : open) + c.markup.length;
        const from = r.text.length;
        for (let i = 0; i < c.content.length; i++) emit(c.content[i], Math.min(start + i, last));
        r.masked.push([from, r.text.length]);
        const close = src.indexOf(c.markup, start + Math.max(0, c.content.length - 1));
        cur = close < 0 ? start + c.content.length : close + c.markup.length;
        break;
      }
      case 'link_open': {
        const at = src.indexOf('[', cur);
        const [line, off] = mdAt(at < 0 || at - cur > 256 ? cur : at);
        r.links.push({ href: String(c.attrGet('href') ?? ''), mdLine: line, mdOff: off });
        break;
      }
      case 'html_inline':
      case 'image':
        break;
      default:
        if (c.type.endsWith('_open') || c.type.endsWith('_close')) break;
        if (c.content.length > 1 && !c.content.includes('\n') && src.startsWith(c.content, cur)) {
          // Text written as it reads (most of a document): its characters follow one another
          // on one line, where find() would have found them one by one.
          const [line, off] = mdAt(cur);
          r.text += c.content;
          for (let i = 0; i < c.content.length; i++) {
            r.mdLine.push(line);
            r.mdOff.push(off + i);
          }
          cur += c.content.length;
          break;
        }
        for (let i = 0; i < c.content.length; i++) emit(c.content[i], find(c.content[i]));
    }
  }
  return r;
}

/**
 * Positions in one Markdown text: its lines, and where the characters of its lines came from
 * (the file's own text, a template's, a record's data cell), turned into TextSources.
 */
export class Locator {
  readonly lines: string[];
  private readonly out: MappedOutput;
  private readonly origins = new Map<number, (offset: number) => OutputPoint>();

  constructor(
    private readonly ctx: LocateContext,
    source: string,
  ) {
    this.out = ctx.output ?? plainOutput(source, ctx.file, ctx.firstLine);
    this.lines = source.split('\n');
  }

  /** Origin of UTF-16 offset `off` of md line `line` (0-based). */
  point(line: number, off: number): OutputPoint {
    let f = this.origins.get(line);
    if (!f) this.origins.set(line, (f = this.out.originOf(line + 1, this.lines[line] ?? '')));
    return f(off);
  }

  /** A span of `length` characters at md line `line`, offset `off`. */
  span(line: number, off: number, length: number): Span {
    const p = this.point(line, off);
    const s: Span = { from: 0, to: length, file: p.file, line: p.line, column: p.column };
    if (this.ctx.template) s.template = true;
    return s;
  }

  /** A heading's or paragraph's inline text, located. */
  block(tok: Token): TextSource | undefined {
    if (!tok.map) return undefined;
    const starts: LineStart[] = [];
    let at = 0;
    tok.content.split('\n').forEach((cl, k) => {
      const md = tok.map![0] + k;
      const line = this.lines[md] ?? '';
      let col = cl ? line.lastIndexOf(cl) : line.length;
      if (col < 0) col = line.length - line.trimStart().length;
      starts.push({ at, md, col });
      at += cl.length + 1;
    });
    return this.source(locate(tok, tok.content, starts));
  }

  /** A table cell's inline text, found in its row's line from UTF-16 offset `from`; and where the cell ends. */
  cell(tok: Token, md: number, from: number): { source?: TextSource; end: number } {
    const line = this.lines[md] ?? '';
    if (!tok.content) return { end: from };
    let col = line.indexOf(tok.content, from);
    if (col < 0) {
      const bar = line.indexOf('|', from);
      col = bar < 0 ? from : bar + 1;
      while (line[col] === ' ' || line[col] === '\t') col++;
    }
    const src = line.slice(col);
    return { source: this.source(locate(tok, src, [{ at: 0, md, col }])), end: col + tok.content.length };
  }

  /**
   * Located text → TextSource: each character's origin, merged into spans. A {{value}} with a
   * data cell (a batch record's) is at that cell; other values are checked where they are
   * written (the front matter) and masked here.
   */
  private source(t: MdText): TextSource {
    const spans: Span[] = [];
    const masked = [...t.masked];
    let cur: Span | undefined;
    let next = 0; // the column the current span's next character would have
    for (let i = 0; i < t.text.length; i++) {
      const c = t.text.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff && cur) {
        cur.to = i + 1; // a low surrogate goes with its pair
        continue;
      }
      const p = this.point(t.mdLine[i], t.mdOff[i]);
      let at: { file: string; line: number; column: number; cell?: boolean; field?: string } = p;
      if (p.value !== undefined) {
        const cell = p.value ? this.ctx.valueAt?.(p.value) : undefined;
        if (cell) at = { ...cell, cell: true, field: p.value };
        else {
          const m = masked[masked.length - 1];
          if (m && m[1] === i) m[1] = i + 1;
          else masked.push([i, i + 1]);
        }
      }
      const same =
        cur !== undefined && cur.file === at.file && cur.line === at.line && !!cur.cell === !!at.cell && (at.cell ? cur.column === at.column && cur.field === at.field : at.column === next);
      if (cur && same) cur.to = i + 1;
      else {
        cur = { from: i, to: i + 1, file: at.file, line: at.line, column: at.column };
        if (at.cell) {
          cur.cell = true;
          cur.field = at.field;
        } else if (this.ctx.template) cur.template = true;
        spans.push(cur);
      }
      next = at.column + 1;
    }
    masked.sort((a, b) => a[0] - b[0]);
    const src: TextSource = { text: t.text, spans, masked };
    if (t.links.length) src.links = t.links.map((l) => ({ href: l.href, span: this.span(l.mdLine, l.mdOff, 1) }));
    return src;
  }
}

