// Reads back the layout pass: Chromium writes every link as a /Link annotation with its /Rect,
// so a marker link (http://gongwen.local/mark/<name>) tells the page and the position of the
// element it sits in. pdf-lib reads them; the final print has no markers.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFString, PDFHexString } from 'pdf-lib';
import { MARK_ORIGIN } from '../html/index.js';

export interface MarkerHit {
  name: string;
  /** 1-based page index. */
  page: number;
  /** Top of the marker, in points from the top of its page. */
  top: number;
  pageHeight: number;
}

export async function readMarkers(pdf: Uint8Array): Promise<{ hits: MarkerHit[]; pageCount: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const hits: MarkerHit[] = [];
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) return;
    const { height } = page.getSize();
    for (let k = 0; k < annots.size(); k++) {
      const annot = annots.lookupMaybe(k, PDFDict);
      const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookup(PDFName.of('URI'));
      const text = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : undefined;
      if (!text?.startsWith(MARK_ORIGIN)) continue;
      const rect = annot!.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (!rect) continue;
      const ys = [1, 3].map((j) => (rect.lookup(j) as PDFNumber).asNumber());
      hits.push({ name: decodeURIComponent(text.slice(MARK_ORIGIN.length)), page: i + 1, top: height - Math.max(...ys), pageHeight: height });
    }
  });
  return { hits, pageCount: doc.getPageCount() };
}
