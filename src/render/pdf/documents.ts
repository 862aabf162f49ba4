// The plans for whole documents (one, or a batch's many): each is laid out by the layout
// stage's paginator on the grid and printed once; the print checks itself against those facts
// (layout/confirm.ts). Measured on content/: 9 of the 11 examples print as the grid laid them
// out. A document whose print disagrees is laid out again from a layout print's positions (the
// Measurer) and printed a second time, and that print must agree: a wrong page is never written.
//
// Documents that can share a print (no contents page, no appended PDF, every section numbered)
// are stacked into one (executor.ts); documents of a batch whose annexes and 版记 are the same
// and start on the same page print those pages once, with the first of them (the carrier), and
// the others (riders) print their bodies only and take the carrier's pages. A document alone in
// its print keeps its bookmarks and tags.
import type { PDFDocument } from 'pdf-lib';
import type { FontMap } from '../../fonts/index.js';
import type { DocumentModel } from '../../model/types.js';
import { disagreement, tablesOf } from '../../layout/index.js';
import { collectHeadings, documentHead, renderBody, ImageSet, type HtmlOptions } from '../html/index.js';
import { cutPart, printParts, type Part, type PartPrint, type Printed, type Printer } from './executor.js';
import { cutsMerges, identityOf, layoutFor, missingGlyphs, probeModel, type PdfResult, type PrintFacts } from './facts.js';
import { finalizeDoc, loadAppendix } from './finalize.js';
import type { MarkerHit } from './markers.js';
import { renderSliced, sliceSite } from './sliced.js';
import { traced } from '../../util/trace.js';
import { verbose } from '../../util/log.js';

/** Documents longer than this (long name lists) are printed without a structure tree (tags). */
export const TAGGED_MAX_PAGES = 200;

/** Whether a document (not one printed in slices) can share a print with others. */
function canPrintTogether(m: DocumentModel): boolean {
  return m.appendPdfs.length === 0 && m.sections.every((s) => s.pageNumbers && !s.blocks.some((b) => b.type === 'toc'));
}

/**
 * Whether anything in the document depends on where its pages fall: a 版记 to place, a contents
 * page, merged cells to cut, a blank page before a body. A print of a document that has none of
 * these is right however its pages came out.
 */
function dependsOnPages(m: DocumentModel): boolean {
  return !!m.imprint || m.sections.some((s) => s.part === 'cover' || s.part === 'toc') || tablesOf(m).some(cutsMerges);
}

interface Doc {
  source: DocumentModel;
  appendix: PDFDocument[];
  appendedPages: number;
  facts: PrintFacts;
  together: boolean;
  prints: number;
  /** Pages before its first annex, and the document that prints its annexes (a rider's carrier). */
  tail?: { from: number; bodyPages: number; carrier?: number };
}

/** PDFs of the models, in order; a document's failure is its own (an Error in its place). */
export async function renderDocuments(printer: Printer, models: DocumentModel[], fonts: FontMap): Promise<(PdfResult | Error)[]> {
  const base: HtmlOptions = { fontCss: fonts.fontCss };
  const results: (PdfResult | Error | undefined)[] = models.map(() => undefined);
  const docs: (Doc | undefined)[] = await Promise.all(
    models.map(async (m, k) => {
      const site = sliceSite(m);
      if (site) {
        // A long list goes in slices of pages (bounded memory, linear time).
        results[k] = await renderSliced(printer, m, site, fonts).catch((err: Error) => err);
        return undefined;
      }
      try {
        const appendix = await loadAppendix(m.appendPdfs);
        const appendedPages = appendix.reduce((n, d) => n + d.getPageCount(), 0);
        const facts = layoutFor(m, fonts, appendedPages);
        return { source: m, appendix, appendedPages, facts, together: models.length > 1 && canPrintTogether(m), prints: 0 };
      } catch (err) {
        results[k] = err as Error;
        return undefined;
      }
    }),
  );
  const images = ImageSet.of(models);

  // Round 1 (and a second for documents put on the wrong side of the sheet by one before them
  // that ran long): the grid's facts, one print for the documents that can share one.
  let pending = docs.map((d, k) => (d ? k : -1)).filter((k) => k >= 0);
  const measure: number[] = [];
  for (let round = 0; round < 2 && pending.length; round++) {
    const shifted: number[] = [];
    const these = pending;
    await printRound(printer, these.map((k) => docs[k]!), fonts, base, images, round === 0, (j, err) => (results[these[j]] ??= err), async (j, printed, part, share) => {
      const k = these[j];
      const d = docs[k]!;
      d.prints += share;
      if (part.shifted) return void shifted.push(k);
      const wrong = dependsOnPages(d.source) ? disagreement(d.facts.model, d.facts.layout, { positions: part.hits, pages: part.pages.length, appendedPages: d.appendedPages }) : undefined;
      if (wrong) {
        verbose(`${d.source.meta.title}: the print disagrees with the grid's layout (${wrong}); laying it out from a layout print`);
        return void measure.push(k);
      }
      results[k] = await finish(d, printed, part, fonts);
    });
    pending = shifted;
  }
  measure.push(...pending);

  // The rest: a layout print of all of them at once, then their final prints, which must agree.
  const probes = measure.length
    ? await traced('Chromium: layout print', () =>
        printParts(printer, measure.map((k) => ({ body: renderBody(probeModel(docs[k]!.source), { ...base, markers: true, probe: true }), firstPage: 1 })), fonts, { head: documentHead(docs[measure[0]]!.source, base), images }),
      ).catch((err: Error) => {
        for (const k of measure) results[k] = err;
        return undefined;
      })
    : undefined;
  if (probes) {
    measure.forEach((k, j) => {
      const d = docs[k]!;
      d.prints += 1 / measure.length;
      d.facts = layoutFor(d.source, fonts, d.appendedPages, probes.parts[j].hits);
      d.tail = undefined;
    });
    await printRound(printer, measure.map((k) => docs[k]!), fonts, base, images, false, (j, err) => (results[measure[j]] ??= err), async (j, printed, part, share) => {
      const k = measure[j];
      const d = docs[k]!;
      d.prints += share;
      const wrong = part.shifted ? 'it began on the wrong side of the sheet' : disagreement(d.facts.model, d.facts.layout, { positions: part.hits, pages: part.pages.length, appendedPages: d.appendedPages });
      results[k] = wrong ? new Error(`the PDF did not come out as its layout (${wrong})`) : await finish(d, printed, part, fonts);
    });
  }
  return results.map((r) => r ?? new Error('the document was not printed'));
}

type Judge = (index: number, printed: Printed, part: PartPrint, share: number) => Promise<void>;
type Fail = (index: number, err: Error) => void;

/**
 * One final print per document that prints alone, one for all the others; `judge` sees each
 * document's part. With `shareTails`, riders print their bodies only and take the carrier's pages.
 * A print that fails (Chromium gone, a time limit) fails the documents in it, no others; so does
 * a document whose finishing fails.
 */
async function printRound(printer: Printer, docs: Doc[], fonts: FontMap, base: HtmlOptions, images: ImageSet, shareTails: boolean, fail: Fail, judge: Judge): Promise<void> {
  const together = docs.map((d, j) => (d.together ? j : -1)).filter((j) => j >= 0);
  const alone = docs.map((d, j) => (d.together ? -1 : j)).filter((j) => j >= 0);
  const judged: Judge = (j, printed, part, share) => judge(j, printed, part, share).catch((err: Error) => fail(j, err));
  await Promise.all([
    ...alone.map(async (j) => {
      const d = docs[j];
      const printed = await traced('Chromium: print', () =>
        printParts(printer, [{ body: renderBody(d.facts.model, { ...d.facts.html, markers: true }), firstPage: 1, pages: d.facts.layout.pages + d.appendedPages }], fonts, {
          head: documentHead(d.source, base),
          images,
          outline: collectHeadings(d.facts.model).length > 0,
          tagged: d.facts.layout.pages <= TAGGED_MAX_PAGES,
        }),
      ).catch((err: Error) => void fail(j, err));
      if (printed) await judged(j, printed, printed.parts[0], 1);
    }),
    together.length
      ? printTogether(printer, together.map((j) => docs[j]), fonts, documentHead(docs[together[0]].source, base), images, shareTails, (i, printed, part, share) => judged(together[i], printed, part, share)).catch((err: Error) => {
          for (const j of together) fail(j, err);
        })
      : undefined,
  ]);
}

async function printTogether(printer: Printer, docs: Doc[], fonts: FontMap, head: string, images: ImageSet, shareTails: boolean, judge: Judge): Promise<void> {
  const tails = shareTails ? sharedTails(docs) : docs.map(() => undefined);
  const parts: Part[] = docs.map((d, j) => {
    const t = tails[j];
    const rider = t?.carrier !== undefined;
    // A rider prints its body only: its annexes and 版记 are the carrier's pages.
    const model = rider ? { ...d.facts.model, sections: d.facts.model.sections.slice(0, t!.from), imprint: undefined } : d.facts.model;
    const html = rider ? { ...d.facts.html, imprint: undefined } : d.facts.html;
    return { body: renderBody(model, { ...html, markers: true }), firstPage: 1, pages: rider ? t!.bodyPages : d.facts.layout.pages };
  });
  const printed = await traced('Chromium: print', () => printParts(printer, parts, fonts, { head, images }));
  const share = 1 / docs.length;
  await Promise.all(
    docs.map(async (d, j) => {
      const t = tails[j];
      const part = printed.parts[j];
      if (t?.carrier === undefined) return judge(j, printed, part, share);
      // A rider: its body's pages, then its carrier's annex pages, with the carrier's markers of them.
      const carrier = printed.parts[t.carrier];
      const ok = !part.shifted && !carrier.shifted && part.pages.length === t.bodyPages;
      const annexHits = carrier.hits.filter((h) => h.page > t.bodyPages);
      const joined: PartPrint = ok
        ? { pages: [...part.pages, ...carrier.pages.slice(t.bodyPages)], hits: [...part.hits.filter((h) => h.page <= t.bodyPages && h.name !== 'end'), ...annexHits], shifted: false }
        : { ...part, shifted: true };
      return judge(j, printed, joined, share);
    }),
  );
}

/**
 * Documents whose annexes and 版记 are the same and start on the same page: the first is the
 * carrier, the others ride on it. A document's annexes start on a page of their own and depend on
 * nothing before them but the page they start on (numbers, and the side of the sheet for the 版记).
 */
function sharedTails(docs: Doc[]): ({ from: number; bodyPages: number; carrier?: number } | undefined)[] {
  const first = new Map<string, number>();
  return docs.map((d, j) => {
    const m = d.facts.model;
    const from = m.sections.findIndex((s) => s.part === 'annex');
    if (from < 1) return undefined;
    const bodyPages = d.facts.layout.physical.sections[from] - 1;
    // Tables are numbered in document order: the annexes' tables must have the carrier's numbers.
    const tablesBefore = m.sections.slice(0, from).reduce((n, s) => n + s.blocks.filter((b) => b.type === 'table').length, 0);
    const key = `${from}|${bodyPages}|${tablesBefore}|${JSON.stringify([m.sections.slice(from), m.imprint, m.imprintPlacement, m.imprintSpacerPt])}`;
    const carrier = first.get(key);
    if (carrier === undefined) first.set(key, j);
    return { from, bodyPages, carrier };
  });
}

/** A document's pages out of its print, finished: appended PDFs in, metadata, a fixed /ID. */
async function finish(d: Doc, printed: Printed, part: PartPrint, fonts: FontMap): Promise<PdfResult> {
  const { model, layout } = d.facts;
  const doc = await cutPart(printed, part);
  // External PDFs go after the annexes (on the blank numbered pages printed for them, whose
  // numbers they take); with a 版记 on its own page(s), before those pages.
  const insertAt = d.appendix.length && layout.imprint && layout.imprint.placement !== 'same-page' ? layout.contentPages : undefined;
  const { bytes, pageCount } = await traced('pdf-lib: finish', () => finalizeDoc(doc, { meta: model.meta, identity: identityOf(model, fonts), appendix: d.appendix, insertAt }));
  return { pdf: bytes, pageCount, imprintPlacement: layout.imprint?.placement, headingPages: layout.headingPages, prints: d.prints, diagnostics: missingGlyphs(model, fonts), model };
}

export type { MarkerHit, PdfResult };
