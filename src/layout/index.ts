// The layout stage: every decision about pages, between the checked model and the renderers.
// layoutDocument lays a model out on the grid by its own paginator and returns the laid-out
// model (merged cells cut at page starts, the 版记's placement, contents page numbers, a blank
// page before a plan's body) and its facts; frame/ turns it into positioned pages. Every writer
// takes those; none decides a page.
//
//   measure/  heights and widths from the profile
//   lines/    body text on the 28-character grid (禁则)
//   flow/     blocks onto pages (the paginator)
//   tables/   rows onto pages; merged cells cut at page starts
//   pages/    page numbers, blank pages, the 版记 on an even page
//   frame/    positioned pages (layoutPages): the paginator's pieces drawn as glyphs, rules,
//             pictures and links at page coordinates, with structure and outline — what the
//             PDF, OFD and preview writers draw
import type { DocumentModel, ImprintPlacement, ParagraphBlock } from '../model/types.js';
import { memoByIdentity } from '../util/identity-memo.js';
import { distribute } from './flow/distribute.js';
import { flowFacts } from './flow/facts.js';
export { flowFacts } from './flow/facts.js';
export { layoutPages, bookMetrics, displayWidths, type LayoutPagesOptions } from './frame/index.js';
import { splitMergesAtPages, unmergeFormRows } from './tables/merges.js';

import { fillDisplayLines } from './lines/index.js';
import { fillColumnWidths } from './measure/index.js';
import { fillKeeps } from './flow/keeps.js';
import { NOMINAL, type TextMetrics } from './measure/text-width.js';
import type { FontBook } from '../fonts/book-types.js';
import { displayWidths } from './frame/metrics.js';

export type { LatinWidths, TextMetrics } from './measure/text-width.js';
export { placeImprint, imprintHeightPt } from './pages/imprint.js';
export { tablesOf } from './tables/order.js';
import { tablesOf } from './tables/order.js';
import type { LayoutFacts } from './facts.js';
export type { LayoutFacts } from './facts.js';
export { splitMergesAtPages } from './tables/merges.js';

export interface LaidOut {
  model: DocumentModel;
  facts: LayoutFacts;
}

export interface LayoutOptions {
  /** Pages put between the content and the 版记 (appended PDFs). */
  pagesBetween?: number;
  /**
   * The Latin widths of the fonts the document is drawn in (frame/metrics.ts: bookMetrics, from
   * the font book): the grid then breaks lines with figures where the PDF draws them. Absent: the
   * nominal half width (Times New Roman, which the DOCX names and LibreOffice and Word use).
   */
  metrics?: TextMetrics;
}

/**
 * The widths and lines every later decision stands on, before anything is paginated or printed:
 * display lines (标志, titles) broken between phrases, table columns allocated and cell text
 * broken between words. The paginator, the positioned pages and the DOCX all see this model.
 */
export function prepareLayout(model: DocumentModel, book?: FontBook): DocumentModel {
  // With the font book, display lines are broken at the faces' real widths (what layoutPages draws).
  return fillKeeps(fillColumnWidths(unmergeForms(fillDisplayLines(model, book ? displayWidths(book) : undefined))));
}

/** Every official form's grouped rows as their value in every row (tables/merges.ts). */
function unmergeForms(model: DocumentModel): DocumentModel {
  return { ...model, sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => (b.type === 'table' ? unmergeFormRows(b) : b)) })) };
}

export function layoutDocument(model: DocumentModel, opts: LayoutOptions = {}): LaidOut {
  const facts = gridFacts(model, opts.pagesBetween ?? 0, opts.metrics);
  return { model: applyFacts(model, facts), facts };
}

/** The paginator's facts: every page decision from the grid and the profile's metrics. */
export function gridFacts(model: DocumentModel, pagesBetween = 0, metrics: TextMetrics = NOMINAL): LayoutFacts {
  return flowFacts(model, distribute(model, metrics), pagesBetween);
}

/** A paragraph the DOCX holds with the signature (flow/distribute.ts), once per paragraph a batch's documents share. */
const heldParagraph = memoByIdentity((b: ParagraphBlock): ParagraphBlock => ({ ...b, held: true }));

/** The model with the facts in it: what both renderers draw. */
export function applyFacts(model: DocumentModel, facts: LayoutFacts): DocumentModel {
  let t = 0;
  const placement: ImprintPlacement | undefined = facts.imprint?.placement;
  return {
    ...model,
    imprintPlacement: placement ?? model.imprintPlacement,
    imprintSpacerPt: facts.imprint?.spacerPt,
    sections: model.sections.map((s, si) => ({
      ...s,
      ...(facts.blankBefore.includes(si) ? { blankPageBefore: true } : {}),
      blocks: s.blocks.map((b, bi) => {
        if (b.type === 'paragraph' && facts.held.some((h) => h.section === si && h.block === bi)) return heldParagraph(b);
        if (b.type === 'table') {
          const starts = facts.tablePageStarts[t++];
          return b.repeatMergedOnBreak && starts?.length ? splitMergesAtPages(b, starts) : b;
        }
        if (b.type === 'toc') return { ...b, pages: facts.headingPages };
        return b;
      }),
    })),
  };
}
