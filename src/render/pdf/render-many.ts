// Many documents per Chromium print, for batches. A print costs a fixed ~150–300 ms whatever
// its length, so printing a chunk of documents at once and cutting the result apart with
// pdf-lib is several times faster than a print per document.
//
// Pass 1 prints every document's layout probe in one HTML, each starting on a new page, with
// marker names prefixed by the document's index; the markers give each document's facts as
// if it had been printed alone. Pass 2 prints the final documents in one HTML, each starting
// on an odd (right-hand) page after one or two filler pages whose `counter-set: page 0` makes
// the next document's pages count from 1 (seen in Chromium 156: counter-set on a named page
// carries on to the following pages; counter-reset does not). Fillers are dropped on splitting.
//
// What this cannot do is printed alone (PdfRenderer.render): contents pages (their links would
// point across documents), appended PDFs, sections without page numbers.

import { PDFDocument } from 'pdf-lib';
import type { FontMap } from '../../fonts/index.js';
import type { DocumentModel } from '../../model/types.js';
import { MARK_ORIGIN, renderHtml, sectionMarkName, type HtmlOptions } from '../html/index.js';
import { finalizeDoc } from './finalize.js';
import { readMarkers, type MarkerHit } from './markers.js';
import { applyLayout, identityOf, missingGlyphs, planLayout, printedModel, type LayoutFacts, type PdfRenderer, type PdfResult } from './pdf-renderer.js';

const FILLER_PAGE = 'gw-filler';

/** CSS added to a combined print: the filler page that restarts the page count. */
const FILLER_CSS = `@page ${FILLER_PAGE} { counter-set: page 0; @bottom-right { content: none; } @bottom-left { content: none; } }
.gw-filler { page: ${FILLER_PAGE}; break-before: page; height: 1mm; }
.gw-doc + .gw-doc, .gw-filler + .gw-doc { break-before: page; }`;

/** Whether a document can share a print with others. */
export function canPrintTogether(m: DocumentModel): boolean {
  return m.appendPdfs.length === 0 && m.sections.every((s) => s.pageNumbers && !s.blocks.some((b) => b.type === 'toc'));
}

function split(html: string): { head: string; body: string } {
  const open = html.indexOf('<body>');
  const close = html.lastIndexOf('</body>');
  return { head: html.slice(0, open), body: html.slice(open + '<body>'.length, close) };
}

/** Prefixes the document's marker names so that the markers of many documents stay apart. */
function tagMarkers(body: string, k: number): string {
  return body.split(MARK_ORIGIN).join(`${MARK_ORIGIN}d${k}~`);
}

function combine(head: string, parts: string[]): string {
  return `${head.replace('</head>', `<style>\n${FILLER_CSS}\n</style>\n</head>`)}<body>\n${parts.join('\n')}\n</body>\n</html>\n`;
}

/** Final page count of a document from its layout facts. */
function finalPages(facts: LayoutFacts, pass1Pages: number): number {
  if (!facts.placement) return pass1Pages;
  const extra = facts.placement === 'same-page' ? 0 : facts.placement === 'next-page' ? 1 : 2;
  return (facts.contentPages ?? pass1Pages) + extra;
}

/**
 * Prints `models` (all `canPrintTogether`) in two Chromium prints and returns one result per
 * model, in order. Falls back to printing each alone if the combined print does not come out
 * with the pages the layout pass predicted.
 */
export async function renderMany(renderer: PdfRenderer, models: DocumentModel[], fonts: FontMap): Promise<PdfResult[]> {
  if (models.length === 0) return [];
  if (models.length === 1) return [await renderer.render(models[0], fonts)];
  const base: HtmlOptions = { fontCss: fonts.fontCss };
  const plans = models.map(planLayout);

  // Pass 1: every document's probe (or the document itself), markers on.
  let head = '';
  const probes = models.map((m, k) => {
    const { head: h, body } = split(renderHtml(plans[k].probe ?? m, { ...base, markers: true }));
    head ||= h;
    return `<div class="gw-doc">${tagMarkers(body, k)}</div>`;
  });
  const first = await renderer.print(combine(head, probes), fonts, false, false);
  const { hits } = await readMarkers(first);
  const byDoc: MarkerHit[][] = models.map(() => []);
  for (const h of hits) {
    const m = /^d(\d+)~(.*)$/s.exec(h.name);
    if (m) byDoc[Number(m[1])].push({ ...h, name: m[2] });
  }
  // Rebase pages to each document's first page (its first section's marker).
  const starts = byDoc.map((hs) => hs.find((h) => h.name === sectionMarkName(0))?.page);
  if (starts.some((s) => s === undefined)) return Promise.all(models.map((m) => renderer.render(m, fonts)));
  const pass1Pages = starts.map((s, k) => (k + 1 < starts.length ? starts[k + 1]! : Infinity) - s!);
  const facts = models.map((m, k) => {
    const rebased = byDoc[k].map((h) => ({ ...h, page: h.page - starts[k]! + 1 }));
    const last = Math.max(1, ...rebased.map((h) => h.page));
    if (!Number.isFinite(pass1Pages[k])) pass1Pages[k] = last;
    return plans[k].probe ? applyLayout(m, plans[k], rebased, 0, base) : { model: m, html: base, headingPages: {} };
  });

  // Pass 2: final documents, each on an odd page after its filler(s).
  const parts: string[] = [];
  const ranges: { from: number; count: number }[] = [];
  let pages = 0;
  facts.forEach((f, k) => {
    if (k > 0) {
      // The document must start on an odd page, after at least one filler.
      const fillers = pages % 2 === 1 ? 1 : 2;
      for (let i = 0; i < fillers; i++) parts.push('<div class="gw-filler"></div>');
      pages += fillers;
    }
    const count = f.html.imprint || !plans[k].probe ? finalPages(f, pass1Pages[k]) : pass1Pages[k];
    ranges.push({ from: pages, count });
    pages += count;
    parts.push(`<div class="gw-doc">${split(renderHtml(f.model, f.html)).body}</div>`);
  });
  const printed = await renderer.print(combine(head, parts), fonts, false, false);
  const combined = await PDFDocument.load(printed, { updateMetadata: false });
  if (combined.getPageCount() !== pages) {
    // A document laid out differently in the final print than the layout pass said: the
    // cut points are unknown, so print each alone.
    return Promise.all(models.map((m) => renderer.render(m, fonts)));
  }

  const out: PdfResult[] = [];
  for (const [k, f] of facts.entries()) {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const { from, count } = ranges[k];
    const copied = await doc.copyPages(combined, Array.from({ length: count }, (_, i) => from + i));
    for (const p of copied) doc.addPage(p);
    const { bytes, pageCount } = await finalizeDoc(doc, { meta: f.model.meta, identity: identityOf(f.model, fonts), appendix: [] });
    out.push({
      pdf: bytes,
      pageCount,
      imprintPlacement: f.placement,
      headingPages: f.headingPages,
      prints: 2 / models.length,
      diagnostics: missingGlyphs(f.model, fonts),
      model: printedModel(f),
    });
  }
  return out;
}
