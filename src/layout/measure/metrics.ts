// Heights on the page, in points, from the profile alone: the text block, the grid's line
// pitch, and a table row from its cells' text, its column shares and its font size.
//
// Table rows (the positioned pages; LibreOffice, the DOCX's exact row rules):
// a row is (lines × size × TABLE.lineFactor) + 2 × cell padding + one border (collapsed
// borders: one rule between two rows). A cell line holds (share × text width − 2 × padding −
// border) / size characters of the table's size (letter-spacing 0 in tables). Measured against
// Chromium's print of content/2021-45-clusters.md when Chromium drew the PDF (4号 list, 14 pt):
// single-line rows 26.25 pt apart, two-line rows 43.75 pt — the formula's 17.5 × n + 8.5 + 0.75.

import { mmToPt, PAGE, LANDSCAPE, GRID, TABLE } from '../../profile/gbt9704.js';

/** Height of the portrait text block: 225 mm. */
export const TEXT_HEIGHT_PT = mmToPt(PAGE.textHeightMm);
export const TEXT_WIDTH_PT = mmToPt(PAGE.textWidthMm);
export const LANDSCAPE_TEXT_HEIGHT_PT = mmToPt(LANDSCAPE.textHeightMm);
export const LANDSCAPE_TEXT_WIDTH_PT = mmToPt(LANDSCAPE.textWidthMm);
/** The grid's line pitch: 225 mm / 22. */
export const LINE_PT = TEXT_HEIGHT_PT / GRID.linesPerPage;
/** Layout rounding that must never push a last line or rule onto the next page. */
export const FIT_EPSILON_PT = 0.5;

export interface PageBox {
  widthPt: number;
  heightPt: number;
}

export const PORTRAIT_BOX: PageBox = { widthPt: TEXT_WIDTH_PT, heightPt: TEXT_HEIGHT_PT };
export const LANDSCAPE_BOX: PageBox = { widthPt: LANDSCAPE_TEXT_WIDTH_PT, heightPt: LANDSCAPE_TEXT_HEIGHT_PT };

/** What a table of one size needs to turn cell text into heights. */
export interface CellMetrics {
  sizePt: number;
  linePt: number;
  /** Padding above and below plus one border. */
  chromePt: number;
  /** Horizontal padding plus border, taken off each column's width. */
  sidePt: number;
}

export function cellMetrics(size: keyof typeof TABLE.sizePt): CellMetrics {
  const sizePt = TABLE.sizePt[size] ?? TABLE.sizePt.body;
  const pad = mmToPt(TABLE.cellPaddingMm);
  return { sizePt, linePt: sizePt * TABLE.lineFactor, chromePt: 2 * pad + TABLE.borderPt, sidePt: 2 * pad + TABLE.borderPt };
}
