// Glyphs onto a line: one styled line of text turned into text runs (a run per face, size,
// colour and structure node) with each glyph's position, justified when asked. The advance of
// a glyph on the grid is the paginator's: a CJK character (gridWide) one character of its size
// plus the grid's letter-spacing, whatever the face says, so that 28 of them fill 156 mm; any
// other character its face's advance plus the spacing. Off the grid (titles, tables, the 版记,
// page numbers) every glyph advances by its face's width and the spacing is 0.
//
// The baseline within a line: the em box centred on the line's height, the baseline 0.88 em
// below the em box's top (CJK faces put their ideographic em box's bottom 0.12 em under the
// baseline), whatever a face's ascent says, so that every face of a line shares one baseline.
// Measured against Chromium's print of content/2020-191.md (its baseline is the hhea ascent
// below a centred content area) through the PDF writer and pdftotext -bbox-layout: all 329
// lines on the same pages with the same text; body baselines 0.64 pt above Chromium's (Noto
// Serif SC's 1.151/0.286 em ascent and descent), x within 0.5 pt. The 标志's em box stands
// with its top at HEADER.markTopMm (§7.2.4), 1.3 pt above Chromium's line-height box's glyphs.
import type { FontBook } from '../../fonts/book-types.js';
import type { FontRole } from '../../profile/gbt9704.js';
import { gridWide } from '../measure/text-width.js';
import type { FaceInfo, LinkItem, PageItem, TextItem } from './types.js';
import { GlyphWriter, glyphRun } from './glyph-run.js';

/** Baseline below the em box's top, in ems. */
export const BASELINE_EM = 0.88;

/** The baseline of text of `sizePt` on a line `lineTop` … `lineTop + linePt`. */
export function baselineIn(lineTop: number, linePt: number, sizePt: number): number {
  return lineTop + (linePt - sizePt) / 2 + BASELINE_EM * sizePt;
}

/** A piece of a line in one style. */
export interface Seg {
  text: string;
  role: FontRole;
  bold?: boolean;
  color: string;
  tag?: number;
  link?: string;
}

export interface LineStyle {
  sizePt: number;
  /** Added after every glyph (the grid's letter-spacing: pitch − size, negative at 3号). */
  spacing: number;
  /** Grid advances: a CJK character takes exactly one size. */
  grid: boolean;
}

/** Text off the grid: every glyph at its face's advance, no letter-spacing (titles, tables, the 版记, page numbers). */
export const plain = (sizePt: number): LineStyle => ({ sizePt, spacing: 0, grid: false });

/** Faces a document uses, registered as glyphs are taken from them. */
export class Glyphs {
  readonly faces: Record<string, FaceInfo> = {};
  /** The document's runs' glyphs, in shared columns. */
  private readonly writer = new GlyphWriter();
  constructor(readonly book: FontBook) {}

  /**
   * Takes in runs drawn before (a drawing put back: drawn-blocks.ts, a kept page number): their
   * faces become this document's, in the order drawing them would have made them so.
   */
  adopt(items: readonly PageItem[]): void {
    for (const it of items) if (it.kind === 'text' && !this.faces[it.face]) this.faces[it.face] = this.book.face(it.face);
  }

  /** Advance of a code point in points (grid rule where asked). */
  advance(role: FontRole, bold: boolean, cp: number, style: LineStyle): number {
    const em = this.book.glyph(role, bold, cp).advanceEm;
    return (onCell(cp, em, style) ? style.sizePt : em * style.sizePt) + style.spacing;
  }

  /** Natural width of segments in points (trailing spacing included, as a browser counts it). */
  width(segs: Seg[], style: LineStyle): number {
    let w = 0;
    for (const s of segs) {
      const t = s.text;
      for (let i = 0; i < t.length; i++) {
        const cp = t.codePointAt(i)!;
        if (cp > 0xffff) i++;
        if (cp === 10) continue;
        w += this.advance(s.role, !!s.bold, cp, style);
      }
    }
    return w;
  }

  /**
   * Draws segments from `x` on `baseline` into `out`; `justify`: the width the line must fill
   * (the slack spread between characters; a line the breaker let run up to its FIT_SLACK past
   * the width is closed up by as much, a few hundredths of a point between characters). Returns the end x. `rotation`: turned about the
   * first glyph's origin (page numbers of landscape pages).
   */
  draw(out: PageItem[], segs: Seg[], style: LineStyle, x: number, baseline: number, justify?: number, rotation?: number): number {
    // Where the slack may go: between characters, but not inside a 破折号 or 省略号 (the two
    // halves of —— and …… stay one mark: a reader copying the text got "— —") nor inside a
    // Latin word or number ("2020", "E-mail"), which a reader takes as one word.
    const chars: number[] = [];
    if (justify !== undefined) for (const sg of segs) for (const ch of sg.text) if (ch !== '\n') chars.push(ch.codePointAt(0)!);
    const stretch = chars.map((c, k) => k < chars.length - 1 && !joins(c, chars[k + 1]));
    const gaps = stretch.filter(Boolean).length;
    const natural = justify !== undefined ? this.width(segs, style) : 0;
    const extra = justify !== undefined && gaps > 0 ? (justify - natural) / gaps : 0;
    let k = 0;
    let pen = 0;
    let run: TextItem | undefined;
    let links: LinkItem[] | undefined;
    for (const s of segs) {
      const t = s.text;
      const linkFrom = pen;
      for (let i = 0; i < t.length; i++) {
        const cp = t.codePointAt(i)!;
        const wide = cp > 0xffff;
        if (cp === 10) continue;
        const g = this.book.glyph(s.role, !!s.bold, cp);
        if (!this.faces[g.face]) this.faces[g.face] = this.book.face(g.face);
        if (!run || run.face !== g.face || run.color !== s.color || run.tag !== s.tag) {
          if (run) run.glyphs = this.writer.end();
          run = { kind: 'text', x: x + pen, y: baseline, face: g.face, sizePt: style.sizePt, color: s.color, glyphs: NO_GLYPHS };
          if (rotation) {
            // Turned runs advance along the rotated axis: each run restarts from the line's origin.
            run.x = x;
            run.y = baseline;
          }
          if (s.tag !== undefined) run.tag = s.tag;
          if (rotation) run.rotation = rotation;
          out.push(run);
        }
        const adv = onCell(cp, g.advanceEm, style) ? style.sizePt : g.advanceEm * style.sizePt;
        this.writer.push(g.gid, rotation ? pen : x + pen - run.x, g.advanceEm * style.sizePt, charOf(cp));
        pen += adv + style.spacing + (stretch[k++] ? extra : 0);
        if (wide) i++;
      }
      if (s.link && pen > linkFrom) (links ??= []).push({ kind: 'link', x: x + linkFrom, y: baseline - BASELINE_EM * style.sizePt, w: pen - linkFrom, h: style.sizePt, uri: s.link });
    }
    if (run) run.glyphs = this.writer.end();
    if (links) out.push(...links);
    return x + pen;
  }
}

const LATIN_WORD = /[0-9A-Za-z]/;

/** A run's glyphs until it is closed. */
const NO_GLYPHS = glyphRun([]);

/**
 * One string per character for the glyphs that stand for it (the run joins them): `t[i]` made a
 * new string for each CJK character drawn (V8 shares only Latin-1 ones). Bounded, as the text is
 * the user's.
 */
const CHARS = new Map<number, string>();
function charOf(cp: number): string {
  let s = CHARS.get(cp);
  if (s === undefined) {
    s = String.fromCodePoint(cp);
    if (CHARS.size < 20_000) CHARS.set(cp, s);
  }
  return s;
}

/**
 * Whether a glyph takes a whole grid cell: a CJK character does, whatever its face's advance.
 * A dash, ellipsis or quote that the grid counts as a character but whose face draws it narrower
 * (Noto Serif SC's — is 0.88 em) advances by its own width, as Chromium set it: put in a whole
 * cell, the two halves of a 破折号 stood 1.9 pt apart and read as "— —". The line is at most
 * that much shorter than the grid counted it; justification takes the rest.
 */
function onCell(cp: number, em: number, style: LineStyle): boolean {
  return !!style.grid && gridWide(cp) && (cp >= 0x2e80 || em >= 1);
}

/** Whether two neighbouring characters stay together when a line is justified. */
function joins(a: number, b: number): boolean {
  if (a === b && (a === 0x2014 || a === 0x2026)) return true;
  return LATIN_WORD.test(String.fromCodePoint(a)) && LATIN_WORD.test(String.fromCodePoint(b));
}
