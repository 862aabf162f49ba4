// The 版记 stands at the foot of an even last page (§7.4.1); a page with nothing on it carries
// no number (§7.5). The one rule for where it goes, used by the paginator (its own estimate of
// where the content ends) and by a print's measured positions alike.
import type { ImprintBlock, ImprintPlacement } from '../../model/types.js';
import { IMPRINT, mmToPt, PAGE } from '../../profile/gbt9704.js';
import { breakGridLines } from '../lines/grid-lines.js';
import { FIT_EPSILON_PT, LINE_PT } from '../measure/metrics.js';
import { gridWidth } from '../measure/text-width.js';

export interface ImprintInput {
  /** Physical page (1-based, counting pages put between content and 版记) where the content ends. */
  lastPage: number;
  /** Room left below the content on that page, in points. */
  freePt: number;
  /** Height of the 版记. */
  imprintPt: number;
  /** Whether that last page is portrait (a landscape page cannot hold the portrait 版记). */
  portrait: boolean;
  /** Pages put between the content and the 版记 (appended PDFs): it then never shares a page. */
  pagesBetween?: number;
}

export interface ImprintFacts {
  placement: ImprintPlacement;
  /** Physical page of the 版记 (always even). */
  page: number;
  /** 'same-page': blank space between the content and the 版记, in points. */
  spacerPt: number;
  /** Pages the 版记 adds after the content: 0, 1 or 2 (a blank page, unnumbered, then its own). */
  pagesAdded: number;
}

export function placeImprint(x: ImprintInput): ImprintFacts {
  const between = x.pagesBetween ?? 0;
  if (x.lastPage % 2 === 1) return { placement: 'next-page', page: x.lastPage + 1, spacerPt: 0, pagesAdded: 1 };
  if (between === 0 && x.portrait && x.freePt >= x.imprintPt) {
    return { placement: 'same-page', page: x.lastPage, spacerPt: Math.max(0, x.freePt - x.imprintPt - FIT_EPSILON_PT), pagesAdded: 0 };
  }
  return { placement: 'after-blank', page: x.lastPage + 2, spacerPt: 0, pagesAdded: 2 };
}

/**
 * Height of the 版记 from its text: rows of 4号 on the body's line pitch, each row's text
 * after its label wrapping within the text block less one character each side, plus its
 * rules (0.35 mm outer, 0.25 mm between rows).
 */
export function imprintHeightPt(b: ImprintBlock): number {
  const chars = mmToPt(PAGE.textWidthMm) / IMPRINT.sizePt - 2 * IMPRINT.sideIndentChars;
  let rows = 0;
  let lines = 0;
  for (const text of [b.to, b.cc]) {
    if (!text) continue;
    rows++;
    lines += breakGridLines(text, chars - gridWidth('抄送：')).length;
  }
  if (b.printer || b.printed) {
    rows++;
    lines++;
  }
  const rules = 2 * mmToPt(IMPRINT.outerRuleMm) + Math.max(0, rows - 1) * mmToPt(IMPRINT.innerRuleMm);
  return lines * LINE_PT + rules;
}
