// The one way gongwen makes a PDF: parts in, one Chromium print, parts out. A print costs a fixed
// 150–300 ms whatever its length (measured in BENCHMARKS.md's batch row), so every plan — one
// document, a batch of notices, the pages of a long list, a notice whose annex another notice's
// print carries — stacks its parts into one HTML and prints it once:
//
// - each part starts on a new page; before it, one or two filler pages whose named page rule sets
//   the page counter (`counter-set: page N-1`: seen in Chromium 156 to carry on to the following
//   pages; counter-reset does not), so that the part's first page carries the number it was laid
//   out with and falls on its side of the sheet (odd numbers on right-hand pages);
// - every marker of part k is renamed `p<k>~name`, each filler carries a marker of its own, so
//   where each part's pages are is read back, not assumed;
// - pages after a part's planned count that hold none of its markers (a table ending flush with
//   the foot pushes its closing border onto one) are dropped: no page carries only a border;
// - the markers are read and then taken off every page.
//
// The plans (documents.ts, sliced.ts) check each part's positions against the facts it was laid
// out with and keep it, print it again, or lay it out from what was measured.
import { PDFDocument } from 'pdf-lib';
import type { FontMap } from '../../fonts/index.js';
import { MARK_ORIGIN, markLink, type ImageSet } from '../html/index.js';
import { markersOf, removeMarkers, type MarkerHit } from './markers.js';

/** Chromium's print, as the executor uses it (PdfRenderer in pdf-renderer.ts). */
export interface Printer {
  print(html: string, fonts: FontMap, outline: boolean, tagged: boolean, images?: ImageSet): Promise<Uint8Array>;
}

export interface Part {
  /** renderBody's output, its markers on. */
  body: string;
  /** The number its first page carries (1 for a document); its side of the sheet follows. */
  firstPage: number;
  /** Physical pages it was laid out to take; undefined for a layout print (as many as it takes). */
  pages?: number;
}

export interface PrintOptions {
  /** documentHead's output: the same for every print of a run (the page keeps its fonts). */
  head: string;
  images: ImageSet;
  /** Bookmarks and tags: only for a print of one document that goes out whole. */
  outline?: boolean;
  tagged?: boolean;
}

export interface PartPrint {
  /** 0-based indexes of the part's pages in the print. */
  pages: number[];
  /** Its markers, pages counted from its own first page. */
  hits: MarkerHit[];
  /** It began on the wrong side of the sheet: a part before it ran longer or shorter than laid out. */
  shifted: boolean;
}

export interface Printed {
  /** The whole print, markers taken off. */
  doc: PDFDocument;
  parts: PartPrint[];
}

const FILLER = 'gw-filler';
const partPrefix = (k: number) => `p${k}~`;
const fillerMark = (k: number) => `${FILLER}~${k}`;
const FILLER_MARK = new RegExp(`^${FILLER}~(\\d+)$`);

/** Fillers before a part: at least one (it carries the counter), and the part's first page on its side. */
function fillersBefore(k: number, physicalSoFar: number, firstPage: number): number {
  if (k === 0 && firstPage === 1) return 0;
  // The part's first physical page (1-based) is physicalSoFar + fillers + 1; odd pages are right-hand.
  return (physicalSoFar + 2 - firstPage) % 2 === 0 ? 1 : 2;
}

function fillerCss(firstPages: number[]): string {
  const rules = [...new Set(firstPages)].map(
    (n) => `@page ${FILLER}-${n} { counter-set: page ${n - 1}; @bottom-right { content: none; } @bottom-left { content: none; } }
.${FILLER}-${n} { page: ${FILLER}-${n}; }`,
  );
  return `${rules.join('\n')}
.${FILLER} { break-before: page; height: 1mm; position: relative; }
.${FILLER}:first-child { break-before: auto; }
.gw-part + .gw-part, .${FILLER} + .gw-part { break-before: page; }`;
}

/** The parts, stacked into one HTML document. */
export function stackParts(head: string, parts: Part[]): { html: string; fillers: number[] } {
  const out: string[] = [];
  const fillers: number[] = [];
  let planned = 0;
  parts.forEach((part, k) => {
    const f = fillersBefore(k, planned, part.firstPage);
    fillers.push(f);
    for (let i = 0; i < f; i++) out.push(`<div class="${FILLER} ${FILLER}-${part.firstPage}">${i === 0 ? markLink(fillerMark(k)) : ''}</div>`);
    planned += f + (part.pages ?? 1);
    const body = part.body.split(MARK_ORIGIN).join(MARK_ORIGIN + partPrefix(k));
    // One document alone is printed as it is, without a wrapper.
    out.push(parts.length === 1 && f === 0 ? body : `<div class="gw-part">${body}</div>`);
  });
  const css = fillers.some((f) => f > 0) ? `<style>\n${fillerCss(parts.map((p) => p.firstPage))}\n</style>\n` : '';
  return { html: `${head}<body>\n${css}${out.join('\n')}\n</body>\n</html>\n`, fillers };
}

/** Prints the parts in one Chromium print and reads back where each one's pages are. */
export async function printParts(printer: Printer, parts: Part[], fonts: FontMap, opts: PrintOptions): Promise<Printed> {
  const { html, fillers } = stackParts(opts.head, parts);
  const bytes = await printer.print(html, fonts, opts.outline ?? false, opts.tagged ?? false, opts.images);
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { hits, pageCount } = markersOf(doc);
  removeMarkers(doc);
  // Where each part's fillers begin (the first filler carries the marker), and so where it starts.
  const fillerPage = new Map<number, number>();
  const byPart: MarkerHit[][] = parts.map(() => []);
  for (const h of hits) {
    const f = FILLER_MARK.exec(h.name);
    if (f) {
      fillerPage.set(Number(f[1]), h.page);
      continue;
    }
    const m = /^p(\d+)~(.*)$/s.exec(h.name);
    if (m) byPart[Number(m[1])]?.push({ ...h, name: m[2] });
  }
  const starts = parts.map((_, k) => (fillers[k] === 0 ? 1 : (fillerPage.get(k) ?? NaN) + fillers[k]));
  if (starts.some((s) => !Number.isFinite(s))) throw new Error('a combined print lost its filler pages');
  return {
    doc,
    parts: parts.map((part, k) => {
      const from = starts[k];
      const next = k + 1 < parts.length ? (fillerPage.get(k + 1) ?? NaN) : pageCount + 1;
      const hs = byPart[k].map((h) => ({ ...h, page: h.page - from + 1 }));
      let count = next - from;
      // Pages past the plan that hold none of its markers hold nothing of it (a border, a number).
      if (part.pages !== undefined && count > part.pages && !hs.some((h) => h.page > part.pages!)) count = part.pages;
      return {
        pages: Array.from({ length: Math.max(0, count) }, (_, i) => from - 1 + i),
        hits: hs,
        shifted: (from - part.firstPage) % 2 !== 0,
      };
    }),
  };
}

/** A part's pages as a document of their own (a print of one part that goes out whole is kept as it is). */
export async function cutPart(printed: Printed, part: PartPrint): Promise<PDFDocument> {
  const { doc } = printed;
  if (printed.parts.length === 1) {
    // Bookmarks and tags survive only in the print itself: drop the extra pages, copy nothing.
    for (let i = doc.getPageCount() - 1; i >= 0; i--) if (!part.pages.includes(i)) doc.removePage(i);
    return doc;
  }
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const p of await out.copyPages(doc, part.pages)) out.addPage(p);
  return out;
}
