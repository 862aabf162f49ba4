// Whether a print came out as the layout it was made with: "a guess is only used for a print
// that checks itself". The PDF is printed once from the layout stage's facts (the grid's, or a
// layout print's) with markers in it; this compares where the markers landed with the facts.
// The DOCX is drawn from the same facts, so a print that disagrees is never written: the
// caller lays the document out again from what this print measured, or reports an error.
//
// Pure: positions in, a reason out. Pages are physical, counted from the document's first page.
import type { DocumentModel } from '../model/types.js';
import { mmToPt, PAGE } from '../profile/gbt9704.js';
import type { LayoutFacts } from './facts.js';
import { headingMarkName, MARKS, pagesByName, sectionMarkName, type Position } from './measure/positions.js';
import { pageStartRows } from './tables/starts.js';
import { tablesOf } from './tables/order.js';

/**
 * How far from the text block's foot the 版记 may end on its shared page. Chromium places boxes on
 * whole CSS pixels (0.75 pt); the spacer is computed to end 0.2 mm (0.57 pt) above the foot.
 */
const FOOT_TOLERANCE_PT = 2;

export interface PrintedDocument {
  /** Marker positions, pages counted from the document's first page. */
  positions: Position[];
  /** Pages the document took in the print (placeholders of appended PDFs included). */
  pages: number;
  /** Placeholder pages printed for appended PDFs. */
  appendedPages?: number;
}

/**
 * Undefined when the print agrees with the facts: its page count, each section's and heading's
 * page, the rows where each table with cut merged cells starts a page, the content's last page
 * and the 版记 at the foot of its page. Otherwise what differs, for the log.
 */
export function disagreement(model: DocumentModel, facts: LayoutFacts, printed: PrintedDocument): string | undefined {
  const expected = facts.pages + (printed.appendedPages ?? 0);
  if (printed.pages !== expected) return `${printed.pages} pages printed, ${expected} laid out`;
  const pageOf = pagesByName(printed.positions);
  for (const [i, first] of facts.physical.sections.entries()) {
    // A section's marker stands at its top, which is its blank page when it has one.
    const want = facts.blankBefore.includes(i) ? first - 1 : first;
    const got = pageOf.get(sectionMarkName(i));
    if (first > 0 && got !== undefined && got !== want) return `section ${i + 1} starts on page ${got}, laid out on ${want}`;
  }
  for (const [id, want] of Object.entries(facts.physical.headings)) {
    const got = pageOf.get(headingMarkName(id));
    if (got !== undefined && got !== want) return `heading ${id} on page ${got}, laid out on ${want}`;
  }
  for (const [i, t] of tablesOf(model).entries()) {
    // Tables whose merged cells were cut where the layout starts pages: they must start there.
    if (!t.repeatMergedOnBreak) continue;
    const got = pageStartRows(t, i, pageOf).join();
    const want = (facts.tablePageStarts[i] ?? []).join();
    if (got !== want) return `table ${i + 1} starts pages at rows [${got}], laid out at [${want}]`;
  }
  return endDisagreement(facts, printed.positions, printed.pages);
}

/**
 * The content's end and the 版记 against the facts: the content ends on its last page, a 版记
 * sharing that page ends at the text block's foot, a 版记 of its own is on the last page.
 * `firstPage`: the document's page that the positions' page 1 is (a slice printed from it).
 */
export function endDisagreement(facts: LayoutFacts, positions: Position[], pages: number, firstPage = 1): string | undefined {
  const contentEnd = facts.contentPages - firstPage + 1;
  const end = positions.find((p) => p.name === MARKS.contentEnd);
  if (end && end.page !== contentEnd) return `the content ends on page ${end.page}, laid out on ${contentEnd}`;
  const imprint = facts.imprint;
  const imprintEnd = positions.find((p) => p.name === MARKS.imprintEnd);
  if (imprint && imprintEnd) {
    if (imprint.placement === 'same-page') {
      const foot = mmToPt(PAGE.topMm + PAGE.textHeightMm);
      if (end && imprintEnd.page !== end.page) return `the 版记 ends on page ${imprintEnd.page}, laid out on ${end.page}`;
      if (Math.abs(imprintEnd.top - foot) > FOOT_TOLERANCE_PT) return `the 版记 ends ${(foot - imprintEnd.top).toFixed(1)} pt above the text block's foot`;
    } else if (imprintEnd.page !== pages) return `the 版记 is on page ${imprintEnd.page}, laid out on ${pages}`;
  }
  return undefined;
}
