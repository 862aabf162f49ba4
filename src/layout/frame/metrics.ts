// Widths from the font book: the one place the layout stage learns how wide a glyph is. The
// paginator counts lines with bookMetrics (the Latin advances of each role's faces; a CJK
// character stays one grid pitch, the grid rule), the frame draws with the same advances, and
// display text (标志, titles) is broken with displayWidths, the faces' real advances at their size.
import type { FontBook } from '../../fonts/book-types.js';
import { FONT_ROLES, type FontRole } from '../../profile/gbt9704.js';
import { gridWide, type LatinWidths, type TextMetrics } from '../measure/text-width.js';


const cache = new WeakMap<FontBook, TextMetrics>();

/**
 * Each role's advances, in ems, for the characters the grid measures by the font (everything
 * but CJK): looked up in the book on first use and kept (a table read up front would open every
 * slice of a substitute for symbols no document uses).
 */
export function bookMetrics(book: FontBook): TextMetrics {
  let m = cache.get(book);
  if (m) return m;
  m = {};
  for (const role of FONT_ROLES) {
    // Misses go to the book through a proxy on the prototype chain; what was looked up (and
    // the ASCII read up front) are own properties, read at a plain property's speed.
    const known: Record<string, number> = Object.create(
      new Proxy(
        {},
        {
          get(_, ch) {
            if (typeof ch !== 'string') return undefined;
            const cp = ch.codePointAt(0);
            if (cp === undefined || gridWide(cp)) return undefined;
            const em = book.glyph(role, false, cp).advanceEm;
            Object.defineProperty(known, ch, { value: em, enumerable: true });
            return em;
          },
        },
      ),
    );
    for (let cp = 0x20; cp < 0x7f; cp++) known[String.fromCharCode(cp)] = book.glyph(role, false, cp).advanceEm;
    m[role] = known as LatinWidths;
  }
  cache.set(book, m);
  return m;
}

/** Width of text in ems of a role's faces (real advances, no grid): display lines and their size. */
export function displayWidths(book: FontBook, bold = false): (role: FontRole) => (text: string) => number {
  // One function per book and weight, so that what is kept by it (lines/index.ts) is found again.
  const kept = widthsOf.get(book)?.[bold ? 1 : 0];
  if (kept) return kept;
  const made = measureDisplay(book, bold);
  const pair = widthsOf.get(book) ?? [undefined, undefined];
  pair[bold ? 1 : 0] = made;
  widthsOf.set(book, pair);
  return made;
}

type Widths = (role: FontRole) => (text: string) => number;
const widthsOf = new WeakMap<FontBook, [Widths | undefined, Widths | undefined]>();

function measureDisplay(book: FontBook, bold: boolean): Widths {
  return (role) => (text) => {
    let w = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      w += book.glyph(role, bold, cp).advanceEm;
    }
    return w;
  };
}
