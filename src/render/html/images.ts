// Images of the HTML (seals): referenced by a URL of their own origin that the PDF renderer
// answers through the same request interception as the fonts (JavaScript stays off, nothing is
// fetched). The URL names the image by its SHA-256, so a document that shows the same image
// twice asks for it once, and Chromium embeds it once in the PDF.

import type { DocumentModel, SealImage } from '../../model/types.js';

export const IMAGE_ORIGIN = 'http://images.local';

const TYPES: Record<SealImage['format'], string> = { png: 'image/png', svg: 'image/svg+xml' };

/** The URL of the image file as the project holds it. */
export function sourceUrl(img: SealImage): string {
  return `${IMAGE_ORIGIN}/${img.sha256}.${img.format}`;
}

/**
 * The URL the page shows: an SVG seal's PNG drawing when the build made one (render/pdf/
 * seal-raster.ts), so that the PDF shows the same picture as the DOCX, as an image, and the
 * seal's lettering does not become text of the document (an SVG's <text> would: pdftotext
 * read it between the 署名).
 */
export function imageUrl(img: SealImage): string {
  return img.raster ? `${IMAGE_ORIGIN}/${img.sha256}.png` : sourceUrl(img);
}

export type ImageSet = Map<string, { body: Buffer; contentType: string }>;

/** Every image the models show, by URL. */
export function imagesOf(models: DocumentModel[]): ImageSet {
  const set: ImageSet = new Map();
  for (const m of models) {
    for (const s of m.sections) {
      for (const b of s.blocks) {
        if (b.type !== 'signature' || !b.seal) continue;
        for (const img of b.seal.images) {
          if (!img || set.has(imageUrl(img))) continue;
          set.set(imageUrl(img), img.raster ? { body: Buffer.from(img.raster), contentType: TYPES.png } : { body: Buffer.from(img.bytes), contentType: TYPES[img.format] });
        }
      }
    }
  }
  return set;
}
