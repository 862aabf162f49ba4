// Contents page: a real TOC field whose cached result is already filled (entries with their
// numbers, a dot leader, and PAGEREF fields showing toc.pages when known), so Word, WPS and
// LibreOffice show it before anyone updates fields. Entries link to the headings' bookmarks.
//
// Which page numbers to trust: the cached numbers are the layout stage's, the same the PDF of
// the same build prints (layout/index.ts applyFacts gives both the one headingPages). But a
// PAGEREF is a field: LibreOffice computes it again from its own page breaks when it lays the
// file out, and Word does on "Update field" or before printing, so a word processor that breaks
// a page differently from the layout (the plan: LibreOffice from page 11, 19 and 22 where the
// PDF says 20 and 23) shows numbers that are right for its own pages. Each copy is right for
// itself; the PDF is the one to print and cite (README, "Contents page numbers").

import type { TocBlock } from '../../model/types.js';
import { TOC } from '../../profile/gbt9704.js';
import type { RenderContext } from './context.js';
import { field, lineSpacing, run, type Para } from './paragraph.js';
import { STYLE } from './styles.js';

export function tocParas(b: TocBlock, ctx: RenderContext): Para[] {
  const depth = Math.max(1, Math.min(4, b.depth));
  const out: Para[] = [
    { style: STYLE.tocHeading, spacing: lineSpacing(0, TOC.gapAfterTitleLines), body: run(b.title) },
  ];
  const entries = ctx.headings.filter((h) => h.level <= depth);
  const begin =
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
    `<w:r><w:instrText xml:space="preserve"> TOC \\o "1-${depth}" \\h \\z \\u </w:instrText></w:r>` +
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>';
  const end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
  if (entries.length === 0) {
    out.push({ style: STYLE.toc(1), body: begin + end });
    return out;
  }
  entries.forEach((h, i) => {
    const page = b.pages?.[h.id];
    const link =
      `<w:hyperlink w:anchor="${h.bookmark}" w:history="1">` +
      run(h.number + h.text) +
      run('\t') +
      field(`PAGEREF ${h.bookmark} \\h`, page !== undefined ? run(String(page)) : '') +
      '</w:hyperlink>';
    out.push({
      style: STYLE.toc(h.level),
      body: (i === 0 ? begin : '') + link + (i === entries.length - 1 ? end : ''),
    });
  });
  return out;
}
