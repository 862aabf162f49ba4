// Long tables (name lists) printed in slices of pages. One Chromium print of a 10,000-row table
// takes gigabytes and grows worse than linearly (the whole table is laid out and fragmented at
// once). Here the table goes a few dozen pages at a time, each slice a print of its own
// (executor.ts), two in flight on Chromium's two pages:
//
// 1. The layout stage lays the whole document out on the grid: where each page of the table
//    starts, where the 版记 goes. Slices are cut where those pages start; each is printed once,
//    its first page numbered as laid out and on its side of the sheet, and checked: its pages
//    must start at the rows laid out. That is the whole of it when the grid is right.
// 2. When a slice disagrees, the document is printed as it was before the grid knew how: each
//    slice measured by a layout print from the first row of a page on (the header repeated, as
//    on any continuation page), its last page dropped (it may have room for rows of the next
//    slice), the pages before it printed with merged cells cut where they start, and checked.
//
// Pages of a slice never depend on rows after it, so memory and time per slice are bounded and
// the whole grows linearly with the rows. Left out: bookmarks (a document printed in pieces has
// none) and tags (documents this long are printed without them anyway: TAGGED_MAX_PAGES).
import { PDFDocument } from 'pdf-lib';
import type { FontMap } from '../../fonts/index.js';
import type { DocumentModel, Section, TableBlock } from '../../model/types.js';
import { endDisagreement, pageStartRows, pagesByName, splitMergesAtPages, tablesOf } from '../../layout/index.js';
import { documentHead, renderBody, rowMarkName, type HtmlOptions, ImageSet } from '../html/index.js';
import { finalizeDoc } from './finalize.js';
import { printParts, type PartPrint, type Printer } from './executor.js';
import { cutsMerges, identityOf, layoutFor, missingGlyphs, probeModel, replaceTables, type PdfResult, type PrintFacts } from './facts.js';
import { verbose } from '../../util/log.js';

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
  if (tablesOf(model).some((t, i) => i !== best!.table && cutsMerges(t))) return undefined;
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

/** A slice printed: its pages and markers, and the pages it was laid out to take. */
interface SlicePrint {
  pdf: PDFDocument;
  part: PartPrint;
}

/** Prints `source` in slices of its long table: as the grid laid it out, or measured slice by slice. */
export async function renderSliced(printer: Printer, source: DocumentModel, site: SliceSite, fonts: FontMap): Promise<PdfResult> {
  // One set for every slice: a figure is read and checked once.
  const images = ImageSet.of([source]);
  const grid = layoutFor(source, fonts);
  const planned = await gridSlices(printer, grid, site, fonts, images).catch((err: Error) => err);
  const done = planned instanceof Error ? await measuredSlices(printer, source, site, fonts, images, planned.message) : { ...planned, facts: grid };
  const { bytes, pageCount } = await finalizeDoc(done.doc, { meta: source.meta, identity: identityOf(done.facts.model, fonts), appendix: [] });
  return {
    pdf: bytes,
    pageCount,
    imprintPlacement: done.facts.layout.imprint?.placement,
    headingPages: {},
    prints: done.prints,
    diagnostics: missingGlyphs(done.facts.model, fonts),
    model: done.facts.model,
  };
}

/** The table's page q (0-based) starts at this row. */
const rowOfPage = (t: TableBlock, starts: number[], q: number): number => (q === 0 ? t.headerRows : starts[q - 1]);

/**
 * The slices of the grid's layout, each printed once and checked against it. Throws (with what
 * differed) when a slice did not come out as laid out.
 */
async function gridSlices(printer: Printer, grid: PrintFacts, site: SliceSite, fonts: FontMap, images: ImageSet): Promise<{ doc: PDFDocument; prints: number }> {
  const { model, layout } = grid;
  const table = model.sections[site.section].blocks[site.block] as TableBlock;
  const n = table.rows.length;
  const starts = layout.tablePageStarts[site.table] ?? [];
  const tablePages = starts.length + 1;
  const p0 = layout.physical.tables[site.table];
  const slices: { from: number; to: number; firstPage: number; pages: number; first: boolean; last: boolean }[] = [];
  for (let qa = 0; qa < tablePages; qa += SLICE_PAGES) {
    const qb = Math.min(tablePages, qa + SLICE_PAGES);
    const first = qa === 0;
    const last = qb === tablePages;
    const firstPage = first ? 1 : p0 + qa;
    slices.push({ from: rowOfPage(table, starts, qa), to: last ? n : rowOfPage(table, starts, qb), firstPage, pages: last ? layout.pages - firstPage + 1 : p0 + qb - firstPage, first, last });
  }
  const printed: Promise<SlicePrint>[] = [];
  const html = (last: boolean) => ({ ...(last ? grid.html : base(grid.html)), markers: true });
  const head = documentHead(model, grid.html);
  // Two prints in flight: Chromium has two pages (PdfRenderer's pool), each slice is independent.
  const running = new Set<Promise<unknown>>();
  for (const s of slices) {
    if (running.size >= 2) await Promise.race(running);
    const sub = sliceModel(model, site, s.from, s.to);
    const ti = s.first ? site.table : 0;
    const want = starts.filter((r) => r > s.from && r < s.to).map((r) => r - s.from + table.headerRows);
    const p = printSlice(printer, renderBody(sub, html(s.last)), s.firstPage, s.pages, head, fonts, images, (part) =>
      sliceDisagrees(part, tablesOf(sub)[ti], ti, want, s.pages, s.last ? grid : undefined, s.firstPage),
    );
    inFlight(p);
    printed.push(p);
    const tracked = p.catch(() => undefined).finally(() => running.delete(tracked));
    running.add(tracked);
  }
  const all = await Promise.allSettled(printed);
  const failed = all.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return { doc: await join(all.map((r) => (r as PromiseFulfilledResult<SlicePrint>).value)), prints: slices.length };
}

/** The HTML options without the 版记's placement (slices before the last have no 版记). */
function base(html: HtmlOptions): HtmlOptions {
  return { fontCss: html.fontCss };
}

/** The slices' pages, one document. */
async function join(slices: SlicePrint[]): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const s of slices) for (const p of await doc.copyPages(s.pdf, s.part.pages)) doc.addPage(p);
  return doc;
}

/**
 * Why a slice's print differs from its layout, or undefined: its pages must start at the rows
 * laid out, its last row stand on its last table page, its page count be the one laid out, and
 * the last slice's content end and 版记 be where the document's layout put them.
 */
function sliceDisagrees(part: PartPrint, t: TableBlock, ti: number, want: number[], pages: number, whole: PrintFacts | undefined, firstPage: number): string | undefined {
  const counted = pagesDisagree(part, pages);
  if (counted) return counted;
  const pageOf = pagesByName(part.hits);
  const got = pageStartRows(t, ti, pageOf);
  if (got.join() !== want.join()) return `its pages started at ${got.length} rows, ${want.length} laid out (first at row ${got[0] ?? '-'}, laid out ${want[0] ?? '-'})`;
  const lastRow = pageOf.get(rowMarkName(ti, t.rows.length - 1));
  if (lastRow === undefined) return 'its last row was not printed';
  if (!whole) return lastRow === pages ? undefined : `its last row is on page ${lastRow} of ${pages}`;
  return endDisagreement(whole.layout, part.hits, pages, firstPage);
}

/** A slice on the wrong side of the sheet, or of another length than laid out. */
function pagesDisagree(part: PartPrint, pages: number): string | undefined {
  if (part.shifted) return 'it began on the wrong side of the sheet';
  if (part.pages.length !== pages) return `${part.pages.length} pages printed, ${pages} laid out`;
  return undefined;
}

/**
 * The slices measured one by one (the grid's layout did not hold): each slice's layout print
 * from the first row of a page on, its pages but the last printed with merged cells cut where
 * they start, the next slice from that last page's first row.
 */
async function measuredSlices(printer: Printer, source: DocumentModel, site: SliceSite, fonts: FontMap, images: ImageSet, why: string): Promise<{ doc: PDFDocument; prints: number; facts: PrintFacts }> {
  verbose(`the grid's layout of the long table did not hold (${why}): measuring it slice by slice`);
  const baseHtml: HtmlOptions = { fontCss: fonts.fontCss };
  const head = documentHead(source, baseHtml);
  const table = source.sections[site.section].blocks[site.block] as TableBlock;
  const n = table.rows.length;
  const starts: number[] = [];
  const finals: Promise<SlicePrint>[] = [];
  let from = table.headerRows;
  let rows = FIRST_SLICE_ROWS;
  let pagesBefore = 0;
  let lastFacts: PrintFacts | undefined;
  let prints = 0;
  try {
    for (;;) {
      const to = Math.min(n, from + rows);
      const first = from === table.headerRows;
      const probeSource = sliceModel(source, site, from, to);
      const probe = await printParts(printer, [{ body: renderBody(probeModel(probeSource), { ...baseHtml, markers: true, probe: true }), firstPage: 1 }], fonts, { head, images });
      prints++;
      // Pages counted from the document's first page: the 版记's side of the sheet depends on it.
      const hits = probe.parts[0].hits.map((h) => ({ ...h, page: h.page + pagesBefore }));
      // The sliced table's index among the slice's tables: later slices begin with it.
      const ti = first ? site.table : 0;
      const sub = rowsOf(table, from, to, first);
      const pageOf = pagesByName(hits);
      // Row r of the slice's table is row from + r - headerRows of the whole table.
      const abs = pageStartRows(sub, ti, pageOf).map((r) => from + r - table.headerRows);
      if (to === n) {
        starts.push(...abs);
        const facts = layoutFor(probeSource, fonts, 0, hits);
        const pages = facts.layout.imprint ? facts.layout.contentPages - pagesBefore + facts.layout.imprint.pagesAdded : probe.parts[0].pages.length;
        finals.push(inFlight(printSlice(printer, renderBody(facts.model, { ...facts.html, markers: true }), pagesBefore + 1, pages, head, fonts, images)));
        prints++;
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
      // Pages before the one the cut row starts.
      const pages = pageOf.get(rowMarkName(ti, cut - from + table.headerRows))! - pagesBefore - 1;
      const want = keep.map((r) => r - from + table.headerRows);
      const firstPage = pagesBefore + 1;
      finals.push(
        inFlight(
          printSlice(printer, renderBody(model, { ...baseHtml, markers: true }), firstPage, pages, head, fonts, images, (part) =>
            sliceDisagrees(part, tablesOf(model)[ti], ti, want, pages, undefined, firstPage),
          ),
        ),
      );
      prints++;
      pagesBefore += pages;
      // Rows per page so far, and enough rows for the next slice's pages plus the one dropped.
      const perPage = (cut - table.headerRows) / pagesBefore;
      rows = Math.max(50, Math.ceil(perPage * (SLICE_PAGES + 1)));
      from = cut;
    }
    const doc = await join(await Promise.all(finals));
    // The document as printed: the table's merged cells cut wherever a page starts.
    const whole = replaceTables(source, (t, i) => (i === site.table ? splitMergesAtPages(t, starts) : t));
    return { doc, prints, facts: { ...lastFacts!, model: whole } };
  } finally {
    // A failed slice must not leave prints running into a closed page pool.
    await Promise.allSettled(finals);
  }
}

/** One slice printed and checked (`check` says what differs from its layout, if anything). */
async function printSlice(
  printer: Printer,
  body: string,
  firstPage: number,
  pages: number,
  head: string,
  fonts: FontMap,
  images: ImageSet,
  check: (part: PartPrint) => string | undefined = (part) => pagesDisagree(part, pages),
): Promise<SlicePrint> {
  const pr = await printParts(printer, [{ body, firstPage, pages }], fonts, { head, images });
  const part = pr.parts[0];
  const wrong = check(part);
  if (wrong) throw new Error(`slice from page ${firstPage}: ${wrong}`);
  return { pdf: pr.doc, part };
}
