// Widths from the font book: the one place the layout stage learns how wide a glyph is. The
// paginator counts lines with bookMetrics (the Latin advances of each role's faces; a CJK
// character stays one grid pitch, the grid rule), the frame draws with the same advances, and
// display text (标志, titles) is broken with displayWidths, the faces' real advances at their size.
import type { FontBook } from '../../fonts/book-types.js';
import type { FontRole } from '../../profile/gbt9704.js';
import { gridWide, type LatinWidths, type TextMetrics } from '../measure/text-width.js';

const ROLES: FontRole[] = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'song'];
/** Characters below the CJK range that the grid measures by the font (Latin, Greek, Cyrillic, punctuation, symbols). */
const LATIN_END = 0x2e80;

const cache = new WeakMap<FontBook, TextMetrics>();

/** Each role's Latin advances, in ems, read once per book (about 11,000 look-ups a role). */
export function bookMetrics(book: FontBook): TextMetrics {
  let m = cache.get(book);
  if (m) return m;
  m = {};
  for (const role of ROLES) {
    const w: Record<string, number> = {};
    for (let cp = 0x20; cp < LATIN_END; cp++) {
      if (gridWide(cp) || (cp >= 0xd800 && cp <= 0xdfff)) continue;
      w[String.fromCharCode(cp)] = book.glyph(role, false, cp).advanceEm;
    }
    m[role] = w as LatinWidths;
  }
  cache.set(book, m);
  return m;
}

/** Width of text in ems of a role's faces (real advances, no grid): display lines and their size. */
export function displayWidths(book: FontBook, bold = false): (role: FontRole) => (text: string) => number {
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
