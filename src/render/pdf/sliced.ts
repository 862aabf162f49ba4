// Long tables (name lists) printed in slices. One Chromium print of a 10,000-row table takes gigabytes
// and grows worse than linearly (the whole table is laid out and fragmented at once, then the
// layout pass and the final print both do it). Here the table is printed a few dozen pages at a
// time, each slice in two passes like any document:
//
// 1. the slice's layout pass prints its rows from the first row of a page on (the header row
//    repeated, as on any continuation page) with row markers, and tells where its pages start;
// 2. its last page may have room for more rows, so it is dropped: the next slice starts with
//    that page's first row, and the pages before it are final;
// 3. the final print of those pages (merged cells cut where pages start) runs while the next
//    slice's layout pass does, on the other Chromium page;
// 4. each final print begins with filler pages that set the page counter and put its first
//    page on the right side of the sheet (see render-many.ts); pdf-lib drops them and joins the
//    slices.
//
// The last slice carries the rest of the document and the 版记, decided with its pages counted
// from the document's first page. Pages of a slice never depend on rows after it, so memory and
// time per slice are bounded and the whole grows linearly with the rows.
//
// Left out: bookmarks (a document printed in pieces has none) and tags (documents this long are
// printed without them anyway: TAGGED_MAX_PAGES).
import { PDFDocument } from 'pdf-lib';
import type { FontMap } from '../../fonts/index.js';
import type { DocumentModel, Section, TableBlock } from '../../model/types.js';
import { splitMergesAtPages } from '../../layout/tables/merges.js';
import { renderHtml, rowMarkName, type HtmlOptions, ImageSet } from '../html/index.js';
import { finalizeDoc } from './finalize.js';
import { markersOf, pagesByName, readMarkers, stripMarkers, type MarkerHit } from './markers.js';
import { applyLayout, finalPages, identityOf, missingGlyphs, planLayout, replaceTables, tablesOf, type PrintFacts, type PdfRenderer, type PdfResult } from './pdf-renderer.js';
import { pageStartRows } from '../../layout/index.js';

/** Body rows of a merged list table from which the document is printed in slices. */
export const SLICE_MIN_ROWS = 600;
/** Pages a slice aims at: big enough that a print's fixed cost is small, small enough for memory. */
const SLICE_PAGES = 48;
/** Rows of the first slice, before the rows per page are known. */
const FIRST_SLICE_ROWS = 700;

/** Where the table to slice is: section, block, and its index among the document's tables. */
export interface SliceSite {
  section: number;
  block: number;
  table: number;
}

/**
 * The table to print in slices, if the document has one: its longest table, when it has more
 * than SLICE_MIN_ROWS body rows and no other table has merged cells to cut at page breaks (their
 * facts would have to be carried across slices), in a document whose every section is numbered
 * (slices restart the page counter) and that has no contents page or appended PDF.
 */
export function sliceSite(model: DocumentModel): SliceSite | undefined {
  if (model.appendPdfs.length || model.sections.some((s) => !s.pageNumbers || s.blocks.some((b) => b.type === 'toc'))) return undefined;
  let best: (SliceSite & { rows: number }) | undefined;
  let n = 0;
  for (const [si, s] of model.sections.entries()) {
    for (const [bi, b] of s.blocks.entries()) {
      if (b.type !== 'table') continue;
      const rows = b.rows.length - b.headerRows;
      if (rows > SLICE_MIN_ROWS && (!best || rows > best.rows)) best = { section: si, block: bi, table: n, rows };
      n++;
    }
  }
  if (!best) return undefined;
  const cut = planLayout(model).cut;
  if ([...cut].some((i) => i !== best!.table)) return undefined;
  return { section: best.section, block: best.block, table: best.table };
}

/**
 * Head rows plus body rows [from, to), merged cells cut at both ends. Marked to have its rows'
 * pages read back (row markers), merged cells or not: slices are cut where pages start.
 */
function rowsOf(t: TableBlock, from: number, to: number, first: boolean): TableBlock {
  const cut = splitMergesAtPages(t, [from, to]);
  return { ...cut, repeatMergedOnBreak: true, caption: first ? t.caption : undefined, rows: [...cut.rows.slice(0, t.headerRows), ...cut.rows.slice(from, to)] };
}

/**
 * The part of the document a slice prints: before the table (first slice only), the table's rows
 * [from, to), and after it (last slice only, with the 版记).
 */
function sliceModel(m: DocumentModel, site: SliceSite, from: number, to: number): DocumentModel {
  const t = m.sections[site.section].blocks[site.block] as TableBlock;
  const first = from === t.headerRows;
  const last = to === t.rows.length;
  const s = m.sections[site.section];
  const section: Section = {
    ...s,
    blocks: [...(first ? s.blocks.slice(0, site.block) : []), rowsOf(t, from, to, first), ...(last ? s.blocks.slice(site.block + 1) : [])],
  };
  return {
    ...m,
    sections: [...(first ? m.sections.slice(0, site.section) : []), section, ...(last ? m.sections.slice(site.section + 1) : [])],
    imprint: last ? m.imprint : undefined,
  };
}

/**
 * A print left running while the next slice is laid out. Its failure is seen where it is
 * awaited; until then it must not count as an unhandled rejection (Node would exit).
 */
function inFlight<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** CSS of a slice's print: fillers that set the page counter, then the slice on a new page. */
function sliceHtml(html: string, firstPage: number): string {
  if (firstPage === 1) return html;
  const fillers = fillersBefore(firstPage);
  const css = `@page gw-from { counter-set: page ${firstPage - 1}; @bottom-right { content: none; } @bottom-left { content: none; } }
.gw-from { page: gw-from; height: 1mm; break-after: page; }`;
  const open = html.indexOf('<body>') + '<body>'.length;
  return `${html.slice(0, open)}\n<style>\n${css}\n</style>\n${'<div class="gw-from"></div>'.repeat(fillers)}${html.slice(open)}`;
}

/** Filler pages before a slice: its first page must fall on its own side of the sheet (odd numbers right). */
function fillersBefore(firstPage: number): number {
  return firstPage === 1 ? 0 : firstPage % 2 === 1 ? 2 : 1;
}

/** Prints `source` in slices of its long table. */
export async function renderSliced(renderer: PdfRenderer, source: DocumentModel, site: SliceSite, fonts: FontMap): Promise<PdfResult> {
  const base: HtmlOptions = { fontCss: fonts.fontCss };
  // One set for every slice: a figure is read and checked once.
  const images = ImageSet.of([source]);
  const table = source.sections[site.section].blocks[site.block] as TableBlock;
  const n = table.rows.length;
  const starts: number[] = [];
  const finals: { pdf: Promise<Uint8Array>; firstPage: number; pages: number; check?: SliceCheck }[] = [];
  let from = table.headerRows;
  let rows = FIRST_SLICE_ROWS;
  let pagesBefore = 0;
  let lastFacts: PrintFacts | undefined;
  try {
    for (;;) {
      const to = Math.min(n, from + rows);
      const first = from === table.headerRows;
      const probeSource = sliceModel(source, site, from, to);
      const plan = planLayout(probeSource);
      const probe = await renderer.print(renderHtml(plan.probe ?? probeSource, { ...base, markers: true, probe: true }), fonts, false, false, images);
      const { hits: raw, pageCount } = await readMarkers(probe);
      // Pages counted from the document's first page: the 版记's side of the sheet depends on it.
      const hits: MarkerHit[] = raw.map((h) => ({ ...h, page: h.page + pagesBefore }));
      // The sliced table's index among the slice's tables: later slices begin with it.
      const ti = first ? site.table : 0;
      const sub = rowsOf(table, from, to, first);
      const pageOf = pagesByName(hits);
      const local = pageStartRows(sub, ti, pageOf);
      // Row r of the slice's table is row from + r - headerRows of the whole table.
      const abs = local.map((r) => from + r - table.headerRows);
      if (to === n) {
        starts.push(...abs);
        const facts = applyLayout(probeSource, hits, 0, base);
        const html = renderHtml(facts.model, facts.html);
        finals.push({ pdf: inFlight(renderer.print(sliceHtml(html, pagesBefore + 1), fonts, false, false, images)), firstPage: pagesBefore + 1, pages: finalPages(facts, pageCount, pagesBefore) });
        lastFacts = facts;
        break;
      }
      if (abs.length === 0) {
        // All of it on one page: take more rows.
        rows *= 2;
        continue;
      }
      // The last page may have room for rows of the next slice: it is printed again there.
      const cut = abs[abs.length - 1];
      const keep = abs.slice(0, -1);
      starts.push(...abs);
      const finalSource = sliceModel(source, site, from, cut);
      const model = replaceTables(finalSource, (t, i) => (i === ti ? splitMergesAtPages(t, keep.map((r) => r - from + table.headerRows)) : t));
      // Pages before the one the cut row starts (not the print's page count: a table ending
      // flush with the foot can leave one more, empty, page).
      const pages = pageOf.get(rowMarkName(ti, cut - from + table.headerRows))! - pagesBefore - 1;
      // Printed with its markers, to check that its pages start where the layout pass said.
      const check = { table: ti, starts: keep.map((r) => r - from + table.headerRows), model };
      finals.push({ pdf: inFlight(renderer.print(sliceHtml(renderHtml(model, { ...base, markers: true }), pagesBefore + 1), fonts, false, false, images)), firstPage: pagesBefore + 1, pages, check });
      pagesBefore += pages;
      // Rows per page so far, and enough rows for the next slice's pages plus the one dropped.
      const perPage = (cut - table.headerRows) / pagesBefore;
      rows = Math.max(50, Math.ceil(perPage * (SLICE_PAGES + 1)));
      from = cut;
    }
    const doc = await PDFDocument.create({ updateMetadata: false });
    for (const f of finals) {
      const part = await PDFDocument.load(await f.pdf, { updateMetadata: false });
      const skip = fillersBefore(f.firstPage);
      const printed = part.getPageCount() - skip;
      if (f.check) checkSlice(part, f.check, skip, f.pages, f.firstPage);
      else if (printed !== f.pages) throw new Error(`slice from page ${f.firstPage}: ${printed} pages printed, ${f.pages} expected`);
      const copied = await doc.copyPages(part, Array.from({ length: f.pages }, (_, i) => skip + i));
      for (const p of copied) doc.addPage(p);
    }
    // The document as printed: the table's merged cells cut wherever a page starts.
    const whole = replaceTables(source, (t, i) => (i === site.table ? splitMergesAtPages(t, starts) : t));
    const facts = { ...lastFacts!, model: whole, headingPages: {} };
    const { bytes, pageCount } = await finalizeDoc(doc, { meta: source.meta, identity: identityOf(whole, fonts), appendix: [] });
    return { pdf: bytes, pageCount, imprintPlacement: facts.placement, headingPages: {}, prints: finals.length * 2, diagnostics: missingGlyphs(whole, fonts), model: facts.model };
  } finally {
    // A failed slice must not leave prints running into a closed page pool.
    await Promise.allSettled(finals.map((f) => f.pdf));
  }
}

interface SliceCheck {
  /** Index of the sliced table among the slice's tables. */
  table: number;
  /** Rows of the slice's table that start a page, from its layout pass. */
  starts: number[];
  model: DocumentModel;
}

/**
 * A slice's final print must start its pages at the rows its layout pass said, and have no row
 * past its planned pages. (Its table ending flush with the foot of the last page can push the
 * table's closing border onto one more, empty, page: that page is not copied.) Markers go.
 */
function checkSlice(part: PDFDocument, c: SliceCheck, skip: number, pages: number, firstPage: number): void {
  const { hits } = markersOf(part);
  for (const p of part.getPages()) stripMarkers(p);
  const tables = tablesOf(c.model);
  const pageOf = pagesByName(hits);
  const got = pageStartRows(tables[c.table], c.table, pageOf);
  const lastRow = pageOf.get(rowMarkName(c.table, tables[c.table].rows.length - 1));
  if (got.join() !== c.starts.join() || lastRow === undefined || lastRow - skip !== pages) {
    throw new Error(`slice from page ${firstPage}: its pages did not start at the rows its layout pass gave (${got.length} page starts, ${c.starts.length} planned; last row on page ${lastRow === undefined ? '?' : lastRow - skip} of ${pages})`);
  }
}
