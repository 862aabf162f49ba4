// The layout stage: every decision about pages, between the checked model and the renderers.
// layoutDocument lays a model out on the grid by its own paginator and returns the laid-out
// model (merged cells cut at page starts, the 版记's placement, contents page numbers, a blank
// page before a plan's body) and its facts; frame/ turns it into positioned pages. Every writer
// takes those; none decides a page. (`measured` and measure/positions.ts are what is left of
// the Chromium path's layout print: no caller gives positions now.)
//
//   measure/  heights and widths from the profile
//   lines/    body text on the 28-character grid (禁则)
//   flow/     blocks onto pages (the paginator)
//   tables/   rows onto pages; merged cells cut at page starts
//   pages/    page numbers, blank pages, the 版记 on an even page
//   frame/    positioned pages (layoutPages): the paginator's pieces drawn as glyphs, rules,
//             pictures and links at page coordinates, with structure and outline — what the
//             PDF, OFD and preview writers draw
import type { DocumentModel, HeadingBlock, ImprintPlacement } from '../model/types.js';
import { mmToPt, PAGE } from '../profile/gbt9704.js';
import { distribute } from './flow/distribute.js';
import { flowFacts } from './flow/facts.js';
export { flowFacts } from './flow/facts.js';
export { layoutPages, bookMetrics, displayWidths, type LayoutPagesOptions } from './frame/index.js';
import { MARKS, headingMarkName, pagesByName, rowMarkName, sectionMarkName, type Position } from './measure/positions.js';
import { displayedNumber } from './pages/numbers.js';
import { imprintHeightPt, placeImprint, type ImprintFacts } from './pages/imprint.js';
import { splitMergesAtPages } from './tables/merges.js';
import { pageStartRows } from './tables/starts.js';

import { fillDisplayLines } from './lines/index.js';
import { fillColumnWidths } from './measure/index.js';
import { fillKeeps } from './flow/keeps.js';
import type { TextMetrics } from './measure/text-width.js';
import type { FontBook } from '../fonts/book-types.js';
import { displayWidths } from './frame/metrics.js';

export type { Position, Measurer } from './measure/positions.js';
export type { LatinWidths, TextMetrics } from './measure/text-width.js';
export { MARKS, headingMarkName, rowMarkName, sectionMarkName, pagesByName } from './measure/positions.js';
export { placeImprint, imprintHeightPt } from './pages/imprint.js';
export { tablesOf } from './tables/order.js';
import { tablesOf } from './tables/order.js';
import type { LayoutFacts } from './facts.js';
export type { LayoutFacts } from './facts.js';
export { splitMergesAtPages, withoutRowSpans } from './tables/merges.js';
export { pageStartRows } from './tables/starts.js';

export interface LaidOut {
  model: DocumentModel;
  facts: LayoutFacts;
}

export interface LayoutOptions {
  /** Positions measured on a print, instead of the grid's count (the Chromium path's layout print; unused now). */
  measured?: Position[];
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
  return fillKeeps(fillColumnWidths(fillDisplayLines(model, book ? displayWidths(book) : undefined)));
}

const headingsOf = (m: DocumentModel): HeadingBlock[] => m.sections.flatMap((s) => s.blocks.filter((b): b is HeadingBlock => b.type === 'heading'));

export function layoutDocument(model: DocumentModel, opts: LayoutOptions = {}): LaidOut {
  const facts = opts.measured ? measuredFacts(model, opts.measured, opts.pagesBetween ?? 0) : gridFacts(model, opts.pagesBetween ?? 0, opts.metrics);
  return { model: applyFacts(model, facts), facts };
}

/** The paginator's facts: every page decision from the grid and the profile's metrics. */
export function gridFacts(model: DocumentModel, pagesBetween = 0, metrics: TextMetrics = {}): LayoutFacts {
  return flowFacts(model, distribute(model, metrics), pagesBetween);
}

/**
 * Facts from a print's positions: the print was made without the layout's additions (no blank
 * page before a body, the 版记 flowing after the content), so the same rules apply to what it
 * measured.
 */
export function measuredFacts(model: DocumentModel, positions: Position[], pagesBetween = 0): LayoutFacts {
  const pageOf = pagesByName(positions);
  const at = (name: string) => positions.find((p) => p.name === name);
  const end = at(MARKS.contentEnd);
  const sectionStarts = model.sections.map((_, i) => pageOf.get(sectionMarkName(i)));
  const lastPrinted = end?.page ?? Math.max(1, ...positions.map((p) => p.page));
  // A plan's body on a right-hand page: a blank page before it when the front matter is odd.
  const blankBefore: number[] = [];
  let frontMatter = false;
  let bodyStarted = false;
  model.sections.forEach((s, i) => {
    const start = sectionStarts[i];
    if (s.part === 'body' && !bodyStarted && frontMatter && start !== undefined && start % 2 === 0) blankBefore.push(i);
    if (s.part === 'cover' || s.part === 'toc') frontMatter = true;
    if (s.part === 'body') bodyStarted = true;
  });
  const shift = (page: number) => page + blankBefore.filter((i) => (sectionStarts[i] ?? Infinity) <= page).length;
  // Unnumbered: pages of sections without numbers, and the blank pages.
  const uncounted = new Set<number>();
  model.sections.forEach((s, i) => {
    const from = sectionStarts[i];
    if (from === undefined) return;
    if (blankBefore.includes(i)) uncounted.add(shift(from) - 1);
    if (s.pageNumbers) return;
    const next = sectionStarts.slice(i + 1).find((p) => p !== undefined);
    const to = next !== undefined ? next - 1 : lastPrinted;
    for (let p = from; p <= to; p++) uncounted.add(shift(p));
  });
  const shown = displayedNumber(uncounted);
  const headingPages: Record<string, number> = {};
  const physicalHeadings: Record<string, number> = {};
  for (const h of headingsOf(model)) {
    const p = pageOf.get(headingMarkName(h.id));
    if (p === undefined) continue;
    headingPages[h.id] = shown(shift(p));
    physicalHeadings[h.id] = shift(p);
  }
  const tablePageStarts: Record<number, number[]> = {};
  tablesOf(model).forEach((t, i) => {
    const starts = pageStartRows(t, i, pageOf);
    if (starts.length) tablePageStarts[i] = starts;
  });
  const contentPages = shift(lastPrinted);
  let imprint: ImprintFacts | undefined;
  if (model.imprint && end) {
    const textBottom = mmToPt(PAGE.topMm + PAGE.textHeightMm);
    const imprintEnd = at(MARKS.imprintEnd);
    // The 版记 followed the content directly, or (break-inside: avoid) started a new page.
    const height = !imprintEnd ? imprintHeightPt(model.imprint) : imprintEnd.page === end.page ? imprintEnd.top - end.top : imprintEnd.top - mmToPt(PAGE.topMm);
    imprint = placeImprint({
      lastPage: contentPages + pagesBetween,
      freePt: textBottom - end.top,
      imprintPt: height,
      portrait: Math.abs(end.pageHeight - mmToPt(PAGE.heightMm)) < 2,
      pagesBetween,
    });
  }
  return {
    source: 'measured',
    contentPages,
    pages: contentPages + (imprint?.pagesAdded ?? 0),
    headingPages,
    tablePageStarts,
    blankBefore,
    physical: {
      sections: sectionStarts.map((p) => (p === undefined ? 0 : shift(p))),
      headings: physicalHeadings,
      tables: tablesOf(model).map((t, i) => shift(pageOf.get(rowMarkName(i, t.headerRows)) ?? 0)),
    },
    imprint,
  };
}

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
      blocks: s.blocks.map((b) => {
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
