// Profile measures → CSS lengths. Every number here comes from src/profile/gbt9704.ts.
import { CHAR_PITCH_MM, GRID, LINE_PITCH_MM, mmToPt } from '../../profile/gbt9704.js';

/** A CSS length in millimetres, with enough digits that 22 lines make exactly 225 mm. */
export function mm(v: number): string {
  return `${+v.toFixed(4)}mm`;
}

export function pt(v: number): string {
  return `${+v.toFixed(4)}pt`;
}

/** n body lines (the grid's line pitch). */
export function lines(n: number): string {
  return mm(n * LINE_PITCH_MM);
}

/** n grid characters (the grid's character pitch). */
export function chars(n: number): string {
  return mm(n * CHAR_PITCH_MM);
}

/** letter-spacing that makes 28 characters of 3号 fill the 156 mm line. */
export const GRID_LETTER_SPACING = pt(mmToPt(CHAR_PITCH_MM) - GRID.bodySizePt);

/**
 * Room left free when something must end exactly on the text block's bottom edge (the 版记's
 * last rule): Chromium's layout rounding must never push it onto the next page.
 */
export const FIT_EPSILON_MM = 0.2;
