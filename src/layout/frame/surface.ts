// What the parts of the frame (pages.ts and the drawers: header.ts, table.ts, imprint.ts,
// text-blocks.ts, signature.ts, cover.ts, toc.ts, figure.ts, page-numbers.ts) draw on: pages by
// number, each with its text block's origin, rules, lines of text, the structure tree.
import type { TextLine } from './segments.js';
import type { Structure } from './structure.js';
import type { Glyphs, LineStyle } from './text.js';
import type { GongwenElement, PageItem, PositionedPage } from './types.js';

/** What a part of the frame draws on: pages by number, their text block origin, rules, the structure. */
export interface Surface {
  readonly glyphs: Glyphs;
  readonly structure: Structure;
  /** Width of body text in grid characters at the book's widths (the paginator's measure). */
  readonly body: (text: string) => number;
  /** Physical page n (1-based), made on first use. */
  page(n: number): PositionedPage;
  items(page: number): PageItem[];
  /** The text block's top-left corner on a page. */
  origin(page: number): { x: number; y: number };
  /** A rule in text-block coordinates. */
  rule(page: number, x1: number, y1: number, x2: number, y2: number, widthPt: number, color: string, tag: number): void;
  /** Reports a line `overPt` wider than its box (PagedDocument.overflows). */
  overflow(page: number, text: string, overPt: number): void;
  /** The artifact node of that key (made once). */
  artifact(key: string, element?: GongwenElement): number;
  /** One line of text in a line box `top` below the text block's top, aligned within `widthPt`. */
  line(page: number, top: number, l: TextLine, style: LineStyle, widthPt: number, align?: 'left' | 'center' | 'right' | 'justify', linePt?: number): void;
}
