// The 版记 stands at the foot of an even last page (§7.4.1, §7.5). From the layout pass we know
// the page where the content ends, how far down it ends, and how tall the 版记 is.
import type { ImprintPlacement } from '../../model/types.js';
import { PAGE, mmToPt, ptToMm } from '../../profile/gbt9704.js';
import type { ImprintLayout } from '../html/index.js';
import { FIT_EPSILON_MM, MARKS } from '../html/index.js';
import type { MarkerHit } from './markers.js';


export interface ImprintDecision {
  layout: ImprintLayout;
  /** Pages of the content (before any 版记 page) in the final print. */
  contentPages: number;
}

/**
 * @param extraPagesBefore pages inserted between the content and the 版记 (appended PDFs): they
 *   count for the parity, and the 版记 can then never share the content's last page.
 */
export function decideImprint(hits: MarkerHit[], extraPagesBefore = 0): ImprintDecision | undefined {
  const end = hits.find((h) => h.name === MARKS.contentEnd);
  const imprintEnd = hits.find((h) => h.name === MARKS.imprintEnd);
  if (!end) return undefined;
  const textTop = mmToPt(PAGE.topMm);
  const textBottom = mmToPt(PAGE.topMm + PAGE.textHeightMm);
  // Height of the 版记: it followed the content directly, or (break-inside: avoid) started a new page.
  let height = 0;
  if (imprintEnd) height = imprintEnd.page === end.page ? imprintEnd.top - end.top : imprintEnd.top - textTop;
  const lastPage = end.page + extraPagesBefore;
  // A landscape last page cannot hold the (portrait) 版记 at its foot: it gets a page of its own.
  const portrait = Math.abs(end.pageHeight - mmToPt(PAGE.heightMm)) < 2;
  let placement: ImprintPlacement;
  let spacerMm: number | undefined;
  if (lastPage % 2 === 1) placement = 'next-page';
  else if (extraPagesBefore === 0 && portrait && textBottom - end.top >= height) {
    placement = 'same-page';
    spacerMm = Math.max(0, ptToMm(textBottom - end.top - height) - FIT_EPSILON_MM);
  } else placement = 'after-blank';
  return {
    layout: { placement, spacerMm, unnumbered: extraPagesBefore > 0 },
    contentPages: end.page,
  };
}
