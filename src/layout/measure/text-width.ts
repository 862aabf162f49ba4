// Width of text in characters of its own size: the one place that knows how wide a character is.
//
// gridWidth: text set on the GB/T 9704 grid (标志, titles, signature): a CJK character or
// full-width form is one character; quotes, dash and ellipsis are drawn by the Chinese font and
// so take one too; everything else (Latin letters, digits in Times New Roman) takes half.
//
// textWidth: text in table cells, which must not overflow the width the layout stage gave it
// (an overflow is a second line in one renderer and not the other). It leans wide where fonts
// differ — a digit or lower-case letter 0.55, an upper-case letter 0.7 (Times and 仿宋's
// half-width Latin are narrower, the free substitutes wider) — and combining marks are free.

import { CHAR_PITCH_MM, GRID, mmToPt, type FontRole } from '../../profile/gbt9704.js';

const FULL_WIDTH_PUNCT = new Set([0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026]);

/** Whether a character takes a whole grid character (CJK, full-width forms, the Chinese font's quotes, dash and ellipsis). */
export function gridWide(c: number): boolean {
  return c >= 0x2e80 || FULL_WIDTH_PUNCT.has(c);
}

export function gridWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x2e80 || FULL_WIDTH_PUNCT.has(c) ? 1 : 0.5;
  }
  return w;
}

/**
 * Ems of the characters that are not CJK (digits, Latin letters, %) in the font a role's text
 * is drawn with (fonts/latin-widths.ts reads them from the PDF's fonts). Without them the grid
 * takes the nominal half character (Times New Roman's digits, which the DOCX names).
 */
export type LatinWidths = Readonly<Record<string, number>>;
export type TextMetrics = Partial<Record<FontRole, LatinWidths>>;

/** No font's metrics: the grid's nominal widths (Times New Roman's half width, the DOCX's). One object, so that memos keyed by it hit. */
export const NOMINAL: TextMetrics = Object.freeze({});

/**
 * Width on the grid of 3号 text drawn in a font with these Latin widths: a character of e ems
 * advances e × size plus the grid's letter-spacing (pitch − size), in pitches. A digit of
 * Noto Serif SC (0.549 em) is 0.546 of a grid character, its % 0.91. Table cells have no
 * letter-spacing: `pitchPt` = `sizePt`, and a width is in ems ("1. " is 1.06 em, not 1.5:
 * measured on the 2022 application's service table, whose rows Chromium kept on one line).
 */
export function gridWidthIn(latin: LatinWidths | undefined, sizePt: number = GRID.bodySizePt, pitchPt: number = mmToPt(CHAR_PITCH_MM)): (text: string) => number {
  if (!latin) return gridWidth;
  const size = sizePt;
  const pitch = pitchPt;
  return (text) => {
    let w = 0;
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c >= 0x2e80 || FULL_WIDTH_PUNCT.has(c)) w += 1;
      else {
        const em = latin[ch];
        w += em === undefined ? 0.5 : 1 - (size * (1 - em)) / pitch;
      }
    }
    return w;
  };
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, Kangxi, CJK symbols and punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, bopomofo, enclosed CJK, compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // Unified Ideographs
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff01 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) || // Extensions B–H
    FULL_WIDTH_PUNCT.has(cp) ||
    cp === 0x00b7
  );
}

/** Width of one line of cell text in characters of its own size (leaning wide, see above). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isWide(cp)) w += 1;
    else if (cp >= 0x0300 && cp <= 0x036f) continue; // combining marks
    else if (cp >= 0x41 && cp <= 0x5a) w += 0.7; // A–Z
    else if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) w += 0.55; // 0–9, a–z
    else w += 0.5;
  }
  return w;
}
