// The paginator's facts from one run of it: what the DOCX, a print check and the positioned
// pages (layout/frame) read of where things went. Its own module so that layout/frame can
// derive the facts of the run it draws without importing the stage's entry.
import type { DocumentModel } from '../../model/types.js';
import { mmToPt, PAGE } from '../../profile/gbt9704.js';
import type { LayoutFacts } from '../facts.js';
import { imprintHeightPt, placeImprint, type ImprintFacts } from '../pages/imprint.js';
import { displayedNumber } from '../pages/numbers.js';
import type { Flow } from './distribute.js';

/** The facts of one run of the paginator (layout/frame draws the same run's pieces). */
export function flowFacts(model: DocumentModel, flow: Flow, pagesBetween = 0): LayoutFacts {
  const shown = displayedNumber(flow.uncounted);
  const headingPages: Record<string, number> = {};
  const physicalHeadings: Record<string, number> = {};
  for (const [id, p] of flow.headingPages) {
    headingPages[id] = shown(p);
    physicalHeadings[id] = p;
  }
  const tablePageStarts: Record<number, number[]> = {};
  for (const [i, s] of flow.tableStarts) tablePageStarts[i] = s;
  let imprint: ImprintFacts | undefined;
  if (model.imprint) {
    imprint = placeImprint({
      lastPage: flow.lastPage + pagesBetween,
      freePt: flow.lastBox.heightPt - flow.usedPt,
      imprintPt: imprintHeightPt(model.imprint),
      portrait: flow.lastBox.heightPt === mmToPt(PAGE.textHeightMm),
      pagesBetween,
    });
  }
  return {
    source: 'grid',
    contentPages: flow.lastPage,
    pages: flow.lastPage + (imprint?.pagesAdded ?? 0),
    headingPages,
    tablePageStarts,
    blankBefore: [...flow.blankBefore],
    held: flow.held,
    physical: { sections: flow.sectionStarts, headings: physicalHeadings, tables: tableFirstPages(model, flow.blockPages) },
    imprint,
  };
}

/** The page each table starts on, in document order, from the paginator's block pages. */
function tableFirstPages(model: DocumentModel, blockPages: number[][]): number[] {
  return model.sections.flatMap((s, si) => s.blocks.flatMap((b, bi) => (b.type === 'table' ? [blockPages[si][bi]] : [])));
}
