// Which pages of a new PDF look like a page of the last one, without drawing them: a key per
// page from what draws it — its box, its content stream and everything its resources hold — so
// the preview rasterizes only pages whose key is new. After a one-sentence save of the 10-page
// seed notice Chromium's content streams of pages 2–10 came out byte for byte the same, and
// pdftoppm spent 151 ms drawing all ten pages again (BENCHMARKS.md, preview row).
//
// Fonts are the exception to "everything": Chromium (Skia) subsets each font keeping the glyph
// ids of the full font (CIDToGIDMap /Identity; the codes in the content are the font's own
// glyph ids), so a subset that gained glyphs for another page still draws this page's codes
// with the same outlines. A Type0 font with an identity map is therefore keyed by its names,
// not by its font program (which changes with every new character anywhere in the document);
// any other font, image or form is keyed by all of its bytes.

import { createHash, type Hash } from 'node:crypto';
import type { PDFArray as PDFArrayType, PDFDict, PDFObject } from 'pdf-lib';

/** One key per page, in order. */
export async function pageKeys(pdf: Uint8Array): Promise<string[]> {
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, ParseSpeeds } = await import('pdf-lib');
  // Parsed in one go (pdf-lib's default yields to the event loop every 100 objects).
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const ctx = doc.context;
  const N = (s: string) => PDFName.of(s);
  const streams = new Map<PDFObject, string>();

  const isIdentityType0 = (d: PDFDict): boolean => {
    if (d.lookup(N('Subtype')) !== N('Type0')) return false;
    const fonts = d.lookup(N('DescendantFonts'));
    const cid = fonts instanceof PDFArray ? fonts.lookup(0) : undefined;
    return cid instanceof PDFDict && cid.lookup(N('CIDToGIDMap')) === N('Identity');
  };

  const feed = (h: Hash, obj: PDFObject | undefined, depth: number): void => {
    if (depth > 32) throw new Error('page resources nested too deep');
    if (obj instanceof PDFRef) return feed(h, ctx.lookup(obj), depth + 1);
    if (obj instanceof PDFRawStream) {
      let s = streams.get(obj);
      if (s === undefined) {
        const sh = createHash('sha256');
        feed(sh, obj.dict, depth + 1);
        sh.update(obj.contents);
        streams.set(obj, (s = sh.digest('hex')));
      }
      h.update(`stream ${s};`);
    } else if (obj instanceof PDFDict) {
      if (isIdentityType0(obj)) {
        const cid = (obj.lookup(N('DescendantFonts')) as PDFArrayType).lookup(0) as PDFDict;
        const descriptor = cid.lookup(N('FontDescriptor'));
        const name = descriptor instanceof PDFDict ? String(descriptor.lookup(N('FontName'))) : '';
        h.update(`type0 ${String(obj.lookup(N('BaseFont')))} ${String(obj.lookup(N('Encoding')))} ${String(cid.lookup(N('BaseFont')))} ${name};`);
        return;
      }
      h.update('<<');
      for (const [k, v] of [...obj.entries()].sort(([a], [b]) => (a.asString() < b.asString() ? -1 : 1))) {
        h.update(k.asString());
        feed(h, v, depth + 1);
      }
      h.update('>>');
    } else if (obj instanceof PDFArray) {
      h.update('[');
      for (const v of obj.asArray()) feed(h, v, depth + 1);
      h.update(']');
    } else h.update(`${obj === undefined ? 'null' : obj.toString()};`);
  };

  return doc.getPages().map((page) => {
    const h = createHash('sha256');
    const leaf = page.node;
    feed(h, leaf.MediaBox(), 0);
    feed(h, leaf.CropBox(), 0);
    feed(h, leaf.Rotate(), 0);
    feed(h, leaf.Contents(), 0);
    feed(h, leaf.Resources(), 0);
    return h.digest('hex').slice(0, 32);
  });
}
