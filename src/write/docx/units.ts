// Geometry of the GB/T 9704 page in Word's units, derived from the style profile only.
// Word works in twips (1/20 pt) and half-points; we round ourselves (never floor by accident).

import {
  PAGE,
  LANDSCAPE,
  GRID,
  LINE_PITCH_MM,
  CHAR_PITCH_MM,
  PAGE_NUMBER,
  mmToPt,
  ptToMm,
} from '../../profile/gbt9704.js';

export const mmToTw = (mm: number): number => Math.round((mm * 1440) / 25.4);
export const ptToTw = (pt: number): number => Math.round(pt * 20);
/** w:sz is in half-points. */
export const ptToHalf = (pt: number): number => Math.round(pt * 2);
/** Border widths (w:sz of borders) are in eighths of a point. */
export const ptToEighth = (pt: number): number => Math.round(pt * 8);
export const mmToEighth = (mm: number): number => ptToEighth(mmToPt(mm));

export interface PageGeometry {
  width: number;
  height: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Width of the text block in twips. */
  textWidth: number;
  /** Footer distance from the page edge, so that the page number line starts 7 mm below the text block. */
  footer: number;
  landscape: boolean;
}

function geometry(p: { widthMm: number; heightMm: number; topMm: number; leftMm: number; textWidthMm: number; textHeightMm: number }, landscape: boolean): PageGeometry {
  const width = mmToTw(p.widthMm);
  const height = mmToTw(p.heightMm);
  const top = mmToTw(p.topMm);
  const left = mmToTw(p.leftMm);
  const bottomMm = p.heightMm - p.topMm - p.textHeightMm;
  const bottom = mmToTw(bottomMm);
  const right = mmToTw(p.widthMm - p.leftMm - p.textWidthMm);
  // The footer paragraph is one exact 4号 line; its top lies PAGE_NUMBER.belowTextMm below the text block.
  const footer = mmToTw(bottomMm - PAGE_NUMBER.belowTextMm - ptToMm(PAGE_NUMBER.sizePt));
  return { width, height, top, bottom, left, right, textWidth: width - left - right, footer, landscape };
}

export const PORTRAIT_TW = geometry(PAGE, false);
export const LANDSCAPE_TW = geometry(LANDSCAPE, true);

/** Line pitch in twips, floored so that 22 lines fit the 225 mm text block (579). */
export const LINE_TW = Math.floor((LINE_PITCH_MM * 1440) / 25.4);

/** Character pitch in points (156 mm / 28). */
export const CHAR_PITCH_PT = mmToPt(CHAR_PITCH_MM);

/**
 * Character spacing of body text in twips (w:spacing of rPr), floored: 16 pt characters
 * squeezed by 0.25 pt make 28 fit the 156 mm line. Paragraphs do not snap to the document
 * grid: LibreOffice gives every 16 pt character two cells of a 15.79 pt character grid (14 a
 * line), while tightened characters without snapping give 28 a line in Word and LibreOffice.
 */
export const BODY_CHAR_SPACING_TW = Math.floor((CHAR_PITCH_PT - GRID.bodySizePt) * 20);

/** One body 字 as laid out (16 pt plus the spacing) in twips, for indents in twips beside their *Chars form. */
export const CHAR_TW = GRID.bodySizePt * 20 + BODY_CHAR_SPACING_TW;

/**
 * w:docGrid charSpace for a character grid: the pitch minus the Normal font size, in 4096ths
 * of a point, floored (−848 for 16 pt). Not written: with a character grid LibreOffice 7.4
 * breaks body lines after 27 characters even though 28 tightened ones fit (seen with
 * 2020-191); the grid is a line grid and the tightening alone gives 28 a line.
 */
export const CHAR_SPACE = Math.floor((CHAR_PITCH_PT - GRID.bodySizePt) * 4096);

/** Twips for n body characters. */
export const charsTw = (n: number): number => Math.round(n * CHAR_TW);

/** Width of text in grid characters (one rule for the model and both renderers). */
export { gridWidth } from '../../layout/measure/text-width.js';
