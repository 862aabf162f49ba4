// Many documents per Chromium print, for batches. A print costs a fixed ~150–300 ms whatever
// its length, so printing a chunk of documents at once and cutting the result apart with
// pdf-lib is several times faster than a print per document.
//
// Two-pass: pass 1 prints every document's layout probe in one HTML, each starting on a new
// page, with marker names prefixed by the document's index; the markers give each document's
// facts as if it had been printed alone. Pass 2 prints the final documents in one HTML, each
// starting on an odd (right-hand) page after one or two filler pages whose `counter-set: page 0`
// makes the next document's pages count from 1 (seen in Chromium 156: counter-set on a named page
// carries on to the following pages; counter-reset does not). Fillers are dropped on splitting.
//
// Speculative (one pass): when an earlier document of the same shape has been laid out
// (LayoutMemory), its facts are applied straight away and the final print keeps its markers.
// Each document is then checked against its own markers: pages where they were planned, merged
// cells cut exactly where its pages start, the 版记 at the foot of the page it was meant for.
// The documents that pass are cut out (markers stripped); the others go through the two passes.
//
// What this cannot do is printed alone (PdfRenderer.render): contents pages (their links would
// point across documents), appended PDFs, sections without page numbers.

import { PDFDocument } from 'pdf-lib';
import type { FontMap } from '../../fonts/index.js';
import type { DocumentModel } from '../../model/types.js';
import { documentHead, FIT_EPSILON_MM, MARK_ORIGIN, MARKS, renderBody, rowMarkName, sectionMarkName, type HtmlOptions, ImageSet } from '../html/index.js';
import { PAGE, mmToPt } from '../../profile/gbt9704.js';
import { finalizeDoc } from './finalize.js';
import { markersOf, pagesByName, readMarkers, stripMarkers, type MarkerHit } from './markers.js';
import { layoutShape, type LayoutGuess } from './layout-memory.js';
import { sliceSite } from './sliced.js';
import { factsOf, finalPages, identityOf, missingGlyphs, planLayout, tablesOf, type PrintFacts, type LayoutPlan, type PdfRenderer, type PdfResult } from './pdf-renderer.js';
import { pageStartRows } from '../../layout/index.js';

const FILLER_PAGE = 'gw-filler';

/** CSS added to a combined print: the filler page that restarts the page count. */
const FILLER_CSS = `@page ${FILLER_PAGE} { counter-set: page 0; @bottom-right { content: none; } @bottom-left { content: none; } }
.gw-filler { page: ${FILLER_PAGE}; break-before: page; height: 1mm; }
.gw-doc + .gw-doc, .gw-filler + .gw-doc { break-before: page; }`;

/** Whether a document can share a print with others. */
export function canPrintTogether(m: DocumentModel): boolean {
  return m.appendPdfs.length === 0 && m.sections.every((s) => s.pageNumbers && !s.blocks.some((b) => b.type === 'toc')) && !sliceSite(m);
}

/** Prefixes the document's marker names so that the markers of many documents stay apart. */
function tagMarkers(body: string, k: number): string {
  return body.split(MARK_ORIGIN).join(`${MARK_ORIGIN}d${k}~`);
}

/** A combined print's markers, per document, with the prefix of tagMarkers taken off. */
function markersByDoc(hits: MarkerHit[], n: number): MarkerHit[][] {
  const byDoc: MarkerHit[][] = Array.from({ length: n }, () => []);
  for (const h of hits) {
    const m = /^d(\d+)~(.*)$/s.exec(h.name);
    if (m) byDoc[Number(m[1])].push({ ...h, name: m[2] });
  }
  return byDoc;
}

function combine(head: string, parts: string[]): string {
  // The fillers' rules go in the body: the head stays the one of every print (PdfRenderer.print).
  return `${head}<body>\n<style>\n${FILLER_CSS}\n</style>\n${parts.join('\n')}\n</body>\n</html>\n`;
}

/**
 * The documents' bodies one after another, each starting on an odd page after at least one
 * filler (none before the first), with where each one's pages will be.
 */
function stack(bodies: string[], counts: number[]): { parts: string[]; ranges: { from: number; count: number }[]; pages: number } {
  const parts: string[] = [];
  const ranges: { from: number; count: number }[] = [];
  let pages = 0;
  bodies.forEach((body, k) => {
    if (k > 0) {
      const fillers = pages % 2 === 1 ? 1 : 2;
      for (let i = 0; i < fillers; i++) parts.push('<div class="gw-filler"></div>');
      pages += fillers;
    }
    ranges.push({ from: pages, count: counts[k] });
    pages += counts[k];
    parts.push(`<div class="gw-doc">${body}</div>`);
  });
  return { parts, ranges, pages };
}

/**
 * Prints `models` (all `canPrintTogether`) and returns one result per model, in order: in one
 * print for the documents whose layout an earlier document of the batch predicts (checked),
 * in two for the rest.
 */
export async function renderMany(renderer: PdfRenderer, models: DocumentModel[], fonts: FontMap): Promise<PdfResult[]> {
  if (models.length === 0) return [];
  if (models.length === 1) return [await renderer.render(models[0], fonts)];
  const plans = models.map(planLayout);
  const guesses = models.map((m) => renderer.memory.guess(m));
  const results: (PdfResult | undefined)[] = models.map(() => undefined);
  let guessed = models.map((_, k) => k).filter((k) => guesses[k]);
  // A document that ran longer than its guess moves every later one of its print onto the wrong
  // side of the sheet: those are printed once more with their guesses (they were right), only
  // the wrong one goes through the two passes.
  const spent = models.map(() => 0);
  for (let attempt = 0; attempt < 2 && guessed.length > 0; attempt++) {
    const got = await printGuessed(renderer, guessed.map((k) => models[k]), guessed.map((k) => plans[k]), guessed.map((k) => guesses[k]!), fonts);
    const again: number[] = [];
    got.forEach((r, j) => {
      const k = guessed[j];
      spent[k] += 1 / guessed.length;
      if (r === 'shifted') again.push(k);
      else if (r === 'wrong') renderer.memory.judge(models[k], false);
      else {
        renderer.memory.judge(models[k], true);
        results[k] = { ...r, prints: spent[k] };
      }
    });
    guessed = again;
  }
  const rest = models.map((_, k) => k).filter((k) => !results[k]);
  if (rest.length === 1) results[rest[0]] = await renderer.render(models[rest[0]], fonts);
  else if (rest.length > 1) {
    const got = await twoPass(renderer, rest.map((k) => models[k]), rest.map((k) => plans[k]), fonts);
    got.forEach((r, j) => (results[rest[j]] = r));
  }
  return results as PdfResult[];
}

/**
 * Prints `models` in two Chromium prints. Falls back to printing each alone if the combined
 * print does not come out with the pages the layout pass predicted.
 */
async function twoPass(renderer: PdfRenderer, models: DocumentModel[], plans: LayoutPlan[], fonts: FontMap): Promise<PdfResult[]> {
  const base: HtmlOptions = { fontCss: fonts.fontCss };

  // Pass 1: every document's probe (or the document itself), markers on.
  const head = documentHead(models[0], base);
  const probes = models.map((m, k) => `<div class="gw-doc">${tagMarkers(renderBody(plans[k].probe ?? m, { ...base, markers: true, probe: true }), k)}</div>`);
  const images = ImageSet.of(models);
  const first = await renderer.print(combine(head, probes), fonts, false, false, images);
  const { hits } = await readMarkers(first);
  const byDoc = markersByDoc(hits, models.length);
  // Rebase pages to each document's first page (its first section's marker).
  const starts = byDoc.map((hs) => hs.find((h) => h.name === sectionMarkName(0))?.page);
  if (starts.some((s) => s === undefined)) return Promise.all(models.map((m) => renderer.render(m, fonts)));
  const pass1Pages = starts.map((s, k) => (k + 1 < starts.length ? starts[k + 1]! : Infinity) - s!);
  const rebasedHits: MarkerHit[][] = [];
  const facts = models.map((m, k) => {
    const rebased = byDoc[k].map((h) => ({ ...h, page: h.page - starts[k]! + 1 }));
    rebasedHits.push(plans[k].probe ? rebased : []);
    const last = Math.max(1, ...rebased.map((h) => h.page));
    if (!Number.isFinite(pass1Pages[k])) pass1Pages[k] = last;
    return factsOf(m, plans[k], rebased, base);
  });

  // Pass 2: final documents, each on an odd page after its filler(s).
  const { parts, ranges, pages } = stack(
    facts.map((f) => renderBody(f.model, f.html)),
    facts.map((f, k) => (f.html.imprint || !plans[k].probe ? finalPages(f, pass1Pages[k]) : pass1Pages[k])),
  );
  const printed = await renderer.print(combine(head, parts), fonts, false, false, images);
  const combined = await PDFDocument.load(printed, { updateMetadata: false });
  if (combined.getPageCount() !== pages) {
    // A document laid out differently in the final print than the layout pass said: the
    // cut points are unknown, so print each alone.
    return Promise.all(models.map((m) => renderer.render(m, fonts)));
  }

  const out: PdfResult[] = [];
  for (const [k, f] of facts.entries()) {
    out.push(await cutOut(combined, ranges[k], f, fonts, 2 / models.length));
    renderer.memory.learn(models[k], rebasedHits[k], ranges[k].count);
  }
  return out;
}

interface PageRange {
  from: number;
  count: number;
}

/** One document's pages out of a combined print (from one range, or several), finished. */
async function cutOut(combined: PDFDocument, ranges: PageRange | PageRange[], f: PrintFacts, fonts: FontMap, prints: number): Promise<PdfResult> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const indices = [ranges].flat().flatMap((r) => Array.from({ length: r.count }, (_, i) => r.from + i));
  const copied = await doc.copyPages(combined, indices);
  for (const p of copied) doc.addPage(p);
  const { bytes, pageCount } = await finalizeDoc(doc, { meta: f.model.meta, identity: identityOf(f.model, fonts), appendix: [] });
  return {
    pdf: bytes,
    pageCount,
    imprintPlacement: f.placement,
    headingPages: f.headingPages,
    prints,
    diagnostics: missingGlyphs(f.model, fonts),
    model: f.model,
  };
}

/**
 * One print of the final documents with the facts of their guesses, markers kept. Returns a
 * result for each document whose print matches its guess, and asGuessed's verdict for the others.
 */
async function printGuessed(renderer: PdfRenderer, models: DocumentModel[], plans: LayoutPlan[], guesses: LayoutGuess[], fonts: FontMap): Promise<(PdfResult | 'wrong' | 'shifted')[]> {
  const base: HtmlOptions = { fontCss: fonts.fontCss };
  const facts = models.map((m, k) => factsOf(m, plans[k], guesses[k].hits, base));
  const tails = sharedTails(models, guesses);
  const bodies = facts.map((f, k) => {
    const t = tails[k];
    // A rider prints its body only: its annexes and 版记 are the carrier's pages.
    const m = t?.carrier !== undefined ? { ...f.model, sections: f.model.sections.slice(0, t.from), imprint: undefined } : f.model;
    const opts = t?.carrier !== undefined ? { ...f.html, imprint: undefined } : f.html;
    return tagMarkers(renderBody(m, { ...opts, markers: true }), k);
  });
  const { parts, ranges } = stack(bodies, guesses.map((g, k) => (tails[k]?.carrier !== undefined ? tails[k]!.bodyPages : g.pages)));
  const printed = await renderer.print(combine(documentHead(models[0], base), parts), fonts, false, false, ImageSet.of(models));
  const combined = await PDFDocument.load(printed, { updateMetadata: false });
  const { hits } = markersOf(combined);
  // Off the pages before they are copied: copyPages takes what a page refers to.
  for (const page of combined.getPages()) stripMarkers(page);
  const byDoc = markersByDoc(hits, models.length);
  const verdicts = facts.map((f, k) => asGuessed(f, plans[k], guesses[k], byDoc[k], ranges[k], tails[k]?.carrier !== undefined));
  const out: (PdfResult | 'wrong' | 'shifted')[] = [];
  for (const [k, f] of facts.entries()) {
    const t = tails[k];
    let verdict = verdicts[k];
    if (verdict !== 'right') {
      out.push(verdict);
      continue;
    }
    if (t?.carrier === undefined) {
      out.push(await cutOut(combined, ranges[k], f, fonts, 1 / models.length));
      continue;
    }
    // The carrier's annex pages, if the carrier came out right; else try again next round.
    const c = t.carrier;
    if (verdicts[c] !== 'right') verdict = 'shifted';
    out.push(verdict === 'right' ? await cutOut(combined, [ranges[k], { from: ranges[c].from + t.bodyPages, count: guesses[c].pages - t.bodyPages }], f, fonts, 1 / models.length) : verdict);
  }
  return out;
}

/**
 * Documents of a batch whose annexes and 版记 are the same (one notice per base, the same list
 * attached) and start on the same page: those pages are printed once, with the first of them
 * (the carrier); the others (riders) print their bodies only and take the carrier's pages. A
 * document's annexes start on a page of their own and depend on nothing before them but the
 * page they start on (numbers, and the side of the sheet for the 版记).
 */
function sharedTails(models: DocumentModel[], guesses: LayoutGuess[]): ({ from: number; bodyPages: number; carrier?: number } | undefined)[] {
  const first = new Map<string, number>();
  return models.map((m, k) => {
    const from = m.sections.findIndex((s) => s.part === 'annex');
    if (from < 1) return undefined;
    const start = guesses[k].hits.find((h) => h.name === sectionMarkName(from))?.page;
    if (start === undefined) return undefined;
    const bodyPages = start - 1;
    const key = `${layoutShape(m)}|${bodyPages}|${JSON.stringify([m.sections.slice(from), m.imprint])}`;
    const carrier = first.get(key);
    if (carrier === undefined) first.set(key, k);
    return { from, bodyPages, carrier };
  });
}

/**
 * Whether a document came out of a speculative print as its guess said: 'right', 'wrong', or
 * 'shifted' (as guessed, but not on the page planned, because a document before it ran long).
 */
function asGuessed(f: PrintFacts, plan: LayoutPlan, guess: LayoutGuess, hits: MarkerHit[], range: { from: number; count: number }, bodyOnly = false): 'right' | 'wrong' | 'shifted' {
  const start = hits.find((h) => h.name === sectionMarkName(0))?.page;
  if (start === undefined) return 'wrong';
  const rebased = hits.map((h) => ({ ...h, page: h.page - start + 1 }));
  // Its last page (the content's end or the 版记's) is where the guess put it.
  if (Math.max(...rebased.map((h) => h.page)) !== range.count) return 'wrong';
  // Merged cells were cut where the guess said pages start: they must start there.
  if (plan.cut.size) {
    const now = pagesByName(rebased);
    const then = pagesByName(guess.hits);
    const tables = tablesOf(f.model);
    for (const i of plan.cut) {
      // Printed without its annexes, a document only answers for the tables of its body.
      if (bodyOnly && !rebased.some((h) => h.name === rowMarkName(i, tables[i].headerRows))) continue;
      const a = pageStartRows(tables[i], i, now);
      const b = pageStartRows(tables[i], i, then);
      if (a.length !== b.length || a.some((r, j) => r !== b[j])) return 'wrong';
    }
  }
  if (f.placement && !bodyOnly) {
    const end = rebased.find((h) => h.name === MARKS.contentEnd);
    if (!end || end.page !== f.contentPages) return 'wrong';
    if (f.placement === 'same-page') {
      // The spacer was measured on the guess's page: the 版记 must end at the foot of this one.
      const imprintEnd = rebased.find((h) => h.name === MARKS.imprintEnd);
      const foot = mmToPt(PAGE.topMm + PAGE.textHeightMm - FIT_EPSILON_MM);
      if (!imprintEnd || imprintEnd.page !== end.page || Math.abs(imprintEnd.top - foot) > 1.5) return 'wrong';
    }
  }
  return start === range.from + 1 ? 'right' : 'shifted';
}
