// Reads back the layout pass: Chromium writes every link as a /Link annotation with its /Rect,
// so a marker link (http://gongwen.local/mark/<name>) tells the page and the position of the
// element it sits in. pdf-lib reads them. A batch's speculative print keeps its markers to check
// its own layout; stripMarkers removes them from the pages that go out.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFString, PDFHexString, type PDFPage } from 'pdf-lib';
import { MARK_ORIGIN } from '../html/index.js';
import type { Position } from '../../layout/measure/positions.js';

/** A marker read back: the layout stage's Position (page, top in points from the page top). */
export type MarkerHit = Position;

export async function readMarkers(pdf: Uint8Array): Promise<{ hits: MarkerHit[]; pageCount: number }> {
  return markersOf(await PDFDocument.load(pdf, { updateMetadata: false }));
}

function markerUri(annot: PDFDict | undefined): string | undefined {
  const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = action?.lookup(PDFName.of('URI'));
  const text = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : undefined;
  return text?.startsWith(MARK_ORIGIN) ? text : undefined;
}

/**
 * The marker links of a loaded PDF, one per name: a marker at a page's foot can spill a sliver
 * of its link onto the next page, and a name counts where it first appears.
 */
export function markersOf(doc: PDFDocument): { hits: MarkerHit[]; pageCount: number } {
  const hits: MarkerHit[] = [];
  const seen = new Set<string>();
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) return;
    const { height } = page.getSize();
    for (let k = 0; k < annots.size(); k++) {
      const annot = annots.lookupMaybe(k, PDFDict);
      const text = markerUri(annot);
      if (!text) continue;
      const rect = annot!.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (!rect) continue;
      const ys = [1, 3].map((j) => (rect.lookup(j) as PDFNumber).asNumber());
      const name = decodeURIComponent(text.slice(MARK_ORIGIN.length));
      if (seen.has(name)) continue;
      seen.add(name);
      hits.push({ name, page: i + 1, top: height - Math.max(...ys), pageHeight: height });
    }
  });
  return { hits, pageCount: doc.getPageCount() };
}

export { pagesByName } from '../../layout/measure/positions.js';

/** Removes the marker links from a page (other links stay). */
export function stripMarkers(page: PDFPage): void {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) return;
  const kept = annots.asArray().filter((ref) => !markerUri(page.doc.context.lookupMaybe(ref, PDFDict)));
  if (kept.length === annots.size()) return;
  if (kept.length === 0) page.node.delete(PDFName.of('Annots'));
  else page.node.set(PDFName.of('Annots'), page.doc.context.obj(kept));
}
